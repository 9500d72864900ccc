//! The checks of one type's rules: `const` with other rules, equal or crossed bounds, lengths
//! that contradict each other, NaN in float rules, invalid durations and timestamps.

use std::fmt::Write;

use super::{
    decode::{Msg, Num, Time},
    field::Adder,
    shape::{NUMBERS, Number, Shape},
};
use crate::lint::quote::go_quote;

const STRING: u32 = 14;
const BYTES: u32 = 15;
const ENUM: u32 = 16;
const DURATION: u32 = 21;
const TIMESTAMP: u32 = 22;
const FIELD_MASK: u32 = 28;

/// The rules of `FieldRules` type member `kind`, once it matches the field's type.
pub fn check(a: &mut Adder<'_, '_>, kind: u32, rules: &Msg<'_>) {
    match kind {
        1..=12 => {
            let number = NUMBERS[kind as usize - 1];
            let values = |field| rules.number(field, number);
            ranges(a, kind, rules, Shape::Numeric(number), 1, values, &|_| None);
            if matches!(number, Number::Float | Number::Double) {
                nan(a, kind, rules, number);
            }
        }
        STRING => strings(a, rules),
        BYTES => {
            only_const(a, rules, BYTES, Shape::Bytes);
            lengths(a, rules, BYTES, (13, 2, 3), ("len", "min_len", "max_len"));
            for part in [5, 6, 7] {
                let (Some(max), Some(value)) = (rules.uint(3), rules.bytes(part)) else { continue };
                if value.len() as u64 > max {
                    let (field, rule, len) = (a.field(), a.rule(&[BYTES, part]), value.len());
                    let quoted = quote_bytes(value);
                    let text = format!(
                        "Field {field} has a {rule} of {len} bytes, exceeding its max_len ({max}). It is impossible to contain {quoted} while having less than or equal to {max} bytes."
                    );
                    a.add(&[BYTES, part], text);
                }
            }
        }
        ENUM => only_const(a, rules, ENUM, Shape::Enum),
        DURATION => ranges(a, DURATION, rules, Shape::Duration, 2, |f| rules.time(f).map(Num::from), &|f| {
            rules.time(f).and_then(duration_error)
        }),
        TIMESTAMP => timestamps(a, rules),
        FIELD_MASK => {
            only_const(a, rules, FIELD_MASK, Shape::FieldMask);
            let not_in = rules.strings(3);
            for path in rules.strings(2).iter().filter(|p| not_in.contains(p)) {
                let text = format!("Field {} has path {} in both in and not_in rules.", a.field(), go_quote(path));
                a.add(&[FIELD_MASK, 2], text);
            }
        }
        _ => {}
    }
}

/// Go's `%q` of a byte slice: bytes that are not UTF-8 are escaped as `\xNN`.
fn quote_bytes(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for chunk in bytes.utf8_chunks() {
        let valid = go_quote(chunk.valid());
        out.push_str(&valid[1..valid.len() - 1]);
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out.push('"');
    out
}

impl From<Time> for Num {
    fn from(time: Time) -> Self {
        Num::Int(i128::from(time.seconds) * 1_000_000_000 + i128::from(time.nanos))
    }
}

fn only_const(a: &mut Adder<'_, '_>, rules: &Msg<'_>, kind: u32, shape: Shape) {
    let Some(number) = shape.number("const") else { return };
    if rules.has(number) && rules.set_fields(shape).len() > 1 {
        let (field, rule, all) = (a.field(), a.rule(&[kind, number]), a.rule(&[kind]));
        let text = format!("Field {field} has {rule}, therefore other rules in {all} are not applied and should be removed.");
        a.add(&[kind, number], text);
    }
}

/// `const`, `lt`/`lte` against `gt`/`gte` (numbered from `first`): buf only flags equal bounds
/// (crossed ones are a valid "outside the range"), and values that do not convert.
fn ranges(
    a: &mut Adder<'_, '_>,
    kind: u32,
    rules: &Msg<'_>,
    shape: Shape,
    first: u32,
    value: impl Fn(u32) -> Option<Num>,
    invalid: &dyn Fn(u32) -> Option<String>,
) {
    let (constant, lt, lte, gt, gte) = (first, first + 1, first + 2, first + 3, first + 4);
    let mut valid = |number: u32| {
        if !rules.has(number) {
            return None;
        }
        if let Some(error) = invalid(number) {
            let text = format!("Field {} has an invalid {}: {error}.", a.field(), a.rule(&[kind, number]));
            a.add(&[kind, number], text);
            return None;
        }
        value(number)
    };
    let has_const = valid(constant).is_some();
    let lower = [gt, gte].into_iter().rev().find(|&n| rules.has(n)).map(|n| (n, valid(n)));
    let upper = [lt, lte].into_iter().rev().find(|&n| rules.has(n)).map(|n| (n, valid(n)));
    if has_const && rules.set_fields(shape).len() > 1 {
        let (field, rule, all) = (a.field(), a.rule(&[kind, constant]), a.rule(&[kind]));
        let text = format!("Field {field} has {rule}, therefore other rules in {all} are not applied and should be removed.");
        a.add(&[kind, constant], text);
    }
    let (Some((low, Some(low_value))), Some((high, Some(high_value)))) = (lower, upper) else { return };
    if low_value != high_value {
        return;
    }
    let (field, low_rule, high_rule) = (a.field(), a.rule(&[kind, low]), a.rule(&[kind, high]));
    let text = if low == gte && high == lte {
        format!("Field {field} has equal {low_rule} and {high_rule}, use {}.const instead.", a.rule(&[kind]))
    } else {
        format!("Field {field} has equal {low_rule} and {high_rule}. All values are rejected by these checks.")
    };
    a.add(&[kind, low], text.clone());
    a.add(&[kind, high], text);
}

fn nan(a: &mut Adder<'_, '_>, kind: u32, rules: &Msg<'_>, number: Number) {
    let is_nan = |n: &Num| matches!(n, Num::Float(f) if f.is_nan());
    for field in 1..=5 {
        if rules.number(field, number).is_some_and(|n| is_nan(&n)) {
            let text = format!(
                "Field {} has {} set to NaN. Comparisons with NaN are always false, so this rule can never be satisfied.",
                a.field(),
                a.rule(&[kind, field])
            );
            a.add(&[kind, field], text);
        }
    }
    for (field, effect) in [(6, "can never match"), (7, "has no effect")] {
        for (i, _) in rules.numbers(field, number).iter().enumerate().filter(|(_, n)| is_nan(n)) {
            let text = format!(
                "Field {} has NaN in {}. Comparisons with NaN are always false, so this entry {effect}.",
                a.field(),
                a.rule(&[kind, field])
            );
            a.add(&[kind, field, i as u32], text);
        }
    }
}

/// `len`/`min`/`max` style rules (field numbers and names): redundant, crossed or equal.
fn lengths(a: &mut Adder<'_, '_>, rules: &Msg<'_>, kind: u32, numbers: (u32, u32, u32), names: (&str, &str, &str)) {
    let (len, min, max) = numbers;
    let field = a.field();
    let (len_rule, min_rule, max_rule) = (a.rule(&[kind, len]), a.rule(&[kind, min]), a.rule(&[kind, max]));
    for redundant in [min, max] {
        if rules.has(len) && rules.has(redundant) {
            let rule = if redundant == min { &min_rule } else { &max_rule };
            let text = format!("Field {field} has {len_rule} and therefore, {rule} is redundant and should be removed.");
            a.add(&[kind, redundant], text);
        }
    }
    let (Some(low), Some(high)) = (rules.uint(min), rules.uint(max)) else { return };
    if low > high {
        let text = format!("Field {field} has value {low} for {min_rule}, which must be lower than value {high} for {max_rule}.");
        a.add(&[kind, min], text);
        let text = format!("Field {field} has value {high} for {max_rule}, which must be higher than value {low} for {min_rule}.");
        a.add(&[kind, max], text);
    } else if low == high {
        let text = format!("Field {field} has equal {min_rule} and {}, use {}.{} instead.", names.2, a.rule(&[kind]), names.0);
        a.add(&[kind, min], text.clone());
        a.add(&[kind, max], text);
    }
}

fn strings(a: &mut Adder<'_, '_>, rules: &Msg<'_>) {
    const K: u32 = STRING;
    only_const(a, rules, K, Shape::String);
    lengths(a, rules, K, (19, 2, 3), ("len", "min_len", "max_len"));
    lengths(a, rules, K, (20, 4, 5), ("len_bytes", "min_bytes", "max_bytes"));
    let field = a.field();
    let name = |a: &Adder<'_, '_>, n: u32| a.rule(&[K, n]);
    let (min_len, max_len, min_bytes, max_bytes) = (rules.uint(2), rules.uint(3), rules.uint(4), rules.uint(5));
    if let (Some(min), Some(max)) = (min_len, max_bytes)
        && max < min
    {
        let (min_rule, max_rule) = (name(a, 2), name(a, 5));
        let why = format!("A string with {min} UTF-8 characters has at least {min} bytes, which is higher than {max} bytes.");
        let text = format!("Field {field} has value {min} for {min_rule}, which must be lower than value {max} for {max_rule}. {why}");
        a.add(&[K, 2], text);
        let text = format!("Field {field} has value {max} for {max_rule}, which must be higher than value {min} for {min_rule}. {why}");
        a.add(&[K, 5], text);
    }
    if let (Some(max), Some(min)) = (max_len, min_bytes)
        && max.wrapping_mul(4) < min
    {
        let (min_rule, max_rule) = (name(a, 4), name(a, 3));
        let why = format!("A string with {max} UTF-8 characters has at most {} bytes.", max.wrapping_mul(4));
        a.add(&[K, 4], format!("Field {field} has value {min} for {min_rule} but {max} for {max_rule}. {why}"));
        a.add(&[K, 3], format!("Field {field} has value {max} for {max_rule} but {min} for {min_rule}. {why}"));
    }
    let not_contains = rules.string(23);
    for part in [7, 8, 9] {
        let Some(value) = rules.string(part) else { continue };
        let (rule, quoted) = (name(a, part), go_quote(&value));
        let chars = value.chars().count();
        if let Some(max) = max_len
            && chars as u64 > max
        {
            let text = format!(
                "Field {field} has a {rule} of length {chars}, exceeding its max_len ({max}). It is impossible for a string to contain {quoted} while having less than or equal to {chars} UTF-8 characters."
            );
            a.add(&[K, part], text);
        }
        if let Some(max) = max_bytes
            && value.len() as u64 > max
        {
            let len = value.len();
            let text = format!(
                "Field {field} has a {rule} of {len} bytes, exceeding its max_bytes ({max}). It is impossible for a string to contain {quoted} while having less than or equal to {len} bytes."
            );
            a.add(&[K, part], text);
        }
        if let Some(excluded) = not_contains.as_deref().filter(|n| value.contains(n)) {
            let excluded = go_quote(excluded);
            let text = format!(
                "Field {field} has a {rule} ({quoted}) containing its not_contains ({excluded}). It is impossible for a string to contain {quoted} without containing {excluded}."
            );
            a.add(&[K, part], text);
        }
    }
    let well_known_regex = rules.last_number(|n| matches!(n, 12..=18 | 21 | 22 | 24 | 26..=33 | 35)) == Some(24)
        && rules.int32(24).unwrap_or(0) != 0;
    if rules.has(25) && !rules.bool(25) && !well_known_regex {
        let (strict, regex) = (name(a, 25), name(a, 24));
        let text = format!("Field {field} has {strict} without {regex}. {strict} only applies to {regex} and is invalid without it.");
        a.add(&[K, 25], text);
    }
}

fn timestamps(a: &mut Adder<'_, '_>, rules: &Msg<'_>) {
    const K: u32 = TIMESTAMP;
    ranges(a, K, rules, Shape::Timestamp, 2, |f| rules.time(f).map(Num::from), &|f| {
        rules.time(f).and_then(timestamp_error)
    });
    if rules.bool(7) && rules.bool(8) {
        let (field, gt_now, lt_now) = (a.field(), a.rule(&[K, 8]), a.rule(&[K, 7]));
        let text = format!(
            "Field {field} has both {gt_now} and {lt_now}. A timestamp cannot be both before and after validation time."
        );
        a.add(&[K, 8], text.clone());
        a.add(&[K, 7], text);
    }
    if let Some(within) = rules.time(9) {
        let (field, rule) = (a.field(), a.rule(&[K, 9]));
        if let Some(error) = duration_error(within) {
            a.add(&[K, 9], format!("Field {field} has an invalid {rule}: {error}."));
        } else if within.seconds <= 0 && within.nanos <= 0 {
            a.add(&[K, 9], format!("Field {field} must have a positive {rule} ({}).", text_format(within)));
        }
    }
}

/// A duration or timestamp as Go prints the message (`seconds:1 nanos:-1`).
fn text_format(time: Time) -> String {
    let mut parts = Vec::new();
    if time.seconds != 0 {
        parts.push(format!("seconds:{}", time.seconds));
    }
    if time.nanos != 0 {
        parts.push(format!("nanos:{}", time.nanos));
    }
    parts.join(" ")
}

/// buf's `checkDuration`.
fn duration_error(duration: Time) -> Option<String> {
    const MAX_NANOS: i128 = 9_223_372_036_854_775_428;
    let (seconds, nanos) = (duration.seconds, duration.nanos);
    let text = text_format(duration);
    if nanos <= -1_000_000_000 || nanos >= 1_000_000_000 {
        return Some(format!("duration ({text}) must have nanos in the range 0 to 999999999"));
    }
    if (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0) {
        return Some(format!("duration ({text}) has seconds and nanos with different signs"));
    }
    let total = (i128::from(seconds) * 1_000_000_000 + i128::from(nanos)).clamp(i128::from(i64::MIN), i128::from(i64::MAX));
    (total.abs() > MAX_NANOS).then(|| {
        format!(
            "duration ({text}) must be in the range seconds:-9223372036 nanos:-854775428 to seconds:9223372036 nanos:854775428"
        )
    })
}

/// protobuf-go's `Timestamp.CheckValid` (its errors put a no-break space after `proto:`).
fn timestamp_error(timestamp: Time) -> Option<String> {
    let text = text_format(timestamp);
    let problem = if timestamp.seconds < -62_135_596_800 {
        "before 0001-01-01"
    } else if timestamp.seconds > 253_402_300_799 {
        "after 9999-12-31"
    } else if !(0..1_000_000_000).contains(&timestamp.nanos) {
        "has out-of-range nanos"
    } else {
        return None;
    };
    Some(format!("proto:\u{a0}timestamp ({text}) {problem}"))
}
