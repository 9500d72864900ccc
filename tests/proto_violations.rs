//! The repository's own `proto/` is lint-clean, and a copy of it with ten deliberate violations
//! is reported exactly as buf reports it, in every lint output format.

mod support;

use std::path::Path;

use support::{buf, code, protogate, repo_root, run};

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join("proto/ecommerce/v1").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} no longer contains {from:?}; update this test");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn own_protos_are_clean() {
    let output = run(&protogate(), &["lint", "proto"]);
    assert_eq!(code(&output), 0, "{}", String::from_utf8_lossy(&output.stdout));
    assert!(output.stdout.is_empty());
}

#[test]
fn ten_violations_are_reported_exactly_as_buf_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("proto")).unwrap();
    copy_tree(&repo_root().join("proto"), &dir.path().join("proto"));
    std::fs::copy(repo_root().join("buf.yaml"), dir.path().join("buf.yaml")).unwrap();
    let root = dir.path();
    edit(root, "money.proto", "string currency_code = 1;", "string currencyCode = 1;");
    edit(root, "product.proto", "PRODUCT_STATUS_UNSPECIFIED = 0;", "PRODUCT_STATUS_UNKNOWN = 0;");
    edit(root, "product.proto", "PRODUCT_STATUS_ACTIVE = 2;", "ACTIVE = 2;");
    edit(root, "product.proto", "service ProductService {", "service Products {");
    edit(
        root,
        "product.proto",
        "rpc GetProduct(GetProductRequest) returns (GetProductResponse);",
        "rpc get_product(GetProductRequest) returns (GetProductResponse);",
    );
    edit(root, "user.proto", "message User {", "message user_record {");
    edit(root, "user.proto", "string email = 3;", "string Email = 3;");
    edit(root, "chat.proto", "MESSAGE_TYPE_UNSPECIFIED = 0;", "NONE = 0;");
    edit(root, "payment.proto", "oneof method {", "oneof Method {");
    edit(
        root,
        "chat.proto",
        "option java_package = \"com.mycompany.ecommerce.v1\";",
        "option java_package = \"com.other.chat\";",
    );
    let mut compared = 0;
    for format in ["text", "json", "msvs", "junit", "github-actions", "gitlab-code-quality", "config-ignore-yaml"] {
        let args = ["lint", "proto", "--error-format", format];
        let ours = std::process::Command::new(protogate()).args(args).current_dir(root).output().unwrap();
        let theirs = std::process::Command::new(buf()).args(args).current_dir(root).output().unwrap();
        assert_eq!(code(&theirs), 100, "buf found nothing?");
        similar_asserts::assert_eq!(
            (code(&theirs), String::from_utf8_lossy(&theirs.stdout)),
            (code(&ours), String::from_utf8_lossy(&ours.stdout)),
            "{format}"
        );
        compared += 1;
    }
    assert_eq!(compared, 7);
}

/// The pre-commit case: `--path <one file>` reports exactly that file's findings, the same as a
/// whole-module run filtered to it, while compiling only the file and its imports.
#[test]
fn path_filter_reports_exactly_one_files_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("proto")).unwrap();
    copy_tree(&repo_root().join("proto"), &dir.path().join("proto"));
    std::fs::copy(repo_root().join("buf.yaml"), dir.path().join("buf.yaml")).unwrap();
    let root = dir.path();
    edit(root, "money.proto", "string currency_code = 1;", "string currencyCode = 1;");
    edit(root, "money.proto", "int64 units = 2;", "int64 Units = 2;");
    edit(root, "user.proto", "string email = 3;", "string Email = 3;");
    let lint = |args: &[&str]| {
        let output = std::process::Command::new(protogate()).args(args).current_dir(root).output().unwrap();
        (code(&output), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (whole_code, whole) = lint(&["lint", "proto"]);
    assert_eq!(whole_code, 100);
    assert_eq!(whole.lines().count(), 3, "{whole}");
    for file in ["proto/ecommerce/v1/money.proto", "proto/ecommerce/v1/user.proto", "proto/ecommerce/v1/chat.proto"] {
        let prefix = format!("{file}:");
        let expected: String = whole.lines().filter(|l| l.starts_with(&prefix)).flat_map(|l| [l, "\n"]).collect();
        let (path_code, only) = lint(&["lint", "proto", "--path", file]);
        assert_eq!(only, expected, "--path {file}");
        assert_eq!(path_code, if expected.is_empty() { 0 } else { 100 });
    }
}
