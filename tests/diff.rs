//! `protogate diff`: the changelog of the seed's evolution story (add a field, deprecate it,
//! reserve it) on a throwaway git repository, and a fixture touching every kind of element,
//! where every breaking finding must be explained by a change.

#[path = "support/git_repo.rs"]
mod git_repo;

use std::fmt::Write;

use git_repo::{PRODUCT_PATH, TestRepo, protogate_in, text};

const STEPS: [(&str, &str, &str); 3] = [
    ("Add Product.description", "  Status status = 4;\n", "  Status status = 4;\n  string description = 5;\n"),
    ("Deprecate Product.price", "  int64 price = 3;\n", "  int64 price = 3 [deprecated = true];\n"),
    (
        "Reserve Product.price and STATUS_RETIRED",
        "  int64 price = 3 [deprecated = true];\n",
        "  reserved 3;\n  reserved \"price\";\n",
    ),
];

/// The seed repository after each step of the story, tagged v1.0.0 at the start.
fn story(config: &str) -> TestRepo {
    let mut repo = TestRepo::seed();
    repo.write("buf.yaml", &git_repo::BUF_YAML.replace("[FILE]", &format!("[{config}]")));
    repo.commit("Ada Lovelace", "Breaking config");
    repo.tag("v1.0.0", false);
    for (subject, from, to) in STEPS {
        repo.edit(PRODUCT_PATH, from, to);
        if subject.contains("STATUS_RETIRED") {
            repo.edit(PRODUCT_PATH, "  STATUS_RETIRED = 2;\n", "  reserved 2;\n  reserved \"STATUS_RETIRED\";\n");
        }
        repo.commit("Grace Hopper", subject);
    }
    repo
}

#[test]
fn seed_story_changelog() {
    let repo = story("FILE");
    let mut transcript = String::new();
    for (step, (subject, _, _)) in STEPS.iter().enumerate() {
        let back = STEPS.len() - 1 - step;
        let against = format!(".git#ref=HEAD~{back},subdir=proto");
        let against_parent = format!(".git#ref=HEAD~{},subdir=proto", back + 1);
        let (code, stdout, stderr) =
            text(&repo.protogate(&["diff", &against.replace("HEAD~0", "HEAD"), "--against", &against_parent]));
        assert_eq!(code, 0, "{stderr}");
        writeln!(transcript, "## {subject}\n{stdout}").unwrap();
    }
    insta::assert_snapshot!("seed_story_steps", transcript);
    // The whole story since the release, ready for a pull request.
    let (code, markdown, stderr) =
        text(&repo.protogate(&["diff", "proto", "--against-latest-tag", "--format", "markdown"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("comparing against tag v1.0.0 "), "{stderr}");
    insta::assert_snapshot!("seed_story_markdown", markdown);
    let (_, json, _) =
        text(&repo.protogate(&["diff", "proto", "--against", ".git#tag=v1.0.0,subdir=proto", "--format", "json"]));
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["summary"]["breaking"], 2, "{json}");
    insta::assert_snapshot!("seed_story_json", json);
}

#[test]
fn reserved_deletions_are_not_marked_breaking_on_the_wire() {
    let repo = story("WIRE_JSON");
    let (code, stdout, stderr) =
        text(&repo.protogate(&["diff", "proto", "--against", ".git#tag=v1.0.0,subdir=proto", "--format", "json"]));
    assert_eq!(code, 0, "{stderr}");
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["summary"]["breaking"], 0, "{stdout}");
    let removed: Vec<&str> = document["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "removed")
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(removed, ["shop.v1.Product.price", "shop.v1.Status.STATUS_RETIRED"]);
    let (code, stdout, _) = text(&repo.protogate(&["diff", "proto", "--against", "proto", "--format", "markdown"]));
    assert_eq!((code, stdout.as_str()), (0, "## API changes\n\nNo changes to the API.\n"));
}

#[test]
fn every_breaking_finding_is_explained_by_a_change() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diff/everything");
    let args = ["after", "--against", "before"];
    let (code, findings, _) = text(&protogate_in(&dir, &[&["breaking"][..], &args].concat()));
    assert_eq!(code, 100);
    let mut outputs = String::new();
    for format in ["text", "markdown", "json"] {
        let (code, stdout, stderr) = text(&protogate_in(&dir, &[&["diff"][..], &args, &["--format", format]].concat()));
        assert_eq!(code, 0, "{stderr}");
        if format == "json" {
            let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(document["summary"]["breaking"], findings.lines().count(), "{stdout}");
            assert_eq!(document["unmatched_breaking"], serde_json::json!([]), "{stdout}");
        }
        writeln!(outputs, "$ protogate diff {} --format {format}\n{stdout}", args.join(" ")).unwrap();
    }
    insta::assert_snapshot!("everything", outputs);
}
