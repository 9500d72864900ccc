//! Elements written back the way a .proto file declares them, for changelog entries.

use std::collections::HashMap;

use prost_types::{
    DescriptorProto, FieldDescriptorProto, FileOptions, MethodDescriptorProto,
    field_descriptor_proto::{Label, Type},
};

/// Map entry messages of one side: full name (no leading dot) → (key type, value type).
pub type MapEntries = HashMap<String, (String, String)>;

/// The field's type as written: a scalar, a message or enum name, or `map<K, V>`.
pub fn field_type(field: &FieldDescriptorProto, maps: &MapEntries) -> String {
    if field.type_name.is_some() {
        let name = field.type_name().trim_start_matches('.');
        if let Some((key, value)) = maps.get(name) {
            return format!("map<{key}, {value}>");
        }
        return name.to_owned();
    }
    scalar(field.r#type())
}

fn scalar(kind: Type) -> String {
    kind.as_str_name().trim_start_matches("TYPE_").to_ascii_lowercase()
}

/// The declared cardinality: `optional`, `repeated`, `required`, or `""` (implicit).
pub fn label(field: &FieldDescriptorProto, proto3: bool, maps: &MapEntries) -> &'static str {
    let is_map = maps.contains_key(field.type_name().trim_start_matches('.'));
    match field.label() {
        Label::Repeated if is_map => "",
        Label::Repeated => "repeated",
        Label::Required => "required",
        Label::Optional if field.proto3_optional() || !proto3 => "optional",
        Label::Optional => "",
    }
}

pub fn field_declaration(field: &FieldDescriptorProto, proto3: bool, maps: &MapEntries) -> String {
    let label = label(field, proto3, maps);
    let space = if label.is_empty() { "" } else { " " };
    format!("{label}{space}{} {} = {}", field_type(field, maps), field.name(), field.number())
}

pub fn method_declaration(method: &MethodDescriptorProto) -> String {
    let stream = |on: bool| if on { "stream " } else { "" };
    format!(
        "rpc {}({}{}) returns ({}{})",
        method.name(),
        stream(method.client_streaming()),
        method.input_type().trim_start_matches('.'),
        stream(method.server_streaming()),
        method.output_type().trim_start_matches('.')
    )
}

/// The key and value types of every map entry message of some files.
pub fn map_entries<'a>(messages: impl Iterator<Item = (&'a str, &'a DescriptorProto)>) -> MapEntries {
    let empty = MapEntries::new();
    messages
        .filter(|(_, m)| m.options.as_ref().and_then(|o| o.map_entry).unwrap_or(false))
        .filter_map(|(name, m)| {
            let key = m.field.iter().find(|f| f.number() == 1)?;
            let value = m.field.iter().find(|f| f.number() == 2)?;
            Some((name.to_owned(), (field_type(key, &empty), field_type(value, &empty))))
        })
        .collect()
}

/// A reserved range as written: `3`, `6 to 8`, `100 to max` (`end_inclusive` at or past `max`
/// reads `max`).
pub fn range(start: i32, end_inclusive: i32, max: i32) -> String {
    match end_inclusive {
        end if end == start => start.to_string(),
        end if end >= max => format!("{start} to max"),
        end => format!("{start} to {end}"),
    }
}

/// The file options a changelog lists, as `(name, value)` for those that are set.
pub fn file_options(options: Option<&FileOptions>) -> Vec<(&'static str, String)> {
    let Some(o) = options else { return Vec::new() };
    let quoted = |v: &Option<String>| v.as_ref().map(|v| format!("{v:?}"));
    let flag = |v: Option<bool>| v.map(|v| v.to_string());
    let listed: [(&'static str, Option<String>); 16] = [
        ("cc_enable_arenas", flag(o.cc_enable_arenas)),
        ("csharp_namespace", quoted(&o.csharp_namespace)),
        ("deprecated", flag(o.deprecated)),
        ("go_package", quoted(&o.go_package)),
        ("java_multiple_files", flag(o.java_multiple_files)),
        ("java_outer_classname", quoted(&o.java_outer_classname)),
        ("java_package", quoted(&o.java_package)),
        ("java_string_check_utf8", flag(o.java_string_check_utf8)),
        ("objc_class_prefix", quoted(&o.objc_class_prefix)),
        ("optimize_for", o.optimize_for.map(|_| o.optimize_for().as_str_name().to_owned())),
        ("php_class_prefix", quoted(&o.php_class_prefix)),
        ("php_metadata_namespace", quoted(&o.php_metadata_namespace)),
        ("php_namespace", quoted(&o.php_namespace)),
        ("ruby_package", quoted(&o.ruby_package)),
        ("swift_prefix", quoted(&o.swift_prefix)),
        ("cc_generic_services", flag(o.cc_generic_services)),
    ];
    listed.into_iter().filter_map(|(name, value)| Some((name, value?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_written() {
        assert_eq!(range(3, 3, 536_870_911), "3");
        assert_eq!(range(6, 8, 536_870_911), "6 to 8");
        assert_eq!(range(100, 536_870_911, 536_870_911), "100 to max");
    }
}
