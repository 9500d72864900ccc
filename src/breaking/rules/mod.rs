//! The breaking rule registry: one line per rule, sorted by file name.

use super::BreakingRule;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every breaking rule, sorted by id.
        pub static ALL: &[&dyn BreakingRule] = &[$(&$module::$rule),*];
    };
}

registry! {
    field_no_delete::FieldNoDelete,
    file_no_delete::FileNoDelete,
}
