//! One area chapter: its heading, its "Rubriker" list and points, and the
//! "Styrkor / Förbättringsmöjligheter" block at its end.

use super::columns;
use super::normalize::{Line, blank_lines_separate_paragraphs};
use super::scan::{lone_figure, starts_lower, strip_bullet, trailing_figures};
use super::sections::{ChapterSpan, points_line, points_off};
use crate::domain::text::fold_name;
use crate::domain::{AREA_MAX, AreaNumber, Score};

/// The two lists of a chapter's table, when the text shows where they divide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub strengths: String,
    pub improvements: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrengthsBlock {
    pub header_line: u32,
    /// Both columns as extracted: the strengths, then the improvements.
    pub raw: String,
    pub columns: Option<Columns>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub number: AreaNumber,
    pub name: String,
    pub heading_line: u32,
    /// The sub-area headings under "Rubriker".
    pub headings: Vec<String>,
    /// The points, when one lone number stands where they are printed.
    pub score: Option<(Score, u32)>,
    /// Every lone number where the points stand; more than one when a page
    /// number is among them (then `score` is `None` until `assemble` settles it).
    pub points_candidates: Vec<(Score, u32)>,
    /// Whether the points are the heading's ("Område 1 ... 49 poäng", or
    /// "49 poäng" right below it), as 2016-2018 reports print them.
    pub points_in_heading: bool,
    pub block: Option<StrengthsBlock>,
}

/// How far below its heading a chapter's points are looked for.
const SCORE_WINDOW: usize = 30;

fn is_rubriker(text: &str) -> bool {
    fold_name(text).starts_with("rubriker")
}

fn score_of(text: &str) -> Option<Score> {
    // A lone number above an area's maximum is a year or a page, not points.
    lone_figure(text).filter(|s| s.tenths() <= AREA_MAX.tenths())
}

/// A bullet line ending in the points after a wide gap (column layouts):
/// "• Strategi för styrning          80".
fn bullet_with_score(line: &Line) -> Option<(String, Score)> {
    let item = strip_bullet(&line.text)?;
    let (words, figures) = trailing_figures(item);
    let [figure] = figures.as_slice() else {
        return None;
    };
    let gap = line.raw().trim_end().rfind("  ")?;
    let tail = line.raw()[gap..].trim();
    (score_of(tail).is_some() && !figure.percent && figure.value.tenths() <= AREA_MAX.tenths())
        .then(|| (words.join(" "), figure.value))
}

/// Points printed on the "Rubriker" line itself: "Rubriker Poäng 66".
fn points_on_rubriker(text: &str) -> Option<Score> {
    let rest = text.split_once(char::is_whitespace)?.1;
    score_of(rest)
}

/// The "Rubriker" list and every lone number where the points stand: beside
/// the list (column layouts, or on the "Rubriker" line), else after its last
/// item (as in the seed), else among its items. More than one means a page
/// number among them; `assemble` settles that against the overview table.
fn headings_and_points(body: &[Line]) -> (Vec<String>, Vec<(Score, u32)>) {
    let mut headings: Vec<String> = Vec::new();
    let start = body
        .iter()
        .take(SCORE_WINDOW)
        .position(|l| is_rubriker(&l.text));
    let Some(start) = start else {
        let score = body
            .iter()
            .take(SCORE_WINDOW)
            .find_map(|l| score_of(&l.text).map(|s| (s, l.number)));
        return (headings, score.into_iter().collect());
    };
    let mut beside: Vec<(Score, u32)> = points_on_rubriker(&body[start].text)
        .map(|s| (s, body[start].number))
        .into_iter()
        .collect();
    let mut within = Vec::new();
    let mut after = Vec::new();
    for line in body.iter().skip(start + 1).take(SCORE_WINDOW) {
        if let Some(s) = score_of(&line.text) {
            after.push((s, line.number));
            continue;
        }
        if let Some((item, s)) = bullet_with_score(line) {
            // Points beside an item (column layouts): the list goes on.
            headings.push(item);
            beside.push((s, line.number));
            within.append(&mut after);
            continue;
        }
        match strip_bullet(&line.text) {
            Some(item) => {
                // A lone number followed by more items is inside the list
                // (a page break in it).
                headings.push(item.to_string());
                within.append(&mut after);
            }
            None if starts_lower(&line.text) && !headings.is_empty() && after.is_empty() => {
                if let Some(last) = headings.last_mut() {
                    last.push(' ');
                    last.push_str(&line.collapsed());
                }
            }
            None => break,
        }
    }
    let points = [beside, after, within]
        .into_iter()
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    (headings, points)
}

fn is_improvements_title(text: &str) -> bool {
    matches!(
        fold_name(text).as_str(),
        "förbättringsmöjligheter" | "förbättringsområden" | "utvecklingsområden"
    )
}

fn is_block_header(text: &str) -> bool {
    let folded = fold_name(text);
    let mut words = folded.split(' ');
    words.next() == Some("styrkor")
        && words.all(|w| matches!(w, "och") || is_improvements_title(w) || w == "svagheter")
}

fn joined(lines: &[String], paragraphs: &[bool]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            if paragraphs.get(i).copied().unwrap_or(false) {
                out.push('\n');
            }
        }
        out.push_str(line);
    }
    out
}

/// The strengths/improvements block: raw, and split where that is certain.
fn strengths_block(body: &[Line], paragraphs: bool) -> Option<StrengthsBlock> {
    let at = body.iter().rposition(|l| is_block_header(&l.text))?;
    let header = &body[at];
    let rest = &body[at + 1..];
    let texts: Vec<String> = rest.iter().map(Line::collapsed).collect();
    let breaks: Vec<bool> = rest.iter().map(|l| paragraphs && l.blank_before).collect();
    let raw = joined(&texts, &breaks);
    // Laid out side by side: split at the second header's column.
    if let Some(column) = columns::second_column(header.raw()) {
        return Some(match columns::split(rest, column) {
            Some((left, right)) => {
                let (strengths, improvements) = (left.join("\n"), right.join("\n"));
                StrengthsBlock {
                    header_line: header.number,
                    raw: format!("{strengths}\n{improvements}").trim().to_string(),
                    columns: Some(Columns {
                        strengths,
                        improvements,
                    }),
                }
            }
            None => StrengthsBlock {
                header_line: header.number,
                raw,
                columns: None,
            },
        });
    }
    // Flattened, but with the second title between the columns.
    let title = rest.iter().position(|l| is_improvements_title(&l.text));
    let columns = title.map(|t| Columns {
        strengths: joined(&texts[..t], &breaks[..t]),
        improvements: joined(&texts[t + 1..], &breaks[t + 1..]),
    });
    let raw = match title {
        Some(t) => {
            let mut kept = texts.clone();
            kept.remove(t);
            kept.join("\n")
        }
        None => raw,
    };
    Some(StrengthsBlock {
        header_line: header.number,
        raw,
        columns,
    })
}

/// A heading in capitals wrapped onto a line in capitals ("OMRÅDE 4
/// LEDARSKAP, ANSVAR OCH" / "DELEGATION 60 POÄNG"), not a part's title.
fn capitals_go_on(name: &str, next: &str) -> bool {
    let capitals =
        |s: &str| s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
    let title = matches!(
        fold_name(next).split(' ').next(),
        Some("allmänt" | "styrkor" | "rubriker" | "sammanfattning")
    );
    capitals(name) && capitals(next) && !title
}

/// Reads a chapter from its span.
pub fn parse(lines: &[Line], span: &ChapterSpan) -> Chapter {
    let body = &lines[span.body.clone()];
    let heading_line = lines[span.heading].number;
    let mut name = span.name.clone();
    let mut in_heading = span.points.map(|p| (p, heading_line));
    let mut skip = 0;
    if let Some(next) = body
        .first()
        .filter(|l| !is_rubriker(&l.text) && points_line(&l.text).is_none())
        && (name.is_empty() || starts_lower(&next.text) || capitals_go_on(&name, &next.text))
    {
        let joined = format!("{name} {}", next.collapsed());
        let (joined, points) = points_off(joined.trim()).unwrap_or((joined, None));
        name = joined.trim().to_string();
        in_heading = in_heading.or(points.map(|p| (p, next.number)));
        skip = 1;
    }
    if in_heading.is_none()
        && let Some(line) = body.get(skip)
        && let Some(points) = points_line(&line.text)
    {
        in_heading = Some((points, line.number));
        skip += 1;
    }
    let (headings, candidates) = headings_and_points(&body[skip..]);
    let (score, points_candidates) = match (in_heading, candidates.as_slice()) {
        (Some(points), _) => (Some(points), vec![points]),
        (None, [one]) => (Some(*one), candidates.clone()),
        (None, _) => (None, candidates.clone()),
    };
    Chapter {
        number: span.number,
        name,
        heading_line,
        headings,
        score,
        points_candidates,
        points_in_heading: in_heading.is_some(),
        block: strengths_block(&body[skip..], blank_lines_separate_paragraphs(lines)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::super::sections::locate;
    use super::*;

    fn chapter(text: &str) -> Chapter {
        let lines = normalize(text);
        let sections = locate(&lines, None);
        parse(&lines, &sections.chapters[0])
    }

    #[test]
    fn reads_the_seed_layout() {
        let c = chapter(
            "Område 8 Chefs- och ledarskap samt medarbetarskap\n\nRubriker  Poäng\n\n\
             • Strategi för chefs- och ledarskap samt\n\nmedarbetarskap\n\n• Chefers uppdrag\n\n72\n\n\
             Allmänt\n\nText 2020.\n\n Styrkor Förbättringsmöjligheter\n\nDet personalpolitiska programmet\n\n\
             Följ upp effekterna\n",
        );
        assert_eq!(c.name, "Chefs- och ledarskap samt medarbetarskap");
        assert_eq!(
            c.headings,
            vec![
                "Strategi för chefs- och ledarskap samt medarbetarskap",
                "Chefers uppdrag"
            ]
        );
        assert_eq!(c.score, Some((Score::whole(72), 11)));
        let block = c.block.unwrap();
        assert_eq!(block.header_line, 17);
        assert_eq!(
            block.raw,
            "Det personalpolitiska programmet\nFölj upp effekterna"
        );
        assert_eq!(block.columns, None);
    }

    #[test]
    fn reads_a_column_layout_and_splits_its_table() {
        let c = chapter(
            "Område 3 Styrning och kontroll\n\
             Rubriker                                             Poäng\n\
             • Strategi för styrning\n\
             • Politisk styrning                                  80\n\
             • Uppföljning och analys\n\
             Allmänt\n\
             Styrkor                          Förbättringsmöjligheter\n\
             Tydlig styrmodell                Uppföljning och analys\n\
             Etablerad vision\n",
        );
        assert_eq!(c.score, Some((Score::whole(80), 4)));
        assert_eq!(c.headings.len(), 3);
        let columns = c.block.unwrap().columns.unwrap();
        assert_eq!(columns.strengths, "Tydlig styrmodell\nEtablerad vision");
        assert_eq!(columns.improvements, "Uppföljning och analys");
    }

    #[test]
    fn a_page_number_in_or_after_the_list_is_a_candidate_not_the_points() {
        // Inside the list: the points are the number after its last item.
        let c = chapter("Område 1 Samspel\nRubriker Poäng\n7\n• Strategi\n• Dialog\n66\nAllmänt\n");
        assert_eq!(c.score, Some((Score::whole(66), 6)));
        assert_eq!(c.headings.len(), 2);
        // Two lone numbers after the list: which is the page is left open.
        let c = chapter("Område 1 Samspel\nRubriker Poäng\n• Strategi\n12\n66\nAllmänt\n");
        assert_eq!(c.score, None);
        assert_eq!(
            c.points_candidates,
            vec![(Score::whole(12), 4), (Score::whole(66), 5)]
        );
        // On the "Rubriker" line itself.
        let c = chapter("Område 1 Samspel\nRubriker Poäng 66\n• Strategi\nAllmänt\n");
        assert_eq!(c.score, Some((Score::whole(66), 2)));
    }

    #[test]
    fn splits_flattened_columns_only_at_a_printed_title() {
        let c = chapter(
            "Område 2 Samhällsutveckling\nRubriker\n73\nStyrkor\nA\nFörbättringsmöjligheter\nB\n",
        );
        let block = c.block.unwrap();
        assert_eq!(block.raw, "A\nB");
        let columns = block.columns.unwrap();
        assert_eq!(
            (columns.strengths.as_str(), columns.improvements.as_str()),
            ("A", "B")
        );
    }
}
