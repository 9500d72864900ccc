use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Service names end with the configured suffix: `lint.service_suffix`, `Service` by
    /// default (an empty value means the default). A plain, case-sensitive suffix test.
    /// ## Why
    /// A common suffix tells services apart from messages at a glance and keeps generated
    /// client and server type names from colliding with message types.
    /// ## Example
    /// ```proto,fires
    /// service Orders {}
    /// ```
    /// Use instead:
    /// ```proto
    /// service OrdersService {}
    /// ```
    pub ServiceSuffix {
        id: "SERVICE_SUFFIX",
        purpose: "Checks that services have a consistent suffix (configurable, default suffix is \"Service\").",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for ServiceSuffix {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let suffix = &cx.options().service_suffix;
        for service in &cx.elements().services {
            let name = service.node.name();
            if !name.ends_with(suffix.as_str()) {
                let message = format!("Service name {} should be suffixed with {}.", go_quote(name), go_quote(suffix));
                found.at(service, service.child_path(&[tag::NAME]), message);
                let new_name = format!("{name}{suffix}");
                found.fix_last(|| fix::rename_element(cx.rename_index(), service, &new_name, RenameKind::Other));
            }
        }
    }
}
