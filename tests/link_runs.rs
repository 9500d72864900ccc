//! Linking in many runs (a pool each, dropped as soon as its files are out) gives exactly what one
//! run gives: the same image bytes (descriptors, custom options, source info, file order) and
//! the same lint findings, however the targets are cut.

mod support;

use std::{path::Path, process::Command};

use protogate_gen_corpus::{Options, generate};
use support::protogate;

fn protogate_in(dir: &Path, runs: &str, args: &[&str]) -> std::process::Output {
    Command::new(protogate())
        .args(args)
        .current_dir(dir)
        .env("PROTOGATE_LINK_RUNS", runs)
        .env("NO_COLOR", "1")
        .output()
        .expect("spawn protogate")
}

#[test]
fn any_number_of_link_runs_builds_the_same_image_and_findings() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let corpus = scratch.path().join("corpus");
    let summary =
        generate(&Options { out: corpus.clone(), files: 240, commits: 1, seed: 11, force: false }).expect("corpus");
    assert!(summary.files >= 240, "{} files", summary.files);

    let mut reference: Option<(Vec<u8>, Vec<u8>)> = None;
    for runs in ["1", "2", "5", "33", "500"] {
        let image = scratch.path().join(format!("image-{runs}.binpb"));
        let build = protogate_in(&corpus, runs, &["build", ".", "-o", image.to_str().expect("utf-8 path")]);
        assert!(build.status.success(), "build with {runs} runs: {}", String::from_utf8_lossy(&build.stderr));
        let lint = protogate_in(&corpus, runs, &["lint", "."]);
        assert_eq!(lint.status.code(), Some(100), "lint with {runs} runs: {}", String::from_utf8_lossy(&lint.stderr));
        let image = std::fs::read(&image).expect("image written");
        match &reference {
            None => {
                assert!(image.len() > 1_000_000, "a {}-byte image is too small to mean much", image.len());
                assert!(
                    lint.stdout.len() > 1_000,
                    "too few findings to compare:\n{}",
                    String::from_utf8_lossy(&lint.stdout)
                );
                reference = Some((image, lint.stdout));
            }
            Some((one_image, one_lint)) => {
                assert!(image == *one_image, "the image built with {runs} runs differs from one run's");
                similar_asserts::assert_eq!(
                    String::from_utf8_lossy(&lint.stdout),
                    String::from_utf8_lossy(one_lint),
                    "lint findings with {runs} runs"
                );
            }
        }
    }
}
