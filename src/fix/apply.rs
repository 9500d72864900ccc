//! `lint --fix`: choosing which fixes to apply. Everything happens in memory: a fix is applied
//! to the current texts, the result re-compiled and compared with the original schema by the
//! breaking engine; only fixes that compile and break nothing are kept (all of them with
//! `--unsafe`, which then aborts if the result does not compile). Rounds repeat on the re-linted
//! result, so fixes that touched the same bytes as another one get their turn.

use std::collections::{BTreeMap, HashSet};

use super::{Fix, TextEdit, apply_edits};
use crate::{
    Error,
    diagnostic::{Diagnostic, FileRef},
    schema::Schema,
};

/// What `lint --fix` needs from the outside world: compiling texts, comparing with the
/// original, linting. Keeps this module free of inputs and configs.
pub trait Checker {
    /// Compiles the input with `texts` in place of the files they name.
    fn compile(&self, texts: &BTreeMap<FileRef, String>) -> Result<Schema, Error>;
    /// The breaking changes of `schema` against the original input.
    fn breaking(&self, schema: &Schema) -> Result<Vec<Diagnostic>, Error>;
    fn lint(&self, schema: &Schema) -> Result<Vec<Diagnostic>, Error>;
}

/// A fix that was applied, or skipped with the reason.
#[derive(Debug, Clone)]
pub struct FixRecord {
    pub diagnostic: Diagnostic,
    pub reason: Option<String>,
}

/// The result of fixing: the files' new texts (only those that changed), what was applied and
/// skipped, and the findings that remain.
#[derive(Debug, Default)]
pub struct Outcome {
    pub changed: BTreeMap<FileRef, String>,
    pub applied: Vec<FixRecord>,
    pub skipped: Vec<FixRecord>,
    pub remaining: Vec<Diagnostic>,
}

/// Fix rounds are bounded; each applies at least one fix, and a rename rarely enables another.
const MAX_ROUNDS: usize = 16;

/// Applies the fixes of `diagnostics` found in `schema` (the original input).
pub fn fix(
    schema: &Schema,
    diagnostics: Vec<Diagnostic>,
    checker: &dyn Checker,
    unsafe_fixes: bool,
) -> Result<Outcome, Error> {
    let originals: BTreeMap<FileRef, String> =
        schema.targets().filter_map(|f| Some((f.file_ref.clone(), f.source()?.to_owned()))).collect();
    let mut texts = originals.clone();
    let mut outcome = Outcome { remaining: diagnostics, ..Outcome::default() };
    let mut given_up: HashSet<FixKey> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        if !unsafe_fixes {
            give_up_unsafe(&outcome.remaining, &mut given_up, &mut outcome.skipped);
        }
        let candidates = choose(&outcome.remaining, &given_up);
        if candidates.is_empty() {
            break;
        }
        let (accepted, fixed) = if unsafe_fixes {
            let next = with_fixes(&texts, &candidates);
            (candidates.clone(), checker.compile(&changed_only(&originals, &next)).map(|s| (next, s))?)
        } else {
            let Some(found) =
                safe_subset(&texts, &originals, &candidates, checker, &mut outcome.skipped, &mut given_up)?
            else {
                // Every candidate was given up on; fixes that waited for them get their turn.
                continue;
            };
            found
        };
        outcome.applied.extend(accepted.iter().map(|d| FixRecord { diagnostic: (*d).clone(), reason: None }));
        let (next, compiled) = fixed;
        texts = next;
        outcome.remaining = checker.lint(&compiled)?;
    }
    outcome.changed = changed_only(&originals, &texts);
    Ok(outcome)
}

type Fixed<'d> = (Vec<&'d Diagnostic>, (BTreeMap<FileRef, String>, Schema));

/// The candidates whose fixes, added one by one, still compile and break nothing; `None` when
/// there is none. All of them are tried together first, which is the common case, then the fixes
/// of each rule together (a rule's fixes tend to be all safe or all unsafe at a category), and
/// only the fixes of a rule that failed are tried one by one.
fn safe_subset<'d>(
    texts: &BTreeMap<FileRef, String>,
    originals: &BTreeMap<FileRef, String>,
    candidates: &[&'d Diagnostic],
    checker: &dyn Checker,
    skipped: &mut Vec<FixRecord>,
    given_up: &mut HashSet<FixKey>,
) -> Result<Option<Fixed<'d>>, Error> {
    let all = with_fixes(texts, candidates);
    if let Ok(schema) = verdict(checker, &changed_only(originals, &all))? {
        return Ok(Some((candidates.to_vec(), (all, schema))));
    }
    let mut by_rule: BTreeMap<&str, Vec<&'d Diagnostic>> = BTreeMap::new();
    for &candidate in candidates {
        by_rule.entry(candidate.rule.as_ref()).or_default().push(candidate);
    }
    let mut accepted: Vec<&Diagnostic> = Vec::new();
    let mut state: Option<(BTreeMap<FileRef, String>, Schema)> = None;
    for group in by_rule.into_values() {
        // Offsets are those of this round's texts: re-apply the accepted fixes with the new ones.
        let trial: Vec<&Diagnostic> = accepted.iter().chain(&group).copied().collect();
        let next = with_fixes(texts, &trial);
        if group.len() > 1
            && let Ok(schema) = verdict(checker, &changed_only(originals, &next))?
        {
            accepted.extend(group);
            state = Some((next, schema));
            continue;
        }
        for candidate in group {
            let trial: Vec<&Diagnostic> = accepted.iter().copied().chain([candidate]).collect();
            let next = with_fixes(texts, &trial);
            match verdict(checker, &changed_only(originals, &next))? {
                Ok(schema) => {
                    accepted.push(candidate);
                    state = Some((next, schema));
                }
                Err(reason) => {
                    given_up.insert(key(candidate));
                    skipped.push(FixRecord { diagnostic: candidate.clone(), reason: Some(reason) });
                }
            }
        }
    }
    Ok(state.map(|found| (accepted, found)))
}

/// The compiled schema when `texts` compile and break nothing, else why not.
fn verdict(checker: &dyn Checker, texts: &BTreeMap<FileRef, String>) -> Result<Result<Schema, String>, Error> {
    let schema = match checker.compile(texts) {
        Ok(schema) => schema,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            let first = &error.compile_diagnostics()[0];
            return Ok(Err(format!("the result does not compile: {}", first.message)));
        }
        Err(error) => return Err(error),
    };
    let breaks = checker.breaking(&schema)?;
    Ok(match breaks.first() {
        None => Ok(schema),
        Some(first) => Err(format!("breaking ({}): {}", first.rule, first.message)),
    })
}

/// Records the fixes known to be incomplete as skipped, once, so they block no other fix.
fn give_up_unsafe(diagnostics: &[Diagnostic], given_up: &mut HashSet<FixKey>, skipped: &mut Vec<FixRecord>) {
    for d in diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.unsafe_reason.is_some())) {
        if given_up.insert(key(d)) {
            skipped.push(FixRecord { diagnostic: d.clone(), reason: fix_of(d).unsafe_reason.clone() });
        }
    }
}

/// This round's fixes: one per distinct fix, in finding order, none touching bytes an earlier
/// one touches (those wait for the next round) and none given up on.
fn choose<'d>(diagnostics: &'d [Diagnostic], given_up: &HashSet<FixKey>) -> Vec<&'d Diagnostic> {
    let mut chosen: Vec<&Diagnostic> = Vec::new();
    for d in diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| !f.edits.is_empty())) {
        let fix = fix_of(d);
        if given_up.contains(&key(d)) || chosen.iter().any(|c| fix_of(c) == fix || fix_of(c).conflicts_with(fix)) {
            continue;
        }
        chosen.push(d);
    }
    chosen
}

/// What identifies a fix across rounds, whose byte offsets move as other fixes apply.
type FixKey = (String, String, Option<FileRef>);

fn key(d: &Diagnostic) -> FixKey {
    (d.rule.to_string(), fix_of(d).description.clone(), d.file.clone())
}

fn fix_of(d: &Diagnostic) -> &Fix {
    d.fix.as_deref().expect("only findings with a fix are chosen")
}

/// `texts` with the edits of every fix of `diagnostics` applied.
fn with_fixes(texts: &BTreeMap<FileRef, String>, diagnostics: &[&Diagnostic]) -> BTreeMap<FileRef, String> {
    let mut by_file: BTreeMap<&FileRef, Vec<&TextEdit>> = BTreeMap::new();
    for edit in diagnostics.iter().flat_map(|d| &fix_of(d).edits) {
        by_file.entry(&edit.file).or_default().push(edit);
    }
    let mut next = texts.clone();
    for (file, edits) in by_file {
        if let Some(text) = texts.get(file) {
            next.insert(file.clone(), apply_edits(text, &edits));
        }
    }
    next
}

fn changed_only(originals: &BTreeMap<FileRef, String>, texts: &BTreeMap<FileRef, String>) -> BTreeMap<FileRef, String> {
    texts
        .iter()
        .filter(|(file, text)| originals.get(*file) != Some(*text))
        .map(|(f, t)| (f.clone(), t.clone()))
        .collect()
}
