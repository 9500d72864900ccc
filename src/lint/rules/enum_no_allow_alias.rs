use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// No enum sets `option allow_alias = true;`. Reported at the option statement.
    /// ## Why
    /// Aliases give one number several names; renaming or removing one of them breaks JSON and
    /// text formats that carry the name, and generated code handles aliases inconsistently.
    /// ## Example
    /// ```proto,fires
    /// enum Status {
    ///   option allow_alias = true;
    ///   STATUS_UNSPECIFIED = 0;
    ///   STATUS_NONE = 0;
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// enum Status {
    ///   STATUS_UNSPECIFIED = 0;
    /// }
    /// ```
    pub EnumNoAllowAlias {
        id: "ENUM_NO_ALLOW_ALIAS",
        purpose: "Checks that enums do not have the allow_alias option set.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, SENSIBLE] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for EnumNoAllowAlias {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for enm in &cx.elements().enums {
            if enm.node.options.as_ref().and_then(|o| o.allow_alias) == Some(true) {
                let message = format!("Enum option \"allow_alias\" on enum {} must be false.", go_quote(enm.node.name()));
                found.at(enm, enm.child_path(&[tag::ENUM_OPTIONS, tag::ENUM_OPTIONS_ALLOW_ALIAS]), message);
            }
        }
    }
}
