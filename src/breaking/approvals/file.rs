//! `protogate.approvals.yaml`: reviewed breaking changes, each pinned to one comparison.
//!
//! ```yaml
//! version: v1
//! approvals:
//!   - rule: FIELD_NO_DELETE
//!     element: shop.v1.Product
//!     against: 3f2c1a9
//!     reason: price moved to the Pricing service; all clients migrated (PR #123)
//! ```
//!
//! A separate file, not a `breaking.approvals` key in buf.yaml: buf decodes buf.yaml strictly
//! and fails on unknown keys, so such a key would break every buf run on the repository.

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use super::Approval;
use crate::{Error, config::closest};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Option<Spanned<String>>,
    #[serde(default)]
    approvals: Vec<Spanned<RawApproval>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApproval {
    rule: Spanned<String>,
    element: Spanned<String>,
    against: Spanned<String>,
    reason: Option<Spanned<String>>,
}

/// Parses an approvals file; `source` names it in errors and in each approval's origin.
/// `rule_ids` are the breaking rule ids an approval may name.
pub fn parse_approvals(text: &str, source: &str, rule_ids: &[&str]) -> Result<Vec<Approval>, Error> {
    let at = |location: &Location| format!("{source}:{}:{}", location.line(), location.column());
    let raw: RawFile = serde_saphyr::from_str(text).map_err(|error| yaml_error(source, &error))?;
    match &raw.version {
        Some(version) if version.value == "v1" => {}
        Some(version) => {
            return Err(Error::new(format!(
                "{}: unknown approvals version {:?}",
                at(&version.referenced),
                version.value
            ))
            .with_help("this protogate reads \"version: v1\""));
        }
        None => return Err(Error::new(format!("{source}: \"version\" is not set")).with_help("add \"version: v1\"")),
    }
    let mut approvals = Vec::new();
    for entry in raw.approvals {
        let origin = at(&entry.referenced);
        let RawApproval { rule, element, against, reason } = entry.value;
        if !rule_ids.contains(&rule.value.as_str()) {
            let error = Error::new(format!("{}: unknown breaking rule {:?}", at(&rule.referenced), rule.value));
            return Err(match closest(&rule.value, rule_ids.iter().copied()) {
                Some(word) => error.with_help(format!("did you mean {word:?}?")),
                None => error.with_help("approvals name one breaking rule id each (see `protogate rules breaking`)"),
            });
        }
        for (key, word) in [("element", &element), ("against", &against)] {
            if word.value.trim().is_empty() {
                return Err(Error::new(format!("{}: {key:?} is empty", at(&word.referenced))));
            }
        }
        let Some(reason) = reason.filter(|r| !r.value.trim().is_empty()) else {
            return Err(Error::new(format!("{origin}: approval of {} on {} has no reason", rule.value, element.value))
                .with_help("add `reason: ...` saying why the break is intended; reviewers read it"));
        };
        approvals.push(Approval {
            rule: rule.value,
            element: element.value,
            against: against.value,
            reason: reason.value.trim().to_owned(),
            origin,
        });
    }
    Ok(approvals)
}

fn yaml_error(source: &str, error: &serde_saphyr::Error) -> Error {
    let mut error = error;
    while let serde_saphyr::Error::WithSnippet { error: inner, .. } = error {
        error = inner;
    }
    let rendered = error.to_string();
    let detail = rendered.lines().next().unwrap_or_default();
    let detail = detail.rfind(" at line ").map_or(detail, |i| &detail[..i]);
    match error.location() {
        Some(location) => Error::new(format!("{source}:{}:{}: {detail}", location.line(), location.column())),
        None => Error::new(format!("{source}: {detail}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: [&str; 2] = ["FIELD_NO_DELETE", "FIELD_SAME_TYPE"];

    #[test]
    fn entries_keep_their_origin() {
        let text = "version: v1\napprovals:\n  - rule: FIELD_NO_DELETE\n    element: a.v1.M\n    against: abc1234\n    reason: ' moved '\n";
        let approvals = parse_approvals(text, "p.yaml", &RULES).unwrap();
        assert_eq!(approvals.len(), 1);
        assert_eq!(approvals[0].origin, "p.yaml:3:5");
        assert_eq!(approvals[0].reason, "moved");
    }

    #[test]
    fn mistakes_are_errors_with_a_position() {
        let no_reason =
            "version: v1\napprovals:\n  - rule: FIELD_NO_DELETE\n    element: a.v1.M\n    against: abc1234\n";
        let error = parse_approvals(no_reason, "p.yaml", &RULES).unwrap_err();
        assert_eq!(error.to_string(), "p.yaml:3:5: approval of FIELD_NO_DELETE on a.v1.M has no reason");
        let typo = "version: v1\napprovals:\n  - rule: FIELD_NO_DELET\n    element: a\n    against: b\n    reason: c\n";
        let error = parse_approvals(typo, "p.yaml", &RULES).unwrap_err();
        assert_eq!(error.to_string(), "p.yaml:3:11: unknown breaking rule \"FIELD_NO_DELET\"");
        assert_eq!(error.help(), Some("did you mean \"FIELD_NO_DELETE\"?"));
    }
}
