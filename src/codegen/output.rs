//! Writing generated files under `out`: nothing is touched when nothing changed, otherwise the
//! whole tree is replaced at once (see [`super::staging`]) with unchanged files keeping their
//! mtimes; `clean` removes stale files inside `out` only, and `--check` compares without writing.
//! Generated paths stay inside `out`: absolute paths, `..` and symbolic links inside `out` are
//! refused before anything is written.

use std::{
    collections::BTreeMap,
    io::Write,
    path::{Component, Path, PathBuf},
};

use std::fmt::Write as _;

use crate::Error;

/// What generation would change under one output directory.
#[derive(Debug, Default)]
pub struct Plan {
    pub out: PathBuf,
    /// Files to create or rewrite: relative path → (old content if any, new content).
    pub changed: BTreeMap<String, (Option<Vec<u8>>, Vec<u8>)>,
    /// Files that exist under `out` but would not be generated (removed only with `clean`).
    pub extra: Vec<String>,
    pub unchanged: usize,
}

/// Rejects plugin file names that would leave `out` (absolute, `..`, empty).
pub fn confine(name: &str) -> Result<PathBuf, Error> {
    let path = Path::new(name);
    let escapes = path.components().any(|c| !matches!(c, Component::Normal(_))) || name.is_empty();
    if escapes {
        return Err(Error::new(format!(
            "generated file name {name:?} is not a relative path inside the output directory"
        ))
        .with_help("the plugin produced a path with `..`, a root or a prefix; nothing was written"));
    }
    Ok(path.to_path_buf())
}

/// Compares `files` with what is under `out`.
pub fn plan(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<Plan, Error> {
    if out.exists() && !out.is_dir() {
        return Err(Error::new(format!("{}: output path exists and is not a directory", out.display())));
    }
    let mut plan = Plan { out: out.to_path_buf(), ..Plan::default() };
    // Names as the tree walk spells them (`a//b` and `a/./b` are `a/b`).
    let files = files
        .iter()
        .map(|(name, content)| Ok((crate::paths::to_slash(&confine(name)?), content)))
        .collect::<Result<BTreeMap<String, &Vec<u8>>, Error>>()?;
    for (name, content) in &files {
        let path = out.join(name);
        refuse_links(out, name)?;
        match std::fs::read(&path) {
            Ok(existing) if existing == **content => plan.unchanged += 1,
            Ok(existing) => {
                plan.changed.insert(name.clone(), (Some(existing), (*content).clone()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                plan.changed.insert(name.clone(), (None, (*content).clone()));
            }
            Err(e) => return Err(Error::io(&path, &e)),
        }
    }
    if out.is_dir() {
        for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::new(format!("{}: {e}", out.display())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = crate::paths::to_slash(entry.path().strip_prefix(out).unwrap_or(entry.path()));
            if !files.contains_key(&relative) {
                plan.extra.push(relative);
            }
        }
    }
    Ok(plan)
}

/// Refuses a generated file whose path inside `out` passes through (or ends at) a symbolic
/// link: writing there would follow the link out of `out`.
fn refuse_links(out: &Path, name: &str) -> Result<(), Error> {
    let mut path = out.to_path_buf();
    for component in Path::new(name).components() {
        path.push(component);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Error::new(format!(
                    "{}: is a symbolic link inside the output directory; generated file {name:?} would be written through it",
                    path.display()
                ))
                .with_help("protogate never writes through links inside `out`; replace the link with a real directory or file; nothing was written"));
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// Applies `plan` to `out` (its resolved location, see [`super::staging::resolve_out`]): nothing
/// when nothing changed, else the whole tree is replaced in one step. Returns the number of
/// files written. Call it holding `out`'s lock.
pub fn apply(plan: &Plan, out: &Path, clean: bool) -> Result<usize, Error> {
    if plan.changed.is_empty() && (!clean || plan.extra.is_empty()) {
        return Ok(0);
    }
    // Swapping the directory a process (this one, typically a shell) works in would leave it in
    // the deleted old tree; there, each file is replaced atomically instead.
    let inside = std::env::current_dir().is_ok_and(|cwd| cwd.starts_with(out));
    if inside {
        return apply_each(plan, clean);
    }
    super::staging::replace(plan, out, clean)?;
    Ok(plan.changed.len())
}

/// Writes the changed files (each via a temporary file in its directory, then a rename) and,
/// with `clean`, removes the extra ones.
pub fn apply_each(plan: &Plan, clean: bool) -> Result<usize, Error> {
    for (name, (_, content)) in &plan.changed {
        let path = plan.out.join(name);
        let dir = path.parent().unwrap_or(&plan.out);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
        temp.write_all(content).map_err(|e| Error::io(&path, &e))?;
        set_readable(temp.as_file());
        temp.persist(&path).map_err(|e| Error::io(&path, &e.error))?;
    }
    if clean {
        for name in &plan.extra {
            let path = plan.out.join(name);
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
        }
    }
    Ok(plan.changed.len())
}

/// Generated files are ordinary source files (temporary files are created 0600).
fn set_readable(file: &std::fs::File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o644));
    }
}

/// A unified diff of everything the plan would change (`--check`).
pub fn diff(plan: &Plan, clean: bool) -> String {
    let mut out = String::new();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    for (name, (old, new)) in &plan.changed {
        let path = plan.out.join(name).display().to_string();
        let binary =
            std::str::from_utf8(new).is_err() || old.as_deref().is_some_and(|o| std::str::from_utf8(o).is_err());
        if binary {
            let what = if old.is_some() { "differ" } else { "is missing" };
            let _ = writeln!(out, "Binary file {path} {what}");
            continue;
        }
        let old = old.as_deref().map(text).unwrap_or_default();
        let new = text(new);
        let header_old =
            if old.is_empty() && !plan.out.join(name).exists() { "/dev/null".to_owned() } else { format!("a/{path}") };
        out.push_str(
            &similar::TextDiff::from_lines(&old, &new)
                .unified_diff()
                .header(&header_old, &format!("b/{path}"))
                .to_string(),
        );
    }
    if clean {
        for name in &plan.extra {
            let _ = writeln!(out, "Only in {}: {name} (would be removed)", plan.out.display());
        }
    }
    out
}
