//! The breaking rule registry: one line per rule, sorted by file name.

use super::BreakingRule;

// Shared by the field-pair rules.
mod field_defaults;
mod field_pairs;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every breaking rule, sorted by id.
        pub static ALL: &[&dyn BreakingRule] = &[$(&$module::$rule),*];
    };
}

registry! {
    field_no_delete::FieldNoDelete,
    field_same_cardinality::FieldSameCardinality,
    field_same_cpp_string_type::FieldSameCppStringType,
    field_same_ctype::FieldSameCtype,
    field_same_default::FieldSameDefault,
    field_same_java_utf8_validation::FieldSameJavaUtf8Validation,
    field_same_json_name::FieldSameJsonName,
    field_same_jstype::FieldSameJstype,
    field_same_label::FieldSameLabel,
    field_same_name::FieldSameName,
    field_same_oneof::FieldSameOneof,
    field_same_type::FieldSameType,
    field_same_utf8_validation::FieldSameUtf8Validation,
    field_wire_compatible_cardinality::FieldWireCompatibleCardinality,
    field_wire_compatible_type::FieldWireCompatibleType,
    field_wire_json_compatible_cardinality::FieldWireJsonCompatibleCardinality,
    field_wire_json_compatible_type::FieldWireJsonCompatibleType,
    file_no_delete::FileNoDelete,
    message_same_required_fields::MessageSameRequiredFields,
}
