//! What the field-pair rules share (reference §2.2, §2.3): fields paired by (message full name,
//! number) and extensions by (extendee, number), across all files; buf's field description
//! `D(f)`; kinds and cardinalities as protobuf-go reports them; the type-change findings of the
//! three type rules; and buf's "first recorded location" fallback.

use prost_types::{
    EnumDescriptorProto, FieldDescriptorProto, OneofDescriptorProto,
    field_descriptor_proto::{Label, Type},
};

use crate::{
    breaking::{BreakingContext, BreakingFindings, Side},
    lint::quote::go_quote,
    schema::{
        SchemaFile,
        elements::{Field, tag},
        features::{self, FeatureValues},
    },
};

/// One side's field, with the schema it lives in (for type lookups).
#[derive(Clone, Copy)]
pub struct FieldRef<'s, 'a> {
    pub field: &'s Field<'a>,
    pub side: &'s Side<'a>,
}

/// A previous field and the current field it pairs with.
#[derive(Clone, Copy)]
pub struct FieldPair<'s, 'a> {
    pub previous: FieldRef<'s, 'a>,
    pub current: FieldRef<'s, 'a>,
}

/// Every pair: message fields by (message full name, number), then extensions by (extendee,
/// number). Order does not matter: findings are sorted before printing. The pairing is made once
/// per comparison and shared by every field rule.
pub fn field_pairs<'s, 'a>(cx: &'s BreakingContext<'a>) -> impl Iterator<Item = FieldPair<'s, 'a>> {
    cx.field_pairs().map(|(previous, current)| FieldPair {
        previous: FieldRef { field: previous, side: &cx.previous },
        current: FieldRef { field: current, side: &cx.current },
    })
}

impl<'a> FieldPair<'_, 'a> {
    /// A finding at `path` in the current file (the previous file is the against file).
    pub fn report(&self, found: &mut BreakingFindings<'a>, path: Vec<i32>, message: String) {
        found.at(self.current.file(), path, Some(self.previous.file()), message);
    }

    pub fn both_in_map_entries(&self) -> bool {
        self.previous.field.in_map_entry && self.current.field.in_map_entry
    }
}

/// buf's cardinality of a field (`cardinality.go`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    Explicit,
    Implicit,
    Required,
    Repeated,
    Map,
}

impl Cardinality {
    pub fn name(self) -> &'static str {
        match self {
            Cardinality::Explicit => "optional with explicit presence",
            Cardinality::Implicit => "optional with implicit presence",
            Cardinality::Required => "required",
            Cardinality::Repeated => "repeated",
            Cardinality::Map => "map",
        }
    }
}

impl<'s, 'a> FieldRef<'s, 'a> {
    pub fn node(&self) -> &'a FieldDescriptorProto {
        self.field.element.node
    }

    pub fn file(&self) -> &'a SchemaFile {
        self.field.element.file
    }

    pub fn features(&self) -> FeatureValues {
        self.file().features(&self.field.element.path)
    }

    /// The field's source path extended by `more`.
    pub fn child(&self, more: &[i32]) -> Vec<i32> {
        self.field.element.child_path(more)
    }

    /// The first of `paths` recorded in the file, else the field itself (buf's
    /// `withBackupLocation`; inside a map entry the engine then falls back to the `map<…>` type).
    pub fn first_located(&self, paths: &[Vec<i32>]) -> Vec<i32> {
        paths
            .iter()
            .find(|p| self.file().location(p).is_some())
            .cloned()
            .unwrap_or_else(|| self.field.element.path.clone())
    }

    pub fn extendee(&self) -> &'a str {
        self.node().extendee().trim_start_matches('.')
    }

    /// The type name without its leading dot (`""` for scalars).
    pub fn type_name(&self) -> &'a str {
        self.node().type_name().trim_start_matches('.')
    }

    /// `D(f)`: `Field "2" with name "x" on message "M"`, or for an extension
    /// `Extension "100" with name "a.ext" on message "a.Ext"`.
    pub fn description(&self) -> String {
        self.description_named(Some(self.known_name()))
    }

    /// The name buf knows the field by: an extension's full name, else the field's name.
    pub fn known_name(&self) -> &'s str {
        if self.field.is_extension { &self.field.element.full_name } else { self.node().name() }
    }

    /// `D(f)` with or without the name part.
    pub fn description_named(&self, name: Option<&str>) -> String {
        let number = self.node().number();
        let name = name.map(|n| format!(" with name {}", go_quote(n))).unwrap_or_default();
        if self.field.is_extension {
            format!("Extension \"{number}\"{name} on message {}", go_quote(self.extendee()))
        } else {
            let parent = self.field.parent.map_or("", |m| m.name());
            format!("Field \"{number}\"{name} on message {}", go_quote(parent))
        }
    }

    /// The kind protobuf-go reports: the declared type, except that a message field with
    /// delimited encoding (editions) is a group. Map fields and map entry values never are.
    pub fn kind(&self) -> Type {
        let ty = self.node().r#type();
        if ty == Type::Message
            && !self.field.in_map_entry
            && !self.is_map()
            && self.features().message_encoding == features::MESSAGE_DELIMITED
        {
            Type::Group
        } else {
            ty
        }
    }

    /// The kind as buf prints it in type changes.
    pub fn kind_name(&self) -> &'static str {
        let kind = self.kind();
        if kind == Type::Group && !matches!(self.file().descriptor.syntax(), "" | "proto2") {
            return "message (delimited encoding)";
        }
        kind_name(kind)
    }

    /// Whether the field is a `map<…>` field (a repeated map-entry message).
    pub fn is_map(&self) -> bool {
        self.node().label() == Label::Repeated
            && self.node().r#type() == Type::Message
            && self.side.message(self.type_name()).is_some_and(|m| m.is_map_entry)
    }

    pub fn cardinality(&self) -> Cardinality {
        let node = self.node();
        let presence = self.features().field_presence;
        if node.label() == Label::Repeated {
            return if self.is_map() { Cardinality::Map } else { Cardinality::Repeated };
        }
        let editions = self.file().descriptor.syntax() == "editions";
        if node.label() == Label::Required || (editions && presence == features::PRESENCE_LEGACY_REQUIRED) {
            return Cardinality::Required;
        }
        let explicit = self.field.is_extension
            || matches!(node.r#type(), Type::Message | Type::Group)
            || node.oneof_index.is_some()
            || presence == features::PRESENCE_EXPLICIT;
        if explicit { Cardinality::Explicit } else { Cardinality::Implicit }
    }

    /// The real (not proto3-optional synthetic) oneof the field is in.
    pub fn oneof(&self) -> Option<&'a OneofDescriptorProto> {
        let node = self.node();
        if self.field.is_extension || node.proto3_optional() {
            return None;
        }
        self.field.parent?.oneof_decl.get(usize::try_from(node.oneof_index?).ok()?)
    }

    /// The field's enum type, when it has one.
    pub fn enum_type(&self) -> Option<&'s EnumDescriptorProto> {
        self.side.enumeration(self.type_name()).map(|e| e.node)
    }

    /// Where buf reports a type change: the type name for message, enum and group kinds, else
    /// the scalar type.
    pub fn type_path(&self) -> Vec<i32> {
        if matches!(self.kind(), Type::Message | Type::Enum | Type::Group) {
            self.type_name_path()
        } else {
            self.child(&[tag::FIELD_TYPE])
        }
    }

    /// The type name's path. buf records a proto2 group's `group` keyword as its type name;
    /// protox records the keyword as its type and the group's name as its type name, so for
    /// groups the type's location (when recorded) is where buf points.
    pub fn type_name_path(&self) -> Vec<i32> {
        let keyword = self.child(&[tag::FIELD_TYPE]);
        if self.node().r#type() == Type::Group && self.file().location(&keyword).is_some() {
            return keyword;
        }
        self.child(&[tag::FIELD_TYPE_NAME])
    }
}

/// protoreflect's name of a kind.
pub fn kind_name(kind: Type) -> &'static str {
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

/// The three cardinality rules: reports each pair whose cardinalities fall in different
/// `group`s. Fields of map entries on both sides are skipped.
pub fn check_cardinality<'a>(
    cx: &BreakingContext<'a>,
    found: &mut BreakingFindings<'a>,
    group: impl Fn(Cardinality) -> u8,
) {
    for pair in field_pairs(cx) {
        if pair.both_in_map_entries() {
            continue;
        }
        let (previous, current) = (pair.previous.cardinality(), pair.current.cardinality());
        if group(previous) != group(current) {
            let message = format!(
                "{} changed cardinality from {} to {}.",
                pair.current.description(),
                go_quote(previous.name()),
                go_quote(current.name())
            );
            pair.report(found, pair.current.field.element.path.clone(), message);
        }
    }
}

/// The three type rules: `group` maps a kind to its compatibility group. Kinds in different
/// groups are reported with `note` appended (unless `allowed` says the change is fine); within a
/// group, a changed message or group type name is reported, and a changed enum type name is
/// reported unless `enums_by_values` and the enums are compatible (same simple name, every old
/// value kept).
pub struct TypeCheck<'n> {
    pub group: fn(Type) -> u8,
    pub note: &'n dyn Fn(Type, Type) -> Option<String>,
    pub enums_by_values: bool,
}

pub fn check_type<'a>(cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>, check: &TypeCheck<'_>) {
    for pair in field_pairs(cx) {
        let (previous, current) = (pair.previous.kind(), pair.current.kind());
        if (check.group)(previous) != (check.group)(current) {
            let Some(note) = (check.note)(previous, current) else { continue };
            let message = format!(
                "{} changed type from {} to {}.{note}",
                pair.current.description(),
                go_quote(pair.previous.kind_name()),
                go_quote(pair.current.kind_name())
            );
            pair.report(found, pair.current.type_path(), message);
            continue;
        }
        if !matches!(pair.current.node().r#type(), Type::Message | Type::Group | Type::Enum)
            || pair.previous.type_name() == pair.current.type_name()
        {
            continue;
        }
        if check.enums_by_values && current == Type::Enum && enums_compatible(&pair) {
            continue;
        }
        let message = format!(
            "{} changed type from {} to {}.",
            pair.current.description(),
            go_quote(pair.previous.type_name()),
            go_quote(pair.current.type_name())
        );
        pair.report(found, pair.current.type_name_path(), message);
    }
}

/// Same simple name, and every (name, number) of the old enum is in the new one.
fn enums_compatible(pair: &FieldPair<'_, '_>) -> bool {
    let (Some(previous), Some(current)) = (pair.previous.enum_type(), pair.current.enum_type()) else {
        return false;
    };
    previous.name() == current.name()
        && previous
            .value
            .iter()
            .all(|old| current.value.iter().any(|v| v.name() == old.name() && v.number() == old.number()))
}
