//! The text as it was given, before its content is read: page headers and
//! markers taken out (and what they tell: the page, the page count, the
//! report's date), a document-sharing site's furniture dropped and the site
//! named, a transcript's page numbers ("3 Sveriges Kommuner ...") taken off,
//! and a page given as one line cut into the lines of its structure
//! (`split`). Every line keeps the number it has in the text as given.

mod furniture;
mod split;

use regex::Regex;

use super::normalize::{Line, editor_lines};
use crate::domain::text::fold_name;
use crate::import::problem::Site;
pub use furniture::ReportDate;
use furniture::{header_part, headers, page_marker, report_date, site_line, without_headers};
use split::{LONG, Splitter};

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this module; a broken one fails every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("layout pattern {pattern:?}: {e}"))
}

/// What the text's form tells about the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The site the text was copied from, when it shows.
    pub site: Option<Site>,
    /// The page count the headers print ("2 (34)"), the largest seen.
    pub pages: Option<u32>,
    /// (line, page) where a page is marked, in order.
    marks: Vec<(u32, u32)>,
    /// The report's own date (a page header's), with its line.
    pub report_date: Option<(ReportDate, u32)>,
    /// A page header printed without its date and page number, as a site
    /// that drops digits gives it.
    pub digits_lost: bool,
}

impl Layout {
    /// The page a line is on, as far as the marks tell.
    pub fn page_at(&self, line: u32) -> Option<u32> {
        self.marks
            .iter()
            .take_while(|(at, _)| *at <= line)
            .last()
            .map(|(_, page)| *page)
    }

    fn mark(&mut self, line: u32, page: u32) {
        self.marks.push((line, page));
    }

    /// Page marks in the raw text: headers, "(3)", "2 (34)", "Sida 3 av 34".
    fn scan(&mut self, text: &str) {
        for (i, raw) in editor_lines(text).enumerate() {
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let trimmed = raw.trim();
            for h in headers(trimmed) {
                self.pages = self.pages.max(Some(h.of));
                if let Some(page) = h.page {
                    self.mark(number, page);
                }
                if h.date.is_none() && h.page.is_none() {
                    self.digits_lost = true;
                }
                if let (None, Some(date)) = (self.report_date, h.date) {
                    self.report_date = Some((date, number));
                }
            }
            if let Some(page) = page_marker(trimmed) {
                self.mark(number, page);
            } else if let Some((page, of)) = page_of_pages(trimmed) {
                self.pages = self.pages.max(Some(of));
                self.mark(number, page);
            } else if self.report_date.is_none()
                && i < 60
                && let Some(date) = report_date(trimmed).filter(|_| trimmed.len() == 10)
            {
                // "2015-05-05" alone below "Sveriges Kommuner och Landsting".
                self.report_date = Some((date, number));
            }
        }
        self.marks.sort_unstable();
    }
}

/// "2 (34)" ending a line, or "Sida 3 av 34".
fn page_of_pages(text: &str) -> Option<(u32, u32)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| {
        (w.len() <= 3 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let (page, of) = match words.as_slice() {
        ["Sida" | "sida", p, "av", n] => (number(p)?, number(n)?),
        [.., p, n] => (number(p)?, number(n.strip_prefix('(')?.strip_suffix(')')?)?),
        _ => return None,
    };
    (page >= 1 && page <= of).then_some((page, of))
}

/// The site whose furniture the lines show, and the index of the line
/// after which the report's own text starts ("Transkript", "Full text").
fn site_of(lines: &[Line]) -> (Option<Site>, Option<usize>) {
    let site = lines.iter().take(40).find_map(|l| site_line(&l.text));
    let start = lines
        .iter()
        .take(40)
        .position(|l| matches!(fold_name(&l.text).as_str(), "transkript" | "full text"));
    (site, start)
}

/// A transcript's page number before its page's text ("3 Sveriges ..."):
/// the page after the last one (a few may be lost).
fn page_prefix(text: &str, last: u32) -> Option<(u32, &str)> {
    let (first, rest) = text.split_once(' ')?;
    let page: u32 = (first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit()))
        .then(|| first.parse().ok())
        .flatten()?;
    (page > last && page <= last + 3 && !rest.trim().is_empty()).then_some((page, rest.trim()))
}

/// Reads the form of the text: the lines the parsers are to read, and
/// what the form told.
pub fn read(text: &str, lines: Vec<Line>) -> (Vec<Line>, Layout) {
    let mut layout = Layout::default();
    layout.scan(text);
    let (site, start) = site_of(&lines);
    let transcript = start.is_some_and(|s| fold_name(&lines[s].text) == "transkript");
    let mut splitter = Splitter::default();
    let mut last_page = 0;
    let mut one_line_pages = 0;
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let furniture =
            start.is_some_and(|s| i <= s) && !fold_name(&line.text).contains("kommunkompass");
        if furniture
            || site_line(&line.text).is_some()
            || page_marker(&line.text).is_some()
            || header_part(&line.text)
        {
            continue;
        }
        let mut text = line.text.as_str();
        if transcript
            && start.is_some_and(|s| i > s)
            && let Some((page, rest)) = page_prefix(text, last_page)
        {
            last_page = page;
            layout.mark(line.number, page);
            text = rest;
        }
        let parts = without_headers(text);
        let unchanged = parts.len() == 1 && parts[0] == line.text;
        if unchanged && parts[0].chars().count() <= LONG {
            // The line as it was: kept, not copied.
            drop(parts);
            out.push(line);
            continue;
        }
        let mut first = true;
        for part in parts {
            let long = part.chars().count() > LONG;
            if long && (!unchanged || transcript) {
                one_line_pages += 1;
            }
            let pieces = if long {
                splitter.split(part)
            } else {
                vec![part.to_string()]
            };
            for piece in pieces {
                // A piece of a line is its own raw text (no columns in it).
                out.push(Line::plain(line.number, piece, first && line.blank_before));
                first = false;
            }
        }
    }
    layout.marks.sort_unstable();
    layout.site = site.or((one_line_pages > 0).then_some(Site::Unnamed));
    (out, layout)
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn read_text(text: &str) -> (Vec<String>, Layout) {
        let (lines, layout) = read(text, normalize(text));
        (lines.into_iter().map(|l| l.text).collect(), layout)
    }

    #[test]
    fn takes_a_docplayer_transcripts_furniture_and_page_numbers_off() {
        let text = "KommunKompassen X KOMMUN 2014 ANALYS AV.\n\nStorlek: px\nStarta visningen från sidan:\n\n\
                    Download \"KommunKompassen X\"\n\nTranskript\n\n1 KommunKompassen ANALYS AV X KOMMUN 2014\n\n\
                    2 Sveriges Kommuner och Landsting (34) Innehåll 1 Vad är Kommunkompassen?\n\n\
                    3 Sveriges Kommuner och Landsting (34) 1 Vad är Kommunkompassen? Text.";
        let (lines, layout) = read_text(text);
        assert_eq!(
            lines,
            vec![
                "KommunKompassen X KOMMUN 2014 ANALYS AV.",
                "KommunKompassen ANALYS AV X KOMMUN 2014",
                "Innehåll 1 Vad är Kommunkompassen?",
                "1 Vad är Kommunkompassen? Text.",
            ]
        );
        assert_eq!(layout.site, Some(Site::Docplayer));
        assert_eq!((layout.pages, layout.page_at(15)), (Some(34), Some(3)));
        assert!(layout.digits_lost);
    }

    #[test]
    fn reads_5dok_markers_and_keeps_the_sites_title() {
        let text = "• No results found\n\nKommunkompassen Analys av Vallentuna kommun\n\nAcademic year: 2022\n\n\
                    Copied!\n48\n0\n\nFull text\n\n(1)\n\nKommunkompassen Analys av\n\n(2)\n\nInnehåll";
        let (lines, layout) = read_text(text);
        assert_eq!(
            lines,
            vec![
                "Kommunkompassen Analys av Vallentuna kommun",
                "Kommunkompassen Analys av",
                "Innehåll"
            ]
        );
        assert_eq!(layout.site, Some(Site::FiveDok));
        assert_eq!((layout.pages, layout.page_at(19)), (None, Some(2)));
    }

    #[test]
    fn cuts_headers_out_and_keeps_other_lines_as_they_are() {
        let long = format!(
            "Sveriges Kommuner och Landsting 2010-10-25 5 (34) Område 1 Offentlighet och demokrati Rubriker Poäng • A • B 66 Allmänt {}",
            "Text om området. ".repeat(20)
        );
        let text = format!(
            "Styrkor        Förbättringsmöjligheter\nSveriges Kommuner och Landsting 2010-10-25 4 (34) Område 2 Namn\n{long}"
        );
        let (lines, layout) = read(&text, normalize(&text));
        assert_eq!(lines[0].raw(), "Styrkor        Förbättringsmöjligheter");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            &texts[1..7],
            [
                "Område 2 Namn",
                "Område 1 Offentlighet och demokrati",
                "Rubriker Poäng",
                "• A",
                "• B",
                "66"
            ]
        );
        assert!(lines.iter().skip(2).all(|l| l.number == 3));
        assert_eq!(
            layout.report_date.map(|d| (d.0.year, d.0.month, d.1)),
            Some((2010, 10, 2))
        );
        assert_eq!(layout.site, Some(Site::Unnamed));
        assert_eq!(layout.page_at(3), Some(5));
    }
}
