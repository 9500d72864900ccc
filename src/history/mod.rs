//! Release-aware comparisons over a repository's history: the latest release tag reachable from
//! HEAD (`--against-latest-tag`) and the first-parent walk that names the commit introducing
//! each breaking change (`--since REF --each-commit`). Git is read with git2, in place.

mod locate;
mod tags;
mod walk;

pub use locate::{GitLocation, locate};
pub use tags::{ReleaseTag, latest_release_tag};
pub use walk::{Attribution, CommitInfo, Walk, attribute, first_parent_commits};
