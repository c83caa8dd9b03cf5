//! The overview table "Översikt av poängfördelning": per area a header
//! ("1. Offentlighet och demokrati Uppnått Max Procent", possibly wrapped
//! over two lines), one row per sub-area ("1.2 Kommunens information till
//! medborgarna 5 10 48%") and the area's total ("66 100 66%", "Område 1
//! totalt 66 100 66%", "Totalt 66"). Rows may be split over lines (name
//! wrapped, figures on a line of their own, a page number between, or a
//! name's last words below its figures as `pdftotext -layout` gives them).
//! A row's figures are its last two or three numbers: a name may end in one
//! ("Agenda 2030"). `lines` recognises each line; this file puts them together.

mod areas_only;
pub mod lines;

use super::normalize::Line;
use super::scan::starts_lower;
use crate::domain::{AREA_MAX, AreaNumber, Score, SubareaCode, TOTAL_MAX};
use crate::import::problem::{Field, Problem, ProblemKind, TableProblem};
use lines::{
    Cell, Header, Reading, TotalLine, area_header, area_row, column_titles, figures_count,
    max_first, reading, row_code, total_line, trailing_cells, trailing_titles,
};

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

/// A sub-area printed with "–" for its points: not assessed. Not a figure:
/// the evaluation leaves out its area's sub-areas (all or none), keeping
/// the area's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unassessed {
    pub code: SubareaCode,
    pub name: String,
    pub max: Option<Score>,
    /// Where its figures were read, and its code.
    pub line: u32,
    pub code_line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableArea {
    pub number: AreaNumber,
    /// The area's name as printed in its header.
    pub name: Option<String>,
    pub header_line: Option<u32>,
    pub rows: Vec<TableRow>,
    pub unassessed: Vec<Unassessed>,
    pub total: Option<Figures>,
}

impl TableArea {
    fn new(number: AreaNumber, name: Option<String>, header_line: Option<u32>) -> Self {
        Self {
            number,
            name,
            header_line,
            rows: vec![],
            unassessed: vec![],
            total: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub heading_line: u32,
    pub areas: Vec<TableArea>,
    /// A grand total row (max 800), when the report prints one.
    pub grand_total: Option<Figures>,
}

/// A row being read: its code line, name so far and cells so far.
struct Pending {
    code: SubareaCode,
    code_line: u32,
    name: Vec<String>,
    /// Each cell with its line and the word it was read from.
    cells: Vec<(Cell, u32, String)>,
}

impl Pending {
    /// Whether every cell so far is a plain number on the code line: then
    /// they may end the name ("Agenda 2030") rather than be figures.
    fn only_numbers_on_code_line(&self) -> bool {
        !self.cells.is_empty()
            && self
                .cells
                .iter()
                .all(|(c, line, _)| *line == self.code_line && c.is_plain())
    }
}

struct Builder {
    table: Table,
    pending: Option<Pending>,
    /// The columns the latest header names (2 or 3), if it names them.
    columns: Option<usize>,
    /// Whether the latest header names the max before the points.
    max_first: bool,
    /// Whether the latest header printed no column titles, so that its name
    /// may go on below ("8. Chefs- och ledarskap samt" / "medarbetarskap
    /// Uppnått Max Procent").
    open_header: bool,
    /// A header printed without its number (name, line): the next row's
    /// code tells its area; dropped when no row follows.
    unnumbered: Option<(String, u32)>,
    problems: Vec<Problem>,
}

fn figures(reading: Reading, line: u32) -> Option<Figures> {
    Some(Figures {
        points: reading.points?,
        max: reading.max,
        percent: reading.percent,
        line,
    })
}

impl Builder {
    fn current_area(&mut self, number: AreaNumber) -> &mut TableArea {
        let new = self.table.areas.last().is_none_or(|a| a.number != number);
        if new {
            self.table.areas.push(TableArea::new(number, None, None));
        }
        let last = self.table.areas.len() - 1;
        &mut self.table.areas[last]
    }

    /// How many cells make a full row.
    fn full(&self) -> usize {
        self.columns.unwrap_or(3)
    }

    /// Cells in the order points, max, percent, whatever order the header names.
    fn in_order<T>(&self, cells: &mut [T]) {
        if self.max_first && cells.len() >= 2 {
            cells.swap(0, 1);
        }
    }

    fn row_problem(&mut self, p: &Pending, problem: TableProblem) {
        self.problems.push(Problem::new(
            Some(p.code_line),
            Field::TableRow(p.code),
            problem,
        ));
    }

    /// Ends the row being read: it must have its figures by now.
    fn finish(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let cells: Vec<Cell> = p.cells.iter().map(|c| c.0).collect();
        let Some(count) = figures_count(&cells, self.columns) else {
            let problem = TableProblem::RowFiguresUnclear {
                code: p.code,
                count: cells.len(),
            };
            self.row_problem(&p, problem);
            return;
        };
        let (in_name, own) = p.cells.split_at(p.cells.len() - count);
        let mut name = p.name.clone();
        name.extend(in_name.iter().map(|c| c.2.clone()));
        let name = name.join(" ");
        let mut own_cells: Vec<Cell> = own.iter().map(|c| c.0).collect();
        self.in_order(&mut own_cells);
        let line = own.first().map_or(p.code_line, |c| c.1);
        match reading(&own_cells) {
            Ok(r) if r.points.is_none() => {
                let unassessed = Unassessed {
                    code: p.code,
                    name,
                    max: r.max,
                    line,
                    code_line: p.code_line,
                };
                self.current_area(p.code.area).unassessed.push(unassessed);
            }
            Ok(r) if r.max.is_some() => {
                if let Some(figures) = figures(r, line) {
                    let row = TableRow {
                        code: p.code,
                        name,
                        figures,
                        code_line: p.code_line,
                    };
                    self.current_area(p.code.area).rows.push(row);
                }
            }
            Err(fault) if !own_cells.is_empty() && own_cells.len() != 1 => {
                let problem = TableProblem::RowUnreadable {
                    code: p.code,
                    name,
                    fault,
                };
                self.row_problem(&p, problem);
            }
            _ => {
                let problem = TableProblem::RowWithoutFigures { code: p.code, name };
                self.row_problem(&p, problem);
            }
        }
    }

    fn header(&mut self, h: Header, line: u32) {
        self.finish();
        if h.columns.is_some() {
            self.columns = h.columns;
            self.max_first = h.max_first;
        }
        let continues = h.number.is_none()
            && self.open_header
            && (self.unnumbered.is_some()
                || self
                    .table
                    .areas
                    .last()
                    .is_some_and(|a| a.rows.is_empty() && a.unassessed.is_empty()));
        self.open_header = h.columns.is_none();
        if continues {
            // The second line of a wrapped header: its name goes on.
            let name = match (&mut self.unnumbered, self.table.areas.last_mut()) {
                (Some((name, _)), _) => name,
                (None, Some(area)) => area.name.get_or_insert_default(),
                (None, None) => return,
            };
            *name = format!("{name} {}", h.name).trim().to_string();
            return;
        }
        let Some(number) = h.number else {
            // A header without its number: the next row's code tells the area.
            self.unnumbered = Some((h.name, line));
            return;
        };
        self.unnumbered = None;
        if self.table.areas.iter().any(|a| a.number == number) {
            self.problems.push(Problem::new(
                Some(line),
                Field::TableArea(number),
                TableProblem::SecondHeader(number),
            ));
        }
        self.table
            .areas
            .push(TableArea::new(number, Some(h.name), Some(line)));
    }

    fn row(&mut self, code: SubareaCode, rest: &str, line: u32) {
        self.finish();
        self.open_header = false;
        if let Some((name, header)) = self.unnumbered.take() {
            self.table
                .areas
                .push(TableArea::new(code.area, Some(name), Some(header)));
        } else if let Some(area) = self.table.areas.last_mut() {
            let empty = area.rows.is_empty() && area.unassessed.is_empty();
            if area.number != code.area
                && let Some(header) = area.header_line.filter(|_| empty)
            {
                self.problems.push(Problem::new(
                    Some(line),
                    Field::TableRow(code),
                    TableProblem::RowAfterOtherHeader {
                        code,
                        area: area.number,
                        header_line: header,
                    },
                ));
            }
        }
        let (name, cells) = trailing_cells(rest);
        self.pending = Some(Pending {
            code,
            code_line: line,
            name,
            cells: cells.into_iter().map(|(c, w)| (c, line, w)).collect(),
        });
        self.complete_if_full();
    }

    fn complete_if_full(&mut self) {
        let full = self.full();
        if self.pending.as_ref().is_some_and(|p| p.cells.len() >= full) {
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
        cells: &[(Cell, String)],
        next: Option<&Line>,
    ) -> bool {
        let waiting = self.pending.as_ref().is_some_and(|p| p.cells.is_empty());
        let lone = words.is_empty() && matches!(cells, [(c, _)] if c.is_plain());
        if !(waiting && lone) {
            return false;
        }
        let Some(next) = next else {
            return true;
        };
        let (next_words, next_cells) = trailing_cells(&next.text);
        !next_words.is_empty() || next_cells.is_empty() || next_cells.len() + 1 > 3
    }

    /// Continues the row being read with a line; false when the line is not
    /// part of it (the row is then finished).
    fn continue_row(&mut self, line: &Line, words: &[String], cells: &[(Cell, String)]) -> bool {
        let Some(p) = self.pending.as_mut() else {
            return false;
        };
        let new_cells = || cells.iter().map(|(c, w)| (*c, line.number, w.clone()));
        let continues_name = words.is_empty() || words.first().is_some_and(|w| starts_lower(w));
        let only_cells: Vec<Cell> = cells.iter().map(|c| c.0).collect();
        if p.only_numbers_on_code_line()
            && continues_name
            && !cells.is_empty()
            && p.cells.len() + cells.len() > 3
            && reading(&only_cells).is_ok()
        {
            // "2.3 ... Agenda 2030" / "24 30 80%": the numbers on the code
            // line end the name; the figures are below.
            let moved: Vec<String> = p.cells.drain(..).map(|c| c.2).collect();
            p.name.extend(moved);
            p.name.extend(words.iter().cloned());
            p.cells.extend(new_cells());
            self.complete_if_full();
            return true;
        }
        // The name wraps, or the figures follow ("13 20" then "63%"), as
        // long as the row still lacks figures.
        let fits = p.cells.len() + cells.len() <= 3;
        if fits && (p.cells.is_empty() || words.is_empty()) {
            if p.cells.is_empty() {
                p.name.extend(words.iter().cloned());
            }
            p.cells.extend(new_cells());
            self.complete_if_full();
            return true;
        }
        false
    }

    /// An area's row in a table of areas only: its header and total at once.
    fn area_row(&mut self, number: AreaNumber, name: String, mut cells: Vec<Cell>, line: u32) {
        self.header(
            Header {
                number: Some(number),
                name,
                columns: None,
                max_first: self.max_first,
            },
            line,
        );
        self.open_header = false;
        self.in_order(&mut cells);
        let read = match cells.as_slice() {
            [one] => Ok(Reading {
                points: one.value(),
                max: None,
                percent: None,
            }),
            more => reading(more),
        };
        if let (Ok(r), Some(area)) = (read, self.table.areas.last_mut())
            && let Some(figures) = figures(r, line)
        {
            area.total = Some(figures);
        }
    }

    fn other(&mut self, line: &Line, next: Option<&Line>) {
        let (words, mut cells) = trailing_cells(&line.text);
        if self.is_page_number_in_row(&words, &cells, next) {
            return;
        }
        if self.continue_row(line, &words, &cells) {
            return;
        }
        self.finish();
        self.in_order(&mut cells);
        match total_line(&words, &cells) {
            TotalLine::Total { area, reading } => {
                if let Some(figures) = figures(reading, line.number) {
                    self.total(area, figures, line.number);
                }
            }
            TotalLine::Unreadable(fault) => {
                let area = self
                    .table
                    .areas
                    .last()
                    .map(|a| a.number)
                    .filter(|_| self.unnumbered.is_none());
                self.problems.push(Problem::new(
                    Some(line.number),
                    area.map_or(Field::OverviewTable, Field::TableArea),
                    TableProblem::TotalUnreadable {
                        text: line.collapsed(),
                        fault,
                    },
                ));
            }
            TotalLine::NotTotal
                if cells.is_empty() && starts_lower(&line.text) && !line.text.contains(':') =>
            {
                self.name_goes_on(&line.collapsed());
            }
            TotalLine::NotTotal => {}
        }
    }

    /// A lower-case line of words: the open header's name wrapped, or a
    /// row's name wrapped below its figures (column layouts).
    fn name_goes_on(&mut self, words: &str) {
        if let Some((name, _)) = &mut self.unnumbered {
            *name = format!("{name} {words}").trim().to_string();
            return;
        }
        let open = self.open_header;
        let Some(area) = self.table.areas.last_mut() else {
            return;
        };
        if open && area.rows.is_empty() && area.unassessed.is_empty() {
            let before = area.name.take().unwrap_or_default();
            area.name = Some(format!("{before} {words}").trim().to_string());
        } else if let Some(row) = area.rows.last_mut() {
            row.name.push(' ');
            row.name.push_str(words);
        }
    }

    fn total(&mut self, area_named: Option<AreaNumber>, figures: Figures, line: u32) {
        if figures
            .max
            .is_some_and(|m| m.tenths() == TOTAL_MAX.tenths())
            || figures.points.tenths() > AREA_MAX.tenths()
        {
            if self.table.grand_total.is_some() {
                self.problems.push(Problem::new(
                    Some(line),
                    Field::TableGrandTotal,
                    TableProblem::SecondGrandTotal,
                ));
            }
            self.table.grand_total = Some(figures);
            return;
        }
        self.open_header = false;
        let last = self
            .table
            .areas
            .last_mut()
            .filter(|_| self.unnumbered.is_none());
        match last {
            Some(area)
                if area_named.is_some_and(|n| n != area.number)
                    && (!area.rows.is_empty() || !area.unassessed.is_empty()) =>
            {
                self.problems.push(Problem::new(
                    Some(line),
                    Field::TableArea(area.number),
                    TableProblem::TotalNamesOtherArea {
                        named: area_named.unwrap_or(area.number),
                        area: area.number,
                    },
                ));
            }
            Some(area)
                if area.total.is_none()
                    && (!area.rows.is_empty() || !area.unassessed.is_empty()) =>
            {
                area.total = Some(figures);
            }
            Some(area) if area.total.is_some() => self.problems.push(Problem::new(
                Some(line),
                Field::TableArea(area.number),
                TableProblem::SecondAreaTotal {
                    area: area.number,
                    first_line: area.total.as_ref().map_or(0, |t| t.line),
                },
            )),
            _ => self.problems.push(Problem::new(
                Some(line),
                Field::OverviewTable,
                TableProblem::TotalBeforeRows,
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
        columns: None,
        max_first: false,
        open_header: false,
        unnumbered: None,
        problems: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate().skip(1) {
        if let Some((code, rest)) = row_code(&line.text) {
            b.row(code, rest, line.number);
        } else if let Some(h) = area_header(&line.text) {
            b.header(h, line.number);
        } else if let Some(columns) = column_titles(&line.text) {
            // "Uppnått Max Procent" on a line of its own, below its header.
            b.finish();
            b.columns = Some(columns);
            b.max_first = max_first(&trailing_titles(&line.text));
            b.open_header = false;
        } else if let Some((number, name, cells)) = area_row(&line.text) {
            b.area_row(number, name, cells, line.number);
        } else {
            b.other(line, lines.get(i + 1));
        }
    }
    b.finish();
    if b.table.areas.is_empty()
        && let Some(table) = areas_only::read(lines)
    {
        return Ok(table);
    }
    let without_figures = b
        .problems
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                ProblemKind::Table(TableProblem::RowWithoutFigures { .. })
            )
        })
        .count();
    if without_figures > 1 {
        b.problems.insert(
            0,
            Problem::new(
                Some(b.table.heading_line),
                Field::OverviewTable,
                TableProblem::ColumnsInReadingOrder {
                    rows: without_figures,
                },
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
mod tests;
