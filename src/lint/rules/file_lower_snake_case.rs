use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The file name, without its directory and its last extension, is `lower_snake_case`
    /// (buf's `ToLowerSnakeCase`): dots, dashes, capitals and leading, trailing or doubled
    /// underscores fail. Reported on the whole file (`1:1`), so a comment cannot ignore it.
    /// ## Why
    /// Generated files are named after the `.proto` file; lower-snake names are valid module
    /// and file names in every target language and behave the same on case-insensitive file
    /// systems.
    /// ## Example
    /// The rule reads only the file's name, so the example is a name, not content:
    /// `shop/v1/OrderService.proto` fires (`Filename "OrderService.proto" should be
    /// lower_snake_case.proto, such as "order_service.proto".`).
    ///
    /// Use instead: `shop/v1/order_service.proto`.
    pub FileLowerSnakeCase {
        id: "FILE_LOWER_SNAKE_CASE",
        purpose: "Checks that filenames are lower_snake_case.",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for FileLowerSnakeCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for file in cx.files() {
            let path = file.descriptor.name();
            let base = path.rsplit('/').next().unwrap_or(path);
            // Go's path.Ext: from the last dot of the base name, or nothing.
            let ext = base.rfind('.').map_or("", |dot| &base[dot..]);
            let stem = &base[..base.len() - ext.len()];
            let expected = to_lower_snake_case(stem);
            if stem != expected {
                let message =
                    format!("Filename {} should be lower_snake_case{ext}, such as \"{expected}{ext}\".", go_quote(base));
                found.file_level(file, message);
            }
        }
    }
}
