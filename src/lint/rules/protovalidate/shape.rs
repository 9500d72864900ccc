//! The layout of protovalidate's `buf/validate/validate.proto` as buf links it: field numbers
//! and names of every rules message. buf decodes the options into these types whatever
//! `validate.proto` the image has, names rules after them, and counts only their fields.

/// A message of `buf/validate/validate.proto` (or a well-known type inside one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Field,
    Rule,
    Numeric(Number),
    Bool,
    String,
    Bytes,
    Enum,
    Repeated,
    Map,
    Any,
    Duration,
    Timestamp,
    FieldMask,
}

/// The scalar type of a numeric rules message (`FloatRules` ... `SFixed64Rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    Float,
    Double,
    Int32,
    Int64,
    UInt32,
    UInt64,
    SInt32,
    SInt64,
    Fixed32,
    Fixed64,
    SFixed32,
    SFixed64,
}

/// The `FieldRules.type` members, with the scalar type (a `FieldDescriptorProto.Type`) or the
/// message a field must have for them.
pub const TYPE_RULES: [(u32, Option<i32>, Option<&str>); 22] = [
    (1, Some(2), Some("google.protobuf.FloatValue")),
    (2, Some(1), Some("google.protobuf.DoubleValue")),
    (3, Some(5), Some("google.protobuf.Int32Value")),
    (4, Some(3), Some("google.protobuf.Int64Value")),
    (5, Some(13), Some("google.protobuf.UInt32Value")),
    (6, Some(4), Some("google.protobuf.UInt64Value")),
    (7, Some(17), None),
    (8, Some(18), None),
    (9, Some(7), None),
    (10, Some(6), None),
    (11, Some(15), None),
    (12, Some(16), None),
    (13, Some(8), Some("google.protobuf.BoolValue")),
    (14, Some(9), Some("google.protobuf.StringValue")),
    (15, Some(12), Some("google.protobuf.BytesValue")),
    (16, Some(14), None),
    (18, None, None),
    (19, None, None),
    (20, None, Some("google.protobuf.Any")),
    (21, None, Some("google.protobuf.Duration")),
    (22, None, Some("google.protobuf.Timestamp")),
    (28, None, Some("google.protobuf.FieldMask")),
];

pub const NUMBERS: [Number; 12] = [
    Number::Float,
    Number::Double,
    Number::Int32,
    Number::Int64,
    Number::UInt32,
    Number::UInt64,
    Number::SInt32,
    Number::SInt64,
    Number::Fixed32,
    Number::Fixed64,
    Number::SFixed32,
    Number::SFixed64,
];

impl Shape {
    /// The rules message of a `FieldRules.type` member.
    pub fn of_type(number: u32) -> Option<Shape> {
        Some(match number {
            1..=12 => Shape::Numeric(NUMBERS[number as usize - 1]),
            13 => Shape::Bool,
            14 => Shape::String,
            15 => Shape::Bytes,
            16 => Shape::Enum,
            18 => Shape::Repeated,
            19 => Shape::Map,
            20 => Shape::Any,
            21 => Shape::Duration,
            22 => Shape::Timestamp,
            28 => Shape::FieldMask,
            _ => return None,
        })
    }

    /// The name of field `number`, and the rules message it holds, if any.
    pub fn field(self, number: u32) -> Option<(&'static str, Option<Shape>)> {
        let name = self.fields().iter().find(|(n, _)| *n == number)?.1;
        let nested = match (self, number) {
            (Shape::Field, 23) => Some(Shape::Rule),
            (Shape::Field, n) => Shape::of_type(n),
            (Shape::Repeated, 4) | (Shape::Map, 4 | 5) => Some(Shape::Field),
            _ => None,
        };
        Some((name, nested))
    }

    /// Every field of the message: what buf counts as "set" in it.
    pub fn fields(self) -> &'static [(u32, &'static str)] {
        match self {
            Shape::Field => FIELD,
            Shape::Rule => &[(1, "id"), (2, "message"), (3, "expression")],
            Shape::Numeric(Number::Float | Number::Double) => FLOATING,
            Shape::Numeric(Number::Int64) => INT64,
            Shape::Numeric(_) => INTEGER,
            Shape::Bool => &[(1, "const"), (2, "example")],
            Shape::String => STRING,
            Shape::Bytes => BYTES,
            Shape::Enum => &[(1, "const"), (2, "defined_only"), (3, "in"), (4, "not_in"), (5, "example")],
            Shape::Repeated => &[(1, "min_items"), (2, "max_items"), (3, "unique"), (4, "items")],
            Shape::Map => &[(1, "min_pairs"), (2, "max_pairs"), (4, "keys"), (5, "values")],
            Shape::Any => &[(2, "in"), (3, "not_in")],
            Shape::Duration => {
                &[(2, "const"), (3, "lt"), (4, "lte"), (5, "gt"), (6, "gte"), (7, "in"), (8, "not_in"), (9, "example")]
            }
            Shape::Timestamp => TIMESTAMP,
            Shape::FieldMask => &[(1, "const"), (2, "in"), (3, "not_in"), (4, "example")],
        }
    }

    /// The number of the field called `name`.
    pub fn number(self, name: &str) -> Option<u32> {
        self.fields().iter().find(|(_, n)| *n == name).map(|(number, _)| *number)
    }
}

const FIELD: &[(u32, &str)] = &[
    (1, "float"),
    (2, "double"),
    (3, "int32"),
    (4, "int64"),
    (5, "uint32"),
    (6, "uint64"),
    (7, "sint32"),
    (8, "sint64"),
    (9, "fixed32"),
    (10, "fixed64"),
    (11, "sfixed32"),
    (12, "sfixed64"),
    (13, "bool"),
    (14, "string"),
    (15, "bytes"),
    (16, "enum"),
    (18, "repeated"),
    (19, "map"),
    (20, "any"),
    (21, "duration"),
    (22, "timestamp"),
    (23, "cel"),
    (25, "required"),
    (27, "ignore"),
    (28, "field_mask"),
    (29, "cel_expression"),
];

const FLOATING: &[(u32, &str)] =
    &[(1, "const"), (2, "lt"), (3, "lte"), (4, "gt"), (5, "gte"), (6, "in"), (7, "not_in"), (8, "finite"), (9, "example")];
const INT64: &[(u32, &str)] =
    &[(1, "const"), (2, "lt"), (3, "lte"), (4, "gt"), (5, "gte"), (6, "in"), (7, "not_in"), (9, "example")];
const INTEGER: &[(u32, &str)] =
    &[(1, "const"), (2, "lt"), (3, "lte"), (4, "gt"), (5, "gte"), (6, "in"), (7, "not_in"), (8, "example")];
const TIMESTAMP: &[(u32, &str)] = &[
    (2, "const"),
    (3, "lt"),
    (4, "lte"),
    (5, "gt"),
    (6, "gte"),
    (7, "lt_now"),
    (8, "gt_now"),
    (9, "within"),
    (10, "example"),
];

const STRING: &[(u32, &str)] = &[
    (1, "const"),
    (2, "min_len"),
    (3, "max_len"),
    (4, "min_bytes"),
    (5, "max_bytes"),
    (6, "pattern"),
    (7, "prefix"),
    (8, "suffix"),
    (9, "contains"),
    (10, "in"),
    (11, "not_in"),
    (12, "email"),
    (13, "hostname"),
    (14, "ip"),
    (15, "ipv4"),
    (16, "ipv6"),
    (17, "uri"),
    (18, "uri_ref"),
    (19, "len"),
    (20, "len_bytes"),
    (21, "address"),
    (22, "uuid"),
    (23, "not_contains"),
    (24, "well_known_regex"),
    (25, "strict"),
    (26, "ip_with_prefixlen"),
    (27, "ipv4_with_prefixlen"),
    (28, "ipv6_with_prefixlen"),
    (29, "ip_prefix"),
    (30, "ipv4_prefix"),
    (31, "ipv6_prefix"),
    (32, "host_and_port"),
    (33, "tuuid"),
    (34, "example"),
    (35, "ulid"),
];

const BYTES: &[(u32, &str)] = &[
    (1, "const"),
    (2, "min_len"),
    (3, "max_len"),
    (4, "pattern"),
    (5, "prefix"),
    (6, "suffix"),
    (7, "contains"),
    (8, "in"),
    (9, "not_in"),
    (10, "ip"),
    (11, "ipv4"),
    (12, "ipv6"),
    (13, "len"),
    (14, "example"),
    (15, "uuid"),
];

/// `(buf.validate.field)` followed by the names of `path` inside `FieldRules`, stopping at the
/// first number it does not know, as buf's `getFieldRuleName`.
pub fn rule_name(path: &[u32]) -> String {
    let mut name = String::from("(buf.validate.field)");
    let mut shape = Some(Shape::Field);
    for &number in path {
        let Some((field, nested)) = shape.and_then(|s| s.field(number)) else { break };
        name.push('.');
        name.push_str(field);
        shape = nested;
        if shape.is_none() {
            break;
        }
    }
    name
}
