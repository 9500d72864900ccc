use prost_types::{FileDescriptorProto, field_descriptor_proto::Label};

use super::{EditionsError, finish, prepare};

fn ok(src: &str) -> FileDescriptorProto {
    match prepare("t.proto", src) {
        Ok(Some((file, _))) => file,
        Ok(None) => panic!("not recognised as an editions file"),
        Err(e) => panic!("unexpected error: {} at {:?}", e.message, e.span),
    }
}

fn err(src: &str) -> EditionsError {
    match prepare("t.proto", src) {
        Err(e) => e,
        Ok(_) => panic!("expected an error"),
    }
}

fn at<'a>(src: &'a str, e: &EditionsError) -> &'a str {
    &src[e.span.clone()]
}

#[test]
fn other_files_are_left_to_protox() {
    for src in [
        "",
        "syntax = \"proto3\";",
        "// edition = \"2023\";\nsyntax = \"proto2\";",
        "message editions {}",
        "\"unterminated",
        "/* unterminated",
        "editionx = \"2023\";",
    ] {
        assert!(matches!(prepare("t.proto", src), Ok(None)), "{src:?}");
    }
}

#[test]
fn errors_use_buf_wording_and_original_spans() {
    let cases: &[(&str, &str, &str)] = &[
        ("edition = \"2023\";\nmessage M { optional int32 a = 1; }", "unexpected `optional`", "optional"),
        ("edition = \"2023\";\nmessage M { required .a.B b = 1; }", "unexpected `required`", "required"),
        ("edition = \"2023\";\nmessage M { group G = 1 { int32 x = 1; } }", "group syntax is not supported", "group"),
        ("edition = \"2023\";\nmessage M { repeated group G = 1 {} }", "group syntax is not supported", "group"),
        (
            "edition = \"2024\";\nmessage M { reserved \"a\"; }",
            "cannot use string literals in reserved range in editions mode",
            "\"a\"",
        ),
        ("edition = \"2025\";", "unrecognized `edition` declaration value", "\"2025\""),
        ("edition = \"2023\";\nmessage M { int32 a = 1 [default = -inf]; }", "mismatched types", "-inf"),
        (
            "edition = \"2023\";\nmessage M { double a = 1 [default = 0x10]; }",
            "unsupported base for floating-point literal",
            "0x10",
        ),
        ("edition = \"2023\";\nmessage M { uint32 a = 1 [default = -1]; }", "integer literal out of range: -1", "-1"),
        (
            "edition = \"2023\";\nmessage M { repeated int32 a = 1 [default = 1]; }",
            "default value cannot be set because field is repeated",
            "default = 1",
        ),
        ("edition = \"2023\";\nenum E { A = 0 [default = 1]; }", "`default` is only allowed on fields", "default = 1"),
    ];
    for (src, message, span) in cases {
        let e = err(src);
        assert_eq!(e.message, *message, "{src}");
        assert_eq!(at(src, &e), *span, "{src}");
    }
}

#[test]
fn keywords_used_as_names_are_not_labels() {
    // (Fields whose type is a message named `optional` or `group`, written unqualified, are
    // accepted by buf but not by protox's parser.)
    let file = ok(
        "edition = \"2023\";\nmessage M { int32 group = 2; int32 required = 3; }\nmessage group {}\nenum E { optional = 0; required = 1; }",
    );
    let fields = &file.message_type[0].field;
    assert_eq!(fields.len(), 2);
    assert!(fields.iter().all(|f| f.label == Some(Label::Optional as i32)));
}

#[test]
fn rewrite_maps_back_to_original_columns() {
    let src =
        "edition = '20' \"23\";\nmessage M {\n  reserved a, bb;\n  int32 x = 1 [default = 7, deprecated = true];\n}\n";
    let file = ok(src);
    assert_eq!(file.syntax, None);
    let m = &file.message_type[0];
    assert_eq!(m.reserved_name, ["a", "bb"]);
    assert_eq!(m.field[0].default_value.as_deref(), Some("7"));
    let span = |path: &[i32]| {
        let locs = &file.source_code_info.as_ref().unwrap().location;
        locs.iter().find(|l| l.path == path).map(|l| l.span.clone())
    };
    assert_eq!(span(&[12]), Some(vec![0, 0, 20]));
    assert_eq!(span(&[4, 0, 10, 0]), Some(vec![2, 11, 12]));
    assert_eq!(span(&[4, 0, 10, 1]), Some(vec![2, 14, 16]));
    assert_eq!(span(&[4, 0, 2, 0, 7]), Some(vec![3, 15, 26]));
    assert_eq!(span(&[4, 0, 2, 0, 8]), Some(vec![3, 14, 46]));
}

#[test]
fn finish_restores_editions_form() {
    let src = "edition = \"2024\";\nimport \"a.proto\";\nimport option \"o.proto\";\nenum E { option features.enum_type = CLOSED; A = 1; B = 1; }\nmessage M { E e = 1 [default = B]; }";
    let Ok(Some((mut file, fixup))) = prepare("t.proto", src) else { panic!("prepare failed") };
    assert_eq!(file.dependency, ["a.proto", "o.proto"]);
    // What the linker would have done.
    file.message_type[0].field[0].r#type = Some(prost_types::field_descriptor_proto::Type::Enum as i32);
    file.message_type[0].field[0].type_name = Some(".E".to_owned());
    finish(&mut file, &fixup);
    assert_eq!(file.syntax.as_deref(), Some("editions"));
    assert_eq!(file.dependency, ["a.proto"]);
    assert_eq!(file.message_type[0].field[0].default_value.as_deref(), Some("A"));
    let locs = &file.source_code_info.as_ref().unwrap().location;
    assert!(locs.iter().any(|l| l.path == [15, 0] && l.span == [2, 0, 24]));
}

/// Every prefix and many single-character mutations of a rich file: no panic, ever.
#[test]
fn never_panics() {
    let src = "// c\nedition = \"2024\";\npackage p;\nimport option \"x.proto\";\noption features.field_presence = IMPLICIT;\nexport message M {\n  reserved a, b; reserved 1 to 3;\n  int32 x = 1 [default = -0x1f, json_name = \"y\"];\n  string s = 2 [default = \"\\u00e9\\x41\\101\" 'z'];\n  double d = 3 [(o) = { a: [1, 2] default: 3 }, default = -inf];\n  map<string, M> m = 4 [features.utf8_validation = NONE];\n  oneof o { bytes b = 5 [default = \"\\377\"]; }\n  local enum E { option features.enum_type = CLOSED; A = 1; }\n  E e = 6 [default = A];\n}\nservice S { rpc R(M) returns (stream M) {} }\n";
    let alphabet = [
        "", "\"", "'", "[", "]", "{", "}", "=", ";", ",", "-", "\\", "/*", "//", "é", "\n", "default", "optional",
        "group", "reserved", "0x", "9e9", "edition",
    ];
    for (i, _) in src.char_indices() {
        let _ = prepare("t.proto", &src[..i]);
        for (k, ins) in alphabet.iter().enumerate() {
            if (i + k) % 3 != 0 {
                continue;
            }
            let next = src[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            let mutated = format!("{}{}{}", &src[..i], ins, &src[next..]);
            if let Ok(Some((mut file, fixup))) = prepare("t.proto", &mutated) {
                finish(&mut file, &fixup);
            }
        }
    }
}
