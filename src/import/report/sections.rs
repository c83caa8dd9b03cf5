//! Finding the parts of a report: the front matter (title, metadata and the
//! summary), one chapter per area ("Område N Name", in 2016-2018 reports
//! "Område N Name 49 poäng"), and the score table ("Översikt av
//! poängfördelning", before 2011 "Poängsammanställning"). The table of
//! contents is skipped: its entries are no chapters, its mention of the
//! table no table.

use std::ops::Range;

use super::normalize::Line;
use super::scan::{figure, is_toc_entry, lone_figure};
use super::table::lines::{area_header, area_row, column_titles, row_code};
use crate::domain::text::fold_name;
use crate::domain::{AREA_MAX, AreaNumber, Score};

/// A chapter: its heading line and the lines up to the next part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterSpan {
    pub number: AreaNumber,
    /// The area's name as printed in the heading.
    pub name: String,
    /// The points the heading prints ("... 49 poäng").
    pub points: Option<Score>,
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

/// Whether a word is "poäng" or its short form ("p", "p.").
fn is_points_word(word: &str) -> bool {
    matches!(fold_name(word).as_str(), "poäng" | "p")
}

/// A number of points as a heading prints it: "49", "(49", "49/100".
fn points_figure(word: &str) -> Option<Score> {
    let word = word.trim_matches(['(', ')']);
    let word = word.strip_suffix("/100").unwrap_or(word);
    figure(word).filter(|f| !f.percent).map(|f| f.value)
}

/// The points that end a heading, "49 poäng" (also "(49 poäng)", "– 49
/// poäng", "49 av 100 poäng", "49/100 p", "Poäng: 49"), taken off its name;
/// `None` when the name ends in "49 poäng 6" or "poäng... 6", as a contents
/// entry does (the last number a page), or in more points than an area has.
pub fn points_off(name: &str) -> Option<(String, Option<Score>)> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let n = words.len();
    let at = |i: usize| words.get(i).copied().unwrap_or("");
    let page_after = n >= 3 && is_points_word(at(n - 2)) && figure(at(n - 1)).is_some();
    if page_after && points_figure(at(n - 3)).is_some() {
        return None;
    }
    let (points, cut) = if page_after {
        // "Poäng: 49".
        (points_figure(at(n - 1)), n - 2)
    } else if n >= 2 && is_points_word(at(n - 1)) {
        let of_100 = n >= 4 && fold_name(at(n - 3)) == "av" && at(n - 2) == "100";
        let number = if of_100 { n - 4 } else { n - 2 };
        (points_figure(at(number)), number)
    } else {
        (None, n)
    };
    let Some(points) = points else {
        // "… demokrati poäng": the number lost (a transcript); the name stays a name.
        if n >= 2 && is_points_word(at(n - 1)) && !page_after {
            words.truncate(n - 1);
            return Some((words.join(" "), None));
        }
        return Some((name.to_string(), None));
    };
    if points.tenths() > AREA_MAX.tenths() {
        return None;
    }
    words.truncate(cut);
    let name = words
        .join(" ")
        .trim_end_matches(['-', '\u{2013}', ':', ',', '('])
        .trim()
        .to_string();
    Some((name, Some(points)))
}

/// "Område 3 Styrning och kontroll" -> (3, "Styrning och kontroll"); also
/// after a section number ("3.1 Område 1 Samspel ...").
pub fn chapter_heading(text: &str) -> Option<(AreaNumber, String)> {
    heading(text).map(|(n, name, _)| (n, name))
}

/// A chapter's heading: its area, name and the points it prints.
fn heading(text: &str) -> Option<(AreaNumber, String, Option<Score>)> {
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
    let (name, points) = points_off(&name)?;
    Some((number, name, points))
}

/// A heading numbered as its area, without "Område": "1. Samspel mellan
/// förtroendevalda och medborgare" (also "4.1 Name", area 1 of chapter 4),
/// with the points it prints ("1. Name 49 poäng"). The same shape lists
/// the areas in the introduction and heads other sections ("3. Detaljerad
/// genomgång per område"), so such a heading counts only where its
/// "Rubriker" list follows at once, or its points stand in or below it,
/// for one heading of its area (see `locate`).
fn numbered(text: &str) -> Option<(AreaNumber, String, Option<Score>)> {
    if is_toc_entry(text) || is_table_header_row(text) || is_table_heading(text) {
        return None;
    }
    let mut words = text.split_whitespace();
    let first = words.next()?.trim_end_matches('.');
    let area = match first.split_once('.') {
        // "4.1": the first area of chapter 4.
        Some((section, area))
            if section.len() == 1 && section.bytes().all(|b| b.is_ascii_digit()) =>
        {
            area
        }
        Some(_) => return None,
        None => first,
    };
    let number: AreaNumber = area.parse().ok()?;
    let (name, points) = points_off(&words.collect::<Vec<_>>().join(" "))?;
    let capitalised = name.chars().next().is_some_and(char::is_uppercase);
    let words_only = !name.chars().any(|c| c.is_ascii_digit());
    (capitalised && words_only).then_some((number, name, points))
}

/// How close below a numbered heading its "Rubriker" list must start.
const NUMBERED_HEADING_WINDOW: usize = 3;

/// The score table's heading, alone on its line (after a chapter number):
/// "4. Översikt av poängfördelning", "5. Poängsammanställning". A contents
/// line that names it among other words is not it.
pub fn is_table_heading(text: &str) -> bool {
    if is_toc_entry(text) {
        return false;
    }
    let folded = fold_name(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit())),
    );
    let rest = words[skip..].join(" ");
    (rest.starts_with("översikt av poängfördelning") || rest.starts_with("poängsammanställning"))
        && words.len() <= 8
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

/// "49 poäng" alone on a line: a heading's points below it.
pub fn points_line(text: &str) -> Option<Score> {
    fold_name(text)
        .contains("poäng")
        .then(|| lone_figure(text))
        .flatten()
        .filter(|s| s.tenths() <= AREA_MAX.tenths())
}

/// Whether a chapter's first lines hold its sub-area list or its score.
fn looks_like_chapter(lines: &[Line], heading: &Heading, body: Range<usize>) -> bool {
    heading.points.is_some()
        || lines[body.clone()]
            .first()
            .is_some_and(|l| points_line(&l.text).is_some())
        || lines[body]
            .iter()
            .take(20)
            .any(|l| fold_name(&l.text).starts_with("rubriker"))
}

/// A heading: its line's index, the area, the name and points printed.
#[derive(Debug, Clone)]
struct Heading {
    at: usize,
    number: AreaNumber,
    name: String,
    points: Option<Score>,
}

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

/// How close below its heading the score table's first row must stand.
const TABLE_WINDOW: usize = 25;

/// A line only the score table has: a row, column titles, an area's header
/// with them, an area's row with its figures.
fn is_table_line(text: &str) -> bool {
    row_code(text).is_some()
        || column_titles(text).is_some()
        || area_header(text).is_some_and(|h| h.columns.is_some())
        || area_row(text).is_some()
}

/// The score table's heading: the last one that table lines follow, else
/// the last one with no chapter after it (a text that stops at it).
fn table_heading(lines: &[Line], outside: &dyn Fn(&usize) -> bool) -> Option<usize> {
    let headings: Vec<usize> = (0..lines.len())
        .filter(|i| outside(i))
        .filter(|&i| is_table_heading(&lines[i].text))
        .collect();
    let followed = headings.iter().rev().copied().find(|&h| {
        lines[h + 1..]
            .iter()
            .take(TABLE_WINDOW)
            .any(|l| is_table_line(&l.text))
    });
    followed.or_else(|| {
        headings
            .last()
            .copied()
            .filter(|&h| !lines[h..].iter().any(|l| heading(&l.text).is_some()))
    })
}

/// Finds the parts; `contents` is the table of contents' lines, whose
/// entries are neither chapters nor the table.
pub fn locate(lines: &[Line], contents: Option<&Range<usize>>) -> Sections {
    let outside = |i: &usize| contents.is_none_or(|c| !c.contains(i));
    let heading_at = table_heading(lines, &outside);
    let candidates: Vec<Heading> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| outside(i) && !is_table_header_row(&l.text))
        .filter(|(i, _)| heading_at.is_none_or(|t| *i < t))
        .filter_map(|(i, l)| {
            heading(&l.text).map(|(number, name, points)| Heading {
                at: i,
                number,
                name,
                points,
            })
        })
        .collect();
    let table_start = heading_at.or_else(|| {
        let after = candidates.last().map_or(0, |c| c.at);
        (after..lines.len()).find(|&i| is_table_header_row(&lines[i].text))
    });
    let chosen = choose_chapters(lines, &candidates, table_start, contents);
    let starts: Vec<usize> = chosen.iter().map(|c| c.at).collect();
    let end = |i: usize| end_after(i, &starts, table_start, lines.len());
    let chapters: Vec<ChapterSpan> = chosen
        .into_iter()
        .map(|h| ChapterSpan {
            number: h.number,
            name: h.name,
            points: h.points,
            heading: h.at,
            body: h.at + 1..end(h.at),
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
    contents: Option<&Range<usize>>,
) -> Vec<Heading> {
    let end = |i: usize, starts: &[usize]| end_after(i, starts, table_start, lines.len());
    let numbered: Vec<Heading> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| table_start.is_none_or(|t| *i < t))
        .filter(|(i, _)| contents.is_none_or(|c| !c.contains(i)))
        .filter_map(|(i, l)| {
            numbered(&l.text).map(|(number, name, points)| Heading {
                at: i,
                number,
                name,
                points,
            })
        })
        .collect();
    let all_starts: Vec<usize> = candidates.iter().map(|c| c.at).collect();
    let mut every_start: Vec<usize> = all_starts
        .iter()
        .copied()
        .chain(numbered.iter().map(|c| c.at))
        .collect();
    every_start.sort_unstable();
    let mut chosen: Vec<Heading> = Vec::new();
    for number in AreaNumber::ALL {
        let of_area: Vec<&Heading> = candidates.iter().filter(|c| c.number == number).collect();
        // Bodies of all candidates, to tell a real chapter from a stray mention.
        let real = of_area
            .iter()
            .rev()
            .find(|c| looks_like_chapter(lines, c, c.at + 1..end(c.at, &all_starts)));
        let by_number = || {
            let rubriker = |c: &Heading| {
                lines[c.at + 1..end(c.at, &every_start)]
                    .iter()
                    .take(NUMBERED_HEADING_WINDOW)
                    .any(|l| fold_name(&l.text).starts_with("rubriker"))
            };
            let of_area = || numbered.iter().filter(|c| c.number == number);
            let with_rubriker: Vec<&Heading> = of_area().filter(|c| rubriker(c)).collect();
            // Points in the heading, or right below it ("Poäng: 52").
            let points = |c: &Heading| {
                c.points.is_some()
                    || lines
                        .get(c.at + 1)
                        .is_some_and(|l| points_line(&l.text).is_some())
            };
            let with_points: Vec<&Heading> = of_area().filter(|c| points(c)).collect();
            match (with_rubriker.as_slice(), with_points.as_slice()) {
                ([one], _) | ([], [one]) => Some(*one),
                _ => None,
            }
        };
        if let Some(c) = real.copied().or_else(by_number).or(of_area.last().copied()) {
            chosen.push(c.clone());
        }
    }
    chosen.sort_by_key(|c| c.at);
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
        super::numbered(text).map(|(n, name, _)| (n.get(), name))
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
        assert_eq!(
            numbered_heading("4.1 Offentlighet och demokrati"),
            Some((1, "Offentlighet och demokrati".into()))
        );
        assert_eq!(numbered_heading("11.1 Strategi"), None);
        assert_eq!(numbered_heading("2020 var ett år"), None);
    }

    #[test]
    fn takes_the_points_off_a_heading_and_leaves_the_contents_alone() {
        assert_eq!(
            super::heading("Område 1 Offentlighet och demokrati 49 poäng"),
            Some((
                AreaNumber::ALL[0],
                "Offentlighet och demokrati".into(),
                Some(Score::whole(49))
            ))
        );
        assert_eq!(
            super::heading("OMRÅDE 2: Brukarfokus, tillgänglighet och bemötande – 61,5 poäng")
                .and_then(|h| h.2),
            Some(Score::parse_printed("61,5").unwrap())
        );
        assert_eq!(
            super::heading("Område 1 Offentlighet och demokrati 49 poäng 6"),
            None
        );
        assert_eq!(
            super::heading("Område 1 Offentlighet och demokrati 490 poäng"),
            None
        );
        assert!(is_table_heading("5. Poängsammanställning"));
        assert!(is_table_heading("ÖVERSIKT AV POÄNGFÖRDELNING"));
        assert!(!is_table_heading(
            "4. Poängsammanställning Barbro Östberg, Göteborgs Stad Leif Eldås, Sveriges Kommuner och Landsting"
        ));
        let text = "Innehåll\nOmråde 1 Offentlighet och demokrati 49 poäng\nOmråde 2 Brukarfokus 61 poäng\n\
                    Område 1 Offentlighet och demokrati 49 poäng\nText om området.\n\
                    Område 2 Brukarfokus\n61 poäng\nText.\n";
        let lines = normalize(text);
        let s = locate(&lines, Some(&(0..3)));
        let found: Vec<(u8, u32, Option<Score>)> = s
            .chapters
            .iter()
            .map(|c| (c.number.get(), lines[c.heading].number, c.points))
            .collect();
        assert_eq!(found, vec![(1, 4, Some(Score::whole(49))), (2, 6, None)]);
    }

    #[test]
    fn skips_the_table_of_contents_and_finds_each_part() {
        let text = "Innehåll\nOmråde 1 Samspel... 8\n4. Översikt av poängfördelning... 24\n\
                    Sammanfattande kommentarer\nInom område 1, Samspel, finns...\n\
                    Område 1 Samspel\nRubriker Poäng\n• Strategi\n66\nStyrkor Förbättringsmöjligheter\nx\n\
                    Område 2 Samhällsutveckling\nRubriker\n73\n\
                    4. Översikt av poängfördelning\n1. Offentlighet och demokrati Uppnått Max Procent\n";
        let lines = normalize(text);
        let s = locate(&lines, None);
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
        let s = locate(&lines, None);
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
        assert_eq!(locate(&lines, None).chapters.len(), 1);
    }
}
