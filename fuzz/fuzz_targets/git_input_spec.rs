//! Input arguments (`path#key=value,...`): the spec parser, and for git inputs the option
//! checks and ref resolution against a small repository made once per process (three commits,
//! a tag, a branch, a subdirectory), so `branch=`, `ref=HEAD~N`, `subdir=` and friends are
//! resolved for real. Errors are expected; panics and aborts are findings.
#![no_main]

use std::{path::PathBuf, process::Command, sync::OnceLock};

use libfuzzer_sys::fuzz_target;
use protogate::input::{InputSpec, PathFilter, parse_input, resolve_git};

fn repository() -> Option<&'static PathBuf> {
    static REPO: OnceLock<Option<PathBuf>> = OnceLock::new();
    REPO.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("protogate-fuzz-repo-{}", std::process::id()));
        let git = |args: &[&str]| {
            Command::new("git")
                .args(["-c", "user.name=fuzz", "-c", "user.email=fuzz@example.com", "-c", "init.defaultBranch=main"])
                .args(args)
                .current_dir(&dir)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        std::fs::create_dir_all(dir.join("proto/a")).ok()?;
        std::fs::write(dir.join("buf.yaml"), "version: v2\nmodules:\n  - path: proto\n").ok()?;
        let mut ok = git(&["init", "-q"]);
        for i in 0..3 {
            let text = format!("syntax = \"proto3\";\npackage a;\nmessage M{{ int32 f{i} = {}; }}\n", i + 1);
            ok &= std::fs::write(dir.join("proto/a/a.proto"), text).is_ok();
            ok &= git(&["add", "-A"]) && git(&["commit", "-q", "-m", &format!("c{i}")]);
        }
        ok &= git(&["tag", "v1"]) && git(&["branch", "other", "HEAD~1"]);
        ok.then(|| dir.join(".git"))
    })
    .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let Ok(InputSpec::Git { options, .. }) = parse_input(raw) else { return };
    let Some(repo) = repository() else { return };
    let _ = resolve_git(&repo.to_string_lossy(), &options, None, &PathFilter::default());
});
