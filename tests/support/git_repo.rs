//! Throwaway git repositories with reproducible commits (fixed authors and dates, so commit
//! SHAs are stable in snapshots), and the seed's evolution story (`shop.v1.Product`).
#![allow(dead_code)]

use std::{
    path::Path,
    process::{Command, Output},
};

use git2::{Oid, Repository, Signature, Time};

pub const BUF_YAML: &str = "version: v2\nmodules:\n  - path: proto\nbreaking:\n  use: [FILE]\n";

pub const PRODUCT_PATH: &str = "proto/shop/v1/product.proto";

/// The seed story's starting point (as in `tests/git_inputs.rs`).
pub const PRODUCT: &str = r#"syntax = "proto3";

package shop.v1;

message Product {
  string id = 1;
  string name = 2;
  int64 price = 3;
  Status status = 4;
}

enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
  STATUS_RETIRED = 2;
}
"#;

pub struct TestRepo {
    pub dir: tempfile::TempDir,
    pub repo: Repository,
    clock: i64,
}

impl TestRepo {
    /// A repository on `main` holding buf.yaml and the seed's product.proto, committed once.
    pub fn seed() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        let mut this = Self { dir, repo, clock: 1_764_000_000 };
        this.write("buf.yaml", BUF_YAML);
        this.write(PRODUCT_PATH, PRODUCT);
        this.commit("Ada Lovelace", "first");
        this
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        let file = self.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.path().join(path)).unwrap()
    }

    /// Replaces `from` (which must be there) by `to` in `path`.
    pub fn edit(&self, path: &str, from: &str, to: &str) {
        let text = self.read(path);
        assert!(text.contains(from), "{path} has no {from:?}");
        self.write(path, &text.replacen(from, to, 1));
    }

    /// Commits the whole work tree on the current branch, one hour after the previous commit.
    pub fn commit(&mut self, author: &str, message: &str) -> Oid {
        self.clock += 3600;
        let repo = &self.repo;
        let mut index = repo.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let email = format!("{}@example.com", author.split(' ').next().unwrap().to_lowercase());
        let signature = Signature::new(author, &email, &Time::new(self.clock, 0)).unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        repo.commit(Some("HEAD"), &signature, &signature, message, &tree, &parents).unwrap()
    }

    pub fn head(&self) -> Oid {
        self.repo.head().unwrap().peel_to_commit().unwrap().id()
    }

    pub fn tag(&self, name: &str, annotated: bool) {
        let object = self.repo.find_object(self.head(), None).unwrap();
        if annotated {
            let tagger = Signature::new("Release Bot", "bot@example.com", &Time::new(self.clock, 0)).unwrap();
            self.repo.tag(name, &object, &tagger, name, false).unwrap();
        } else {
            self.repo.tag_lightweight(name, &object, false).unwrap();
        }
    }

    pub fn protogate(&self, args: &[&str]) -> Output {
        protogate_in(self.path(), args)
    }
}

pub fn protogate_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protogate")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

/// Exit code, stdout, stderr.
pub fn text(output: &Output) -> (i32, String, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
