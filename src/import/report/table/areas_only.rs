//! A score table of the eight areas' totals alone, without their numbers:
//! "Offentlighet och demokratisk kontroll 52 100", one line per area in
//! the criteria's order, as a summary "Poängsammanställning" may print it.
//! Read only where the table has nothing else and exactly eight such lines:
//! their order gives the areas, their names the criteria (checked against
//! the catalogue as every printed name is).

use super::super::normalize::Line;
use super::super::scan::starts_lower;
use super::lines::{
    Cell, Reading, TOTAL_WORDS, TotalLine, column_titles, max_first, reading, row_code, total_line,
    trailing_cells, trailing_titles,
};
use super::{Figures, Table, TableArea};
use crate::domain::AreaNumber;
use crate::domain::text::fold_name;

/// Points, max and percent from one to three cells in print order.
fn read_cells(mut cells: Vec<Cell>, max_before: bool) -> Option<Reading> {
    if max_before && cells.len() >= 2 {
        cells.swap(0, 1);
    }
    match cells.as_slice() {
        [one] => Some(Reading {
            points: one.value(),
            max: None,
            percent: None,
        }),
        more => reading(more).ok(),
    }
}

/// The table from its lines (its heading first), if they are such a table.
pub fn read(lines: &[Line]) -> Option<Table> {
    let mut max_before = false;
    let mut rows: Vec<(String, Reading, u32)> = Vec::new();
    let mut grand_total = None;
    for line in lines.iter().skip(1) {
        if row_code(&line.text).is_some() {
            return None;
        }
        let titles = trailing_titles(&line.text);
        if titles.len() >= 2 || column_titles(&line.text).is_some() {
            // "Område Max Poäng": which column is which.
            max_before = max_first(&titles);
            continue;
        }
        let (words, cells) = trailing_cells(&line.text);
        let cells: Vec<Cell> = cells.into_iter().map(|(c, _)| c).collect();
        let labelled_total = words
            .first()
            .is_some_and(|w| TOTAL_WORDS.contains(&fold_name(w).as_str()));
        if labelled_total {
            let pairs: Vec<(Cell, String)> = cells.iter().map(|c| (*c, String::new())).collect();
            if let TotalLine::Total { .. } = total_line(&words, &pairs) {
                grand_total = read_cells(cells, max_before).map(|r| (r, line.number));
            }
            continue;
        }
        let named = words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        if named && !starts_lower(&line.text) && (1..=3).contains(&cells.len()) {
            let reading = read_cells(cells, max_before)?;
            rows.push((words.join(" "), reading, line.number));
        }
    }
    if rows.len() != AreaNumber::ALL.len() {
        return None;
    }
    let figures = |r: Reading, line: u32| {
        Some(Figures {
            points: r.points?,
            max: r.max,
            percent: r.percent,
            line,
        })
    };
    let areas = AreaNumber::ALL
        .into_iter()
        .zip(rows)
        .map(|(number, (name, r, line))| {
            let mut area = TableArea::new(number, Some(name), Some(line));
            area.total = figures(r, line);
            area
        })
        .collect();
    Some(Table {
        heading_line: lines.first().map_or(0, |l| l.number),
        areas,
        grand_total: grand_total.and_then(|(r, line)| figures(r, line)),
    })
}
