//! Git inputs against throwaway repositories: refs of every kind, subdirectories, shallow
//! clones, and the seed's evolution story compared with buf (which clones; we read in place).

mod support;

use std::{
    fmt::Write,
    path::Path,
    process::{Command, Output},
};

use git2::{Repository, Signature};

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

/// Commits the whole work tree of `repo` on its current branch.
fn commit(repo: &Repository, message: &str) -> git2::Oid {
    let mut index = repo.index().unwrap();
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let signature = Signature::now("test", "test@example.com").unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repo.commit(Some("HEAD"), &signature, &signature, message, &tree, &parents).unwrap()
}

fn protogate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protogate")).args(args).current_dir(dir).output().unwrap()
}

fn text(output: &Output) -> (i32, String, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const BUF_YAML: &str = "version: v2\nmodules:\n  - path: proto\nbreaking:\n  use: [FILE]\n";

const PRODUCT: &str = r#"syntax = "proto3";

package shop.v1;

message Product {
  string id = 1;
  string name = 2;
  int64 price = 3;
  Status status = 4;
}

enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
  STATUS_RETIRED = 2;
}
"#;

fn seed_repo() -> (tempfile::TempDir, Repository) {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    repo.set_head("refs/heads/main").unwrap();
    write(dir.path(), "buf.yaml", BUF_YAML);
    write(dir.path(), "proto/shop/v1/product.proto", PRODUCT);
    commit(&repo, "first");
    (dir, repo)
}

#[test]
fn refs_of_every_kind_resolve_in_place() {
    let (dir, repo) = seed_repo();
    let first = repo.head().unwrap().peel_to_commit().unwrap().id();
    repo.tag_lightweight("v1.0.0", &repo.find_object(first, None).unwrap(), false).unwrap();
    write(dir.path(), "proto/shop/v1/product.proto", &PRODUCT.replace("  int64 price = 3;\n", ""));
    commit(&repo, "drop price");
    let path = dir.path();
    let sha = first.to_string();
    for against in [
        ".git#tag=v1.0.0".to_owned(),
        format!(".git#commit={sha}"),
        ".git#ref=HEAD~1".to_owned(),
        format!(".git#ref={}", &sha[..8]),
        ".git#branch=main,ref=HEAD~1".to_owned(),
    ] {
        let (code, stdout, stderr) =
            text(&protogate(path, &["breaking", "proto", "--against", &format!("{against},subdir=proto")]));
        assert_eq!(code, 100, "{against}: {stderr}");
        assert!(stdout.contains("Previously present field \"3\" with name \"price\""), "{against}: {stdout}");
    }
    let (code, stdout, _) =
        text(&protogate(path, &["breaking", "proto", "--against", ".git#branch=main,subdir=proto"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "against itself");
    // From a subdirectory the repository is `../.git`.
    let (code, _, stderr) =
        text(&protogate(&path.join("proto"), &["breaking", ".", "--against", "../.git#ref=HEAD~1,subdir=proto"]));
    assert_eq!(code, 100, "{stderr}");
}

#[test]
fn bad_refs_fail_with_what_to_run() {
    let (dir, _repo) = seed_repo();
    let mut transcript = String::new();
    for against in [
        ".git#branch=nope",
        ".git#tag=v9",
        ".git#commit=0123456789012345678901234567890123456789",
        ".git#ref=HEAD~5",
        ".git#branch=main,tag=v1",
        ".git#subdir=missing",
        "nowhere/.git#branch=main",
        ".git#colour=blue",
    ] {
        let (code, stdout, stderr) = text(&protogate(dir.path(), &["breaking", "proto", "--against", against]));
        assert_eq!(code, 1, "{against}: {stdout}{stderr}");
        assert!(stdout.is_empty(), "{against}: a failure prints no findings");
        write!(transcript, "$ protogate breaking proto --against '{against}'\n{stderr}").unwrap();
    }
    insta::assert_snapshot!(transcript);
}

#[test]
fn shallow_clones_work_against_head_and_explain_missing_history() {
    let (dir, repo) = seed_repo();
    for i in 0..3 {
        write(
            dir.path(),
            "proto/shop/v1/extra.proto",
            &format!("syntax = \"proto3\";\npackage shop.v1;\nmessage Extra{i} {{}}\n"),
        );
        commit(&repo, &format!("extra {i}"));
    }
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().display());
    let status =
        Command::new("git").args(["clone", "-q", "--depth", "1", &url]).arg(clone.path().join("c")).status().unwrap();
    assert!(status.success());
    let work = clone.path().join("c");
    let (code, stdout, stderr) =
        text(&protogate(&work, &["breaking", "proto", "--against", ".git#ref=HEAD,subdir=proto"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let (code, _, stderr) =
        text(&protogate(&work, &["breaking", "proto", "--against", ".git#ref=HEAD~5,subdir=proto"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("shallow") && stderr.contains("git fetch --deepen"), "{stderr}");
}

/// The seed's story: every breaking edit is reported exactly as buf reports it.
#[test]
fn seed_story_matches_buf() {
    let edits: [(&str, &str, &str); 7] = [
        ("reuse a deleted field number", "  int64 price = 3;\n", "  string price_label = 3;\n"),
        ("change a field's type", "  int64 price = 3;\n", "  string price = 3;\n"),
        ("rename a field (wire-safe, JSON-breaking)", "  string name = 2;\n", "  string title = 2;\n"),
        ("delete a field without reserving it", "  int64 price = 3;\n", ""),
        ("delete an enum value without reserving it", "  STATUS_RETIRED = 2;\n", ""),
        ("reserve the deleted field", "  int64 price = 3;\n", "  reserved 3;\n  reserved \"price\";\n"),
        (
            "reserve the deleted enum value",
            "  STATUS_RETIRED = 2;\n",
            "  reserved 2;\n  reserved \"STATUS_RETIRED\";\n",
        ),
    ];
    for (what, from, to) in edits {
        for config in ["FILE", "WIRE_JSON", "WIRE"] {
            let (dir, _repo) = seed_repo();
            write(dir.path(), "buf.yaml", &BUF_YAML.replace("[FILE]", &format!("[{config}]")));
            write(dir.path(), "proto/shop/v1/product.proto", &PRODUCT.replace(from, to));
            let args = ["breaking", "proto", "--against", ".git#branch=main,subdir=proto"];
            let ours = text(&protogate(dir.path(), &args));
            let theirs = Command::new(support::buf()).args(args).current_dir(dir.path()).output().unwrap();
            let theirs = text(&theirs);
            assert_eq!((ours.0, &ours.1), (theirs.0, &theirs.1), "{what} ({config})");
            if what.starts_with("reserve") && config != "FILE" {
                assert_eq!(ours.0, 0, "a reserved deletion is not breaking on the wire ({config}): {}", ours.1);
            }
            if what.starts_with("delete") || what.starts_with("change") {
                assert_eq!(ours.0, 100, "{what} must be reported ({config})");
            }
        }
    }
}
