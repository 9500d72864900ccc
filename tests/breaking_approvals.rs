//! Breaking-change approvals on throwaway git repositories: comment directives on the element
//! (or, for a deletion, on the enclosing element), an approvals file pinned to the against
//! commit that stops applying once the comparison moves on, unused approvals, and bad files.

mod support;

use std::{
    path::Path,
    process::{Command, Output},
};

use git2::{Repository, Signature};

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

fn commit(repo: &Repository, message: &str) -> String {
    let mut index = repo.index().unwrap();
    index.add_all(["proto/*", "buf.yaml"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.update_all(["proto/*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let signature = Signature::now("test", "test@example.com").unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repo.commit(Some("HEAD"), &signature, &signature, message, &tree, &parents).unwrap().to_string()
}

fn protogate(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_protogate")).args(args).current_dir(dir).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const BUF_YAML: &str = "version: v2\nmodules:\n  - path: proto\nbreaking:\n  use: [FILE]\n";
const PRODUCT: &str = "proto/shop/v1/product.proto";

/// The product message with `fields` (one per line) and `comment` above it.
fn product(comment: &str, fields: &str) -> String {
    format!("syntax = \"proto3\";\n\npackage shop.v1;\n\n{comment}message Product {{\n{fields}}}\n")
}

const V1_FIELDS: &str = "  string id = 1;\n  string name = 2;\n  int64 price = 3;\n  string sku = 4;\n";

/// A repository whose HEAD has the v1 product; returns its directory and HEAD commit.
fn repository() -> (tempfile::TempDir, Repository, String) {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    write(dir.path(), "buf.yaml", BUF_YAML);
    write(dir.path(), PRODUCT, &product("", V1_FIELDS));
    let head = commit(&repo, "v1");
    (dir, repo, head)
}

#[test]
fn a_comment_on_the_enclosing_message_approves_a_deleted_field() {
    let (dir, _repo, _) = repository();
    let root = dir.path();
    let without_price = "  string id = 1;\n  string name = 2;\n  string sku = 4;\n";
    write(root, PRODUCT, &product("", without_price));
    let failing = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!(failing.0, 100);
    assert_eq!(failing.2, "", "no directive, no approvals file: nothing on stderr");

    let directive = "// protogate:breaking:ignore FIELD_NO_DELETE price moved to the Pricing service\n";
    write(root, PRODUCT, &product(directive, without_price));
    let approved = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!((approved.0, approved.1.as_str()), (0, ""));
    // The same directive does not approve another rule's break on the same message.
    let renamed = "  string id = 1;\n  string title = 2;\n  string sku = 4;\n";
    write(root, PRODUCT, &product(directive, renamed));
    let other_rule = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!(other_rule.0, 100);
    assert_eq!(
        other_rule.1,
        "proto/shop/v1/product.proto:8:3:Field \"2\" with name \"title\" on message \"Product\" changed option \"json_name\" from \"name\" to \"title\".\n\
         proto/shop/v1/product.proto:8:10:Field \"2\" on message \"Product\" changed name from \"name\" to \"title\".\n"
    );
    insta::assert_snapshot!("comment_approvals", format!("{}\n--- other rule ---\n{}", approved.2, other_rule.2));
}

#[test]
fn a_comment_without_a_reason_approves_nothing() {
    let (dir, _repo, _) = repository();
    let root = dir.path();
    let fields = "  string id = 1;\n  // protogate:breaking:ignore FIELD_SAME_TYPE\n  int32 name = 2;\n  int64 price = 3;\n  string sku = 4;\n";
    write(root, PRODUCT, &product("", fields));
    let output = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!(output.0, 100);
    assert!(output.1.contains("changed type from \"string\" to \"int32\""), "{}", output.1);
    insta::assert_snapshot!("comment_without_reason", output.2);
    let with_reason = fields.replace("FIELD_SAME_TYPE\n", "FIELD_SAME_TYPE no client reads name yet\n");
    write(root, PRODUCT, &product("", &with_reason));
    let approved = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!((approved.0, approved.1.as_str()), (0, ""));
    assert!(approved.2.contains("(FIELD_SAME_TYPE on shop.v1.Product.name, approved by proto/shop/v1/product.proto:8:3: no client reads name yet)"), "{}", approved.2);
}

#[test]
fn a_file_approval_passes_once_for_its_against_commit_only() {
    let (dir, repo, v1) = repository();
    let root = dir.path();
    write(root, PRODUCT, &product("", "  string id = 1;\n  string name = 2;\n  string sku = 4;\n"));
    let approvals = |against: &str| {
        format!(
            "version: v1\napprovals:\n  - rule: FIELD_NO_DELETE\n    element: shop.v1.Product\n    against: {against}\n    reason: price moved to the Pricing service\n"
        )
    };
    write(root, "protogate.approvals.yaml", &approvals(&v1[..12]));
    let approved = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!((approved.0, approved.1.as_str()), (0, ""));
    assert_eq!(approved.2.lines().count(), 1);
    assert!(approved.2.starts_with("APPROVED\tproto/shop/v1/product.proto:5:1:Previously present field \"3\""));
    assert!(approved.2.contains("approved by protogate.approvals.yaml:3:5: price moved"), "{}", approved.2);

    // The deletion lands; the next change deletes another field of the same message. The old
    // approval was for the comparison against v1, so it no longer applies.
    let v2 = commit(&repo, "v2: delete price");
    write(root, PRODUCT, &product("", "  string id = 1;\n  string name = 2;\n"));
    let moved_on = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!(moved_on.0, 100);
    assert_eq!(
        moved_on.1,
        "proto/shop/v1/product.proto:5:1:Previously present field \"4\" with name \"sku\" on message \"Product\" was deleted.\n"
    );
    let stale = moved_on.2.replace(&v2, "<v2>").replace(&v1[..12], "<v1>");
    insta::assert_snapshot!("stale_file_approval", stale);

    // An approval for the current comparison that matches nothing is reported too.
    write(root, PRODUCT, &product("", "  string id = 1;\n  string name = 2;\n  string sku = 4;\n"));
    write(root, "protogate.approvals.yaml", &approvals(".git#ref=HEAD"));
    let unused = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!(
        unused,
        (
            0,
            String::new(),
            "WARN\tprotogate.approvals.yaml:3:5: approval of FIELD_NO_DELETE on shop.v1.Product matched no breaking change; remove it\n"
                .to_owned()
        )
    );
}

#[test]
fn approvals_elsewhere_are_passed_with_a_flag_and_bad_files_fail_with_a_position() {
    let (dir, _repo, v1) = repository();
    let root = dir.path();
    write(root, PRODUCT, &product("", "  string id = 1;\n  int32 name = 2;\n  int64 price = 3;\n  string sku = 4;\n"));
    let entry = |rule: &str, reason: &str| {
        format!(
            "version: v1\napprovals:\n  - rule: {rule}\n    element: shop.v1.Product.name\n    against: {}\n{reason}",
            &v1[..7]
        )
    };
    write(root, "review/approved.yaml", &entry("FIELD_SAME_TYPE", "    reason: no client reads name yet\n"));
    let flagged = protogate(root, &["breaking", "--against", ".git#ref=HEAD", "--approvals", "review/approved.yaml"]);
    assert_eq!((flagged.0, flagged.1.as_str()), (0, ""));
    assert!(flagged.2.contains("(FIELD_SAME_TYPE on shop.v1.Product.name, approved by review/approved.yaml:3:5"));

    let mut transcript = String::new();
    let cases = [
        ("no reason", entry("FIELD_SAME_TYPE", "")),
        ("unknown rule", entry("FIELD_SAME_TYP", "    reason: x\n")),
        ("unknown key", entry("FIELD_SAME_TYPE", "    reason: x\n    approver: me\n")),
        ("no version", "approvals: []\n".to_owned()),
        ("not yaml", "version: v1\napprovals: [\n".to_owned()),
    ];
    for (name, text) in cases {
        write(root, "review/approved.yaml", &text);
        let output =
            protogate(root, &["breaking", "--against", ".git#ref=HEAD", "--approvals", "review/approved.yaml"]);
        assert_eq!((output.0, output.1.as_str()), (1, ""), "{name}");
        transcript.extend(["## ", name, "\n", &output.2]);
    }
    let missing = protogate(root, &["breaking", "--against", ".git#ref=HEAD", "--approvals", "nope.yaml"]);
    assert_eq!(missing.0, 1);
    transcript.extend(["## missing\n", &missing.2]);
    insta::assert_snapshot!("bad_approvals_files", transcript);
}

#[test]
fn file_level_and_deleted_file_findings_are_approved_by_module_path() {
    let (dir, repo, _) = repository();
    let root = dir.path();
    write(root, "proto/shop/v1/legacy.proto", "syntax = \"proto3\";\n\npackage shop.v1;\n\nmessage Legacy {}\n");
    write(
        root,
        PRODUCT,
        &product("", V1_FIELDS).replace("package shop.v1;", "package shop.v1;\n\noption go_package = \"a/v1\";"),
    );
    commit(&repo, "legacy + go_package");
    std::fs::remove_file(root.join("proto/shop/v1/legacy.proto")).unwrap();
    write(
        root,
        PRODUCT,
        &product("", V1_FIELDS).replace("package shop.v1;", "package shop.v1;\n\noption go_package = \"b/v1\";"),
    );
    let failing = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!(failing.0, 100);
    assert_eq!(failing.1.lines().count(), 2, "{}", failing.1);
    let entry = |rule: &str, element: &str| {
        format!("  - rule: {rule}\n    element: {element}\n    against: .git#ref=HEAD\n    reason: reviewed\n")
    };
    let file = format!(
        "version: v1\napprovals:\n{}{}",
        entry("FILE_NO_DELETE", "shop/v1/legacy.proto"),
        entry("FILE_SAME_GO_PACKAGE", "shop/v1/product.proto")
    );
    write(root, "protogate.approvals.yaml", &file);
    let approved = protogate(root, &["breaking", "--against", ".git#ref=HEAD"]);
    assert_eq!((approved.0, approved.1.as_str()), (0, ""));
    insta::assert_snapshot!("file_level_approvals", approved.2);
}
