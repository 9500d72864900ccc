//! Linking parsed files with protox, on every core: prost-reflect links one file at a time into
//! one pool, so the targets are cut into contiguous runs (files of one directory share imports)
//! and each run is linked into a pool of its own. A file's link reads only what it imports, so
//! every file links the same in any pool that holds its imports. Each run hands its files out
//! while its pool is alive and then drops the pool: a pool holds every descriptor twice over
//! (raw and indexed), and holding all of them at once was a third of a googleapis compile's
//! memory.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use prost_reflect::{DescriptorPool, FileDescriptor};
use prost_types::FileDescriptorProto;
use protox::file::{File, FileResolver, GoogleFileResolver};
use rayon::prelude::*;

/// Below this many targets per run, fewer runs are as fast.
const TARGETS_PER_RUN: usize = 48;

/// Runs per thread: more runs keep fewer pools alive at once and balance the threads better;
/// each run links again the imports it shares with the others.
const RUNS_PER_THREAD: usize = 4;

/// What becomes of the linked files: `run` makes what every file of one pool needs from the pool
/// (dropped with it), and `file` makes each linked file (its handle in that pool) into a `T`.
pub struct Finish<'a, C, T> {
    pub run: &'a (dyn Fn(&DescriptorPool) -> C + Sync),
    pub file: &'a (dyn Fn(&C, &FileDescriptor) -> T + Sync),
}

/// A finished file with what ordering needs: its name and imports as linked (finishing may
/// change the descriptor's, as editions' `import option` does).
struct Ordered<T> {
    name: String,
    imports: Vec<String>,
    finished: T,
}

/// Links `parsed` (by file name) starting from `targets` and finishes each linked file. Imports
/// not in `parsed` come from the well-known types. The results come in the order one pool
/// opening `targets` in turn would hold the files.
pub fn link<C, T: Send>(
    parsed: HashMap<String, ParsedFile>,
    targets: &[String],
    finish: &Finish<'_, C, T>,
) -> Result<Vec<T>, protox::Error> {
    let runs = runs(targets, &parsed);
    let shared = Arc::new(SharedParsed::new(parsed, &runs));
    let per_run: Vec<Vec<Ordered<T>>> = runs
        .par_iter()
        .enumerate()
        .map(|(index, run)| {
            let mut compiler = protox::Compiler::with_file_resolver(Serve(shared.clone()));
            compiler.include_source_info(true).include_imports(true);
            compiler.open_files(run)?;
            let pool = compiler.descriptor_pool();
            drop(compiler);
            let context = (finish.run)(&pool);
            let files = pool
                .files()
                .filter(|file| shared.owner(file.name()).is_none_or(|owner| owner == index))
                .map(|file| {
                    let descriptor = file.file_descriptor_proto();
                    Ordered {
                        name: descriptor.name().to_owned(),
                        imports: descriptor.dependency.clone(),
                        finished: (finish.file)(&context, &file),
                    }
                })
                .collect();
            Ok(files)
        })
        .collect::<Result<_, protox::Error>>()?;
    Ok(in_link_order(per_run, targets))
}

/// Contiguous runs of targets of about equal weight. `PROTOGATE_LINK_RUNS` sets their number
/// (tests check that any number links the same; benchmarks compare them).
fn runs(targets: &[String], parsed: &HashMap<String, ParsedFile>) -> Vec<Vec<String>> {
    let chosen = std::env::var("PROTOGATE_LINK_RUNS").ok().and_then(|n| n.parse::<usize>().ok());
    let default = || (rayon::current_num_threads() * RUNS_PER_THREAD).min(targets.len() / TARGETS_PER_RUN);
    let count = chosen.unwrap_or_else(default).clamp(1, targets.len().max(1));
    let weight = |name: &String| parsed.get(name).map_or(1, |file| file.weight);
    let total: usize = targets.iter().map(weight).sum();
    let mut runs = vec![Vec::new()];
    let mut filled = 0;
    for target in targets {
        let last = runs.len() - 1;
        if filled * count >= total * runs.len() && runs.len() < count && !runs[last].is_empty() {
            runs.push(Vec::new());
        }
        filled += weight(target);
        runs.last_mut().expect("runs is never empty").push(target.clone());
    }
    runs
}

trait LinkWeight {
    fn link_weight(&self) -> usize;
}

impl LinkWeight for FileDescriptorProto {
    /// Roughly what linking the file costs: its elements.
    fn link_weight(&self) -> usize {
        fn message(m: &prost_types::DescriptorProto) -> usize {
            1 + m.field.len() + m.enum_type.len() + m.nested_type.iter().map(message).sum::<usize>()
        }
        let methods: usize = self.service.iter().map(|s| s.method.len()).sum();
        1 + self.message_type.iter().map(message).sum::<usize>() + self.enum_type.len() + methods
    }
}

/// The files of all runs, deduplicated (the first run's copy of a well-known type wins), in the
/// order protox gives one pool: each target after its imports, depth first in import order.
fn in_link_order<T>(per_run: Vec<Vec<Ordered<T>>>, targets: &[String]) -> Vec<T> {
    let mut slots: Vec<Option<Ordered<T>>> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for file in per_run.into_iter().flatten() {
        if !by_name.contains_key(&file.name) {
            by_name.insert(file.name.clone(), slots.len());
            slots.push(Some(file));
        }
    }
    let mut order: Vec<usize> = Vec::with_capacity(slots.len());
    let mut seen: HashSet<usize> = HashSet::new();
    // (file slot, index of the next import to visit)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let imports_of = |slot: usize| slots[slot].as_ref().map(|file| &file.imports);
    for target in targets {
        let Some(&root) = by_name.get(target.as_str()) else { continue };
        if !seen.insert(root) {
            continue;
        }
        stack.push((root, 0));
        while let Some((slot, next)) = stack.last_mut() {
            let import = imports_of(*slot).and_then(|imports| imports.get(*next));
            if let Some(import) = import {
                *next += 1;
                if let Some(&import) = by_name.get(import.as_str())
                    && seen.insert(import)
                {
                    stack.push((import, 0));
                }
            } else {
                order.push(*slot);
                stack.pop();
            }
        }
    }
    order.into_iter().filter_map(|slot| slots[slot].take()).map(|file| file.finished).collect()
}

/// A parsed file as the linker takes it: encoded (prost-types structs of googleapis' parsed files
/// take 186 MB; their encoding 20 MB), shared by every run that links it without a copy, with
/// what planning the runs reads.
pub struct ParsedFile {
    encoded: bytes::Bytes,
    pub dependency: Vec<String>,
    weight: usize,
}

impl ParsedFile {
    pub fn new(descriptor: &FileDescriptorProto) -> Self {
        Self {
            encoded: prost::Message::encode_to_vec(descriptor).into(),
            dependency: descriptor.dependency.clone(),
            weight: descriptor.link_weight(),
        }
    }

    /// The descriptor as parsed.
    pub fn decode(&self) -> Result<FileDescriptorProto, prost::DecodeError> {
        prost::Message::decode(self.encoded.clone())
    }
}

/// Serves the parsed files to every run.
struct SharedParsed {
    parsed: HashMap<String, ParsedFile>,
    /// The run that hands each parsed file out: the first whose targets reach it.
    owners: HashMap<String, usize>,
    google: GoogleFileResolver,
}

impl SharedParsed {
    fn new(parsed: HashMap<String, ParsedFile>, runs: &[Vec<String>]) -> Self {
        let mut owners: HashMap<String, usize> = HashMap::new();
        for (index, run) in runs.iter().enumerate() {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut stack: Vec<&str> = run.iter().map(String::as_str).collect();
            while let Some(name) = stack.pop() {
                if let Some((key, file)) = parsed.get_key_value(name)
                    && seen.insert(key)
                {
                    stack.extend(file.dependency.iter().map(String::as_str));
                }
            }
            for name in seen {
                owners.entry(name.to_owned()).or_insert(index);
            }
        }
        Self { parsed, owners, google: GoogleFileResolver::new() }
    }

    fn owner(&self, name: &str) -> Option<usize> {
        self.owners.get(name).copied()
    }
}

struct Serve(Arc<SharedParsed>);

impl FileResolver for Serve {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        match self.0.parsed.get(name) {
            Some(file) => File::decode_file_descriptor_proto(file.encoded.clone()).map_err(protox::Error::new),
            None => self.0.google.open_file(name),
        }
    }
}
