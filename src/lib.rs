//! grill — a mock-interview simulator for the terminal.
//!
//! The flow is banks → plan → answers → grade → report:
//! [`catalog`] loads and checks [`bank`]s and [`scenario`]s, [`plan`] picks
//! an interview's questions, [`sheet`] reads answers from a file,
//! [`grade`] scores each answer, [`report`] sums them up and [`export`]
//! writes them out. The command line lives in the binary (`src/main.rs`, `src/cli/`): the
//! library knows neither clap nor command-line flags.

pub mod atomic;
pub mod bank;
pub mod batch;
pub mod calibration;
pub mod catalog;
pub mod config;
pub mod diagnostic;
pub mod drill;
pub mod escape;
pub mod export;
pub mod fasthash;
pub mod fuzzing;
pub mod grade;
pub mod history;
pub mod import;
pub mod input;
pub mod layout;
pub mod paths;
pub mod plan;
pub mod progress;
pub mod report;
pub mod scenario;
pub mod selfgrade;
pub mod session;
pub mod sheet;
pub mod text;

#[cfg(test)]
mod fixtures;
