//! buf's `config ls-*-rules` text table: Go's `text/tabwriter` with two spaces of padding over
//! `ID`, `CATEGORIES`, `DEFAULT` (`*` for default rules) and the purpose, which is not padded.

use super::listed;
use crate::{config::FileVersion, rule::RuleMeta};

pub fn render(rules: &[&'static RuleMeta], version: FileVersion, include_deprecated: bool) -> String {
    let listed = listed(rules, version, include_deprecated);
    if listed.is_empty() {
        return String::new();
    }
    let mut rows: Vec<[String; 4]> = vec![["ID", "CATEGORIES", "DEFAULT", "PURPOSE"].map(str::to_owned)];
    for rule in &listed {
        let default = if rule.default { "*      " } else { "       " };
        rows.push([
            rule.meta.id.to_owned(),
            rule.categories.join(", "),
            default.to_owned(),
            rule.meta.purpose.to_owned(),
        ]);
    }
    let mut widths = [0usize; 3];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count() + 2);
        }
    }
    let mut out = String::new();
    for row in &rows {
        for (width, cell) in widths.iter().zip(row) {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
        }
        out.push_str(&row[3]);
        out.push('\n');
    }
    out
}
