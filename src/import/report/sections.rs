//! Finding the parts of a report: the front matter (title, metadata and the
//! summary), one chapter per area ("Område N Name"), and the overview table
//! ("Översikt av poängfördelning"). Table-of-contents entries are skipped.

use std::ops::Range;

use super::normalize::Line;
use super::scan::is_toc_entry;
use crate::domain::text::fold_name;

/// A chapter: its heading line and the lines up to the next part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterSpan {
    pub number: u8,
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

/// "Område 3 Styrning och kontroll" -> (3, "Styrning och kontroll").
pub fn chapter_heading(text: &str) -> Option<(u8, String)> {
    if is_toc_entry(text) {
        return None;
    }
    let mut words = text.split_whitespace();
    let first = words.next()?;
    if fold_name(first) != "område" || !first.starts_with(['O', 'Ö']) {
        return None;
    }
    let number_word = words.next()?;
    let digits = number_word.trim_end_matches(['.', ':']);
    let number: u8 = match digits.as_bytes() {
        [d @ b'1'..=b'8'] => d - b'0',
        _ => return None,
    };
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

pub fn locate(lines: &[Line]) -> Sections {
    let candidates: Vec<(usize, u8, String)> = lines
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

    // Bodies of all candidates, to tell a real chapter from a stray mention.
    let end_after = |i: usize, starts: &[usize]| -> usize {
        let next_heading = starts.iter().copied().find(|&s| s > i);
        let table = table_start.filter(|&t| t > i);
        [next_heading, table]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(lines.len())
    };
    let all_starts: Vec<usize> = candidates.iter().map(|c| c.0).collect();
    let mut chosen: Vec<(usize, u8, String)> = Vec::new();
    for number in 1..=8u8 {
        let of_area: Vec<&(usize, u8, String)> =
            candidates.iter().filter(|c| c.1 == number).collect();
        let real = of_area
            .iter()
            .rev()
            .find(|c| looks_like_chapter(lines, c.0 + 1..end_after(c.0, &all_starts)))
            .or(of_area.last());
        if let Some(c) = real {
            chosen.push((*c).clone());
        }
    }
    chosen.sort_by_key(|c| c.0);
    let starts: Vec<usize> = chosen.iter().map(|c| c.0).collect();
    let chapters: Vec<ChapterSpan> = chosen
        .iter()
        .map(|(i, number, name)| ChapterSpan {
            number: *number,
            name: name.clone(),
            heading: *i,
            body: i + 1..end_after(*i, &starts),
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
    let table = table_start.map(|t| t..end_after(t, &starts));
    Sections {
        front: 0..front_end,
        summary,
        chapters,
        table,
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

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
            .map(|c| (c.number, lines[c.heading].number))
            .collect();
        assert_eq!(numbers, vec![(1, 6), (2, 12)]);
        assert_eq!(s.table.map(|t| lines[t.start].number), Some(15));
        assert_eq!(s.summary.map(|r| lines[r.start].number), Some(5));
        assert_eq!(s.chapters[1].body.end, lines.len() - 2);
    }
}
