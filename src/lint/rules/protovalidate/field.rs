//! buf's `checkRulesForField`: the `(buf.validate.field)` rules of one field, recursing into the
//! item rules of `repeated` and the key and value rules of `map`.

use prost_types::{
    DescriptorProto, FieldDescriptorProto, OneofDescriptorProto,
    field_descriptor_proto::{Label, Type},
};

use super::{
    bounds, cel,
    decode::Msg,
    locate::{Sink, Types},
    shape::{TYPE_RULES, rule_name},
};
use crate::{
    lint::{elements::Field, quote::go_quote},
    schema::features::PRESENCE_IMPLICIT,
};

const REQUIRED: u32 = 25;
const IGNORE: u32 = 27;
const IGNORE_IF_ZERO_VALUE: i32 = 1;
const IGNORE_ALWAYS: i32 = 3;
const REPEATED: u32 = 18;
const MAP: u32 = 19;

const WRAPPERS: [&str; 9] = [
    "google.protobuf.FloatValue",
    "google.protobuf.DoubleValue",
    "google.protobuf.Int32Value",
    "google.protobuf.Int64Value",
    "google.protobuf.UInt32Value",
    "google.protobuf.UInt64Value",
    "google.protobuf.BoolValue",
    "google.protobuf.StringValue",
    "google.protobuf.BytesValue",
];

/// buf's `adder`: where findings go, the field's name and type, and the path of the item, key
/// or value rules being checked (the base of every rule path).
pub struct Adder<'s, 'a> {
    pub sink: Sink<'s, 'a>,
    pub name: String,
    pub pretty: String,
    pub base: Vec<u32>,
}

impl Adder<'_, '_> {
    /// A finding at the rule `path` (below the base).
    pub fn add(&mut self, path: &[u32], message: String) {
        let extra: Vec<i32> = self.base.iter().chain(path).map(|&n| n as i32).collect();
        self.sink.add(&extra, message);
    }

    /// The rule's name, `(buf.validate.field).string.min_len`.
    pub fn rule(&self, path: &[u32]) -> String {
        rule_name(&[self.base.as_slice(), path].concat())
    }

    /// The quoted field name every message starts with.
    pub fn field(&self) -> String {
        go_quote(&self.name)
    }
}

/// The field rules apply to: the annotated field itself, or the key or value of a map field.
#[derive(Clone, Copy)]
pub struct Target<'a> {
    pub field: &'a FieldDescriptorProto,
    pub is_extension: bool,
    /// The real (not synthetic) oneof the field is in.
    pub oneof: Option<&'a str>,
    pub has_presence: bool,
}

impl<'a> Target<'a> {
    /// A field as protobuf-go describes it: its real oneof, and whether it tracks presence.
    pub fn of(field: &Field<'a>) -> Self {
        let (node, file, path) = (field.element.node, field.element.file, &field.element.path);
        let oneof = node
            .oneof_index
            .filter(|_| !node.proto3_optional())
            .and_then(|i| field.parent?.oneof_decl.get(usize::try_from(i).ok()?))
            .map(OneofDescriptorProto::name);
        let has_presence = node.label() != Label::Repeated
            && (field.is_extension
                || is_message(node)
                || node.oneof_index.is_some()
                || file.features(path).field_presence != PRESENCE_IMPLICIT);
        Target { field: node, is_extension: field.is_extension, oneof, has_presence }
    }
}

/// What the checks look up: the schema's types, and whether a map's key and value track
/// presence (they do where the map's scope has explicit presence).
pub struct Env<'t, 'a> {
    types: &'t Types<'a>,
    entry_presence: bool,
}

impl<'t, 'a> Env<'t, 'a> {
    /// The lookups for the rules of `field`.
    pub fn new(types: &'t Types<'a>, field: &Field<'_>) -> Self {
        let path = &field.element.path;
        let scope = &path[..path.len().saturating_sub(2)];
        Env { types, entry_presence: field.element.file.features(scope).field_presence != PRESENCE_IMPLICIT }
    }
}

impl<'a> Env<'_, 'a> {
    fn map_entry(&self, field: &FieldDescriptorProto) -> Option<&'a DescriptorProto> {
        if field.label() != Label::Repeated || !is_message(field) {
            return None;
        }
        self.types.message(field.type_name()).filter(|m| m.options.as_ref().is_some_and(prost_types::MessageOptions::map_entry))
    }

    fn entry_target(&self, field: &'a FieldDescriptorProto) -> Target<'a> {
        Target { field, is_extension: false, oneof: None, has_presence: is_message(field) || self.entry_presence }
    }

    /// The type as buf prints it: a scalar kind, a message's full name, or `map<K, V>`.
    pub fn pretty(&self, field: &FieldDescriptorProto) -> String {
        if !is_message(field) {
            return kind_name(field.r#type()).to_owned();
        }
        match self.map_entry(field).map(|entry| (entry.field.first(), entry.field.get(1))) {
            Some((Some(key), Some(value))) => format!("map<{}, {}>", self.pretty(key), self.pretty(value)),
            _ => field.type_name().trim_start_matches('.').to_owned(),
        }
    }
}

pub fn is_message(field: &FieldDescriptorProto) -> bool {
    matches!(field.r#type(), Type::Message | Type::Group)
}

fn kind_name(kind: Type) -> &'static str {
    match kind {
        Type::Double => "double",
        Type::Float => "float",
        Type::Int64 => "int64",
        Type::Uint64 => "uint64",
        Type::Int32 => "int32",
        Type::Fixed64 => "fixed64",
        Type::Fixed32 => "fixed32",
        Type::Bool => "bool",
        Type::String => "string",
        Type::Group => "group",
        Type::Message => "message",
        Type::Bytes => "bytes",
        Type::Uint32 => "uint32",
        Type::Enum => "enum",
        Type::Sfixed32 => "sfixed32",
        Type::Sfixed64 => "sfixed64",
        Type::Sint32 => "sint32",
        Type::Sint64 => "sint64",
    }
}

/// The rules of `target`; `expect_repeated` when they sit directly on a repeated or map field.
pub fn check(a: &mut Adder<'_, '_>, rules: &Msg<'_>, target: Target<'_>, expect_repeated: bool, env: &Env<'_, '_>) {
    let required = rules.bool(REQUIRED);
    let ignore = rules.int32(IGNORE).unwrap_or(0);
    if target.is_extension {
        if required {
            let text = format!("Field {} is an extension field and cannot have {}.", a.field(), a.rule(&[REQUIRED]));
            a.add(&[REQUIRED], text);
        }
        if ignore == IGNORE_IF_ZERO_VALUE {
            let (field, rule) = (a.field(), a.rule(&[IGNORE]));
            a.add(&[IGNORE], format!("Field {field} is an extension field and cannot have {rule}=IGNORE_IF_ZERO_VALUE."));
        }
    }
    if let Some(oneof) = target.oneof
        && required
    {
        let (field, rule) = (a.field(), a.rule(&[REQUIRED]));
        let text = format!("Field {field} has {rule} but is in a oneof ({oneof}). Oneof fields must not have {rule}.");
        a.add(&[REQUIRED], text);
    }
    flags(a, rules, target, required, ignore);
    cel::check_field(a, rules);
    let Some(kind) = rules.last_number(|n| TYPE_RULES.iter().any(|t| t.0 == n)) else { return };
    let kind_rules = rules.message(kind).unwrap_or_default();
    match kind {
        MAP => map(a, &kind_rules, target, env),
        REPEATED => repeated(a, &kind_rules, target, env),
        _ if type_matches(a, target.field, kind, expect_repeated) => bounds::check(a, kind, &kind_rules),
        _ => {}
    }
}

/// `ignore` against the other rules, `required` and presence.
fn flags(a: &mut Adder<'_, '_>, rules: &Msg<'_>, target: Target<'_>, required: bool, ignore: i32) {
    let (field, ignore_rule) = (a.field(), a.rule(&[IGNORE]));
    if ignore == IGNORE_ALWAYS && rules.set_fields(super::shape::Shape::Field).len() > 1 {
        let all = a.rule(&[]);
        let text = format!(
            "Field {field} has {ignore_rule}=IGNORE_ALWAYS and therefore other rules in {all} are not applied and should be removed."
        );
        a.add(&[IGNORE], text);
    }
    if required && ignore == IGNORE_IF_ZERO_VALUE {
        let required_rule = a.rule(&[REQUIRED]);
        let text = format!(
            "Field {field} has both {required_rule} and {ignore_rule}=IGNORE_IF_ZERO_VALUE. A field cannot be empty if it is required."
        );
        a.add(&[REQUIRED], text.clone());
        a.add(&[IGNORE], text);
    }
    if ignore == IGNORE_IF_ZERO_VALUE && target.has_presence && !target.is_extension {
        let text = format!(
            "Field {field} has {ignore_rule}=IGNORE_IF_ZERO_VALUE and tracks presence. This is the same as the default and the ignore option can be removed."
        );
        a.add(&[IGNORE], text);
    }
}

fn type_matches(a: &mut Adder<'_, '_>, field: &FieldDescriptorProto, kind: u32, expect_repeated: bool) -> bool {
    let (name, pretty, rule) = (a.field(), a.pretty.clone(), a.rule(&[kind]));
    if expect_repeated {
        a.add(&[kind], format!("Field {name} is of type repeated {pretty} but has {rule} rules."));
        return false;
    }
    let Some(&(_, scalar, message)) = TYPE_RULES.iter().find(|t| t.0 == kind) else { return false };
    if scalar == Some(field.r#type() as i32)
        || (is_message(field) && message == Some(field.type_name().trim_start_matches('.')))
    {
        return true;
    }
    a.add(&[kind], format!("Field {name} is of type {pretty} but has {rule} rules."));
    false
}

fn repeated(a: &mut Adder<'_, '_>, rules: &Msg<'_>, target: Target<'_>, env: &Env<'_, '_>) {
    let field = a.field();
    if target.field.label() != Label::Repeated || env.map_entry(target.field).is_some() {
        a.add(&[REPEATED], format!("Field {field} is not repeated but has {} rules.", a.rule(&[REPEATED])));
        return;
    }
    if rules.bool(3) && is_message(target.field) && !WRAPPERS.contains(&target.field.type_name().trim_start_matches('.'))
    {
        let (pretty, rule) = (a.pretty.clone(), a.rule(&[REPEATED, 3]));
        let text = format!(
            "Field {field} is of type {pretty} but has {rule} set to true, which is only allowed for scalar types and wrapper types."
        );
        a.add(&[REPEATED, 3], text);
    }
    min_above_max(a, rules, REPEATED);
    let Some(items) = rules.message(4) else { return };
    let outer = std::mem::replace(&mut a.base, vec![REPEATED, 4]);
    if items.bool(REQUIRED) {
        let rule = a.rule(&[REQUIRED]);
        let text = format!(
            "Field {field} has {rule} on repeated item rules, which is unenforceable. The {rule} constraint cannot be applied to individual items in a repeated field."
        );
        a.add(&[REQUIRED], text);
    }
    check(a, &items, target, false, env);
    a.base = outer;
}

fn map(a: &mut Adder<'_, '_>, rules: &Msg<'_>, target: Target<'_>, env: &Env<'_, '_>) {
    let field = a.field();
    let Some(entry) = env.map_entry(target.field) else {
        a.add(&[MAP], format!("Field {field} is not a map but has {}.", a.rule(&[MAP])));
        return;
    };
    min_above_max(a, rules, MAP);
    let outer = a.base.clone();
    for (number, what, entry_field) in [(4, "key", entry.field.first()), (5, "value", entry.field.get(1))] {
        let (Some(item_rules), Some(entry_field)) = (rules.message(number), entry_field) else { continue };
        a.base = vec![MAP, number];
        if item_rules.bool(REQUIRED) {
            let rule = a.rule(&[REQUIRED]);
            let text = format!(
                "Field {field} has {rule} on map {what} rules, which is unenforceable. The {rule} constraint cannot be applied to map {what}s."
            );
            a.add(&[REQUIRED], text);
        }
        check(a, &item_rules, env.entry_target(entry_field), false, env);
    }
    a.base = outer;
}

/// `min_items` > `max_items`, `min_pairs` > `max_pairs`: reported on both.
fn min_above_max(a: &mut Adder<'_, '_>, rules: &Msg<'_>, kind: u32) {
    let (Some(min), Some(max)) = (rules.uint(1), rules.uint(2)) else { return };
    if min <= max {
        return;
    }
    let (field, min_rule, max_rule) = (a.field(), a.rule(&[kind, 1]), a.rule(&[kind, 2]));
    a.add(&[kind, 1], format!("Field {field} has value {min} for {min_rule}, which must be lower than value {max} for {max_rule}."));
    a.add(&[kind, 2], format!("Field {field} has value {max} for {max_rule}, which must be higher than value {min} for {min_rule}."));
}
