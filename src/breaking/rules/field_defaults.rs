//! Field default values as buf compares and prints them (`field_default.go`, reference §2.3):
//! the value protobuf-go reports for a field (its `default_value`, else the kind's zero, else an
//! enum's first value), compared leniently across numeric kinds and printed with Go's `%v`.

use std::fmt::Write;

use prost_types::field_descriptor_proto::Type;

use super::field_pairs::FieldRef;
use crate::lint::quote::go_quote;

/// A default: what it compares as, and how buf prints it.
#[derive(Debug, Clone)]
pub struct FieldDefault {
    value: Value,
    /// The content of a string or bytes default.
    text: Vec<u8>,
    pub printable: String,
}

/// The Go value buf compares (strings and bytes both compare as strings).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Text,
    Bool(bool),
    Int(i128),
    F32(f32),
    F64(f64),
}

impl FieldDefault {
    /// The zero value of its Go type (`reflect.Value.IsZero`: `-0.0` and NaN are not zero).
    pub fn is_zero(&self) -> bool {
        match self.value {
            Value::Text => self.text.is_empty(),
            Value::Bool(b) => !b,
            Value::Int(i) => i == 0,
            Value::F32(f) => f.to_bits() == 0,
            Value::F64(f) => f.to_bits() == 0,
        }
    }

    /// buf's `defaultsEqual`: strings and bytes equal only each other (by content); float and
    /// double compare at float precision; everything else as exact numbers, NaN equal to NaN.
    pub fn equals(&self, other: &Self) -> bool {
        match (self.value, other.value) {
            (Value::Text, Value::Text) => self.text == other.text,
            (Value::Text, _) | (_, Value::Text) => false,
            #[allow(clippy::float_cmp)] // exact comparison at float precision is the point
            (Value::F32(a), Value::F64(b)) | (Value::F64(b), Value::F32(a)) => {
                (a.is_nan() && b.is_nan()) || a == b as f32
            }
            (a, b) => match (number(a), number(b)) {
                (None, None) => true,
                (Some(a), Some(b)) => a.equals(b),
                _ => false,
            },
        }
    }
}

/// An exact number (`big.Float`), `None` for NaN.
#[derive(Clone, Copy)]
enum Number {
    Int(i128),
    Float(f64),
}

impl Number {
    fn equals(self, other: Self) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            #[allow(clippy::float_cmp)] // exact comparison is the point
            (Number::Float(a), Number::Float(b)) => a == b,
            (Number::Int(i), Number::Float(f)) | (Number::Float(f), Number::Int(i)) => {
                f.is_finite() && f.fract() == 0.0 && f.abs() < 1.7e38 && f as i128 == i
            }
        }
    }
}

fn number(value: Value) -> Option<Number> {
    match value {
        Value::Bool(b) => Some(Number::Int(i128::from(b))),
        Value::Int(i) => Some(Number::Int(i)),
        Value::F32(f) if !f.is_nan() => Some(Number::Float(f64::from(f))),
        Value::F64(f) if !f.is_nan() => Some(Number::Float(f)),
        Value::F32(_) | Value::F64(_) | Value::Text => None,
    }
}

/// Whether buf compares the field's default: not repeated, not a map, not a message or group.
pub fn can_have_default(field: &FieldRef<'_, '_>) -> bool {
    use prost_types::field_descriptor_proto::Label;
    field.node().label() != Label::Repeated && !matches!(field.kind(), Type::Message | Type::Group)
}

/// The field's default as protobuf-go reports it.
pub fn field_default(field: &FieldRef<'_, '_>) -> FieldDefault {
    let text = field.node().default_value.as_deref();
    let int = |text: Option<&str>| Value::Int(text.and_then(parse_int).unwrap_or(0));
    let value = match field.kind() {
        Type::String => {
            let text = text.unwrap_or_default();
            return FieldDefault { value: Value::Text, text: text.as_bytes().to_vec(), printable: go_quote(text) };
        }
        Type::Bytes => {
            let bytes = unescape(text.unwrap_or_default());
            let hex: Vec<String> = bytes.iter().map(|b| format!("0x{b:X}")).collect();
            return FieldDefault { value: Value::Text, text: bytes, printable: format!("[{}]", hex.join(",")) };
        }
        Type::Enum => return enum_default(field, text),
        Type::Bool => Value::Bool(text == Some("true")),
        Type::Float => Value::F32(text.map_or(0.0, |t| t.parse().unwrap_or(0.0))),
        Type::Double => Value::F64(text.map_or(0.0, parse_float)),
        _ => int(text),
    };
    let printable = match value {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::F32(f) => go_float(f64::from(f), &format!("{f:e}")),
        Value::F64(f) => go_float(f, &format!("{f:e}")),
        Value::Text => String::new(),
    };
    FieldDefault { value, text: Vec::new(), printable }
}

/// An enum default: the named value's number (else the first value's), printed as
/// `Enum.FIRST_NAME_WITH_THAT_NUMBER`.
fn enum_default(field: &FieldRef<'_, '_>, text: Option<&str>) -> FieldDefault {
    let Some(enm) = field.enum_type() else {
        return FieldDefault { value: Value::Int(0), text: Vec::new(), printable: String::new() };
    };
    let number = match text {
        Some(name) => enm.value.iter().find(|v| v.name() == name).map(prost_types::EnumValueDescriptorProto::number),
        None => enm.value.first().map(prost_types::EnumValueDescriptorProto::number),
    }
    .unwrap_or(0);
    let printable = match enm.value.iter().find(|v| v.number() == number) {
        Some(value) => format!("{}.{}", enm.name(), value.name()),
        None => format!("{}.{number}(?)", enm.name()),
    };
    FieldDefault { value: Value::Int(i128::from(number)), text: Vec::new(), printable }
}

fn parse_int(text: &str) -> Option<i128> {
    let (negative, digits) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let magnitude = if let Some(hex) = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        i128::from_str_radix(hex, 16).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i128::from_str_radix(&digits[1..], 8).ok()?
    } else {
        digits.parse().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_float(text: &str) -> f64 {
    text.parse().unwrap_or(0.0)
}

/// Go's `%v` of a float: `NaN`, `+Inf`, `-Inf`, else `strconv.FormatFloat(v, 'g', -1, size)`.
/// `sci` is Rust's `{:e}` of the value at its own width (its shortest round-trip digits).
fn go_float(v: f64, sci: &str) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = if v.is_sign_negative() { "-".to_owned() } else { String::new() };
    if (-4..6).contains(&exp) {
        let point = exp + 1;
        let count = digits.len() as i32;
        if point <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat(point.unsigned_abs() as usize));
            out.push_str(&digits);
        } else if point >= count {
            out.push_str(&digits);
            out.push_str(&"0".repeat((point - count) as usize));
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.unsigned_abs());
    }
    out
}

/// Undoes the C escaping of a `bytes` default (`\n`, `\"`, octal `\123`, hex `\x41`, ...).
fn unescape(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if c != b'\\' || i == bytes.len() {
            out.push(c);
            continue;
        }
        let e = bytes[i];
        i += 1;
        let radix_run = |i: &mut usize, radix: u32, max: usize| {
            let start = *i;
            while *i < bytes.len() && *i - start < max && char::from(bytes[*i]).is_digit(radix) {
                *i += 1;
            }
            u32::from_str_radix(std::str::from_utf8(&bytes[start..*i]).unwrap_or("0"), radix).unwrap_or(0) as u8
        };
        out.push(match e {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            b'0'..=b'7' => {
                i -= 1;
                radix_run(&mut i, 8, 3)
            }
            b'x' | b'X' => radix_run(&mut i, 16, 2),
            other => other,
        });
    }
    out
}
