//! Finding the parts of a report: the front matter (title, metadata and the
//! summary), one chapter per area ("Område N Name"), and the overview table
//! ("Översikt av poängfördelning"). Table-of-contents entries are skipped.

use std::ops::Range;

use super::normalize::Line;
use super::scan::is_toc_entry;
use crate::domain::AreaNumber;
use crate::domain::text::fold_name;

/// A chapter: its heading line and the lines up to the next part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterSpan {
    pub number: AreaNumber,
    /// The area's name as printed in the heading.
    pub name: String,
    /// Index of the heading in the lines.
    pub heading: usize,
    /// The lines after the heading, up to the next chapter or the table.
    pub body: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sections {
    /// Everything before the first chapter.
    pub front: Range<usize>,
    /// The summary's lines ("Sammanfattande kommentarer"), within the front.
    pub summary: Option<Range<usize>>,
    /// In order of appearance, at most one per area.
    pub chapters: Vec<ChapterSpan>,
    /// The overview table, from its heading.
    pub table: Option<Range<usize>>,
}

/// A section number before a heading: "3.1", "3.", "3".
fn is_section_number(word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && word.as_bytes()[0].is_ascii_digit()
}

/// "Område 3 Styrning och kontroll" -> (3, "Styrning och kontroll"); also
/// after a section number ("3.1 Område 1 Samspel ...").
pub fn chapter_heading(text: &str) -> Option<(AreaNumber, String)> {
    if is_toc_entry(text) {
        return None;
    }
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_some_and(|w| is_section_number(w)) {
        words.next();
    }
    let first = words.next()?;
    if fold_name(first) != "område" || !first.starts_with(['O', 'Ö']) {
        return None;
    }
    let number_word = words.next()?;
    let number: AreaNumber = number_word.trim_end_matches(['.', ':']).parse().ok()?;
    let rest: Vec<&str> = words.collect();
    let name = rest
        .join(" ")
        .trim_start_matches(['-', '\u{2013}', ':', '.'])
        .trim()
        .to_string();
    if !name.is_empty() && !name.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((number, name))
}

/// A heading numbered as its area, without "Område": "1. Samspel mellan
/// förtroendevalda och medborgare". The same shape lists the areas in the
/// introduction and heads other sections ("3. Detaljerad genomgång per
/// område"), so such a heading counts only where its "Rubriker" list follows
/// at once (see `locate`).
pub fn numbered_heading(text: &str) -> Option<(AreaNumber, String)> {
    if is_toc_entry(text) || is_table_header_row(text) || is_table_heading(text) {
        return None;
    }
    let mut words = text.split_whitespace();
    let number: AreaNumber = words.next()?.trim_end_matches('.').parse().ok()?;
    let name = words.collect::<Vec<_>>().join(" ");
    let capitalised = name.chars().next().is_some_and(char::is_uppercase);
    let words_only = !name.chars().any(|c| c.is_ascii_digit());
    (capitalised && words_only).then_some((number, name))
}

/// How close below a numbered heading its "Rubriker" list must start.
const NUMBERED_HEADING_WINDOW: usize = 3;

fn is_table_heading(text: &str) -> bool {
    !is_toc_entry(text) && fold_name(text).contains("översikt av poängfördelning")
}

/// A table header row without the section heading: "... Uppnått Max Procent".
fn is_table_header_row(text: &str) -> bool {
    let folded = fold_name(text);
    folded.contains("uppnått") && (folded.contains("max") || folded.contains("procent"))
}

fn is_summary_heading(text: &str) -> bool {
    fold_name(text) == "sammanfattande kommentarer"
}

/// A weaker summary heading, used when there is no "Sammanfattande kommentarer".
fn is_other_summary_heading(text: &str) -> bool {
    let folded = fold_name(text);
    folded == "sammanfattning" || folded == "sammanfattning av resultat"
}

/// Whether a chapter's first lines hold its sub-area list or its score.
fn looks_like_chapter(lines: &[Line], body: Range<usize>) -> bool {
    lines[body]
        .iter()
        .take(20)
        .any(|l| fold_name(&l.text).starts_with("rubriker"))
}

/// A heading: its line's index, the area and the name printed.
type Heading = (usize, AreaNumber, String);

/// Where the part starting at line `i` ends: at the next of `starts`, or
/// at the table.
fn end_after(i: usize, starts: &[usize], table_start: Option<usize>, len: usize) -> usize {
    let next_heading = starts.iter().copied().find(|&s| s > i);
    let table = table_start.filter(|&t| t > i);
    [next_heading, table]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(len)
}

pub fn locate(lines: &[Line]) -> Sections {
    let candidates: Vec<Heading> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !is_table_header_row(&l.text))
        .filter_map(|(i, l)| chapter_heading(&l.text).map(|(n, name)| (i, n, name)))
        .collect();
    let table_start = lines
        .iter()
        .rposition(|l| is_table_heading(&l.text))
        .or_else(|| {
            let after = candidates.last().map_or(0, |c| c.0);
            (after..lines.len()).find(|&i| is_table_header_row(&lines[i].text))
        });
    let chosen = choose_chapters(lines, &candidates, table_start);
    let starts: Vec<usize> = chosen.iter().map(|c| c.0).collect();
    let end = |i: usize| end_after(i, &starts, table_start, lines.len());
    let chapters: Vec<ChapterSpan> = chosen
        .into_iter()
        .map(|(i, number, name)| ChapterSpan {
            number,
            name,
            heading: i,
            body: i + 1..end(i),
        })
        .collect();
    let front_end = [starts.first().copied(), table_start]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(lines.len());
    let summary = (0..front_end)
        .find(|&i| is_summary_heading(&lines[i].text))
        .or_else(|| (0..front_end).find(|&i| is_other_summary_heading(&lines[i].text)))
        .map(|i| i + 1..front_end);
    let table = table_start.map(|t| t..end(t));
    Sections {
        front: 0..front_end,
        summary,
        chapters,
        table,
    }
}

/// One chapter per area, in the order printed: the last "Område N" heading
/// whose body looks like a chapter, else a numbered heading "N. Name" whose
/// "Rubriker" follows at once (when exactly one does), else the last
/// "Område N" heading at all.
fn choose_chapters(
    lines: &[Line],
    candidates: &[Heading],
    table_start: Option<usize>,
) -> Vec<Heading> {
    let end = |i: usize, starts: &[usize]| end_after(i, starts, table_start, lines.len());
    let numbered: Vec<Heading> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| table_start.is_none_or(|t| *i < t))
        .filter_map(|(i, l)| numbered_heading(&l.text).map(|(n, name)| (i, n, name)))
        .collect();
    let all_starts: Vec<usize> = candidates.iter().map(|c| c.0).collect();
    let mut every_start: Vec<usize> = all_starts
        .iter()
        .copied()
        .chain(numbered.iter().map(|c| c.0))
        .collect();
    every_start.sort_unstable();
    let mut chosen: Vec<Heading> = Vec::new();
    for number in AreaNumber::ALL {
        let of_area: Vec<&Heading> = candidates.iter().filter(|c| c.1 == number).collect();
        // Bodies of all candidates, to tell a real chapter from a stray mention.
        let real = of_area
            .iter()
            .rev()
            .find(|c| looks_like_chapter(lines, c.0 + 1..end(c.0, &all_starts)));
        let by_number = || {
            let found: Vec<&Heading> = numbered
                .iter()
                .filter(|c| c.1 == number)
                .filter(|c| {
                    lines[c.0 + 1..end(c.0, &every_start)]
                        .iter()
                        .take(NUMBERED_HEADING_WINDOW)
                        .any(|l| fold_name(&l.text).starts_with("rubriker"))
                })
                .collect();
            match found.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        if let Some(c) = real.copied().or_else(by_number).or(of_area.last().copied()) {
            chosen.push(c.clone());
        }
    }
    chosen.sort_by_key(|c| c.0);
    chosen
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn chapter_heading(text: &str) -> Option<(u8, String)> {
        super::chapter_heading(text).map(|(n, name)| (n.get(), name))
    }

    fn numbered_heading(text: &str) -> Option<(u8, String)> {
        super::numbered_heading(text).map(|(n, name)| (n.get(), name))
    }

    #[test]
    fn recognises_chapter_headings() {
        assert_eq!(
            chapter_heading("Område 8 Chefs- och ledarskap samt medarbetarskap"),
            Some((8, "Chefs- och ledarskap samt medarbetarskap".into()))
        );
        assert_eq!(
            chapter_heading("OMRÅDE 2: Samhällsutveckling"),
            Some((2, "Samhällsutveckling".into()))
        );
        assert_eq!(
            chapter_heading("Område 1 Offentlighet och demokrati... 8"),
            None
        );
        assert_eq!(chapter_heading("område 1, Samspel mellan"), None);
        assert_eq!(chapter_heading("Område 9 Annat"), None);
        assert_eq!(chapter_heading("Områden att utveckla"), None);
        assert_eq!(
            chapter_heading("3.1 Område 1 Samspel mellan"),
            Some((1, "Samspel mellan".into()))
        );
        assert_eq!(chapter_heading("3.1 Strategi för styrning 9 10 90%"), None);
        assert_eq!(
            numbered_heading("1. Samspel mellan förtroendevalda och medborgare"),
            Some((1, "Samspel mellan förtroendevalda och medborgare".into()))
        );
        assert_eq!(
            numbered_heading("1. Offentlighet och demokrati Uppnått Max Procent"),
            None
        );
        assert_eq!(numbered_heading("4. Översikt av poängfördelning"), None);
        assert_eq!(numbered_heading("1.1 Strategi"), None);
        assert_eq!(numbered_heading("2020 var ett år"), None);
    }

    #[test]
    fn skips_the_table_of_contents_and_finds_each_part() {
        let text = "Innehåll\nOmråde 1 Samspel... 8\n4. Översikt av poängfördelning... 24\n\
                    Sammanfattande kommentarer\nInom område 1, Samspel, finns...\n\
                    Område 1 Samspel\nRubriker Poäng\n• Strategi\n66\nStyrkor Förbättringsmöjligheter\nx\n\
                    Område 2 Samhällsutveckling\nRubriker\n73\n\
                    4. Översikt av poängfördelning\n1. Offentlighet och demokrati Uppnått Max Procent\n";
        let lines = normalize(text);
        let s = locate(&lines);
        let numbers: Vec<(u8, u32)> = s
            .chapters
            .iter()
            .map(|c| (c.number.get(), lines[c.heading].number))
            .collect();
        assert_eq!(numbers, vec![(1, 6), (2, 12)]);
        assert_eq!(s.table.map(|t| lines[t.start].number), Some(15));
        assert_eq!(s.summary.map(|r| lines[r.start].number), Some(5));
        assert_eq!(s.chapters[1].body.end, lines.len() - 2);
    }

    #[test]
    fn takes_a_numbered_heading_only_where_its_rubriker_follow() {
        let text = "De åtta huvudområdena är:\n1. Samspel mellan förtroendevalda\n2. Samhällsutveckling\n\
                    3. Detaljerad genomgång per\nområde\n\
                    1. Samspel mellan förtroendevalda\nRubriker Poäng\n• Strategi\n66\n\
                    2. Samhällsutveckling\nRubriker\n73\n\
                    4. Översikt av poängfördelning\n1. Offentlighet och demokrati Uppnått Max Procent\n";
        let lines = normalize(text);
        let s = locate(&lines);
        let numbers: Vec<(u8, u32)> = s
            .chapters
            .iter()
            .map(|c| (c.number.get(), lines[c.heading].number))
            .collect();
        assert_eq!(numbers, vec![(1, 6), (2, 10)]);
        assert_eq!(s.chapters[0].name, "Samspel mellan förtroendevalda");
        // Two such headings for one area: neither is taken.
        let twice = text.replace(
            "2. Samhällsutveckling\nRubriker\n73\n",
            "2. Samhällsutveckling\nRubriker\n73\n2. Samhällsutveckling\nRubriker\n73\n",
        );
        let lines = normalize(&twice);
        assert_eq!(locate(&lines).chapters.len(), 1);
    }
}
