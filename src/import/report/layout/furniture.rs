//! What a page or a site adds around a report's text: SKL's page header
//! ("Sveriges Kommuner och Landsting 2010-10-25 2 (34)", "RAPPORT
//! 2010-10-25 1 (34)", with digits lost "Sveriges Kommuner och Landsting
//! (34)"), the section's name on page 1, 5dok's page markers "(3)", and the
//! furniture of the document-sharing sites ("Storlek: px", "Transkript",
//! "Academic year: 2022", ...). Each is found with what it tells: the page,
//! the page count, the report's date.

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::text::fold_name;
use crate::import::problem::Site;

/// A page header found in a line, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Byte range in the line.
    pub start: usize,
    pub end: usize,
    /// The report's date as printed ("2010-10-25").
    pub date: Option<ReportDate>,
    pub page: Option<u32>,
    pub of: u32,
}

/// The date a report was written (not the evaluation's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportDate {
    pub year: i32,
    pub month: u8,
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?:(?i:sektionen\s+för\s+demokrati\s+och\s+styrning)\s+)?(?:Sveriges\s+Kommuner\s+och\s+(?:Landsting|Regioner)|(?:SLUT)?RAPPORT)\s+(?:(?i:sektionen\s+för\s+demokrati\s+och\s+styrning)\s+)?(?:(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)\s+)?(?:(?P<page>\d{1,3})\s+)?\((?P<of>\d{1,3})\)",
    )
});

static SECTION: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"(?i:sektionen\s+för\s+demokrati\s+och\s+styrning)"));

/// Every page header in a line, in order.
pub fn headers(line: &str) -> Vec<Header> {
    HEADER
        .captures_iter(line)
        .filter_map(|c| {
            let all = c.get(0)?;
            let of: u32 = c.name("of")?.as_str().parse().ok()?;
            let page = c.name("page").and_then(|p| p.as_str().parse().ok());
            if of == 0 || page.is_some_and(|p| p > of) {
                return None;
            }
            let date = c.name("date").and_then(|d| report_date(d.as_str()));
            Some(Header {
                start: all.start(),
                end: all.end(),
                date,
                page,
                of,
            })
        })
        .collect()
}

/// "2010-10-25" as a year and month.
pub fn report_date(text: &str) -> Option<ReportDate> {
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1990..=2099).contains(&year))
        .then_some(ReportDate { year, month })
}

/// The line without its page headers and SKL's section name: the parts
/// before and between and after them.
pub fn without_headers(line: &str) -> Vec<&str> {
    let mut cuts: Vec<(usize, usize)> = headers(line).iter().map(|h| (h.start, h.end)).collect();
    cuts.extend(SECTION.find_iter(line).map(|m| (m.start(), m.end())));
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut from = 0;
    for (start, end) in cuts {
        if start >= from {
            parts.push(&line[from..start]);
        }
        from = from.max(end);
    }
    parts.push(&line[from..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A 5dok page marker alone on its line: "(3)".
pub fn page_marker(text: &str) -> Option<u32> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    (inner.len() <= 3 && !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()))
        .then(|| inner.parse().ok())
        .flatten()
}

/// A page header's parts on lines of their own, as some copies give them:
/// "Sveriges Kommuner och Landsting", then "2015-05-05", then "2 (24)".
pub fn header_part(text: &str) -> bool {
    let folded = fold_name(text);
    matches!(
        folded.as_str(),
        "sveriges kommuner och landsting" | "sveriges kommuner och regioner"
    ) || (text.len() == 10 && report_date(text).is_some())
}

/// A line of a site's own furniture, and the site it tells.
pub fn site_line(text: &str) -> Option<Site> {
    let folded = fold_name(text);
    let docplayer = ["storlek px", "starta visningen från sidan", "transkript"];
    let fivedok = [
        "no results found",
        "loading view fulltext now",
        "full text",
        "copied",
        "protected",
        "n a",
    ];
    if docplayer.contains(&folded.as_str()) || text.starts_with("Download \"") {
        return Some(Site::Docplayer);
    }
    let academic = folded
        .strip_prefix("academic year ")
        .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    (fivedok.contains(&folded.as_str()) || academic || text.starts_with("Share \""))
        .then_some(Site::FiveDok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_page_headers_with_what_they_say() {
        let h = headers("Sveriges Kommuner och Landsting 2010-10-25 2 (34) 1 Vad är");
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].page, h[0].of, h[0].date),
            (
                Some(2),
                34,
                Some(ReportDate {
                    year: 2010,
                    month: 10
                })
            )
        );
        let h = headers("2 Sveriges Kommuner och Landsting (34) Innehåll");
        assert_eq!((h[0].page, h[0].of, h[0].date), (None, 34, None));
        let h = headers(
            "Sektionen för Demokrati och styrning SLUTRAPPORT 2009-05-13 1 (36) Kommunkompassen",
        );
        assert_eq!((h[0].start, h[0].page), (0, Some(1)));
        assert!(headers("Sveriges Kommuner och Landsting använder sedan år 2002").is_empty());
        assert!(headers("Sveriges Kommuner och Landsting 2010-10-25 40 (34)").is_empty());
    }

    #[test]
    fn cuts_headers_out_of_a_line() {
        assert_eq!(
            without_headers(
                "RAPPORT 2010-10-25 1 (34) Sektionen för Demokrati och styrning Kommunkompassen Analys av"
            ),
            vec!["Kommunkompassen Analys av"]
        );
        assert_eq!(
            without_headers(
                "Sektionen för Demokrati och styrning SLUTRAPPORT 2009-05-13 1 (36) Kommunkompassen"
            ),
            vec!["Kommunkompassen"]
        );
        assert_eq!(
            without_headers(
                "slut på sidan Sveriges Kommuner och Regioner 2021-03-01 5 (50) Område 2"
            ),
            vec!["slut på sidan", "Område 2"]
        );
    }

    #[test]
    fn knows_markers_and_furniture() {
        assert_eq!(page_marker("(12)"), Some(12));
        assert_eq!(page_marker("(SKR)"), None);
        assert_eq!(site_line("Storlek: px"), Some(Site::Docplayer));
        assert_eq!(site_line("Academic year: 2022"), Some(Site::FiveDok));
        assert_eq!(
            site_line("Loading.... (view fulltext now)"),
            Some(Site::FiveDok)
        );
        assert_eq!(site_line("Kommunkompassen Analys av"), None);
    }
}
