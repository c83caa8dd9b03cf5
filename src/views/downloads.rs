//! The download links of one table, as every page offers them: the
//! spreadsheet first ("Excel (.xlsx)", codes kept as text), then the CSV
//! that Swedish Excel opens as it is, then the standard CSV for programs.
//! One function, so every page names the files the same way and in the
//! same order.

use maud::{Markup, html};

/// A table's three download addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFiles {
    pub xlsx: String,
    pub csv_excel: String,
    pub csv: String,
}

impl TableFiles {
    /// `stem` is the address without its extension (`/kommun/1881`),
    /// `query` the page's own filters without the `?`
    /// (`revision=v2020&lan=18`, or empty). Each file has its own path (the
    /// Excel CSV `{stem}-excel.csv`), so a static copy holds each as a file.
    pub fn new(stem: &str, query: &str) -> Self {
        let with = |ending: &str| match query {
            "" => format!("{stem}{ending}"),
            _ => format!("{stem}{ending}?{query}"),
        };
        Self {
            xlsx: with(".xlsx"),
            csv_excel: with("-excel.csv"),
            csv: with(".csv"),
        }
    }
}

/// The three links, in the order people should reach for them. Each link
/// stays on one line (`.files a` in the stylesheet), so a narrow screen
/// wraps between files, never inside a name.
pub fn links(files: &TableFiles) -> Markup {
    html! {
        span.files {
            a href=(files.xlsx) { "Excel (.xlsx)" }
            " · "
            a href=(files.csv_excel) { "CSV för Excel (svenska)" }
            " · "
            a href=(files.csv) { "CSV (standard)" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spreadsheet_comes_first_and_filters_are_kept_in_every_address() {
        let plain = TableFiles::new("/kommun/1881", "");
        assert_eq!(plain.xlsx, "/kommun/1881.xlsx");
        assert_eq!(plain.csv_excel, "/kommun/1881-excel.csv");
        assert_eq!(plain.csv, "/kommun/1881.csv");
        let filtered = TableFiles::new("/rankning", "revision=v2020&lan=18");
        assert_eq!(filtered.xlsx, "/rankning.xlsx?revision=v2020&lan=18");
        assert_eq!(
            filtered.csv_excel,
            "/rankning-excel.csv?revision=v2020&lan=18"
        );
        let html = links(&filtered).into_string();
        let order: Vec<usize> = ["Excel (.xlsx)", "CSV för Excel (svenska)", "CSV (standard)"]
            .iter()
            .map(|label| html.find(label).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
        assert!(html.contains("href=\"/rankning-excel.csv?revision=v2020&amp;lan=18\""));
    }
}
