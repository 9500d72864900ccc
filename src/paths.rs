//! Lexical path arithmetic on `/`-separated relative paths, as buf does it (`path.Clean`,
//! containment checks). Nothing here touches the file system.

/// Go's `path.Clean`: removes `.` segments, resolves `..` lexically, collapses slashes.
/// Returns `"."` for an empty result.
pub fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// Joins two slash paths and cleans the result.
pub fn join(base: &str, rest: &str) -> String {
    if rest.starts_with('/') || base.is_empty() || base == "." {
        return clean(rest);
    }
    clean(&format!("{base}/{rest}"))
}

/// Whether `path` equals `dir` or lies below it (both cleaned, relative).
pub fn contains(dir: &str, path: &str) -> bool {
    dir == "."
        || dir.is_empty()
        || path == dir
        || (path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/'))
}

/// `path` relative to `dir`, when `dir` contains it.
pub fn strip(dir: &str, path: &str) -> Option<String> {
    if dir == "." || dir.is_empty() {
        return Some(path.to_owned());
    }
    if path == dir {
        return Some(".".to_owned());
    }
    path.strip_prefix(dir).and_then(|rest| rest.strip_prefix('/')).map(str::to_owned)
}

/// Whether a cleaned relative path escapes its base (`..`) or is absolute.
pub fn escapes(cleaned: &str) -> bool {
    cleaned.starts_with('/') || cleaned == ".." || cleaned.starts_with("../")
}

/// buf's `RealClean` of a path the user typed: a relative path is cleaned against the working
/// directory `cwd` (absolute, `/`-separated) and made relative to it again, so `../proto/foo`
/// typed inside `proto` is `foo`, as buf prints it.
pub fn real_clean_in(typed: &str, cwd: &str) -> String {
    let cleaned = clean(typed);
    if cleaned.starts_with('/') || !cleaned.starts_with("..") {
        return cleaned;
    }
    relative(&clean(cwd), &clean(&format!("{cwd}/{cleaned}")))
}

/// [`real_clean_in`] in the process's working directory (as the shell names it, like Go's
/// `os.Getwd`); the path only cleaned when there is none.
pub fn real_clean(typed: &str) -> String {
    let cwd = std::env::var("PWD")
        .ok()
        .filter(|pwd| {
            let same = |a: &std::path::Path| a.canonicalize().ok();
            std::env::current_dir().ok().is_some_and(|cwd| same(&cwd) == same(std::path::Path::new(pwd)))
        })
        .or_else(|| std::env::current_dir().ok().map(|cwd| to_slash(&cwd)));
    match cwd {
        Some(cwd) if cwd.starts_with('/') => real_clean_in(typed, &cwd),
        _ => clean(typed),
    }
}

/// Go's `filepath.Rel` for two cleaned absolute paths.
fn relative(base: &str, target: &str) -> String {
    let parts = |p: &str| p.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let (base, target) = (parts(base), parts(target));
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_owned(), base.len() - common);
    let rest: Vec<String> = ups.chain(target[common..].iter().cloned()).collect();
    if rest.is_empty() { ".".to_owned() } else { rest.join("/") }
}

/// A platform path rendered with `/` separators.
pub fn to_slash(path: &std::path::Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/").replace("//", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_that_leave_and_reenter_the_working_directory_shrink_as_in_buf() {
        assert_eq!(real_clean_in("../grpc/reflection", "/r/grpc"), "reflection");
        assert_eq!(real_clean_in("../../grpc/reflection", "/r/grpc/reflection"), ".");
        assert_eq!(real_clean_in("../other", "/r/grpc"), "../other");
        assert_eq!(real_clean_in("./a/../b", "/r"), "b");
        assert_eq!(real_clean_in("/abs/x", "/r"), "/abs/x");
    }

    #[test]
    fn cleans_like_go() {
        assert_eq!(clean("./proto/../a//b/"), "a/b");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("../x/./y"), "../x/y");
        assert_eq!(clean("/a/../../b"), "/b");
        assert_eq!(join("proto", "a.proto"), "proto/a.proto");
        assert_eq!(join(".", "a.proto"), "a.proto");
        assert_eq!(join("../t1", "a.proto"), "../t1/a.proto");
    }

    #[test]
    fn containment() {
        assert!(contains("proto", "proto/a.proto"));
        assert!(contains("proto", "proto"));
        assert!(!contains("proto", "protos/a.proto"));
        assert!(contains(".", "x"));
        assert_eq!(strip("proto", "proto/a/b.proto").as_deref(), Some("a/b.proto"));
        assert_eq!(strip("proto", "other/b.proto"), None);
        assert!(escapes("../a"));
        assert!(!escapes("a/..b"));
    }
}
