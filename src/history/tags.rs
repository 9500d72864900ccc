//! `--against-latest-tag [PATTERN]`: the highest semver release tag reachable from HEAD.

use git2::{Oid, Repository};
use semver::Version;

use crate::Error;

/// A tag that names a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseTag {
    pub name: String,
    pub version: Version,
    pub commit: Oid,
}

/// The tag matching the glob `pattern` with the highest semver version whose commit is `head` or
/// one of its ancestors. The pattern's literal prefix (`v` in `v*` or `v1.*`, `api/v` in `api/v*`) and then
/// a leading `v` are stripped before parsing; tags that are not semver are ignored, and
/// pre-releases rank below their release, as semver orders them.
pub fn latest_release_tag(repo: &Repository, head: Oid, pattern: &str) -> Result<ReleaseTag, Error> {
    let matcher = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| Error::new(format!("--against-latest-tag: invalid pattern {pattern:?}: {e}")))?
        .compile_matcher();
    let prefix = literal_prefix(pattern);
    let mut candidates = Vec::new();
    let mut matching = 0usize;
    let names = repo.tag_names(None).map_err(|e| Error::new(format!("reading tags: {}", e.message())))?;
    for name in names.iter().flatten().flatten().filter(|name| matcher.is_match(name)) {
        matching += 1;
        let Some(version) = parse_version(name, prefix) else { continue };
        let Ok(object) = repo.revparse_single(&format!("refs/tags/{name}")) else { continue };
        let Ok(commit) = object.peel_to_commit() else { continue };
        candidates.push(ReleaseTag { name: name.to_owned(), version, commit: commit.id() });
    }
    // Highest version first; equal versions (`v1.0.0` and `1.0.0`) by name, for determinism.
    candidates.sort_by(|a, b| b.version.cmp(&a.version).then_with(|| a.name.cmp(&b.name)));
    let semver_count = candidates.len();
    for candidate in candidates {
        let reachable = candidate.commit == head
            || repo.graph_descendant_of(head, candidate.commit).map_err(|e| {
                Error::new(format!("checking whether tag {} is an ancestor of HEAD: {}", candidate.name, e.message()))
            })?;
        if reachable {
            return Ok(candidate);
        }
    }
    let detail = match (matching, semver_count) {
        (0, _) => "no tag matches it".to_owned(),
        (_, 0) => format!("{matching} tag(s) match it, none with a semver version after the prefix {prefix:?}"),
        _ => format!("{semver_count} semver tag(s) match it, none of them on HEAD's history"),
    };
    let help = if repo.is_shallow() {
        "this is a shallow clone: fetch tags and history (`git fetch --tags --unshallow`), or in CI check out with fetch-depth 0"
    } else {
        "list them with `git tag --list` and `git tag --merged HEAD`; fetch them with `git fetch --tags`"
    };
    Err(Error::new(format!(
        "--against-latest-tag: no release tag matching {pattern:?} is reachable from HEAD: {detail}"
    ))
    .with_help(help))
}

/// The pattern up to its first glob metacharacter or digit (`v` for `v1.*`: the digits are
/// the version's).
fn literal_prefix(pattern: &str) -> &str {
    let end = pattern.find(|c: char| "*?[{\\".contains(c) || c.is_ascii_digit()).unwrap_or(pattern.len());
    &pattern[..end]
}

fn parse_version(name: &str, prefix: &str) -> Option<Version> {
    let rest = name.strip_prefix(prefix).unwrap_or(name);
    Version::parse(rest).ok().or_else(|| Version::parse(rest.strip_prefix('v')?).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_after_the_literal_prefix() {
        assert_eq!(literal_prefix("api/v*"), "api/v");
        assert_eq!(literal_prefix("v1.*"), "v");
        assert_eq!(parse_version("v1.2.3", "v"), Some(Version::new(1, 2, 3)));
        assert_eq!(parse_version("api/v2.0.0", "api/v"), Some(Version::new(2, 0, 0)));
        assert_eq!(parse_version("v1.2.3", ""), Some(Version::new(1, 2, 3)));
        assert_eq!(parse_version("v1.2", "v"), None);
        assert_eq!(parse_version("vnext", "v"), None);
        let rc = parse_version("v2.0.0-rc.1", "v").unwrap();
        assert!(rc < Version::new(2, 0, 0) && rc > Version::new(1, 9, 0));
    }
}
