//! `lint --write-baseline` / `--baseline` / `--prune-baseline` on a copy of the repo's `proto/`
//! with twenty violations: moved findings stay accepted, exactly the new ones fail, fixed entries
//! are listed and pruned, and bad baseline files fail with a position.

mod support;

use std::{
    path::Path,
    process::{Command, Output},
};

use support::{code, protogate, repo_root};

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

fn lint(root: &Path, args: &[&str]) -> Output {
    Command::new(protogate()).arg("lint").arg("proto").args(args).current_dir(root).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// (file, message) → start line of every finding, from `--error-format json`.
fn positions(root: &Path) -> Vec<(String, String, u64)> {
    let output = lint(root, &["--error-format", "json"]);
    stdout(&output)
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = |key: &str| value[key].as_str().unwrap().to_owned();
            (text("path"), text("message"), value["start_line"].as_u64().unwrap())
        })
        .collect()
}

/// Twenty violations, one finding each (nineteen on elements, one unused import).
const VIOLATIONS: [(&str, &str, &str); 20] = [
    ("money.proto", "string currency_code = 1;", "string currencyCode = 1;"),
    ("product.proto", "PRODUCT_STATUS_UNSPECIFIED = 0;", "PRODUCT_STATUS_UNKNOWN = 0;"),
    ("product.proto", "PRODUCT_STATUS_ACTIVE = 2;", "ACTIVE = 2;"),
    ("product.proto", "service ProductService {", "service Products {"),
    ("user.proto", "string email = 3;", "string Email = 3;"),
    ("payment.proto", "oneof method {", "oneof Method {"),
    ("payment.proto", "string card_number_masked = 1;", "string cardNumberMasked = 1;"),
    ("payment.proto", "string expiry_month = 2;", "string expiryMonth = 2;"),
    ("payment.proto", "string bank_name = 1;", "string bankName = 1;"),
    ("payment.proto", "string routing_number = 3;", "string routingNumber = 3;"),
    ("chat.proto", "string room_id = 2;", "string roomId = 2;"),
    ("chat.proto", "string content = 3;", "string Content = 3;"),
    ("upload.proto", "string filename = 1;", "string fileName = 1;"),
    ("upload.proto", "int64 total_size = 2;", "int64 totalSize = 2;"),
    ("scalar_types.proto", "int64 total_sales = 4;", "int64 totalSales = 4;"),
    ("scalar_types.proto", "uint64 view_count = 6;", "uint64 viewCount = 6;"),
    ("order.proto", "ORDER_STATE_PAID = 2;", "PAID = 2;"),
    ("order.proto", "string shipping_address = 7;", "string shippingAddress = 7;"),
    ("order.proto", "int32 page_size = 2;", "int32 pageSize = 2;"),
    (
        "price.proto",
        "import \"ecommerce/v1/money.proto\";",
        "import \"ecommerce/v1/money.proto\";\nimport \"google/protobuf/timestamp.proto\";",
    ),
];

/// A clean message inserted above old findings to move them down.
fn padding(name: &str) -> String {
    format!("// {name} moves the messages below it down.\nmessage {name} {{\n  // A note.\n  string note = 1;\n}}\n\n")
}

#[test]
fn only_new_findings_fail_and_fixed_entries_are_listed_then_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("proto")).unwrap();
    copy_tree(&repo_root().join("proto"), &root.join("proto"));
    std::fs::copy(repo_root().join("buf.yaml"), root.join("buf.yaml")).unwrap();
    for (file, from, to) in VIOLATIONS {
        edit(root, file, from, to);
    }
    let before = positions(root);
    assert_eq!(before.len(), 20, "{before:#?}");

    let written = lint(root, &["--write-baseline", "lint-baseline.jsonl"]);
    assert_eq!((code(&written), stdout(&written)), (0, String::new()));
    assert_eq!(stderr(&written), "protogate: wrote 20 baseline entries (20 findings) to lint-baseline.jsonl\n");
    let file = std::fs::read_to_string(root.join("lint-baseline.jsonl")).unwrap();
    insta::assert_snapshot!("baseline_file", file);
    let accepted = lint(root, &["--baseline", "lint-baseline.jsonl"]);
    assert_eq!((code(&accepted), stdout(&accepted), stderr(&accepted)), (0, String::new(), String::new()));

    // Five old findings move down (four in payment.proto, one in money.proto); two are new.
    edit(root, "payment.proto", "// CreditCard", &format!("{}// CreditCard", padding("PaymentPadding")));
    edit(root, "money.proto", "// Money", &format!("{}// Money", padding("MoneyPadding")));
    edit(root, "user.proto", "string name = 2;", "string fullName = 2;");
    edit(root, "upload.proto", "int64 offset = 3;", "int64 Offset = 3;");
    let after = positions(root);
    assert_eq!(after.len(), 22);
    let moved = before
        .iter()
        .filter(|(path, message, line)| after.iter().any(|(p, m, l)| p == path && m == message && l != line));
    assert_eq!(moved.count(), 5);

    let checked = lint(root, &["--baseline", "lint-baseline.jsonl"]);
    assert_eq!(code(&checked), 100);
    assert_eq!(
        stdout(&checked),
        "proto/ecommerce/v1/upload.proto:24:9:Field name \"Offset\" should be lower_snake_case, such as \"offset\".\n\
         proto/ecommerce/v1/user.proto:21:10:Field name \"fullName\" should be lower_snake_case, such as \"full_name\".\n"
    );
    assert_eq!(stderr(&checked), "");

    // Fix two element findings and the unused import: listed as fixed, still failing on the new.
    edit(root, "money.proto", "string currencyCode = 1;", "string currency_code = 1;");
    edit(root, "upload.proto", "string fileName = 1;", "string filename = 1;");
    edit(root, "price.proto", "import \"google/protobuf/timestamp.proto\";\n", "");
    let fixed = lint(root, &["--baseline", "lint-baseline.jsonl"]);
    assert_eq!((code(&fixed), stdout(&fixed)), (100, stdout(&checked)));
    insta::assert_snapshot!("fixed_entries", stderr(&fixed));

    let pruned = lint(root, &["--baseline", "lint-baseline.jsonl", "--prune-baseline"]);
    assert_eq!((code(&pruned), stdout(&pruned)), (100, stdout(&checked)));
    assert!(stderr(&pruned).contains("3 baselined finding(s) fixed, removed from lint-baseline.jsonl"));
    let rewritten = std::fs::read_to_string(root.join("lint-baseline.jsonl")).unwrap();
    assert_eq!(rewritten.lines().count(), 1 + 17);
    let kept: Vec<&str> = file.lines().filter(|line| rewritten.lines().any(|l| l == *line)).collect();
    assert_eq!(kept.len(), 1 + 17, "pruning only removes lines");
    let again = lint(root, &["--baseline", "lint-baseline.jsonl"]);
    assert_eq!((code(&again), stdout(&again), stderr(&again)), (100, stdout(&checked), String::new()));
}

#[test]
fn path_limited_runs_do_not_call_other_files_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("proto")).unwrap();
    copy_tree(&repo_root().join("proto"), &root.join("proto"));
    std::fs::copy(repo_root().join("buf.yaml"), root.join("buf.yaml")).unwrap();
    edit(root, "money.proto", "string currency_code = 1;", "string currencyCode = 1;");
    edit(root, "user.proto", "string email = 3;", "string Email = 3;");
    assert_eq!(code(&lint(root, &["--write-baseline", "b.jsonl"])), 0);
    let limited = lint(root, &["--baseline", "b.jsonl", "--path", "proto/ecommerce/v1/user.proto", "--prune-baseline"]);
    assert_eq!((code(&limited), stdout(&limited), stderr(&limited)), (0, String::new(), String::new()));
    assert_eq!(std::fs::read_to_string(root.join("b.jsonl")).unwrap().lines().count(), 3);
}

#[test]
fn bad_baseline_files_fail_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("proto")).unwrap();
    copy_tree(&repo_root().join("proto"), &root.join("proto"));
    std::fs::copy(repo_root().join("buf.yaml"), root.join("buf.yaml")).unwrap();
    let header = "{\"protogate_baseline\":\"lint\",\"version\":1}\n";
    let cases = [
        ("missing", None),
        ("not json", Some("version: 1\n".to_owned())),
        ("wrong version", Some("{\"protogate_baseline\":\"lint\",\"version\":2}\n".to_owned())),
        (
            "bad entry",
            Some(format!("{header}{{\"file\":\"a.proto\",\"rule\":\"R\",\"element\":\"p.A\",\"count\":0}}\n")),
        ),
        ("unknown key", Some(format!("{header}{{\"file\":\"a.proto\",\"rule\":\"R\",\"elemnt\":\"p.A\"}}\n"))),
    ];
    let mut transcript = String::new();
    for (name, text) in cases {
        let _ = std::fs::remove_file(root.join("b.jsonl"));
        if let Some(text) = text {
            std::fs::write(root.join("b.jsonl"), text).unwrap();
        }
        let output = lint(root, &["--baseline", "b.jsonl"]);
        assert_eq!(code(&output), 1, "{name}");
        transcript.extend(["## ", name, "\n", &stderr(&output)]);
    }
    insta::assert_snapshot!("bad_baseline_files", transcript);
}
