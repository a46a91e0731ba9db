//! The importer: any document becomes a bank that parses back, or a clear
//! error — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| grill::fuzzing::import(data));
