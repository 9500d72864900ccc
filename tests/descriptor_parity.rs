//! `protogate build` and `buf build` produce the same descriptors.
//!
//! Normalisation (and why): the descriptor tests exclude source info on both sides
//! (`--exclude-source-info`); source info is compared by its own test, for the files compiled
//! from source only: buf also carries source info for the well-known types it bundles as .proto
//! text, while protogate takes them precompiled from prost-reflect. Files are compared by name
//! and order. `google/protobuf/descriptor.proto` itself is not compared (see `assert_same`).

mod support;

use prost::Message;
use prost_types::FileDescriptorSet;
use support::{buf, code, protogate, repo_root, run};

fn build_both(input: &str) -> (FileDescriptorSet, FileDescriptorSet) {
    build_both_with(input, &["--exclude-source-info"])
}

fn build_both_with(input: &str, flags: &[&str]) -> (FileDescriptorSet, FileDescriptorSet) {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.binpb");
    let theirs = dir.path().join("theirs.binpb");
    let out = run(&protogate(), &[&["build", input, "-o", ours.to_str().unwrap()], flags].concat());
    assert_eq!(code(&out), 0, "protogate build {input}: {}", String::from_utf8_lossy(&out.stderr));
    let out = run(buf(), &[&["build", input, "-o", theirs.to_str().unwrap()], flags].concat());
    assert_eq!(code(&out), 0, "buf build {input}: {}", String::from_utf8_lossy(&out.stderr));
    let decode = |p: &std::path::Path| FileDescriptorSet::decode(std::fs::read(p).unwrap().as_slice()).unwrap();
    (decode(&ours), decode(&theirs))
}

fn assert_same(input: &str) {
    let (ours, theirs) = build_both(input);
    let names = |s: &FileDescriptorSet| s.file.iter().map(|f| f.name().to_owned()).collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs), "file order for {input}");
    // buf bundles a newer google/protobuf/descriptor.proto than prost-reflect's (extension
    // declarations, newer features); the difference is in that imported well-known file only.
    for (a, b) in ours.file.iter().zip(&theirs.file).filter(|(a, _)| a.name() != "google/protobuf/descriptor.proto") {
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

#[test]
fn reference_protos_source_info_matches_buf() {
    let (ours, theirs) = build_both_with("proto", &[]);
    let mut compared = 0;
    for (a, b) in ours.file.iter().zip(&theirs.file).filter(|(a, _)| !a.name().starts_with("google/protobuf/")) {
        similar_asserts::assert_eq!(a.source_code_info, b.source_code_info, "source info of {}", a.name());
        compared += 1;
    }
    assert!(compared >= 5, "compared {compared} files");
}
