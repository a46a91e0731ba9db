//! Bank, scenario and alias files: any text must parse or be refused with
//! diagnostics — never panic. The first byte picks the kind of file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| grill::fuzzing::content(data));
