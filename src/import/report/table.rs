//! The overview table "Översikt av poängfördelning": per area a header
//! ("1. Offentlighet och demokrati Uppnått Max Procent"), one row per
//! sub-area ("1.2 Kommunens information till medborgarna 5 10 48%") and the
//! area's total ("66 100 66%"). Rows may be split over lines (name wrapped,
//! figures on a line of their own, or a name's last words below its figures
//! as `pdftotext -layout` gives them).

use super::normalize::Line;
use super::scan::{Figure, trailing_figures};
use crate::domain::text::fold_name;
use crate::domain::{Score, SubareaCode};
use crate::import::Problem;

/// Points, max and percent as printed on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub points: Score,
    pub max: Option<Score>,
    pub percent: Option<Score>,
    /// Where the figures were read.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub code: SubareaCode,
    pub name: String,
    pub figures: Figures,
    /// The line the row's code is on.
    pub code_line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableArea {
    pub number: u8,
    /// The area's name as printed in its header.
    pub name: Option<String>,
    pub header_line: Option<u32>,
    pub rows: Vec<TableRow>,
    pub total: Option<Figures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub heading_line: u32,
    pub areas: Vec<TableArea>,
    /// A grand total row (max 800), when the report prints one.
    pub grand_total: Option<Figures>,
}

/// Column headings that end an area's header line.
const HEADER_WORDS: [&str; 7] = [
    "uppnått",
    "max",
    "procent",
    "poäng",
    "andel",
    "maxpoäng",
    "%",
];

/// Words that may label a total row.
const TOTAL_WORDS: [&str; 7] = [
    "totalt",
    "total",
    "summa",
    "sammanlagt",
    "poäng",
    "område",
    "delsumma",
];

/// "1. Offentlighet och demokrati Uppnått Max Procent" -> (Some(1), name).
fn area_header(text: &str) -> Option<(Option<u8>, String)> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let had_columns = words.len() > 1
        && words
            .last()
            .is_some_and(|w| HEADER_WORDS.contains(&fold_name(w).as_str()));
    while words
        .last()
        .is_some_and(|w| HEADER_WORDS.contains(&fold_name(w).as_str()) || *w == "%")
    {
        words.pop();
    }
    if words.first().is_some_and(|w| fold_name(w) == "område") {
        words.remove(0);
    }
    let first = words.first()?;
    let number = match first.strip_suffix('.').unwrap_or(first).as_bytes() {
        [d @ b'1'..=b'8'] => Some(d - b'0'),
        _ => None,
    };
    let name_words = if number.is_some() {
        &words[1..]
    } else {
        &words[..]
    };
    let name = name_words.join(" ");
    let has_letters = name.chars().next().is_some_and(char::is_alphabetic);
    let column_title = matches!(
        fold_name(&name).as_str(),
        "delområde" | "delområden" | "område" | "rubrik" | "rubriker" | "delfrågor"
    );
    if number.is_none() && column_title {
        return None;
    }
    match (number, had_columns) {
        (_, true) if has_letters => Some((number, name)),
        (Some(_), false) if has_letters && first.ends_with('.') => Some((number, name)),
        _ => None,
    }
}

/// A row's code at the start of a line ("3.4", "3.4.").
fn row_code(text: &str) -> Option<(SubareaCode, &str)> {
    let first = text.split_whitespace().next()?;
    let code: SubareaCode = first.strip_suffix('.').unwrap_or(first).parse().ok()?;
    Some((code, text[first.len()..].trim_start()))
}

struct Pending {
    code: SubareaCode,
    code_line: u32,
    name: Vec<String>,
    figures: Vec<(Figure, u32)>,
}

struct Builder {
    table: Table,
    pending: Option<Pending>,
    problems: Vec<Problem>,
}

fn figures_of(found: &[(Figure, u32)]) -> Option<Figures> {
    let line = found.first()?.1;
    let value = |i: usize| found.get(i).map(|(f, _)| f.value);
    match found {
        [(p, _), (pc, _)] if pc.percent => Some(Figures {
            points: p.value,
            max: None,
            percent: Some(pc.value),
            line,
        }),
        [_] => None,
        _ => Some(Figures {
            points: value(0)?,
            max: value(1),
            percent: value(2),
            line,
        }),
    }
}

impl Builder {
    fn current_area(&mut self, number: u8) -> &mut TableArea {
        let new = self.table.areas.last().is_none_or(|a| a.number != number);
        if new {
            self.table.areas.push(TableArea {
                number,
                ..TableArea::default()
            });
        }
        let last = self.table.areas.len() - 1;
        &mut self.table.areas[last]
    }

    /// Ends the row being read: it must have its figures by now.
    fn finish(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let name = p.name.join(" ");
        match figures_of(&p.figures) {
            Some(figures) if figures.max.is_some() => {
                let row = TableRow {
                    code: p.code,
                    name,
                    figures,
                    code_line: p.code_line,
                };
                self.current_area(p.code.area).rows.push(row);
            }
            _ => self.problems.push(Problem::new(
                Some(p.code_line),
                format!("overview table ({})", p.code),
                format!(
                    "the row of sub-area {} ({name}) has no readable points, max and percent after its name",
                    p.code
                ),
            )),
        }
    }

    fn header(&mut self, number: Option<u8>, name: String, line: u32) {
        self.finish();
        let Some(number) = number else {
            // A header without its number: the next row's code tells the area.
            self.table.areas.push(TableArea {
                number: 0,
                name: Some(name),
                header_line: Some(line),
                ..TableArea::default()
            });
            return;
        };
        if self.table.areas.iter().any(|a| a.number == number) {
            self.problems.push(Problem::new(
                Some(line),
                format!("overview table (area {number})"),
                format!("area {number} has a second header in the table"),
            ));
        }
        self.table.areas.push(TableArea {
            number,
            name: Some(name),
            header_line: Some(line),
            ..TableArea::default()
        });
    }

    fn row(&mut self, code: SubareaCode, rest: &str, line: u32) {
        self.finish();
        if let Some(area) = self.table.areas.last_mut() {
            if area.number == 0 && area.rows.is_empty() {
                area.number = code.area;
            } else if area.number != code.area
                && let Some(header) = area.header_line.filter(|_| area.rows.is_empty())
            {
                self.problems.push(Problem::new(
                    Some(line),
                    format!("overview table ({code})"),
                    format!(
                        "sub-area {code} comes right after the header of area {} (line {header})",
                        area.number
                    ),
                ));
            }
        }
        let (name, figures) = trailing_figures(rest);
        self.pending = Some(Pending {
            code,
            code_line: line,
            name,
            figures: figures.into_iter().map(|f| (f, line)).collect(),
        });
        self.complete_if_full();
    }

    fn complete_if_full(&mut self) {
        if self.pending.as_ref().is_some_and(|p| p.figures.len() >= 3) {
            let extra = self
                .pending
                .as_ref()
                .filter(|p| p.figures.len() > 3)
                .map(|p| (p.code, p.code_line));
            if let Some((code, line)) = extra {
                self.problems.push(Problem::new(
                    Some(line),
                    format!("overview table ({code})"),
                    "the row has more than three figures; expected points, max and percent",
                ));
            }
            self.finish();
        }
    }

    /// Whether a lone number is a page number inside a row: the row's name
    /// is still waiting for its figures, and the next line either is not
    /// figures or brings a full set without it ("47" / "tjänsteperson" /
    /// "18 20 90%"). Beside "18" / "20 90%" it is the row's points.
    fn is_page_number_in_row(
        &self,
        words: &[String],
        figures: &[Figure],
        next: Option<&Line>,
    ) -> bool {
        let waiting = self.pending.as_ref().is_some_and(|p| p.figures.is_empty());
        let lone = words.is_empty() && matches!(figures, [f] if !f.percent);
        if !(waiting && lone) {
            return false;
        }
        let Some(next) = next else {
            return true;
        };
        let (next_words, next_figures) = trailing_figures(&next.text);
        !next_words.is_empty() || next_figures.is_empty() || next_figures.len() + 1 > 3
    }

    fn other(&mut self, line: &Line, next: Option<&Line>) {
        let (words, figures) = trailing_figures(&line.text);
        if self.is_page_number_in_row(&words, &figures, next) {
            return;
        }
        if let Some(p) = self.pending.as_mut() {
            // The row goes on: its name wraps, or its figures follow
            // ("13 20" then "63%"), as long as it still lacks figures.
            let fits = p.figures.len() + figures.len() <= 3;
            if fits && (p.figures.is_empty() || words.is_empty()) {
                if p.figures.is_empty() {
                    p.name.extend(words);
                }
                p.figures
                    .extend(figures.into_iter().map(|f| (f, line.number)));
                self.complete_if_full();
                return;
            }
            self.finish();
        }
        // "Summa område 1  66 100 66%": the area's number is not a figure.
        let mut figures = figures;
        if figures.len() == 4 && words.last().is_some_and(|w| fold_name(w) == "område") {
            figures.remove(0);
        }
        let labelled_total = words
            .iter()
            .all(|w| TOTAL_WORDS.contains(&fold_name(w).as_str()) || fold_name(w).is_empty());
        if figures.len() >= 2 && labelled_total {
            let found: Vec<(Figure, u32)> = figures.into_iter().map(|f| (f, line.number)).collect();
            self.total(figures_of(&found), line.number);
        } else if figures.is_empty()
            && super::scan::starts_lower(&line.text)
            && !line.text.contains(':')
        {
            // A row's name wrapped below its figures (column layouts).
            if let Some(row) = self.table.areas.last_mut().and_then(|a| a.rows.last_mut()) {
                row.name.push(' ');
                row.name.push_str(&line.collapsed());
            }
        }
    }

    fn total(&mut self, figures: Option<Figures>, line: u32) {
        let Some(figures) = figures else {
            return;
        };
        if figures.max.is_some_and(|m| m.tenths() == 8000) || figures.points.tenths() > 1000 {
            if self.table.grand_total.is_some() {
                self.problems.push(Problem::new(
                    Some(line),
                    "overview table (total)",
                    "a second grand total",
                ));
            }
            self.table.grand_total = Some(figures);
            return;
        }
        match self.table.areas.last_mut() {
            Some(area) if area.total.is_none() && !area.rows.is_empty() => {
                area.total = Some(figures);
            }
            Some(area) if area.total.is_some() => self.problems.push(Problem::new(
                Some(line),
                format!("overview table (area {})", area.number),
                format!(
                    "a second total for area {} (the first is on line {})",
                    area.number,
                    area.total.as_ref().map_or(0, |t| t.line)
                ),
            )),
            _ => self.problems.push(Problem::new(
                Some(line),
                "overview table",
                "a total before any sub-area row",
            )),
        }
    }
}

/// Reads the table from its lines (the heading first). Every problem is
/// reported; a line the table does not explain is left alone.
pub fn parse(lines: &[Line]) -> Result<Table, Vec<Problem>> {
    let mut b = Builder {
        table: Table {
            heading_line: lines.first().map_or(0, |l| l.number),
            ..Table::default()
        },
        pending: None,
        problems: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate().skip(1) {
        if let Some((code, rest)) = row_code(&line.text) {
            b.row(code, rest, line.number);
        } else if let Some((number, name)) = area_header(&line.text) {
            b.header(number, name, line.number);
        } else {
            b.other(line, lines.get(i + 1));
        }
    }
    b.finish();
    b.table
        .areas
        .retain(|a| a.number != 0 || !a.rows.is_empty());
    let without_figures = b
        .problems
        .iter()
        .filter(|p| p.message.contains("no readable points"))
        .count();
    if without_figures > 1 {
        b.problems.insert(
            0,
            Problem::new(
                Some(b.table.heading_line),
                "overview table",
                format!(
                    "{without_figures} rows have no figures beside their names: the table's columns seem to come \
                     one after another, as text extracted in reading order gives them; extract the text with \
                     `pdftotext -layout`, or import the PDF itself"
                ),
            ),
        );
    }
    if b.problems.is_empty() {
        Ok(b.table)
    } else {
        Err(b.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn table(text: &str) -> Table {
        parse(&normalize(text)).unwrap()
    }

    fn row(t: &Table, code: &str) -> (String, i64, i64, i64, u32) {
        let code: SubareaCode = code.parse().unwrap();
        let r = t
            .areas
            .iter()
            .flat_map(|a| &a.rows)
            .find(|r| r.code == code)
            .unwrap();
        let f = &r.figures;
        (
            r.name.clone(),
            f.points.tenths() / 10,
            f.max.map_or(-1, |m| m.tenths() / 10),
            f.percent.map_or(-1, |p| p.tenths() / 10),
            f.line,
        )
    }

    #[test]
    fn reads_rows_split_over_lines_as_in_the_seed() {
        let t = table(
            "4. Översikt av poängfördelning\n\n3. Styrning och kontroll Uppnått Max Procent\n\n\
             3.3 Uppföljning och analys 20 30 67%\n\n\
             3.4 Samspel mellan rollerna som förtroendevald respektive\n\ntjänsteperson\n18 20 90%\n\n  80 100 80%\n",
        );
        assert_eq!(t.areas.len(), 1);
        assert_eq!(t.areas[0].name.as_deref(), Some("Styrning och kontroll"));
        assert_eq!(
            row(&t, "3.4"),
            (
                "Samspel mellan rollerna som förtroendevald respektive tjänsteperson".into(),
                18,
                20,
                90,
                10
            )
        );
        let total = t.areas[0].total.as_ref().unwrap();
        assert_eq!((total.points, total.line), (Score::whole(80), 12));
    }

    #[test]
    fn reads_column_layouts_with_names_wrapped_below_their_figures() {
        let t = table(
            "Översikt av poängfördelning\n\
             3. Styrning och kontroll                  Uppnått   Max   Procent\n\
             3.4 Samspel mellan rollerna som förtroendevald    18     20     90 %\n\
                 respektive tjänsteperson\n\
             Totalt                                      80    100    80 %\n",
        );
        assert_eq!(
            row(&t, "3.4").0,
            "Samspel mellan rollerna som förtroendevald respektive tjänsteperson"
        );
        assert_eq!(t.areas[0].total.as_ref().map(|f| f.line), Some(5));
    }

    #[test]
    fn skips_a_page_number_between_a_rows_name_and_its_figures() {
        for (text, line) in [
            (
                "Översikt av poängfördelning\n3.4 Samspel respektive\n47\ntjänsteperson\n18 20 90%\n80 100 80%\n",
                5,
            ),
            (
                "Översikt av poängfördelning\n3.4 Samspel respektive tjänsteperson\n47\n18 20 90%\n80 100 80%\n",
                4,
            ),
        ] {
            assert_eq!(
                row(&table(text), "3.4"),
                ("Samspel respektive tjänsteperson".into(), 18, 20, 90, line),
                "{text}"
            );
        }
        // Figures split over lines are still one row's.
        let t = table("Översikt av poängfördelning\n3.4 Samspel\n18\n20 90%\n80 100 80%\n");
        assert_eq!(row(&t, "3.4").1, 18);
    }

    #[test]
    fn keeps_numbers_inside_names_and_decimal_commas() {
        let t = table("Översikt av poängfördelning\n2.3 Agenda 2030 i styrningen\n24,5 30 82%\n");
        assert_eq!(row(&t, "2.3").0, "Agenda 2030 i styrningen");
        assert_eq!(t.areas[0].rows[0].figures.points.tenths(), 245);
    }

    #[test]
    fn a_row_without_figures_is_refused_with_its_line() {
        let problems = parse(&normalize(
            "Översikt av poängfördelning\n1.1 Strategi\n1.2 Information 5 10 48%\n",
        ))
        .unwrap_err();
        assert_eq!(problems[0].line, Some(2));
        assert!(problems[0].message.contains("1.1"), "{problems:?}");
    }

    #[test]
    fn reads_headers_and_totals_that_name_the_area() {
        let t = table(
            "Översikt av poängfördelning\nOmråde 1 Offentlighet och demokrati Uppnått Max Procent\n\
             1.1 A 13 20 63%\nSumma område 1 13 20 63%\n",
        );
        assert_eq!(t.areas[0].number, 1);
        assert_eq!(
            t.areas[0].name.as_deref(),
            Some("Offentlighet och demokrati")
        );
        assert_eq!(
            t.areas[0].total.as_ref().map(|f| f.points),
            Some(Score::whole(13))
        );
    }

    #[test]
    fn a_grand_total_is_kept_apart() {
        let t =
            table("Översikt av poängfördelning\n1.1 A 13 20 63%\n13 20 63%\nTotalt 557 800 70%\n");
        assert_eq!(t.grand_total.map(|g| g.points), Some(Score::whole(557)));
    }
}
