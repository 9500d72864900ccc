//! File-system faults a walk can meet: symbolic-link loops, dangling links, unreadable files,
//! FIFOs and directories named like .proto files. buf walks links as it finds them and skips
//! what it cannot follow: a link to a directory walked already (a loop back to the root or an
//! ancestor) or a dangling link is left out without a word (`buf ls-files` does not list it), and
//! only a cycle of links, which cannot be resolved at all, fails (`EvalSymlinks: too many links`,
//! exit 1).

use std::{fs, os::unix::fs::PermissionsExt, path::Path};

use super::{Corpus, Expect};

const GOOD: &str = "syntax = \"proto3\";\npackage syn.v1;\nmessage M {}\n";
const SEED: &str = "synthetic";

fn good_case(corpus: &Corpus, name: &str) -> std::path::PathBuf {
    let dir = corpus.case_dir(name);
    fs::create_dir_all(&dir).expect("case dir");
    fs::write(dir.join("a.proto"), GOOD).expect("write");
    dir
}

fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

pub fn add_all(corpus: &mut Corpus) {
    let dir = good_case(corpus, "symlink_loop_parent");
    fs::create_dir_all(dir.join("sub")).expect("sub");
    link("..", &dir.join("sub/up"));
    corpus.push(SEED, "symlink_loop_parent", Expect::Valid);

    let dir = good_case(corpus, "symlink_loop_self");
    fs::create_dir_all(dir.join("sub")).expect("sub");
    link(".", &dir.join("sub/again"));
    corpus.push(SEED, "symlink_loop_self", Expect::Valid);

    let dir = good_case(corpus, "symlink_loop_files");
    link("c.proto", &dir.join("b.proto"));
    link("b.proto", &dir.join("c.proto"));
    corpus.push(SEED, "symlink_loop_files", Expect::Environment);

    let dir = good_case(corpus, "vanished_file");
    link("gone.proto", &dir.join("b.proto"));
    corpus.push(SEED, "vanished_file", Expect::Valid);

    let dir = good_case(corpus, "vanished_dir");
    link("gone", &dir.join("sub"));
    corpus.push(SEED, "vanished_dir", Expect::Valid);

    let dir = good_case(corpus, "fifo_proto");
    let made = std::process::Command::new("mkfifo").arg(dir.join("b.proto")).status();
    if made.is_ok_and(|s| s.success()) {
        // Not a regular file: buf and protogate list regular files only, so this is valid.
        corpus.push(SEED, "fifo_proto", Expect::Valid);
    } else {
        corpus.skipped.push("fifo_proto: mkfifo is not available".to_owned());
    }

    let dir = good_case(corpus, "dir_named_proto");
    fs::create_dir_all(dir.join("b.proto")).expect("dir");
    corpus.push(SEED, "dir_named_proto", Expect::Valid);

    unreadable(corpus);
}

/// A file the walk lists but the read refuses. `chmod 000` does not stop root, so as root the
/// file is a link to `/proc/self/mem`, which lists as a regular file and fails every read at
/// offset 0 with EIO.
fn unreadable(corpus: &mut Corpus) {
    let dir = good_case(corpus, "unreadable_file");
    let probe = dir.join("b.proto");
    fs::write(&probe, GOOD).expect("write");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&probe).is_err() {
        corpus.push(SEED, "unreadable_file", Expect::Environment);
        let dir = good_case(corpus, "unreadable_dir");
        fs::create_dir_all(dir.join("sub")).expect("sub");
        fs::write(dir.join("sub/b.proto"), GOOD).expect("write");
        fs::set_permissions(dir.join("sub"), fs::Permissions::from_mode(0o000)).expect("chmod");
        corpus.push(SEED, "unreadable_dir", Expect::Environment);
        return;
    }
    fs::remove_file(&probe).expect("remove");
    if fs::read("/proc/self/mem").is_err() && Path::new("/proc/self/mem").is_file() {
        link("/proc/self/mem", &probe);
        corpus.push(SEED, "unreadable_file", Expect::Environment);
        corpus.skipped.push("unreadable_dir: running as root, a mode-000 directory stays readable".to_owned());
    } else {
        corpus.skipped.push("unreadable_*: running as root and /proc/self/mem is readable or absent".to_owned());
    }
}
