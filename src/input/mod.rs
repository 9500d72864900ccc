//! Inputs: what the user names on the command line (a directory, an image file, later a git
//! ref), resolved into the files to compile.

mod dir;
mod git;
mod git_tree;
mod image;
mod loose;
mod options_graft;
mod spec;
mod store;
mod walk;

pub use dir::{SourceFile, SourceTree, resolve_directory, resolve_in_store};
pub use git::{commit_of, resolve_commit, resolve_git};
pub use image::{ImageFile, ImageFormat, encode_image, encode_image_file, read_image, write_image, write_image_files};
pub use loose::LooseObjects;
pub use spec::{InputSpec, parse_input};
pub use store::{DiskStore, SKIPPED_DIRS, Store};

/// Filters from `--path` / `--exclude-path`, as the user typed them (cwd-relative).
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    pub paths: Vec<String>,
    pub exclude_paths: Vec<String>,
}
