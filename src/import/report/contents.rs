//! The table of contents: where it stands, and what its area entries print.
//! "Område 1 Offentlighet och demokrati ... 6" gives the area's name and
//! page; 2016-2018 reports print the points too, "Område 1 Offentlighet och
//! demokrati 49 poäng... 6": the number before "poäng" is the figure, the
//! one after it (after the dots, if any) is a page, never a figure. The
//! area's number may stand on a line of its own ("Område 1" / "Offentlighet
//! och demokrati ......6"), and a transcript may have lost the dots and the
//! page numbers.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::normalize::Line;
use super::scan::{figure, is_toc_entry};
use super::sections::points_off;
use crate::domain::text::fold_name;
use crate::domain::{AreaNumber, Score};

/// One area's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub number: AreaNumber,
    pub name: String,
    /// The points printed before "poäng".
    pub points: Option<Score>,
    /// "poäng" printed without its number (a transcript that lost it).
    pub points_lost: bool,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// The lines it takes, its heading ("Innehåll") first.
    pub lines: Range<usize>,
    /// One per area, the first printed.
    pub entries: Vec<Entry>,
}

/// "Område 3" where an entry starts (also "OMRÅDE 3:").
static AREA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:\d(?:\.\d)?\.?\s+)?[OÖ](?i:mråde)\s+([1-8])[.:]?(?:\s|$)")
        .unwrap_or_else(|e| panic!("contents pattern: {e}"))
});

/// Dot leaders: "......", "...", "…", ". . .".
static DOTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:\.{2,}|…+|(?:\.\s){2,}\.?)\s*").unwrap_or_else(|e| panic!("dots: {e}"))
});

/// How many lines the contents may take.
const MOST_LINES: usize = 80;

fn is_heading(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    first.chars().next().is_some_and(char::is_uppercase)
        && matches!(
            fold_name(first).as_str(),
            "innehåll" | "innehållsförteckning"
        )
}

/// A chapter's title after its number, as contents without page numbers
/// list them ("4. Poängsammanställning"): short, no sentence.
fn is_numbered_title(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let number = words.next().unwrap_or("");
    let numbered = (1..=3).contains(&number.len())
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    numbered
        && words
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && text.chars().count() <= 120
        && !text.ends_with('.')
}

/// A line of the contents: dot leaders, an area's entry, a chapter's
/// number on a line of its own, or a numbered chapter title.
fn is_entry_like(text: &str) -> bool {
    is_toc_entry(text)
        || AREA.is_match(text)
        || (text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        || is_numbered_title(text)
}

/// An entry's text after "Område N": its name, points and whether "poäng"
/// stands without its number.
fn entry_parts(rest: &str) -> (String, Option<Score>, bool) {
    // Whatever follows the last dot leader is the page.
    let before_dots = DOTS.split(rest).next().unwrap_or(rest);
    let mut words: Vec<&str> = before_dots.split_whitespace().collect();
    // Without dots: "... 49 poäng 6" or "... demokrati 6": the last number is the page.
    let ends_in_number = words.last().is_some_and(|w| figure(w).is_some());
    let dotted = before_dots.len() < rest.trim_end().len();
    if !dotted && ends_in_number && words.len() >= 2 {
        let before = words[words.len() - 2];
        if fold_name(before) == "poäng" || figure(before).is_none() {
            words.pop();
        }
    }
    let text = words.join(" ");
    let (name, points) = points_off(&text).unwrap_or((text.clone(), None));
    let lost = points.is_none() && words.last().is_some_and(|w| fold_name(w) == "poäng");
    let name = name
        .trim_matches(|c: char| c == ':' || c == '-' || c == '–' || c.is_whitespace())
        .to_string();
    (name, points, lost)
}

/// The area entries of one line (a transcript may run several together).
fn entries_of(text: &str, line: u32, next: Option<&Line>) -> Vec<Entry> {
    let starts: Vec<(usize, usize, AreaNumber)> = AREA
        .captures_iter(text)
        .filter_map(|c| {
            let all = c.get(0)?;
            let number: AreaNumber = c.get(1)?.as_str().parse().ok()?;
            Some((all.start(), all.end(), number))
        })
        .collect();
    let mut out = Vec::new();
    for (k, (_, end, number)) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).map_or(text.len(), |s| s.0);
        let mut rest = text[*end..stop].to_string();
        // "Område 1" alone: the name (and page) on the next line.
        if rest.trim().is_empty()
            && let Some(n) = next.filter(|n| !AREA.is_match(&n.text))
        {
            rest = n.text.clone();
        }
        let (name, points, points_lost) = entry_parts(&rest);
        out.push(Entry {
            number: *number,
            name,
            points,
            points_lost,
            line,
        });
    }
    out
}

/// Finds the contents after its heading ("Innehåll"), with its area entries.
pub fn read(lines: &[Line]) -> Option<Contents> {
    let start = lines.iter().position(|l| is_heading(&l.text))?;
    let mut end = start + 1;
    while end < lines.len().min(start + MOST_LINES) && is_entry_like(&lines[end].text) {
        end += 1;
    }
    let mut entries: Vec<Entry> = Vec::new();
    for i in start..end {
        for entry in entries_of(&lines[i].text, lines[i].number, lines.get(i + 1)) {
            if !entries.iter().any(|e| e.number == entry.number) {
                entries.push(entry);
            }
        }
    }
    Some(Contents {
        lines: start..end,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn entries(text: &str) -> Vec<(u8, String, Option<i64>, u32)> {
        read(&normalize(text))
            .map(|c| c.entries)
            .unwrap_or_default()
            .into_iter()
            .map(|e| {
                (
                    e.number.get(),
                    e.name,
                    e.points.map(|p| p.tenths() / 10),
                    e.line,
                )
            })
            .collect()
    }

    #[test]
    fn reads_points_before_poang_and_never_the_page() {
        let found = entries(
            "Innehåll\nOmråde 1 Offentlighet och demokrati 49 poäng... 6\n\
             Område 2 Brukarfokus, tillgänglighet och bemötande 61 poäng 9\n\
             Område 3 Politisk styrning och kontroll 73 poäng ........ 11\nText efter.",
        );
        assert_eq!(
            found,
            vec![
                (1, "Offentlighet och demokrati".into(), Some(49), 2),
                (
                    2,
                    "Brukarfokus, tillgänglighet och bemötande".into(),
                    Some(61),
                    3
                ),
                (3, "Politisk styrning och kontroll".into(), Some(73), 4),
            ]
        );
    }

    #[test]
    fn reads_names_without_points_in_every_shape_seen() {
        let found = entries(
            "Innehåll\n1\nVad är Kommunkompassen? .......3\nOmråde 1\nOffentlighet och demokrati ......6\n\
             Allmänt......6\nOmråde 2 Tillgänglighet och brukarorientering Område 3 Politisk styrning och kontroll... 9\n\
             Område 4 Ledarskap, ansvar och delegation 12\n4. Översikt av poängfördelning ... 47\n\
             Kommunkompassen är ett verktyg.",
        );
        let names: Vec<(u8, &str, Option<i64>)> =
            found.iter().map(|e| (e.0, e.1.as_str(), e.2)).collect();
        assert_eq!(
            names,
            vec![
                (1, "Offentlighet och demokrati", None),
                (2, "Tillgänglighet och brukarorientering", None),
                (3, "Politisk styrning och kontroll", None),
                (4, "Ledarskap, ansvar och delegation", None),
            ]
        );
        let contents = read(&normalize("x\nInnehåll\nOmråde 1 A... 3\nText.\n")).unwrap();
        assert_eq!(contents.lines, 1..3);
        let contents = read(&normalize(
            "Innehåll:\n1. Vad är Kommunkompassen?\n4. Poängsammanställning\nBarbro Östberg, Göteborgs Stad\n",
        ))
        .unwrap();
        assert_eq!(contents.lines, 0..3);
    }

    #[test]
    fn notes_poang_without_its_number() {
        let c = read(&normalize(
            "Innehåll\nOmråde 1 Offentlighet och demokrati poäng... 6\n",
        ))
        .unwrap();
        assert!(c.entries[0].points_lost && c.entries[0].points.is_none());
        assert!(read(&normalize("Ingen förteckning\nOmråde 1 A... 3")).is_none());
    }
}
