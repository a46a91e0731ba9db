//! The CLI end to end, as a user runs it: the real binary, a clean
//! environment and a temporary directory per test. One test binary, one
//! module per area.

mod editing;
mod escapes;
mod follow_ups;
mod fuzz_regressions;
mod grade;
mod harness;
mod history;
mod hostile;
mod import;
mod interview;
mod kill;
mod live;
mod misconceptions;
mod place;
mod review;
mod rounds;
mod selfgrade;
mod shell;
mod validation;
mod widths;
mod writers;
