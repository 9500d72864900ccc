//! Rule metadata shared by lint and breaking: ids, purposes, categories per config version,
//! defaults, deprecations; and rule selection (`use`, `except`, `ignore_only` expansion).
//! The metadata lives in each rule's own file (`declare_rule!`); this module only reads it.

mod select;

pub use select::{Selection, expand, expand_owned, select_rules};

use crate::config::FileVersion;

/// A rule's membership in one config version.
#[derive(Debug, Clone, Copy)]
pub struct Membership {
    /// Categories in buf's order, deprecated aliases (`DEFAULT`, `STYLE_DEFAULT`) included.
    pub categories: &'static [&'static str],
    pub default: bool,
}

/// Everything known about a rule besides its check.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    /// buf's one-line purpose, verbatim.
    pub purpose: &'static str,
    /// The rule's documentation: what, why, an example that fires, the fix (Markdown).
    pub docs: &'static str,
    pub v1beta1: Option<Membership>,
    pub v1: Option<Membership>,
    pub v2: Option<Membership>,
    pub deprecated: bool,
    /// Ids that replace a deprecated rule.
    pub replacements: &'static [&'static str],
}

impl RuleMeta {
    pub fn membership(&self, version: FileVersion) -> Option<Membership> {
        match version {
            FileVersion::V1Beta1 => self.v1beta1,
            FileVersion::V1 => self.v1,
            FileVersion::V2 => self.v2,
        }
    }
}

/// Implemented by `declare_rule!`: a rule knows its metadata.
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
}

/// Category ids that are deprecated aliases; still accepted, hidden from listings.
pub const DEPRECATED_CATEGORIES: [(&str, &str); 2] = [("DEFAULT", "STANDARD"), ("STYLE_DEFAULT", "STYLE_STANDARD")];

/// Declares a rule: a unit struct plus its [`RuleMeta`] in `META`. The doc comment is the rule's
/// documentation (`protogate rules ID` prints it).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            id: $id:literal,
            purpose: $purpose:literal,
            $(v1beta1: [$($c1:ident),* $(,)?] default $d1:literal,)?
            $(v1: [$($c2:ident),* $(,)?] default $d2:literal,)?
            $(v2: [$($c3:ident),* $(,)?] default $d3:literal,)?
            $(deprecated: [$($replacement:literal),* $(,)?],)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $crate::rule::Declared for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                &Self::META
            }
        }

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                id: $id,
                purpose: $purpose,
                docs: concat!($($doc, "\n"),*),
                v1beta1: $crate::declare_rule!(@membership $([$($c1),*] $d1)?),
                v1: $crate::declare_rule!(@membership $([$($c2),*] $d2)?),
                v2: $crate::declare_rule!(@membership $([$($c3),*] $d3)?),
                deprecated: $crate::declare_rule!(@deprecated $([$($replacement),*])?),
                replacements: &[$($($replacement),*)?],
            };
        }
    };
    (@membership) => { None };
    (@membership [$($category:ident),*] $default:literal) => {
        Some($crate::rule::Membership { categories: &[$(stringify!($category)),*], default: $default })
    };
    (@deprecated) => { false };
    (@deprecated [$($replacement:literal),*]) => { true };
}
