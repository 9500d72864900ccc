//! Config bytes as each of the three config files: buf.yaml (v1beta1, v1, v2), buf.work.yaml
//! and buf.gen.yaml. Errors are expected; panics and aborts are findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protogate::config::{parse_buf_gen_yaml, parse_buf_work_yaml, parse_buf_yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = parse_buf_yaml(text, "buf.yaml");
    let _ = parse_buf_work_yaml(text, "buf.work.yaml");
    let _ = parse_buf_gen_yaml(text, "buf.gen.yaml");
});
