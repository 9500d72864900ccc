//! Linking parsed files with protox, on every core: prost-reflect links one file at a time into
//! one pool, so the targets are cut into contiguous runs (files of one directory share imports)
//! and each run is linked into a pool of its own on its own thread. A file's link reads only
//! what it imports, so every file links the same in any pool that holds its imports.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
};

use prost_reflect::DescriptorPool;
use prost_types::FileDescriptorProto;
use protox::file::{File, FileResolver, GoogleFileResolver};
use rayon::prelude::*;

/// Below this many targets per thread, one pool is as fast.
const TARGETS_PER_RUN: usize = 48;

/// The linked files, in the order one pool opening `targets` in turn would hold them.
pub struct Linked {
    pub files: Vec<FileDescriptorProto>,
    /// The pools that linked them, for what only a pool knows (options with their extensions).
    pub pools: Vec<DescriptorPool>,
}

/// Links `parsed` (by file name) starting from `targets`; imports not in `parsed` come from the
/// well-known types.
pub fn link(parsed: HashMap<String, FileDescriptorProto>, targets: &[String]) -> Result<Linked, protox::Error> {
    let runs = runs(targets, &parsed);
    let shared = Arc::new(SharedParsed::new(parsed, &runs));
    let pools: Vec<DescriptorPool> = runs
        .par_iter()
        .map(|run| {
            let mut compiler = protox::Compiler::with_file_resolver(Serve(shared.clone()));
            compiler.include_source_info(true).include_imports(true);
            compiler.open_files(run)?;
            Ok(compiler.descriptor_pool())
        })
        .collect::<Result<_, protox::Error>>()?;
    let files = in_link_order(&pools, targets);
    Ok(Linked { files, pools })
}

/// Contiguous runs of targets of about equal weight, one per thread.
fn runs(targets: &[String], parsed: &HashMap<String, FileDescriptorProto>) -> Vec<Vec<String>> {
    let count = rayon::current_num_threads().min(targets.len() / TARGETS_PER_RUN).max(1);
    let weight = |name: &String| parsed.get(name).map_or(1, LinkWeight::link_weight);
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

/// The files of all pools, deduplicated, in the order protox gives one pool: each target after
/// its imports, depth first in import order.
fn in_link_order(pools: &[DescriptorPool], targets: &[String]) -> Vec<FileDescriptorProto> {
    let handles: Vec<prost_reflect::FileDescriptor> = pools.iter().flat_map(DescriptorPool::files).collect();
    let mut linked: HashMap<&str, &FileDescriptorProto> = HashMap::new();
    for file in &handles {
        linked.entry(file.name()).or_insert_with(|| file.file_descriptor_proto());
    }
    let mut ordered: Vec<&FileDescriptorProto> = Vec::with_capacity(linked.len());
    let mut seen: HashSet<&str> = HashSet::new();
    // (file, index of the next import to visit)
    let mut stack: Vec<(&str, usize)> = Vec::new();
    for target in targets {
        let Some((&root, _)) = linked.get_key_value(target.as_str()) else { continue };
        if !seen.insert(root) {
            continue;
        }
        stack.push((root, 0));
        while let Some((name, next)) = stack.last_mut() {
            let file = linked[*name];
            if let Some(import) = file.dependency.get(*next) {
                *next += 1;
                if let Some((&import, _)) = linked.get_key_value(import.as_str())
                    && seen.insert(import)
                {
                    stack.push((import, 0));
                }
            } else {
                ordered.push(file);
                stack.pop();
            }
        }
    }
    ordered.into_par_iter().map(FileDescriptorProto::clone).collect()
}

/// Serves the parsed files to every run: moved out to the last run that asks, cloned before.
struct SharedParsed {
    parsed: Mutex<HashMap<String, (FileDescriptorProto, usize)>>,
    google: GoogleFileResolver,
}

impl SharedParsed {
    fn new(parsed: HashMap<String, FileDescriptorProto>, runs: &[Vec<String>]) -> Self {
        let mut users: HashMap<&str, usize> = HashMap::new();
        for run in runs {
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
                *users.entry(name).or_default() += 1;
            }
        }
        let users: HashMap<String, usize> = users.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let parsed = parsed
            .into_iter()
            .map(|(name, file)| {
                let count = users.get(&name).copied().unwrap_or(1);
                (name, (file, count))
            })
            .collect();
        Self { parsed: Mutex::new(parsed), google: GoogleFileResolver::new() }
    }
}

struct Serve(Arc<SharedParsed>);

impl FileResolver for Serve {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        let mut parsed = self.0.parsed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let descriptor = match parsed.get_mut(name) {
            Some((_, users)) if *users > 1 => {
                *users -= 1;
                parsed.get(name).map(|(file, _)| file.clone())
            }
            Some(_) => parsed.remove(name).map(|(file, _)| file),
            None => None,
        };
        drop(parsed);
        match descriptor {
            Some(descriptor) => Ok(File::from_file_descriptor_proto(descriptor)),
            None => self.0.google.open_file(name),
        }
    }
}
