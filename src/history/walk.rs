//! `--since REF --each-commit`: the first-parent commits after REF, and which of them introduced
//! each breaking change still present at HEAD.

use std::collections::HashSet;

use git2::{Oid, Repository, Sort};
use serde::Serialize;

use crate::{Error, diagnostic::Diagnostic};

/// What the report says about a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitInfo {
    pub sha: String,
    pub author: String,
    pub email: String,
    /// The author date in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub date: String,
    pub subject: String,
}

/// The first-parent commits after REF, oldest first.
#[derive(Debug, Default)]
pub struct Walk {
    /// The commits that changed the input's directory.
    pub commits: Vec<CommitInfo>,
    /// How many commits were walked (those that left the directory alone included).
    pub walked: usize,
}

/// Walks `since..head` along first parents, keeping the commits whose tree at `subdir` differs
/// from their first parent's (an object id comparison: no diff is computed).
pub fn first_parent_commits(repo: &Repository, since: Oid, head: Oid, subdir: &str) -> Result<Walk, Error> {
    let failed = |e: git2::Error| Error::new(format!("walking the history from {since} to {head}: {}", e.message()));
    if since != head && !repo.graph_descendant_of(head, since).map_err(failed)? {
        return Err(Error::new(format!("--since: {since} is not an ancestor of HEAD ({head})"))
            .with_help("name a commit, tag or branch on HEAD's history, e.g. the last release tag or `origin/main`"));
    }
    let mut revwalk = repo.revwalk().map_err(failed)?;
    revwalk.push(head).map_err(failed)?;
    revwalk.hide(since).map_err(failed)?;
    revwalk.simplify_first_parent().map_err(failed)?;
    revwalk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE).map_err(failed)?;
    let mut walk = Walk::default();
    for oid in revwalk {
        let commit = repo.find_commit(oid.map_err(failed)?).map_err(failed)?;
        walk.walked += 1;
        let tree_at = |c: &git2::Commit<'_>| -> Option<Oid> {
            let tree = c.tree().ok()?;
            if subdir.is_empty() {
                Some(tree.id())
            } else {
                tree.get_path(std::path::Path::new(subdir)).ok().map(|e| e.id())
            }
        };
        let parent_tree = commit.parent(0).ok().and_then(|p| tree_at(&p));
        if parent_tree.is_some() && parent_tree == tree_at(&commit) {
            continue;
        }
        walk.commits.push(describe(&commit));
    }
    Ok(walk)
}

fn describe(commit: &git2::Commit<'_>) -> CommitInfo {
    let author = commit.author();
    CommitInfo {
        sha: commit.id().to_string(),
        author: author.name().unwrap_or("").to_owned(),
        email: author.email().unwrap_or("").to_owned(),
        date: utc_timestamp(author.when().seconds()),
        subject: commit.summary().ok().flatten().unwrap_or("").to_owned(),
    }
}

/// A finding present at HEAD and the commit that introduced it (`None`: no compiled commit
/// reports it, e.g. when the break comes from a config change outside the input's directory).
#[derive(Debug, Clone)]
pub struct Attribution {
    pub finding: Diagnostic,
    pub commit: Option<CommitInfo>,
}

/// For each finding of HEAD against REF, the first commit from which every later compiled commit
/// reports it against REF too: the commit that introduced it in its final form. A break made,
/// reverted and made again is attributed to the commit that made it again. `compared[i]` holds
/// commit `i`'s findings against REF, `None` when that commit did not compile.
pub fn attribute(
    findings: Vec<Diagnostic>,
    commits: &[CommitInfo],
    compared: &[Option<Vec<Diagnostic>>],
) -> Vec<Attribution> {
    let keys: Vec<Option<HashSet<Key<'_>>>> =
        compared.iter().map(|found| found.as_ref().map(|found| found.iter().map(key).collect())).collect();
    findings
        .into_iter()
        .map(|finding| {
            let wanted = key(&finding);
            let mut introduced = None;
            for (index, found) in keys.iter().enumerate().rev() {
                match found {
                    None => {}
                    Some(found) if found.contains(&wanted) => introduced = Some(index),
                    Some(_) => break,
                }
            }
            let commit = introduced.map(|index| commits[index].clone());
            Attribution { finding, commit }
        })
        .collect()
}

/// What identifies a finding across commits: lines move, rule, file and message do not.
type Key<'a> = (&'a str, Option<&'a str>, &'a str);

fn key(diagnostic: &Diagnostic) -> Key<'_> {
    (&diagnostic.rule, diagnostic.file.as_ref().map(|f| f.module_path.as_str()), &diagnostic.message)
}

/// `seconds` since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
fn utc_timestamp(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let time = seconds.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", time / 3600, time % 3600 / 60, time % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_utc() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_timestamp(1_764_100_800 + 3661), "2025-11-25T21:01:01Z");
    }

    fn finding(rule: &'static str, message: &str) -> Diagnostic {
        Diagnostic::new(rule, message)
    }

    fn commit(name: &str) -> CommitInfo {
        CommitInfo {
            sha: name.into(),
            author: String::new(),
            email: String::new(),
            date: String::new(),
            subject: String::new(),
        }
    }

    #[test]
    fn the_first_commit_of_the_last_unbroken_run_is_named() {
        let deleted = finding("FIELD_NO_DELETE", "gone");
        let commits = [commit("a"), commit("b"), commit("c"), commit("d")];
        let compared = [Some(vec![deleted.clone()]), Some(vec![]), None, Some(vec![deleted.clone()])];
        let found = attribute(vec![deleted.clone()], &commits, &compared);
        assert_eq!(found[0].commit.as_ref().map(|c| c.sha.as_str()), Some("d"));
        let compared = [Some(vec![]), Some(vec![deleted.clone()]), None, Some(vec![deleted.clone()])];
        let found = attribute(vec![deleted], &commits, &compared);
        assert_eq!(found[0].commit.as_ref().map(|c| c.sha.as_str()), Some("b"));
    }
}
