//! The git history: an initial import, then commits of the edits real APIs see (new fields,
//! messages and RPCs; deprecations; a deleted, retyped, renamed or reserved field; a field moved
//! into a oneof), so that `breaking --against .git#ref=<first commit>` has real work and findings.

use std::collections::BTreeSet;
use std::io;
use std::path::Path;
use std::process::Command;

use crate::model::{EnumValue, Field, Http, Item, Label, Message, Oneof, ProtoFile, Rpc};
use crate::names;
use crate::product::field;
use crate::rng::Rng;
use crate::{Corpus, write};

/// 2025-01-06 10:00 UTC; commits follow about two weeks apart.
const FIRST_COMMIT_TIME: u64 = 1_736_157_600;

type Edit = fn(&mut Rng, &mut Corpus) -> (&'static str, BTreeSet<usize>);

const EDITS: [Edit; 19] = [
    add_fields,
    add_messages,
    deprecate_fields,
    add_rpcs,
    document,
    delete_fields,
    change_types,
    rename_fields,
    reserve_fields,
    add_enum_values,
    delete_messages,
    deprecate_rpcs,
    delete_rpcs,
    grow_big_files,
    move_into_oneof,
    make_repeated,
    add_fields,
    add_bindings,
    deprecate_messages,
];

/// Commits the tree as written, then `commits - 1` edits; returns the number of commits made.
pub fn record(rng: &mut Rng, root: &Path, corpus: &mut Corpus, commits: usize) -> io::Result<usize> {
    git(root, &["init", "-q", "-b", "main"], 0)?;
    commit(root, "Initial import of the Acme APIs", 0)?;
    for index in 1..commits {
        let (message, changed) = EDITS[(index - 1) % EDITS.len()](rng, corpus);
        for file in changed {
            write(root, &corpus.files[file].path, &corpus.files[file].render())?;
        }
        commit(root, message, index as u64)?;
    }
    Ok(commits.max(1))
}

fn commit(root: &Path, message: &str, index: u64) -> io::Result<()> {
    git(root, &["add", "-A"], index)?;
    git(root, &["commit", "-q", "--allow-empty", "-m", message], index)
}

fn git(root: &Path, args: &[&str], index: u64) -> io::Result<()> {
    // Fixed identity, dates and config: the same corpus gets the same commit ids everywhere.
    let date = format!("@{} +0000", FIRST_COMMIT_TIME + index * 14 * 86_400 + index * 3_671);
    let status = Command::new("git")
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Acme API Bot")
        .env("GIT_AUTHOR_EMAIL", "api-bot@acme.dev")
        .env("GIT_COMMITTER_NAME", "Acme API Bot")
        .env("GIT_COMMITTER_EMAIL", "api-bot@acme.dev")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .status()?;
    if status.success() { Ok(()) } else { Err(io::Error::other(format!("git {} failed: {status}", args.join(" ")))) }
}

fn pick(rng: &mut Rng, from: &[usize], count: usize) -> BTreeSet<usize> {
    (0..count).map(|_| *rng.pick(from)).collect()
}

/// The resource message of a resource file (its first message).
fn resource(file: &mut ProtoFile) -> &mut Message {
    file.messages_mut().next().expect("a resource file starts with its resource")
}

/// Index of a field added by the generator rather than one of the standard seven (name, state,
/// ...), which requests and HTTP paths refer to.
fn random_field(rng: &mut Rng, message: &Message, plain_scalar: bool) -> Option<usize> {
    let candidates: Vec<usize> = (7..message.fields.len())
        .filter(|&i| {
            let f = &message.fields[i];
            !plain_scalar || (f.label == Label::Plain && !f.ty.starts_with("map<") && !f.ty.contains('.'))
        })
        .collect();
    (!candidates.is_empty()).then(|| *rng.pick(&candidates))
}

fn next_number(message: &Message) -> u32 {
    let fields = message.fields.iter().chain(message.oneofs.iter().flat_map(|o| &o.fields));
    fields.map(|f| f.number).chain(message.reserved_numbers.iter().copied()).max().unwrap_or(0) + 1
}

fn add_fields(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 20);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        let number = next_number(message);
        let name = format!("feature_flag_{number}");
        message.fields.push(field(rng, "bool", &name, number, &["OPTIONAL"]));
    }
    ("Add feature flags to resources", chosen)
}

fn add_messages(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 10);
    for &file in &chosen {
        let proto = &mut corpus.files[file];
        let name = format!("{}LegacyExport", resource(proto).name);
        if proto.messages_mut().any(|m| m.name == name) {
            continue;
        }
        let fields = vec![field(rng, "string", "export_uri", 1, &[]), field(rng, "int64", "row_count", 2, &[])];
        proto.items.push(Item::Message(Message {
            name,
            comment: names::comment(rng, 2),
            fields,
            ..Message::default()
        }));
    }
    ("Add legacy export messages", chosen)
}

fn deprecate_fields(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 10);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(index) = random_field(rng, message, false) {
            message.fields[index].deprecated = true;
        }
    }
    ("Deprecate fields replaced by the v2 surface", chosen)
}

fn add_rpcs(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.service_files, 5);
    for &file in &chosen {
        let proto = &mut corpus.files[file];
        let Some(service) = proto.services_mut().next() else { continue };
        let Some(get) = service.rpcs.iter().find(|r| r.name.starts_with("Get")) else { continue };
        let kind = get.response.clone();
        let name = format!("Restart{kind}");
        if service.rpcs.iter().any(|r| r.name == name) {
            continue;
        }
        let path = get.http.as_ref().map(|h| format!("{}:restart", h.path)).unwrap_or_default();
        service.rpcs.push(Rpc {
            name: name.clone(),
            request: format!("{name}Request"),
            response: kind,
            server_streaming: false,
            comment: names::comment(rng, 2),
            http: Some(Http { verb: "post", path, body: Some("*".to_owned()), additional: None }),
            signature: Some("name".to_owned()),
            operation: None,
            deprecated: false,
        });
        let fields = vec![field(rng, "string", "name", 1, &["REQUIRED"])];
        let request =
            Message { name: format!("{name}Request"), comment: names::comment(rng, 1), fields, ..Message::default() };
        proto.items.push(Item::Message(request));
    }
    ("Add Restart RPCs", chosen)
}

fn document(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 30);
    for &file in &chosen {
        let sentence = names::sentence(rng);
        resource(&mut corpus.files[file]).comment.push(sentence);
    }
    ("Clarify resource documentation", chosen)
}

fn delete_fields(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 5);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(index) = random_field(rng, message, false) {
            message.fields.remove(index);
        }
    }
    ("Remove unused fields", chosen)
}

fn change_types(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 5);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(index) = random_field(rng, message, true) {
            let field = &mut message.fields[index];
            field.ty = if field.ty == "int32" { "int64".to_owned() } else { "int32".to_owned() };
        }
    }
    ("Widen counters to 64 bits", chosen)
}

fn rename_fields(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 5);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(index) = random_field(rng, message, false) {
            let renamed = format!("{}_setting", message.fields[index].name);
            message.fields[index].name = renamed;
        }
    }
    ("Rename fields to follow the naming guide", chosen)
}

fn reserve_fields(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 5);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(index) = random_field(rng, message, false) {
            let removed = message.fields.remove(index);
            message.reserved_numbers.push(removed.number);
            message.reserved_names.push(removed.name);
        }
    }
    ("Remove and reserve obsolete fields", chosen)
}

fn add_enum_values(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 10);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(state) = message.enums.first_mut()
            && !state.values.iter().any(|v| v.name == "SUSPENDED")
        {
            let number = state.values.len() as i32;
            let comment = names::comment(rng, 1);
            state.values.push(EnumValue { name: "SUSPENDED".to_owned(), number, comment, deprecated: false });
        }
    }
    ("Add the SUSPENDED state", chosen)
}

fn delete_messages(_: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let mut changed = BTreeSet::new();
    for &file in corpus.resource_files.iter().take(2_000) {
        let proto = &mut corpus.files[file];
        let before = proto.items.len();
        proto.items.retain(|item| !matches!(item, Item::Message(m) if m.name.ends_with("LegacyExport")));
        if proto.items.len() != before {
            changed.insert(file);
        }
        if changed.len() == 3 {
            break;
        }
    }
    ("Delete legacy export messages", changed)
}

fn deprecate_rpcs(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.service_files, 5);
    for &file in &chosen {
        if let Some(service) = corpus.files[file].services_mut().next()
            && let Some(rpc) = service.rpcs.last_mut()
        {
            rpc.deprecated = true;
        }
    }
    ("Deprecate RPCs superseded by v2", chosen)
}

fn delete_rpcs(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.service_files, 3);
    for &file in &chosen {
        if let Some(service) = corpus.files[file].services_mut().next() {
            service.rpcs.pop();
        }
    }
    ("Remove deprecated RPCs", chosen)
}

fn grow_big_files(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    for &file in &corpus.big_files {
        for message in corpus.files[file].messages_mut().step_by(40) {
            let number = next_number(message);
            let mut new = field(rng, "string", "satisfies_pzs_region", number, &[]);
            new.label = Label::Optional;
            if !message.fields.iter().any(|f| f.name == new.name) {
                message.fields.push(new);
            }
        }
    }
    ("Regenerate compute from the discovery document", corpus.big_files.iter().copied().collect())
}

fn move_into_oneof(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 3);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if message.oneofs.iter().any(|o| o.name == "tuning") {
            continue;
        }
        let mut moved: Vec<Field> = Vec::new();
        while moved.len() < 2 {
            let Some(index) = random_field(rng, message, true) else { break };
            moved.push(message.fields.remove(index));
        }
        if !moved.is_empty() {
            message.oneofs.push(Oneof { name: "tuning".to_owned(), comment: names::comment(rng, 1), fields: moved });
        }
    }
    ("Make tuning parameters mutually exclusive", chosen)
}

fn make_repeated(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 3);
    for &file in &chosen {
        let message = resource(&mut corpus.files[file]);
        if let Some(index) = random_field(rng, message, true) {
            message.fields[index].label = Label::Repeated;
        }
    }
    ("Allow several values", chosen)
}

fn add_bindings(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.service_files, 10);
    for &file in &chosen {
        if let Some(service) = corpus.files[file].services_mut().next()
            && let Some(http) = service.rpcs.first_mut().and_then(|r| r.http.as_mut())
        {
            let global = http.path.replace("/locations/*", "");
            http.additional.get_or_insert(("get", global));
        }
    }
    ("Add global HTTP bindings", chosen)
}

fn deprecate_messages(rng: &mut Rng, corpus: &mut Corpus) -> (&'static str, BTreeSet<usize>) {
    let chosen = pick(rng, &corpus.resource_files, 5);
    for &file in &chosen {
        if let Some(message) = corpus.files[file].messages_mut().nth(1) {
            message.deprecated = true;
        }
    }
    ("Deprecate auxiliary messages", chosen)
}
