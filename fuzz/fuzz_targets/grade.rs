//! The grader, through the batch interface: any JSON lines, any answers,
//! free references and bank questions — a score in 0–100, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| grill::fuzzing::grade(data));
