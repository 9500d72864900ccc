//! Package versions (buf's `protoversion`): the last component of a package with at least two
//! components, such as `v1`, `v1beta1`, `v1p1alpha` or `v2test`.

/// How stable a versioned package declares itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    Stable,
    Alpha,
    Beta,
    Test,
}

/// The stability of `package`'s version, or `None` when it has no well-formed version.
pub fn package_stability(package: &str) -> Option<Stability> {
    let (_, component) = package.rsplit_once('.')?;
    let version = component.strip_prefix('v').filter(|v| !v.is_empty())?;
    if let Some((major, _suffix)) = version.split_once("test") {
        return number(major).map(|_| Stability::Test);
    }
    let stability = match (version.contains("alpha"), version.contains("beta")) {
        (false, false) => return number(version).map(|_| Stability::Stable),
        (true, false) => Stability::Alpha,
        (false, true) => Stability::Beta,
        (true, true) => return None,
    };
    let marker = if stability == Stability::Alpha { "alpha" } else { "beta" };
    let (major_patch, minor) = version.split_once(marker)?;
    if !minor.is_empty() {
        number(minor)?;
    }
    match major_patch.split_once('p') {
        Some((major, patch)) => number(major).and(number(patch)),
        None => number(major_patch),
    }
    .map(|_| stability)
}

/// Go's `strconv.ParseInt(s, 10, 32)` (sign allowed, leading zeros allowed), at least 1.
fn number(s: &str) -> Option<i32> {
    s.parse::<i32>().ok().filter(|&n| n >= 1)
}

#[cfg(test)]
mod tests {
    use super::{Stability::*, package_stability as stability};

    #[test]
    fn versions_parse_as_buf_parses_them() {
        let cases = [
            ("foo.v1", Some(Stable)),
            ("foo.v01", Some(Stable)),
            ("foo.v+1", Some(Stable)),
            ("foo.v1alpha", Some(Alpha)),
            ("foo.v1alpha1", Some(Alpha)),
            ("foo.v1p1alpha", Some(Alpha)),
            ("foo.v1p1beta2", Some(Beta)),
            ("foo.v1test", Some(Test)),
            ("foo.v1testfoo", Some(Test)),
            ("foo.v2test_x", Some(Test)),
            ("v1", None),
            ("foo.v0", None),
            ("foo.v1p1", None),
            ("foo.V1", None),
            ("foo.v1_beta1", None),
            ("foo.v1beta1test", None),
            ("foo.v1alpha0", None),
            ("foo.v1beta0", None),
            ("foo.v1p0beta1", None),
            ("foo.v1alphabeta1", None),
            ("foo.v2147483648", None),
            ("foo.v", None),
            ("foo.bar", None),
        ];
        for (package, expected) in cases {
            assert_eq!(stability(package), expected, "{package}");
        }
    }
}
