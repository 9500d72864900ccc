//! Release-aware `breaking`: `--against-latest-tag` and `--since REF --each-commit`, on
//! throwaway repositories with semver, pre-release and non-semver tags.

#[path = "support/git_repo.rs"]
mod git_repo;

use std::fmt::Write;

use git_repo::{PRODUCT_PATH, TestRepo, text};

/// v1.0.0 (lightweight) → v1.1.0 (annotated, adds a field) → price deleted, tagged
/// v2.0.0-rc.1, `nightly` and `v2` (not semver) → a README commit → status made a string; plus
/// v9.0.0 on a branch HEAD never merged.
fn released_repo() -> TestRepo {
    let mut repo = TestRepo::seed();
    repo.tag("v1.0.0", false);
    repo.edit(PRODUCT_PATH, "  Status status = 4;\n", "  Status status = 4;\n  string description = 5;\n");
    repo.commit("Ada Lovelace", "Add Product.description");
    repo.tag("v1.1.0", true);
    let v1_1 = repo.head();
    repo.edit(PRODUCT_PATH, "  int64 price = 3;\n", "");
    repo.commit("Grace Hopper", "Drop Product.price");
    for name in ["v2.0.0-rc.1", "nightly", "v2"] {
        repo.tag(name, false);
    }
    repo.write("README.md", "shop API\n");
    repo.commit("Ada Lovelace", "Describe the repository");
    repo.edit(PRODUCT_PATH, "  Status status = 4;\n", "  string status = 4;\n");
    repo.commit("Alan Turing", "Make Product.status a string");
    // A release on a branch that HEAD does not contain must never be chosen.
    {
        let base = repo.repo.find_commit(v1_1).unwrap();
        let who = git2::Signature::new("Side", "side@example.com", &git2::Time::new(1_764_000_000, 0)).unwrap();
        let side =
            repo.repo.commit(Some("refs/heads/side"), &who, &who, "side", &base.tree().unwrap(), &[&base]).unwrap();
        repo.repo.tag_lightweight("v9.0.0", &repo.repo.find_object(side, None).unwrap(), false).unwrap();
    }
    repo
}

#[test]
fn latest_tag_is_the_highest_reachable_semver_release() {
    let repo = released_repo();
    let (code, stdout, stderr) = text(&repo.protogate(&["breaking", "proto", "--against-latest-tag"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stderr.starts_with("comparing against tag v2.0.0-rc.1 (2.0.0-rc.1, commit "), "{stderr}");
    // Only the change made after the rc: price was already gone there.
    insta::assert_snapshot!("latest_tag_rc", stdout);

    let (code, stdout, stderr) = text(&repo.protogate(&["breaking", "proto", "--against-latest-tag=v1.*"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stderr.starts_with("comparing against tag v1.1.0 (1.1.0, commit "), "{stderr}");
    assert!(stdout.contains("\"price\"") && stdout.contains("\"status\""), "{stdout}");

    // The same from inside the module, and with a git input naming HEAD's branch.
    let (code, _, stderr) =
        text(&git_repo::protogate_in(&repo.path().join("proto"), &["breaking", ".", "--against-latest-tag=v1.1.*"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stderr.contains("tag v1.1.0"), "{stderr}");
    let (code, _, stderr) =
        text(&repo.protogate(&["breaking", ".git#branch=main,subdir=proto", "--against-latest-tag=v1.0.0"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stderr.contains("tag v1.0.0 (1.0.0"), "{stderr}");
}

#[test]
fn pre_releases_rank_below_their_release() {
    let mut repo = released_repo();
    repo.tag("v2.0.0", false);
    repo.edit(PRODUCT_PATH, "  STATUS_RETIRED = 2;\n", "");
    repo.commit("Grace Hopper", "Drop STATUS_RETIRED");
    repo.tag("v2.1.0-beta.1", true);
    repo.tag("v2.0.1-rc.1", false);
    let (_, _, stderr) = text(&repo.protogate(&["breaking", "proto", "--against-latest-tag"]));
    assert!(stderr.starts_with("comparing against tag v2.1.0-beta.1 "), "{stderr}");
    let (_, _, stderr) = text(&repo.protogate(&["breaking", "proto", "--against-latest-tag=v2.0.*"]));
    assert!(stderr.starts_with("comparing against tag v2.0.1-rc.1 "), "{stderr}");
    let (code, stdout, stderr) = text(&repo.protogate(&["breaking", "proto", "--against-latest-tag=v2.0.0*"]));
    assert!(stderr.starts_with("comparing against tag v2.0.0 (2.0.0,"), "{stderr}");
    assert_eq!(code, 100);
    assert!(stdout.contains("enum value \"2\" on enum \"Status\" was deleted"), "{stdout}");
}

#[test]
fn latest_tag_failures_say_why() {
    let repo = released_repo();
    let plain = tempfile::tempdir().unwrap();
    std::fs::create_dir(plain.path().join("proto")).unwrap();
    std::fs::write(plain.path().join("proto/a.proto"), "syntax = \"proto3\";\npackage a.v1;\n").unwrap();
    let mut transcript = String::new();
    for (dir, args) in [
        (repo.path(), vec!["breaking", "proto", "--against-latest-tag=release-*"]),
        (repo.path(), vec!["breaking", "proto", "--against-latest-tag=night*"]),
        (repo.path(), vec!["breaking", "proto", "--against-latest-tag=v9.*"]),
        (repo.path(), vec!["breaking", "proto", "--against-latest-tag", "--against", ".git#branch=main"]),
        (repo.path(), vec!["breaking", "proto"]),
        (plain.path(), vec!["breaking", "proto", "--against-latest-tag"]),
    ] {
        let (code, stdout, stderr) = text(&git_repo::protogate_in(dir, &args));
        assert_ne!(code, 0, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        let stderr = stderr.replace(&plain.path().display().to_string(), "$TMP");
        write!(transcript, "$ protogate {}\n[exit {code}]\n{stderr}\n", args.join(" ")).unwrap();
    }
    insta::assert_snapshot!(transcript);
}

#[test]
fn each_commit_names_the_commit_that_introduced_each_break() {
    let mut repo = released_repo();
    // A break made and reverted inside the range is not at HEAD, so it is not reported.
    repo.edit(PRODUCT_PATH, "  string name = 2;\n", "");
    repo.commit("Grace Hopper", "Drop Product.name");
    repo.edit(PRODUCT_PATH, "  string id = 1;\n", "  string id = 1;\n  string name = 2;\n");
    repo.commit("Grace Hopper", "Restore Product.name");
    let (code, stdout, stderr) = text(&repo.protogate(&["breaking", "proto", "--since", "v1.0.0", "--each-commit"]));
    assert_eq!(code, 100, "{stderr}");
    assert_eq!(
        stderr,
        "checked 5 of 6 first-parent commit(s) since v1.0.0 (the others left the input's directory unchanged); 2 breaking change(s) at HEAD\n"
    );
    insta::assert_snapshot!("each_commit_text", stdout);
    let (code, json, _) =
        text(&repo.protogate(&["breaking", "proto", "--since", "v1.0.0", "--each-commit", "--error-format", "json"]));
    assert_eq!(code, 100);
    for line in json.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["commit"]["sha"].as_str().unwrap().len(), 40, "{line}");
    }
    insta::assert_snapshot!("each_commit_json", json);
    // No break since the rc's successor: clean.
    let (code, stdout, stderr) = text(&repo.protogate(&["breaking", "proto", "--since", "HEAD~1", "--each-commit"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
}

#[test]
fn each_commit_skips_commits_that_do_not_compile() {
    let mut repo = released_repo();
    repo.edit(PRODUCT_PATH, "  string id = 1;\n", "  string id = 1\n");
    repo.commit("Grace Hopper", "Oops");
    repo.edit(PRODUCT_PATH, "  string id = 1\n", "  bytes id = 1;\n");
    repo.commit("Grace Hopper", "Fix the syntax, make id bytes");
    let (code, stdout, stderr) = text(&repo.protogate(&["breaking", "proto", "--since", "v1.1.0", "--each-commit"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stderr.contains("1 did not compile"), "{stderr}");
    let id_line = stdout.lines().position(|l| l.contains("\"id\"")).expect(&stdout);
    assert!(stdout.lines().nth(id_line + 1).unwrap().ends_with(": Fix the syntax, make id bytes"), "{stdout}");
    // HEAD not compiling is reported like breaking does: compile errors, exit 100.
    repo.edit(PRODUCT_PATH, "  bytes id = 1;\n", "  bytes id = 1\n");
    repo.commit("Grace Hopper", "Break the syntax");
    let (code, _, stderr) = text(&repo.protogate(&["breaking", "proto", "--since", "v1.1.0", "--each-commit"]));
    assert_eq!(code, 100);
    assert!(stderr.contains("product.proto:"), "{stderr}");
    let (code, _, stderr) = text(&repo.protogate(&["breaking", "proto", "--since", "side", "--each-commit"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("is not an ancestor of HEAD"), "{stderr}");
}

#[test]
fn linked_worktrees_work() {
    let repo = released_repo();
    let linked = tempfile::tempdir().unwrap();
    let tree = linked.path().join("tree");
    let status = std::process::Command::new("git")
        .args(["worktree", "add", "-q", "--detach"])
        .arg(&tree)
        .arg("main")
        .current_dir(repo.path())
        .status()
        .unwrap();
    assert!(status.success());
    let (code, stdout, stderr) =
        text(&git_repo::protogate_in(&tree, &["breaking", "proto", "--since", "v1.1.0", "--each-commit"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stdout.contains("introduced by") && stdout.contains("Drop Product.price"), "{stdout}");
    let (code, _, stderr) = text(&git_repo::protogate_in(&tree, &["breaking", "proto", "--against-latest-tag"]));
    assert_eq!(code, 100, "{stderr}");
    assert!(stderr.contains("tag v2.0.0-rc.1"), "{stderr}");
}
