//! Package versions as buf parses them (reference §1.2): `foo.v1`, `foo.v1beta1`, `foo.v1test`.

/// How stable a package's version is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    Stable,
    Alpha,
    Beta,
    Test,
}

/// The stability of `package`'s version, `None` when it has no well-formed version.
pub fn package_stability(package: &str) -> Option<Stability> {
    let (rest, last) = package.rsplit_once('.')?;
    if rest.is_empty() {
        return None;
    }
    let number = last.strip_prefix('v').filter(|r| !r.is_empty())?;
    if let Some((major, _suffix)) = number.split_once("test") {
        return go_int_at_least_one(major).then_some(Stability::Test);
    }
    let (has_alpha, has_beta) = (number.contains("alpha"), number.contains("beta"));
    if has_alpha && has_beta {
        return None;
    }
    if has_alpha || has_beta {
        let (marker, stability) = if has_alpha { ("alpha", Stability::Alpha) } else { ("beta", Stability::Beta) };
        let (left, minor) = number.split_once(marker)?;
        let left_ok = go_int_at_least_one(left)
            || left
                .split_once('p')
                .is_some_and(|(major, patch)| go_int_at_least_one(major) && go_int_at_least_one(patch));
        return (left_ok && (minor.is_empty() || go_int_at_least_one(minor))).then_some(stability);
    }
    go_int_at_least_one(number).then_some(Stability::Stable)
}

/// Go's `strconv.ParseInt(s, 10, 32)` succeeding with a value ≥ 1.
fn go_int_at_least_one(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && s.parse::<i32>().is_ok_and(|n| n >= 1)
}

#[cfg(test)]
mod tests {
    use super::{Stability::*, package_stability};

    #[test]
    fn versions_like_buf() {
        for (package, expected) in [
            ("foo.v1", Some(Stable)),
            ("foo.v01", Some(Stable)),
            ("foo.v+1", Some(Stable)),
            ("foo.v1alpha", Some(Alpha)),
            ("foo.v1alpha1", Some(Alpha)),
            ("foo.v1p1beta2", Some(Beta)),
            ("foo.v1test", Some(Test)),
            ("foo.v1testfoo", Some(Test)),
            ("foo.v1beta1test", None),
            ("foo.v1alpha0", None),
            ("foo.v0", None),
            ("foo.v1p1", None),
            ("foo.V1", None),
            ("v1", None),
            ("foo.v2147483648", None),
        ] {
            assert_eq!(package_stability(package), expected, "{package}");
        }
    }
}
