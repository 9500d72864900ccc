//! The generated malformed-input corpus (issue 9): cases derived deterministically from the good
//! fixtures (`fixtures/lint/**`, `proto/`) plus synthetic extremes and file-system faults, written
//! into a directory at test time. `tests/bad_corpus.rs` runs the CLI on every case.
//!
//! Every case is a directory input `cases/<name>` below the corpus root; `against` is the good
//! version it was derived from (for `breaking`), `generated` the good version's generated code
//! (for `generate --check`).

mod fs_faults;
mod synthetic;
mod text;

use std::{
    fs,
    path::{Path, PathBuf},
};

/// What a case must do, per command. Compile problems exit 100 and name `file:line:col`;
/// environment problems exit 1 and name the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// buf accepts it: `build` exits 0; `lint`/`breaking`/`generate --check` 0 or 100.
    Valid,
    /// Valid, but no file system can hold its generated code (a package name over 255 bytes):
    /// `generate` exits 1 naming the file, the rest as [`Expect::Valid`].
    ValidNotGeneratable,
    /// Valid, and `lint` prints exactly what it prints for the good version (line endings and
    /// byte-order marks move no position buf reports).
    SameLintAsGood,
    /// A compile error: every command exits 100 with a `file:line:col` message.
    Invalid,
    /// Valid or not depending on where the mutation landed: 0, or 100 with a `file:line:col`.
    Either,
    /// A file-system fault: exit 1 with a message naming a path, no position.
    Environment,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub kind: String,
    pub expect: Expect,
    /// The good version, relative to the corpus root (a seed directory).
    pub against: String,
}

impl Case {
    pub fn input(&self) -> String {
        format!("cases/{}", self.name)
    }
}

/// A good module the text mutations start from: its files and the one mutated.
pub struct Seed {
    pub name: String,
    pub files: Vec<(String, Vec<u8>)>,
    /// Index into `files` of the largest .proto file.
    pub target: usize,
}

/// The corpus, written below `root`: `seeds/<seed>/` (good versions) and `cases/<case>/`.
pub struct Corpus {
    pub root: PathBuf,
    pub seeds: Vec<String>,
    pub cases: Vec<Case>,
    /// Cases the host cannot express, with the reason (printed by the test).
    pub skipped: Vec<String>,
}

/// Seeds per text mutation round; the number of cases is about `SEEDS * 17 + synthetic`.
const SEEDS: usize = 56;

pub fn generate(root: &Path, repo: &Path) -> Corpus {
    let mut corpus = Corpus { root: root.to_owned(), seeds: Vec::new(), cases: Vec::new(), skipped: Vec::new() };
    for seed in seeds(repo) {
        write_tree(&root.join("seeds").join(&seed.name), &seed.files);
        for (suffix, expect, bytes) in text::mutations(&seed.files[seed.target].1, &seed.name) {
            let mut files = seed.files.clone();
            files[seed.target].1 = bytes;
            corpus.add(&seed.name, &format!("{}_{suffix}", seed.name), expect, &files);
        }
        corpus.seeds.push(seed.name);
    }
    synthetic::add_all(&mut corpus);
    fs_faults::add_all(&mut corpus);
    corpus
}

impl Corpus {
    /// Adds a case of the given files (module paths) derived from the seed `against`.
    pub fn add(&mut self, against: &str, name: &str, expect: Expect, files: &[(String, Vec<u8>)]) {
        write_tree(&self.root.join("cases").join(name), files);
        self.push(against, name, expect);
    }

    /// Registers a case whose directory the caller wrote itself.
    pub fn push(&mut self, against: &str, name: &str, expect: Expect) {
        let kind = kind_of(name, against);
        self.cases.push(Case { name: name.to_owned(), kind, expect, against: format!("seeds/{against}") });
    }

    pub fn case_dir(&self, name: &str) -> PathBuf {
        self.root.join("cases").join(name)
    }

    /// A seed of the given files that the synthetic cases are compared against.
    pub fn add_seed(&mut self, name: &str, files: &[(String, Vec<u8>)]) {
        write_tree(&self.root.join("seeds").join(name), files);
        self.seeds.push(name.to_owned());
    }
}

/// A mutation's name (`truncate`, `flip`, ...) for cases derived from a fixture, the name's
/// first word (`deep`, `many`, `cycle`, `handwritten`, ...) for the others.
fn kind_of(name: &str, against: &str) -> String {
    if against == "synthetic" {
        name.split('_').next().unwrap_or(name).to_owned()
    } else {
        name.rsplit('_').next().unwrap_or(name).trim_end_matches(|c: char| c.is_ascii_digit()).to_owned()
    }
}

pub fn write_tree(dir: &Path, files: &[(String, Vec<u8>)]) {
    for (path, bytes) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("create case dir");
        fs::write(&path, bytes).expect("write case file");
    }
}

/// Every `SEEDS`-th fixture module of `fixtures/lint` (evenly spread over the rules) and
/// `proto/`: modules that compile on their own (`buf.yaml` beside the sources, or none).
fn seeds(repo: &Path) -> Vec<Seed> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for rule in sorted_entries(&repo.join("fixtures/lint")) {
        dirs.extend(sorted_entries(&rule).into_iter().filter(|d| d.is_dir()));
    }
    let step = dirs.len().div_ceil(SEEDS - 1).max(1);
    let mut chosen: Vec<PathBuf> = dirs.into_iter().step_by(step).collect();
    chosen.push(repo.join("proto"));
    chosen
        .into_iter()
        .filter_map(|dir| {
            let files = read_tree(&dir);
            let target = files
                .iter()
                .enumerate()
                .filter(|(_, (p, _))| p.ends_with(".proto"))
                .max_by_key(|(i, (_, b))| (b.len(), usize::MAX - i))?
                .0;
            let relative = dir.strip_prefix(repo).expect("inside the repo").to_string_lossy().replace(['/', '\\'], "-");
            Some(Seed { name: relative, files, target })
        })
        .collect()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    entries.sort();
    entries
}

/// The .proto files and buf.yaml of a module directory, by path relative to it.
fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in sorted_entries(&current) {
            if entry.is_dir() {
                stack.push(entry);
            } else if entry.extension().is_some_and(|e| e == "proto")
                || entry.file_name().is_some_and(|n| n == "buf.yaml")
            {
                let relative = entry.strip_prefix(dir).expect("below").to_string_lossy().replace('\\', "/");
                files.push((relative, fs::read(&entry).expect("read fixture")));
            }
        }
    }
    files.sort();
    files
}

/// A small deterministic generator (xorshift64*), so every run builds the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: &str) -> Self {
        // FNV-1a of the seed's name: stable across platforms and Rust versions.
        let hash =
            seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        Self(hash | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}
