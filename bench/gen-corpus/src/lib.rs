//! A deterministic googleapis-shaped corpus for protogate's benchmarks: the same options give a
//! byte-identical tree and the same git commit ids on every machine.

mod compute;
mod history;
mod model;
mod names;
mod product;
mod rng;
mod shared;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use model::ProtoFile;
use rng::Rng;

/// googleapis' size: 7,227 files and 75 MB when issue 8 measured it.
pub const DEFAULT_FILES: usize = 7_000;

pub struct Options {
    pub out: PathBuf,
    pub files: usize,
    pub commits: usize,
    pub seed: u64,
    /// Replace `out` if it exists.
    pub force: bool,
}

pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub commits: usize,
}

/// The edited files of the corpus, and which of them the history may touch.
pub(crate) struct Corpus {
    pub files: Vec<ProtoFile>,
    pub resource_files: Vec<usize>,
    pub service_files: Vec<usize>,
    pub big_files: Vec<usize>,
}

const BUF_YAML: &str = "# Synthetic googleapis-shaped corpus (protogate bench/gen-corpus).
version: v2
modules:
  - path: .
lint:
  use:
    - STANDARD
breaking:
  use:
    - FILE
";

pub fn generate(options: &Options) -> io::Result<Summary> {
    prepare(&options.out, options.force)?;
    let mut rng = Rng::new(options.seed);
    let shared_files: Vec<(&str, String)> = shared::files().collect();
    let mut corpus = build(&mut rng, options.files.saturating_sub(shared_files.len()));
    let mut bytes = 0;
    for (path, text) in &shared_files {
        bytes += write(&options.out, path, text)?;
    }
    for file in &corpus.files {
        bytes += write(&options.out, &file.path, &file.render())?;
    }
    write(&options.out, "buf.yaml", BUF_YAML)?;
    let commits = history::record(&mut rng, &options.out, &mut corpus, options.commits)?;
    Ok(Summary { files: shared_files.len() + corpus.files.len(), bytes, commits })
}

fn prepare(out: &Path, force: bool) -> io::Result<()> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        if !force {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not empty (pass --force to replace it)", out.display()),
            ));
        }
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out)
}

pub(crate) fn write(root: &Path, path: &str, text: &str) -> io::Result<u64> {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&full, text)?;
    Ok(text.len() as u64)
}

fn build(rng: &mut Rng, target: usize) -> Corpus {
    let scale = target as f64 / DEFAULT_FILES as f64;
    let big_messages = ((1_400.0 * scale) as usize).max(8);
    let mut corpus =
        Corpus { files: Vec::new(), resource_files: Vec::new(), service_files: Vec::new(), big_files: Vec::new() };
    for version in ["v1", "v1beta1"] {
        corpus.big_files.push(corpus.files.len());
        corpus.files.push(compute::build(&mut rng.fork(1), version, big_messages));
    }
    let mut product_index = 0;
    while corpus.files.len() < target {
        let mut product_rng = rng.fork(product_index as u64);
        let area = names::AREAS[product_index % names::AREAS.len()];
        let product = names::product(product_index);
        let first = product_rng.range(0, names::RESOURCES.len() - 1);
        let count = product_rng.range(2, 9);
        let resources: Vec<&str> =
            (0..count).map(|i| names::RESOURCES[(first + i * 7) % names::RESOURCES.len()]).collect();
        let versions: &[&str] = match product_rng.range(0, 5) {
            0 | 1 => &["v1"],
            2 => &["v1", "v1beta1"],
            3 => &["v1beta1"],
            4 => &["v1", "v2", "v2beta"],
            _ => &["v1alpha", "v1beta1", "v1"],
        };
        for version in versions {
            let package = product::build(&mut product_rng, area, &product, version, &resources);
            let offset = corpus.files.len();
            corpus.resource_files.extend(package.resource_files.iter().map(|i| i + offset));
            corpus.service_files.extend(package.service_files.iter().map(|i| i + offset));
            corpus.files.extend(package.files);
        }
        product_index += 1;
    }
    corpus
}
