//! Answer sheets: any bytes are parsed or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| grill::fuzzing::sheet(data));
