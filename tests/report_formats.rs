//! Every output format over one hand-built set of findings that covers what the formats treat
//! differently: path-less findings (`<input>`), file-level and unknown positions, ordinary
//! spans, messages that need escaping (quotes, `<>&`, non-ASCII, tabs, newlines; the other
//! control characters are covered by the escaping unit tests in `report`), an empty
//! message, several files (junit's grouping), and the empty set. Snapshots sit in `snapshots/`.

mod support;

use protogate::{
    diagnostic::{Diagnostic, FileRef, Span},
    report::Format,
};
use support::{code, protogate, run};

fn file(module_path: &str) -> FileRef {
    FileRef { external_path: format!("proto/{module_path}"), module_path: module_path.to_owned() }
}

/// Already in buf's order: path-less first, then by path, line, column.
fn findings() -> Vec<Diagnostic> {
    vec![
        Diagnostic::new("FILE_NO_DELETE", "Previously present file \"b.proto\" was deleted."),
        Diagnostic::new("PACKAGE_DEFINED", "Files must have a package defined.")
            .at(file("a.proto"), Span::file_level()),
        Diagnostic::new(
            "FIELD_LOWER_SNAKE_CASE",
            "Field name \"fooBar\" should be lower_snake_case, such as \"foo_bar\".",
        )
        .at(file("a.proto"), Span::new(5, 21, 5, 27)),
        Diagnostic::new("COMPILE", "syntax error: expecting ';' <after> `Foo` & \"bar\"")
            .at(file("a.proto"), Span::new(7, 3, 7, 3)),
        Diagnostic::new("COMPILE", "").at(file("a.proto"), Span::new(8, 1, 9, 2)),
        Diagnostic::new("ENUM_ZERO_VALUE_SUFFIX", "Enum zero value name \"É_日本\" should be suffixed with \"\\t\".")
            .at(file("dir é/b.proto"), Span::new(3, 0, 0, 0)),
        Diagnostic::new("FIELD_NO_DELETE", "two\tlines,\nthe second one")
            .at(file("dir é/b.proto"), Span::new(0, 0, 0, 0)),
        Diagnostic::new("SERVICE_SUFFIX", "Service name \"X\" should be suffixed with \"Service\".")
            .at(file("z'q<&>.proto"), Span::new(12, 1, 14, 2)),
    ]
}

#[test]
fn every_format_renders_the_set() {
    let diagnostics = findings();
    for format in Format::LINT {
        insta::assert_snapshot!(format.name(), format.render(&diagnostics));
    }
}

#[test]
fn every_format_renders_the_empty_set() {
    let mut rendered = String::new();
    for format in Format::LINT {
        rendered.push_str("--- ");
        rendered.push_str(format.name());
        rendered.push('\n');
        rendered.push_str(&format.render(&[]));
    }
    insta::assert_snapshot!("empty", rendered);
}

#[test]
fn compile_errors_fall_back_to_text_for_config_ignore_yaml() {
    assert_eq!(Format::ConfigIgnoreYaml.for_compile_errors(), Format::Text);
    for format in Format::BREAKING {
        assert_eq!(format.for_compile_errors(), format);
    }
}

#[test]
fn unknown_formats_are_rejected_with_bufs_words() {
    for name in ["gcc", "JSON", "", "json "] {
        let flag = format!("--error-format={name}");
        let output = run(&protogate(), &["lint", "fixtures/lint/package_defined/fires", &flag]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(code(&output), 1, "{stderr}");
        assert!(stderr.starts_with(&format!("Failure: --error-format: invalid format: \"{name}\"\n")), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn reports_go_to_files_and_stdout_at_once() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_formats");
    std::fs::create_dir_all(&dir).unwrap();
    let (json, junit) = (dir.join("findings.json"), dir.join("clean.xml"));
    let json_flag = format!("--error-format=json={}", json.display());
    let output = run(&protogate(), &["lint", "fixtures/lint/package_defined/fires", &json_flag, "--error-format=msvs"]);
    assert_eq!(code(&output), 100);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "fixtures/lint/package_defined/fires/a.proto(1,1) : error PACKAGE_DEFINED : Files must have a package defined.\n"
    );
    assert!(
        std::fs::read_to_string(&json)
            .unwrap()
            .starts_with(r#"{"path":"fixtures/lint/package_defined/fires/a.proto","start_line":1"#)
    );
    // Nothing to report: nothing on stdout (as buf), but the file is a valid empty report.
    let junit_flag = format!("--error-format=junit={}", junit.display());
    let output =
        run(&protogate(), &["lint", "fixtures/lint/field_lower_snake_case/quiet", &junit_flag, "--error-format=junit"]);
    assert_eq!(code(&output), 0);
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&junit).unwrap(), "<testsuites></testsuites>\n");
}
