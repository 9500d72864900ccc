//! Synthetic extremes: 10,000-deep nesting, 1 MB tokens, 100,000 fields, field numbers at the
//! edges, duplicates of everything, import cycles of length 1-50 and broken `buf.yaml` files.
//! Validity follows buf 1.75 (checked by running it on each case).

use std::fmt::Write;

use super::{Corpus, Expect};

const DEEP: usize = 10_000;
const MEGABYTE: usize = 1 << 20;
const SEED: &str = "synthetic";
const GOOD: &str = "syntax = \"proto3\";\n\npackage syn.v1;\n\nmessage M {\n  int32 f = 1;\n}\n";

pub fn add_all(corpus: &mut Corpus) {
    corpus.add_seed(SEED, &[file("a.proto", GOOD)]);
    deep(corpus);
    huge(corpus);
    many(corpus);
    numbers(corpus);
    duplicates(corpus);
    cycles(corpus);
    configs(corpus);
}

fn file(path: &str, text: &str) -> (String, Vec<u8>) {
    (path.to_owned(), text.as_bytes().to_vec())
}

fn one(corpus: &mut Corpus, name: &str, expect: Expect, text: &str) {
    corpus.add(SEED, name, expect, &[file("a.proto", text)]);
}

/// A proto2 file declaring option extensions `(r)` (message-typed) and `(n)` (int32).
fn with_options(body: &str) -> String {
    format!(
        "syntax = \"proto2\";\npackage syn.v1;\nimport \"google/protobuf/descriptor.proto\";\n\
         message R {{ optional R r = 1; optional int32 v = 2; repeated R l = 3; }}\n\
         extend google.protobuf.FieldOptions {{ optional R r = 50000; optional int32 n = 50001; }}\n\
         extend google.protobuf.FileOptions {{ optional R fr = 50000; }}\n{body}\n"
    )
}

fn nested_literal(depth: usize, open: &str, close: &str) -> String {
    format!("{}{{v: 1}}{}", open.repeat(depth), close.repeat(depth))
}

fn deep(corpus: &mut Corpus) {
    let messages =
        |n: usize| format!("syntax = \"proto3\";\npackage syn.v1;\n{}{}", "message M {\n".repeat(n), "}\n".repeat(n));
    // buf: "message nesting depth must be less than 32".
    one(corpus, "deep_messages_31", Expect::Valid, &messages(31));
    one(corpus, "deep_messages_32", Expect::Invalid, &messages(32));
    one(corpus, "deep_messages_10000", Expect::Invalid, &messages(DEEP));
    let groups = format!(
        "syntax = \"proto2\";\npackage syn.v1;\nmessage M {{\n{}{}}}\n",
        "optional group G = 1 {\n".repeat(DEEP),
        "}\n".repeat(DEEP)
    );
    one(corpus, "deep_groups_10000", Expect::Invalid, &groups);
    let field_option = |value: &str| with_options(&format!("message M {{ optional int32 f = 1 [(r) = {value}]; }}"));
    // buf: "expression nesting depth must be at most 100" (a message literal in a literal).
    one(corpus, "deep_option_braces_99", Expect::Valid, &field_option(&nested_literal(99, "{r: ", "}")));
    one(corpus, "deep_option_braces_100", Expect::Invalid, &field_option(&nested_literal(100, "{r: ", "}")));
    one(corpus, "deep_option_braces_10000", Expect::Invalid, &field_option(&nested_literal(DEEP, "{r: ", "}")));
    one(corpus, "deep_option_braces_nocolon_10000", Expect::Invalid, &field_option(&nested_literal(DEEP, "{r ", "}")));
    one(corpus, "deep_option_angles_10000", Expect::Invalid, &field_option(&nested_literal(DEEP, "<r: ", ">")));
    one(corpus, "deep_option_lists_10000", Expect::Invalid, &field_option(&nested_literal(DEEP, "{l: [", "]}")));
    let file_option = format!("option (fr) = {};", nested_literal(DEEP, "{r ", "}"));
    one(corpus, "deep_option_file_10000", Expect::Invalid, &with_options(&file_option));
    let parens = format!("message M {{ optional int32 f = 1 [(n) = {}1{}]; }}", "(".repeat(DEEP), ")".repeat(DEEP));
    one(corpus, "deep_option_parens_10000", Expect::Invalid, &with_options(&parens));
    let name_parens = format!("option {}java_package{} = \"x\";", "(".repeat(DEEP), ")".repeat(DEEP));
    one(corpus, "deep_option_name_parens_10000", Expect::Invalid, &with_options(&name_parens));
    let braces = format!("syntax = \"proto3\";\nmessage M {{\n{}{}}}\n", "{".repeat(DEEP), "}".repeat(DEEP));
    one(corpus, "deep_bare_braces_10000", Expect::Invalid, &braces);
    let brackets = format!("syntax = \"proto3\";\nmessage M {{ int32 f = 1 {}; }}\n", "[".repeat(DEEP));
    one(corpus, "deep_brackets_10000", Expect::Invalid, &brackets);
    let qualified = vec!["a"; DEEP].join(".");
    one(
        corpus,
        "deep_type_name_10000",
        Expect::Invalid,
        &format!("syntax = \"proto3\";\nmessage M {{ {qualified} f = 1; }}\n"),
    );
}

fn huge(corpus: &mut Corpus) {
    let id = "A".repeat(MEGABYTE);
    let proto3 = |body: &str| format!("syntax = \"proto3\";\npackage syn.v1;\n{body}\n");
    one(corpus, "huge_message_name", Expect::Valid, &proto3(&format!("message {id} {{ int32 f = 1; }}")));
    one(
        corpus,
        "huge_field_name",
        Expect::Valid,
        &proto3(&format!("message M {{ int32 f{} = 1; }}", id.to_lowercase())),
    );
    let huge_package = format!("syntax = \"proto3\";\npackage {};\nmessage M {{}}\n", id.to_lowercase());
    // buf: "path in `package` declaration is too large" past 512 bytes.
    one(corpus, "huge_package", Expect::Invalid, &huge_package);
    let longest = format!("syntax = \"proto3\";\npackage {};\nmessage M {{}}\n", "p".repeat(512));
    one(corpus, "huge_package_512", Expect::ValidNotGeneratable, &longest);
    one(corpus, "huge_string", Expect::Valid, &proto3(&format!("option java_package = \"{}\";", "x".repeat(MEGABYTE))));
    one(corpus, "huge_comment", Expect::Valid, &proto3(&format!("// {}\nmessage M {{}}", "c".repeat(MEGABYTE))));
    one(corpus, "huge_block_comment_open", Expect::Invalid, &proto3(&format!("/* {}", "c".repeat(MEGABYTE))));
    one(
        corpus,
        "huge_string_open",
        Expect::Invalid,
        &proto3(&format!("option java_package = \"{}", "x".repeat(MEGABYTE))),
    );
    one(
        corpus,
        "huge_number",
        Expect::Invalid,
        &proto3(&format!("message M {{ int32 f = {}; }}", "9".repeat(MEGABYTE))),
    );
    one(corpus, "huge_whitespace", Expect::Valid, &proto3(&format!("{}message M {{}}", " ".repeat(MEGABYTE))));
    let package = vec!["p"; DEEP].join(".");
    one(
        corpus,
        "huge_package_depth",
        Expect::Invalid,
        &format!("syntax = \"proto3\";\npackage {package};\nmessage M {{}}\n"),
    );
}

fn many(corpus: &mut Corpus) {
    let mut fields = String::from("syntax = \"proto3\";\npackage syn.v1;\nmessage M {\n");
    for i in 1..=100_000 {
        let number = if i < 19_000 { i } else { i + 1_000 };
        writeln!(fields, "  int32 f{i} = {number};").unwrap();
    }
    fields.push_str("}\n");
    one(corpus, "many_fields_100000", Expect::Valid, &fields);
    let mut values = String::from("syntax = \"proto3\";\npackage syn.v1;\nenum E {\n");
    for i in 0..20_000 {
        writeln!(values, "  E_V{i} = {i};").unwrap();
    }
    values.push_str("}\n");
    one(corpus, "many_enum_values_20000", Expect::Valid, &values);
    let mut messages = String::from("syntax = \"proto3\";\npackage syn.v1;\n");
    for i in 0..5_000 {
        writeln!(messages, "message M{i} {{ M{} next = 1; }}", (i + 1) % 5_000).unwrap();
    }
    one(corpus, "many_messages_5000", Expect::Valid, &messages);
    let mut files = Vec::new();
    let mut imports = String::from("syntax = \"proto3\";\npackage syn.v1;\n");
    for i in 0..1_000 {
        files.push(file(
            &format!("f/f{i}.proto"),
            &format!("syntax = \"proto3\";\npackage syn.v1;\nmessage F{i} {{}}\n"),
        ));
        writeln!(imports, "import \"f/f{i}.proto\";").unwrap();
    }
    imports.push_str("message M {}\n");
    files.push(file("a.proto", &imports));
    corpus.add(SEED, "many_files_1000", Expect::Valid, &files);
}

fn numbers(corpus: &mut Corpus) {
    let field =
        |number: &str| format!("syntax = \"proto3\";\npackage syn.v1;\nmessage M {{\n  int32 f = {number};\n}}\n");
    for (number, expect) in [
        ("536870911", Expect::Valid),
        ("0x1FFFFFFF", Expect::Valid),
        ("536870912", Expect::Invalid),
        ("0x20000000", Expect::Invalid),
        ("18999", Expect::Valid),
        ("19000", Expect::Invalid),
        ("19500", Expect::Invalid),
        ("19999", Expect::Invalid),
        ("20000", Expect::Valid),
        ("0", Expect::Invalid),
        ("-1", Expect::Invalid),
        ("2147483648", Expect::Invalid),
        ("4294967296", Expect::Invalid),
        ("18446744073709551616", Expect::Invalid),
        ("1.5", Expect::Invalid),
        ("1e3", Expect::Valid),
        ("0777", Expect::Valid),
        ("09", Expect::Invalid),
    ] {
        let name = format!("number_field_{}", number.replace(['.', '-'], "_"));
        one(corpus, &name, expect, &field(number));
    }
    let enum_value = |number: &str| {
        format!("syntax = \"proto3\";\npackage syn.v1;\nenum E {{\n  E_ZERO = 0;\n  E_X = {number};\n}}\n")
    };
    for (number, expect) in [
        ("2147483647", Expect::Valid),
        ("2147483648", Expect::Invalid),
        ("-2147483648", Expect::Valid),
        ("-2147483649", Expect::Invalid),
    ] {
        one(corpus, &format!("number_enum_{}", number.replace('-', "minus")), expect, &enum_value(number));
    }
    let proto2 = |body: &str| format!("syntax = \"proto2\";\npackage syn.v1;\nmessage M {{\n  {body}\n}}\n");
    for (name, body, expect) in [
        ("reserved_max", "reserved 1 to max;", Expect::Valid),
        ("reserved_19000_19999", "reserved 19000 to 19999;", Expect::Invalid),
        ("reserved_past_max", "reserved 536870912;", Expect::Invalid),
        ("reserved_backwards", "reserved 10 to 5;", Expect::Invalid),
        ("extensions_max", "extensions 1 to max;", Expect::Valid),
        ("extensions_past_max", "extensions 536870912;", Expect::Invalid),
        ("extensions_19000", "extensions 19000 to 19999;", Expect::Invalid),
    ] {
        one(corpus, &format!("number_{name}"), expect, &proto2(body));
    }
    let option = with_options("message M { optional int32 f = 1 [(n) = 2147483648]; }");
    one(corpus, "number_option_int32_overflow", Expect::Invalid, &option);
    let extension = "syntax = \"proto2\";\npackage syn.v1;\nmessage M { extensions 1 to max; }\nextend M { optional int32 x = 19000; }\n";
    one(corpus, "number_extension_19000", Expect::Invalid, extension);
}

fn duplicates(corpus: &mut Corpus) {
    let proto3 = |body: &str| format!("syntax = \"proto3\";\npackage syn.v1;\n{body}\n");
    for (name, body, expect) in [
        ("message", "message M {}\nmessage M {}", Expect::Invalid),
        ("field_name", "message M { int32 a = 1; int32 a = 2; }", Expect::Invalid),
        ("field_number", "message M { int32 a = 1; int32 b = 1; }", Expect::Invalid),
        ("json_name", "message M { int32 a_b = 1; int32 aB = 2; }", Expect::Invalid),
        ("oneof", "message M { oneof o { int32 a = 1; } oneof o { int32 b = 2; } }", Expect::Invalid),
        ("enum_value_name", "enum E { E_A = 0; E_A = 1; }", Expect::Invalid),
        ("enum_number", "enum E { E_A = 0; E_B = 0; }", Expect::Invalid),
        ("enum_value_sibling_scope", "enum E { X = 0; }\nenum F { X = 0; }", Expect::Invalid),
        ("enum_vs_message", "message M {}\nenum M { M_A = 0; }", Expect::Invalid),
        ("service", "service S {}\nservice S {}", Expect::Invalid),
        ("rpc", "message M {}\nservice S { rpc R(M) returns (M); rpc R(M) returns (M); }", Expect::Invalid),
        ("option", "option java_package = \"a\";\noption java_package = \"b\";", Expect::Invalid),
        ("reserved_overlap", "message M { reserved 1 to 5; reserved 3; }", Expect::Invalid),
        ("package_statement", "package syn.v2;", Expect::Invalid),
        ("import", "import \"google/protobuf/empty.proto\";\nimport \"google/protobuf/empty.proto\";", Expect::Either),
    ] {
        one(corpus, &format!("dup_{name}"), expect, &proto3(body));
    }
    one(corpus, "dup_syntax", Expect::Invalid, &format!("syntax = \"proto3\";\n{GOOD}"));
    corpus.add(SEED, "dup_file_content", Expect::Invalid, &[file("a.proto", GOOD), file("b.proto", GOOD)]);
    let other = "syntax = \"proto3\";\npackage syn.v1;\nmessage N {}\n";
    corpus.add(SEED, "dup_package_files", Expect::Valid, &[file("a.proto", GOOD), file("b.proto", other)]);
    let extension = "syntax = \"proto2\";\npackage syn.v1;\nmessage M { extensions 100 to 200; }\n\
                     extend M { optional int32 x = 100; optional int32 y = 100; }\n";
    one(corpus, "dup_extension_number", Expect::Invalid, extension);
    let modules = "version: v2\nmodules:\n  - path: one\n  - path: two\n";
    let two_modules = [file("buf.yaml", modules), file("one/a.proto", GOOD), file("two/a.proto", other)];
    corpus.add(SEED, "dup_file_two_modules", Expect::Environment, &two_modules);
}

/// `c0.proto` imports `c1.proto` ... imports `c0.proto`: every length from 1 (a file importing
/// itself) to 50.
fn cycles(corpus: &mut Corpus) {
    for length in 1..=50 {
        let files: Vec<(String, Vec<u8>)> = (0..length)
            .map(|i| {
                let text = format!(
                    "syntax = \"proto3\";\npackage syn.v1;\nimport \"c{}.proto\";\nmessage C{i} {{}}\n",
                    (i + 1) % length
                );
                file(&format!("c{i}.proto"), &text)
            })
            .collect();
        corpus.add(SEED, &format!("cycle_{length}"), Expect::Invalid, &files);
    }
}

/// Broken `buf.yaml` beside a good file: exit 1 naming the config.
fn configs(corpus: &mut Corpus) {
    let deep_yaml = format!("version: v2\nlint: {}{}\n", "[".repeat(DEEP), "]".repeat(DEEP));
    let deep_map = format!("version: v2\nlint: {}{}\n", "{a: ".repeat(DEEP), "}".repeat(DEEP));
    let big_key = format!("version: v2\n{}: 1\n", "k".repeat(MEGABYTE));
    for (name, yaml) in [
        ("config_not_yaml", b"version: [v2\n: :\n".to_vec()),
        ("config_unknown_version", b"version: v9\n".to_vec()),
        ("config_badutf8", b"version: v2\nlint:\n  use: [\xff]\n".to_vec()),
        ("config_nul", b"version: v2\0\n".to_vec()),
        ("config_deep_lists", deep_yaml.into_bytes()),
        ("config_deep_maps", deep_map.into_bytes()),
        ("config_huge_key", big_key.into_bytes()),
    ] {
        corpus.add(SEED, name, Expect::Environment, &[("buf.yaml".to_owned(), yaml), file("a.proto", GOOD)]);
    }
}
