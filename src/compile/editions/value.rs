//! `default_value` strings exactly as buf writes them into a `FieldDescriptorProto`:
//! integers in decimal, floats as Go's `strconv.FormatFloat(v, 'g', -1, 64)` (a `float` field's
//! value is first rounded to 32 bits), `inf` / `-inf` / `nan`, strings verbatim and bytes
//! C-escaped with octal escapes.

use prost_types::field_descriptor_proto::Type;

use super::scan::DefaultValue;

/// Formats `value` for a field of scalar type `ty` (`None`: a named type, i.e. an enum, since a
/// message type is rejected later by the linker). The error is a message in buf's wording.
pub(super) fn default_string(ty: Option<Type>, value: &DefaultValue) -> Result<String, String> {
    let mismatch = || Err("mismatched types".to_owned());
    if matches!(value, DefaultValue::Aggregate) {
        return Err("default value cannot be a message".to_owned());
    }
    let Some(ty) = ty else {
        return match value {
            DefaultValue::Ident { neg: false, name } => Ok(name.clone()),
            _ => mismatch(),
        };
    };
    match ty {
        Type::Double | Type::Float => float(ty == Type::Float, value),
        Type::Int32 | Type::Sint32 | Type::Sfixed32 => int(value, i128::from(i32::MIN), i128::from(i32::MAX)),
        Type::Int64 | Type::Sint64 | Type::Sfixed64 => int(value, i128::from(i64::MIN), i128::from(i64::MAX)),
        Type::Uint32 | Type::Fixed32 => int(value, 0, i128::from(u32::MAX)),
        Type::Uint64 | Type::Fixed64 => int(value, 0, i128::from(u64::MAX)),
        Type::Bool => match value {
            DefaultValue::Ident { neg: false, name } if name == "true" || name == "false" => Ok(name.clone()),
            _ => mismatch(),
        },
        Type::String => match value {
            DefaultValue::Str(bytes) => Ok(String::from_utf8_lossy(bytes).into_owned()),
            _ => mismatch(),
        },
        Type::Bytes => match value {
            DefaultValue::Str(bytes) => Ok(escape_bytes(bytes)),
            _ => mismatch(),
        },
        Type::Group | Type::Message | Type::Enum => {
            Err("default value cannot be set because field is a message".to_owned())
        }
    }
}

fn int(value: &DefaultValue, min: i128, max: i128) -> Result<String, String> {
    let DefaultValue::Num { neg, text } = value else {
        return Err("mismatched types".to_owned());
    };
    let Some(magnitude) = parse_int(text) else {
        return Err("mismatched types".to_owned());
    };
    let v = if *neg { -i128::from(magnitude) } else { i128::from(magnitude) };
    if v < min || v > max {
        return Err(format!("integer literal out of range: {}{text}", if *neg { "-" } else { "" }));
    }
    Ok(v.to_string())
}

/// Decimal, `0x` hexadecimal or leading-zero octal integer literal.
fn parse_int(text: &str) -> Option<u64> {
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).ok();
    }
    if text.len() > 1 && text.starts_with('0') {
        return u64::from_str_radix(text.get(1..)?, 8).ok();
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    None
}

fn float(is_f32: bool, value: &DefaultValue) -> Result<String, String> {
    let v = match value {
        DefaultValue::Num { neg, text } => {
            let lower = text.to_ascii_lowercase();
            if lower.starts_with("0x") || (lower.len() > 1 && lower.starts_with('0') && !lower.contains(['.', 'e'])) {
                return Err("unsupported base for floating-point literal".to_owned());
            }
            let v: f64 = text.parse().map_err(|_| "mismatched types".to_owned())?;
            if *neg { -v } else { v }
        }
        DefaultValue::Ident { neg, name } => {
            let v = match name.as_str() {
                "inf" => f64::INFINITY,
                "nan" => f64::NAN,
                n if ["inf", "infinity", "nan"].contains(&n.to_ascii_lowercase().as_str()) => {
                    return Err("non-canonical floating-point literal outside of message expression".to_owned());
                }
                _ => return Err("mismatched types".to_owned()),
            };
            if *neg { -v } else { v }
        }
        _ => return Err("mismatched types".to_owned()),
    };
    let v = if is_f32 { f64::from(v as f32) } else { v };
    Ok(if v.is_nan() {
        "nan".to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { "inf".to_owned() } else { "-inf".to_owned() }
    } else {
        format_g(v)
    })
}

/// Go's `strconv.FormatFloat(v, 'g', -1, 64)` for a finite `v`: the shortest round-trip digits,
/// in exponent form (at least two exponent digits) when the decimal exponent is below -4 or at
/// least 6, since Go decides with precision 6 in shortest mode.
pub(super) fn format_g(v: f64) -> String {
    let neg = v.is_sign_negative();
    // Rust's `{:e}` gives the shortest round-trip digits, like Go's shortest mode.
    let e = format!("{:e}", v.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((e.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.is_empty() { "0".to_owned() } else { digits };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..6).contains(&exp) {
        let dp = exp + 1; // digits before the decimal point
        let nd = digits.len() as i32;
        if dp <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat(dp.unsigned_abs() as usize));
            out.push_str(&digits);
        } else if dp >= nd {
            out.push_str(&digits);
            out.push_str(&"0".repeat((dp - nd) as usize));
        } else {
            out.push_str(&digits[..dp as usize]);
            out.push('.');
            out.push_str(&digits[dp as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
    }
    out
}

/// protocompile's `internal.EscapeBytes`.
fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &c in bytes {
        match c {
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'"' => out.push_str("\\\""),
            b'\'' => out.push_str("\\'"),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(char::from(c)),
            _ => {
                out.push('\\');
                out.push(char::from(b'0' + ((c >> 6) & 7)));
                out.push(char::from(b'0' + ((c >> 3) & 7)));
                out.push(char::from(b'0' + (c & 7)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_g;

    #[test]
    fn go_g_format() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (1e10, "1e+10"),
            (123_456.0, "123456"),
            (1_234_567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.1, "0.1"),
            (f64::from(0.0015f32), "0.001500000013038516"),
            (1.5e300, "1.5e+300"),
            (-2.5e-300, "-2.5e-300"),
            (5e-324, "5e-324"),
        ];
        for (v, want) in cases {
            assert_eq!(format_g(*v), *want, "{v}");
        }
    }
}
