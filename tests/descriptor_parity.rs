//! `protogate build` and `buf build` produce the same descriptors.
//!
//! Normalisation (and why): source info is excluded on both sides (`--exclude-source-info`),
//! because spans are compared by the lint tests in buf's own columns; nothing else is changed.
//! Files are compared by name and order.

mod support;

use prost::Message;
use prost_types::FileDescriptorSet;
use support::{buf, code, protogate, repo_root, run};

fn build_both(input: &str) -> (FileDescriptorSet, FileDescriptorSet) {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.binpb");
    let theirs = dir.path().join("theirs.binpb");
    let out = run(&protogate(), &["build", input, "--exclude-source-info", "-o", ours.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "protogate build {input}: {}", String::from_utf8_lossy(&out.stderr));
    let out = run(buf(), &["build", input, "--exclude-source-info", "-o", theirs.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "buf build {input}: {}", String::from_utf8_lossy(&out.stderr));
    let decode = |p: &std::path::Path| FileDescriptorSet::decode(std::fs::read(p).unwrap().as_slice()).unwrap();
    (decode(&ours), decode(&theirs))
}

fn assert_same(input: &str) {
    let (ours, theirs) = build_both(input);
    let names = |s: &FileDescriptorSet| s.file.iter().map(|f| f.name().to_owned()).collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs), "file order for {input}");
    for (a, b) in ours.file.iter().zip(&theirs.file) {
        similar_asserts::assert_eq!(a, b, "descriptor of {} in {input}", a.name());
    }
}

#[test]
fn reference_protos_match_buf() {
    assert_same("proto");
}

#[test]
fn editions_fixtures_match_buf() {
    let root = repo_root().join("fixtures/editions");
    let mut count = 0;
    for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            assert_same(&format!("fixtures/editions/{}", entry.file_name().to_string_lossy()));
            count += 1;
        }
    }
    assert!(count >= 10, "expected at least 10 editions fixtures, found {count}");
}
