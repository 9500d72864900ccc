//! The same options give a byte-identical tree and the same commit ids; another seed does not.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use protogate_gen_corpus::{Options, generate};

fn tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                files
                    .push((path.strip_prefix(root).expect("under root").to_path_buf(), fs::read(&path).expect("read")));
            }
        }
    }
    files.sort();
    files
}

fn head(root: &Path) -> String {
    let output = Command::new("git").args(["rev-parse", "HEAD"]).current_dir(root).output().expect("git");
    String::from_utf8(output.stdout).expect("utf-8").trim().to_owned()
}

#[test]
fn same_options_same_tree_and_history() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let run = |name: &str, seed: u64| {
        let out = scratch.path().join(name);
        let summary =
            generate(&Options { out: out.clone(), files: 60, commits: 20, seed, force: false }).expect("generate");
        assert_eq!(summary.commits, 20);
        out
    };
    let (first, second, other) = (run("a", 8), run("b", 8), run("c", 9));
    let files = tree(&first);
    assert!(files.len() >= 60, "{} files", files.len());
    assert!(files.iter().any(|(path, _)| path.ends_with("acme/api/annotations.proto")));
    assert!(files.iter().any(|(path, _)| path.ends_with("buf.yaml")));
    assert!(files == tree(&second), "two runs with the same options wrote different trees");
    assert_eq!(head(&first), head(&second));
    assert!(files != tree(&other), "another seed wrote the same tree");
}

#[test]
fn refuses_to_overwrite_without_force() {
    let scratch = tempfile::tempdir().expect("tempdir");
    fs::write(scratch.path().join("keep.txt"), "x").expect("write");
    let options = Options { out: scratch.path().to_path_buf(), files: 20, commits: 1, seed: 8, force: false };
    let error = generate(&options).err().expect("an error");
    assert!(error.to_string().contains("--force"), "{error}");
    assert!(scratch.path().join("keep.txt").exists());
}
