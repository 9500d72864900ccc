//! Git inputs whose repository is damaged or unusual: every fault is a clear failure (exit 1,
//! naming the ref or object and what to run), never a comparison against less than the ref
//! holds reported as clean. Repositories are built with the git CLI, with fixed dates so that
//! object ids (and so the snapshots) are stable.

use std::{
    fmt::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

const BUF_YAML: &str = "version: v2\nmodules:\n  - path: proto\n";

const PRODUCT: &str = "syntax = \"proto3\";\n\npackage shop.v1;\n\nmessage Product {\n  string id = 1;\n  string name = 2;\n  int64 price = 3;\n}\n";

fn git_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args(["-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z");
    command
}

/// Runs git in `dir` and returns its trimmed stdout; panics when it fails.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = git_command(dir).args(args).output().expect("run git");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8").trim().to_owned()
}

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(file, text).expect("write");
}

fn commit_all(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["rev-parse", "HEAD"])
}

/// A repository at `dir` with buf.yaml and proto/shop/v1/product.proto committed on main.
fn seed(dir: &Path) -> String {
    std::fs::create_dir_all(dir).expect("mkdir");
    git(dir, &["init", "-q"]);
    write(dir, "buf.yaml", BUF_YAML);
    write(dir, "proto/shop/v1/product.proto", PRODUCT);
    commit_all(dir, "first")
}

fn protogate(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("spawn protogate");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `breaking proto --against AGAINST` for each, requires exit 1 with nothing on stdout,
/// and returns the transcript of the error texts.
fn failures(dir: &Path, input: &str, against: &[String]) -> String {
    let mut transcript = String::new();
    for against in against {
        let (code, stdout, stderr) = protogate(dir, &["breaking", input, "--against", against]);
        assert_eq!(code, 1, "{against}: exit {code}\n{stdout}{stderr}");
        assert!(stdout.is_empty(), "{against}: a failure prints no findings, got {stdout}");
        assert!(stderr.contains("help:"), "{against}: the failure says what to do: {stderr}");
        // Object files are named by absolute path; the temporary directory is not stable.
        let canonical = dir.canonicalize().expect("canonical dir");
        let stderr =
            stderr.replace(&canonical.display().to_string(), "<repo>").replace(&dir.display().to_string(), "<repo>");
        writeln!(transcript, "$ protogate breaking {input} --against '{against}'\n{stderr}").expect("write");
    }
    transcript
}

/// The loose object file of `oid`.
fn object_file(git_dir: &Path, oid: &str) -> PathBuf {
    git_dir.join("objects").join(&oid[..2]).join(&oid[2..])
}

#[test]
fn missing_refs_and_refs_to_non_commits_are_named() {
    let repo = tempfile::tempdir().expect("temp dir");
    let dir = repo.path();
    seed(dir);
    let tree = git(dir, &["rev-parse", "HEAD^{tree}"]);
    let blob = git(dir, &["rev-parse", "HEAD:proto/shop/v1/product.proto"]);
    git(dir, &["tag", "tree-tag", &tree]);
    git(dir, &["tag", "blob-tag", &blob]);
    git(dir, &["tag", "-a", "-m", "annotated", "annotated-tree-tag", &tree]);
    // git refuses to point a branch at a blob; a damaged or hand-edited repository can.
    std::fs::write(dir.join(".git/refs/heads/blob-branch"), format!("{blob}\n")).expect("write ref");
    let against: Vec<String> = [
        ".git#ref=no-such-ref".to_owned(),
        ".git#branch=gone".to_owned(),
        ".git#tag=gone".to_owned(),
        ".git#tag=tree-tag".to_owned(),
        ".git#tag=blob-tag".to_owned(),
        ".git#tag=annotated-tree-tag".to_owned(),
        ".git#branch=blob-branch".to_owned(),
        ".git#ref=HEAD^{tree}".to_owned(),
        format!(".git#commit={blob}"),
        format!(".git#commit={}", "f".repeat(40)),
    ]
    .into();
    insta::assert_snapshot!(failures(dir, "proto", &against));
}

#[test]
fn shallow_clone_names_the_commit_it_lacks() {
    let work = tempfile::tempdir().expect("temp dir");
    let origin = work.path().join("origin");
    let first = seed(&origin);
    for i in 0..3 {
        write(
            &origin,
            "proto/shop/v1/extra.proto",
            &format!("syntax = \"proto3\";\npackage shop.v1;\nmessage Extra{i} {{}}\n"),
        );
        commit_all(&origin, &format!("extra {i}"));
    }
    let url = format!("file://{}", origin.display());
    git(work.path(), &["clone", "-q", "--depth", "1", &url, "clone"]);
    let clone = work.path().join("clone");
    let (code, stdout, stderr) =
        protogate(&clone, &["breaking", "proto", "--against", ".git#branch=main,subdir=proto"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "the commit the clone has compares: {stderr}");
    let against: Vec<String> = [
        format!(".git#commit={first},subdir=proto"),
        ".git#ref=HEAD~1,subdir=proto".to_owned(),
        ".git#branch=main,ref=HEAD~3,subdir=proto".to_owned(),
        format!(".git#ref={},subdir=proto", &first[..10]),
    ]
    .into();
    let transcript = failures(&clone, "proto", &against);
    assert!(transcript.matches("git fetch --deepen").count() >= against.len(), "{transcript}");
    insta::assert_snapshot!(transcript);
}

/// Damages the object file given.
type Fault = fn(&Path, &Path);

#[test]
fn missing_or_corrupt_objects_fail_instead_of_comparing_less() {
    let mut transcript = String::new();
    // Each fault damages one object of the committed tree; the work tree is the same commit, so
    // an intact repository compares clean and only the fault can make the run fail.
    let faults: [(&str, &str, Fault); 7] = [
        ("the .proto blob is deleted", "HEAD:proto/shop/v1/product.proto", |file, _| {
            std::fs::remove_file(file).expect("delete object");
        }),
        ("the .proto blob is corrupt", "HEAD:proto/shop/v1/product.proto", corrupt),
        ("the buf.yaml blob is deleted", "HEAD:buf.yaml", |file, _| std::fs::remove_file(file).expect("delete object")),
        ("a directory's tree is deleted", "HEAD:proto/shop", |file, _| {
            std::fs::remove_file(file).expect("delete object");
        }),
        ("the commit is corrupt", "HEAD", corrupt),
        ("the commit is corrupt, named by a ref= expression", "HEAD", corrupt),
        ("a parent commit is corrupt, reached by a ref= expression", "HEAD~1", corrupt),
    ];
    for (what, object, damage) in faults {
        let against = match what {
            _ if what.starts_with("a parent") => ".git#ref=HEAD~1,subdir=proto",
            _ if what.contains("ref=") => ".git#ref=HEAD,subdir=proto",
            _ => ".git#branch=main,subdir=proto",
        };
        let repo = tempfile::tempdir().expect("temp dir");
        let dir = repo.path();
        seed(dir);
        if what.starts_with("a parent") {
            git(dir, &["commit", "-q", "--allow-empty", "-m", "second, the same tree"]);
        }
        let (code, stdout, stderr) = protogate(dir, &["breaking", "proto", "--against", against]);
        assert_eq!((code, stdout.as_str()), (0, ""), "intact: {stderr}");
        let oid = git(dir, &["rev-parse", object]);
        damage(&object_file(&dir.join(".git"), &oid), dir);
        writeln!(transcript, "# {what}").expect("write");
        transcript.push_str(&failures(dir, "proto", &[against.to_owned()]));
    }
    insta::assert_snapshot!(transcript);
}

fn corrupt(file: &Path, _: &Path) {
    let mut permissions = std::fs::metadata(file).expect("object").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(file, permissions).expect("chmod");
    let mut bytes = std::fs::read(file).expect("read object");
    let middle = bytes.len() / 2;
    bytes.truncate(middle);
    bytes.extend_from_slice(b"\xde\xad\xbe\xef not zlib any more");
    std::fs::write(file, bytes).expect("corrupt object");
}

#[test]
fn separate_git_dir_with_core_worktree_reads_the_object_database() {
    let top = tempfile::tempdir().expect("temp dir");
    // meta.git has core.worktree = work and work has no .git at all; linked.git is the target
    // of linked/.git, a `gitdir:` link file.
    git(top.path(), &["--git-dir", "meta.git", "--work-tree", "work", "init", "-q"]);
    assert!(git(top.path(), &["--git-dir", "meta.git", "config", "core.worktree"]).ends_with("work"));
    git(top.path(), &["init", "-q", "--separate-git-dir", "linked.git", "linked"]);
    for (work, git_dir) in [("work", "../meta.git"), ("linked", ".git")] {
        let work = top.path().join(work);
        write(&work, "buf.yaml", BUF_YAML);
        write(&work, "proto/shop/v1/product.proto", PRODUCT);
        git(&work, &["--git-dir", git_dir, "add", "-A"]);
        git(&work, &["--git-dir", git_dir, "commit", "-q", "-m", "first"]);
        write(&work, "proto/shop/v1/product.proto", &PRODUCT.replace("  int64 price = 3;\n", ""));
    }
    for (input, against) in [
        ("work/proto", "meta.git#branch=main,subdir=proto"),
        ("linked/proto", "linked.git#branch=main,subdir=proto"),
        ("linked/proto", "linked/.git#branch=main,subdir=proto"),
    ] {
        let cwd = top.path();
        let (code, stdout, stderr) = protogate(cwd, &["breaking", input, "--against", against]);
        assert_eq!(code, 100, "{against}: {stdout}{stderr}");
        assert!(stdout.contains("Previously present field \"3\" with name \"price\""), "{against}: {stdout}");
    }
}

#[test]
fn submodules_are_skipped_unless_recursed_and_then_read_or_named() {
    let top = tempfile::tempdir().expect("temp dir");
    let shared = top.path().join("shared");
    std::fs::create_dir_all(&shared).expect("mkdir");
    git(&shared, &["init", "-q"]);
    write(&shared, "shop/v1/shared.proto", &PRODUCT.replace("Product", "Shared"));
    commit_all(&shared, "shared");
    let main = top.path().join("main");
    seed(&main);
    git(&main, &["submodule", "-q", "add", "../shared", "proto/vendor"]);
    commit_all(&main, "add submodule");
    // The work tree deletes a field of the submodule's file.
    let vendored = main.join("proto/vendor/shop/v1/shared.proto");
    std::fs::write(&vendored, PRODUCT.replace("Product", "Shared").replace("  int64 price = 3;\n", "")).expect("edit");
    // As buf, the default leaves the submodule out of the against tree: nothing to compare.
    let (code, stdout, stderr) = protogate(&main, &["breaking", "proto", "--against", ".git#branch=main,subdir=proto"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let recursed = ".git#branch=main,subdir=proto,recurse_submodules=true";
    let (code, stdout, stderr) = protogate(&main, &["breaking", "proto", "--against", recursed]);
    assert_eq!(code, 100, "{stdout}{stderr}");
    assert!(stdout.contains("proto/vendor/shop/v1/shared.proto") && stdout.contains("\"price\""), "{stdout}");
    // A submodule that was never fetched cannot be compared: say so rather than leave it out.
    let fresh = top.path().join("fresh");
    git(top.path(), &["clone", "-q", "main", "fresh"]);
    let transcript = failures(&fresh, "proto", &[recursed.to_owned()]);
    insta::assert_snapshot!(transcript);
}

#[test]
fn long_history_resolves_deep_refs_quickly() {
    const COMMITS: usize = 2_000;
    let repo = tempfile::tempdir().expect("temp dir");
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    let mut stream = String::new();
    for i in 0..COMMITS {
        // Commit i has fields 1..=i+1; the last commit drops field 1.
        let first = if i == COMMITS - 1 { 2 } else { 1 };
        let mut proto = String::from("syntax = \"proto3\";\n\npackage shop.v1;\n\nmessage Product {\n");
        for n in first..=i + 1 {
            writeln!(proto, "  string f{n} = {n};").expect("write");
        }
        proto.push_str("}\n");
        let time = 1_700_000_000 + i;
        writeln!(stream, "commit refs/heads/main\nmark :{}\ncommitter test <test@example.com> {time} +0000", i + 1)
            .expect("write");
        writeln!(stream, "data {}\ncommit {i}", format!("commit {i}").len()).expect("write");
        if i > 0 {
            writeln!(stream, "from :{i}").expect("write");
        } else {
            writeln!(stream, "M 644 inline buf.yaml\ndata {}\n{BUF_YAML}", BUF_YAML.len()).expect("write");
        }
        writeln!(stream, "M 644 inline proto/shop/v1/product.proto\ndata {}\n{proto}", proto.len()).expect("write");
    }
    let mut child =
        git_command(dir).args(["fast-import", "--quiet"]).stdin(Stdio::piped()).spawn().expect("spawn fast-import");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), stream.as_bytes()).expect("feed fast-import");
    drop(child.stdin.take());
    assert!(child.wait().expect("fast-import").success());
    git(dir, &["checkout", "-q", "-f", "main"]);
    assert_eq!(git(dir, &["rev-list", "--count", "HEAD"]), COMMITS.to_string());
    let root = git(dir, &["rev-list", "--max-parents=0", "HEAD"]);
    for against in [
        format!(".git#ref=HEAD~{},subdir=proto", COMMITS - 1),
        format!(".git#commit={root},subdir=proto"),
        ".git#branch=main,ref=HEAD~1000,subdir=proto".to_owned(),
    ] {
        let started = Instant::now();
        let (code, stdout, stderr) = protogate(dir, &["breaking", "proto", "--against", &against]);
        assert_eq!(code, 100, "{against}: {stdout}{stderr}");
        assert!(stdout.contains("Previously present field \"1\" with name \"f1\""), "{against}: {stdout}");
        assert!(started.elapsed() < Duration::from_secs(10), "{against} took {:?}", started.elapsed());
    }
    let transcript = failures(dir, "proto", &[format!(".git#ref=HEAD~{COMMITS},subdir=proto")]);
    insta::assert_snapshot!(transcript);
}
