//! The breaking rule registry: one line per rule, sorted by file name.

use super::BreakingRule;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every breaking rule, sorted by id.
        pub static ALL: &[&dyn BreakingRule] = &[$(&$module::$rule),*];
    };
}

mod json_format;
mod location;

registry! {
    enum_same_json_format::EnumSameJsonFormat,
    enum_same_type::EnumSameType,
    field_no_delete::FieldNoDelete,
    file_no_delete::FileNoDelete,
    message_same_json_format::MessageSameJsonFormat,
}
