//! Source info travels beside the descriptors, not in them. It is taken off each file right after
//! parsing (on the parsing thread), aligned with buf as far as it can be before linking, and
//! stored compact: the parsed `SourceCodeInfo` of googleapis alone is about 500 MB in
//! prost-types' form. After linking, the option paths are rewritten (see `option_paths`) and the
//! rest of the alignment is done, one file at a time.

use prost_types::{FileDescriptorProto, SourceCodeInfo};

use super::{align, editions::EditionsFixup, option_paths};
use crate::schema::SourceInfo;

/// A parsed file's source info and the options whose paths linking would rewrite.
pub struct Detached {
    sites: Vec<option_paths::OptionSite>,
    info: DetachedInfo,
}

enum DetachedInfo {
    /// Aligned by [`align::locations_like_buf`].
    Compact(SourceInfo),
    /// An editions file's, as parsed: our editions front-end rewrites its paths after linking, so
    /// it is aligned after that.
    Full(SourceCodeInfo),
}

impl Detached {
    /// Takes the source info off a parsed `descriptor` of `source` (the original text).
    pub fn take(descriptor: &mut FileDescriptorProto, source: &str, is_editions: bool) -> Option<Self> {
        let mut info = descriptor.source_code_info.take()?;
        let sites = option_paths::collect(descriptor);
        let info = if is_editions {
            DetachedInfo::Full(info)
        } else {
            align::locations_like_buf(&mut info, source);
            DetachedInfo::Compact(SourceInfo::from_prost(&info))
        };
        Some(Self { sites, info })
    }

    /// The source info as parsed, for an editions file (whose error path links its descriptor).
    pub fn as_parsed(&self) -> Option<&SourceCodeInfo> {
        match &self.info {
            DetachedInfo::Full(info) => Some(info),
            DetachedInfo::Compact(_) => None,
        }
    }
}

/// How one linked file gets its source info back.
pub struct Reattach<'a> {
    /// The scopes of the pool that linked the file.
    pub scope: &'a option_paths::PoolScopes,
    pub fixup: Option<&'a EditionsFixup>,
    /// The file's original text; `None` for the well-known types.
    pub source: Option<&'a str>,
    /// Links the file again from source, alone, with its source info: for the files whose option
    /// paths [`option_paths::rewrite`] cannot be sure of.
    pub relink: &'a (dyn Fn(&str) -> Option<SourceCodeInfo> + Sync),
}

impl Reattach<'_> {
    /// Finishes a linked `descriptor` (editions fix-up, buf's alignments) and returns its source
    /// info, compact.
    pub fn finish(&self, descriptor: &mut FileDescriptorProto, detached: Option<Detached>) -> Option<SourceInfo> {
        let (mut compact, mut full) = (None, None);
        if let Some(Detached { sites, info }) = detached {
            let (mut rewritten, is_full) = match info {
                DetachedInfo::Compact(info) => (info, false),
                DetachedInfo::Full(info) => (SourceInfo::from_prost(&info), true),
            };
            let sure = option_paths::rewrite(self.scope, descriptor.name(), &sites, &mut rewritten).is_some();
            match (sure, is_full) {
                (true, false) => compact = Some(rewritten),
                (true, true) => full = Some(rewritten.to_prost()),
                (false, _) => full = (self.relink)(descriptor.name()),
            }
        }
        if let Some(fixup) = self.fixup {
            descriptor.source_code_info = full.take();
            super::editions::finish(descriptor, fixup);
            full = descriptor.source_code_info.take();
        }
        let Some(source) = self.source else { return compact.or_else(|| full.map(|f| SourceInfo::from_prost(&f))) };
        match (compact, full) {
            (Some(mut compact), _) => {
                align::finish_like_buf(descriptor, &mut compact, source);
                Some(compact)
            }
            (None, full) => {
                descriptor.source_code_info = full;
                align::like_buf(descriptor, source)
            }
        }
    }
}
