//! The cross-checks between a report's parts, each naming the report line:
//! the table's rows in sequence (N.1, N.2, ...) with a total per area and
//! maxima adding up to 100; each chapter's points against its area's total
//! in the table (settling a page number that stands beside them); and all
//! eight areas' points present.

use super::chapters::Chapter;
use super::table::{Table, TableArea};
use crate::domain::{AREA_MAX, AreaNumber, Figure, Score, SubareaCode};
use crate::import::problem::Problem;

/// Rows in sequence (N.1, N.2, ...), a total per area, maxima adding up.
pub fn check_table(table: &Table, problems: &mut Vec<Problem>) {
    let mut seen: Vec<(AreaNumber, Option<u32>)> = Vec::new();
    for area in &table.areas {
        let n = area.number;
        let first_line = area
            .header_line
            .or_else(|| area.rows.first().map(|r| r.code_line));
        if let Some((_, earlier)) = seen.iter().find(|(x, _)| *x == n) {
            problems.push(Problem::new(
                first_line,
                format!("overview table (area {n})"),
                format!(
                    "area {n} appears twice in the table (first at line {})",
                    earlier.unwrap_or(0)
                ),
            ));
            continue;
        }
        seen.push((n, first_line));
        check_area_rows(area, first_line, problems);
    }
    if !table.areas.is_empty() {
        for n in AreaNumber::ALL {
            if !table.areas.iter().any(|a| a.number == n) {
                problems.push(Problem::new(
                    Some(table.heading_line),
                    format!("overview table (area {n})"),
                    format!("the table has no rows for area {n}"),
                ));
            }
        }
    }
}

/// One area's rows: in sequence, with a total out of 100 that its
/// sub-areas' maxima add up to.
fn check_area_rows(area: &TableArea, first_line: Option<u32>, problems: &mut Vec<Problem>) {
    let n = area.number;
    // Every printed row, assessed or not, in the order printed.
    let mut printed: Vec<(SubareaCode, u32, Option<Score>)> = area
        .rows
        .iter()
        .map(|r| (r.code, r.code_line, r.figures.max))
        .chain(area.unassessed.iter().map(|u| (u.code, u.code_line, u.max)))
        .collect();
    printed.sort_by_key(|p| p.1);
    let mut gap = false;
    let mut previous: Option<&(SubareaCode, u32, Option<Score>)> = None;
    for row in &printed {
        let (code, line, _) = *row;
        let expected = previous.map_or(1, |p| p.0.item.saturating_add(1));
        if code.item > expected {
            gap = true;
            let after = previous
                .map(|p| format!(" after {} (line {})", p.0, p.1))
                .unwrap_or_default();
            problems.push(Problem::new(
                Some(line),
                format!("overview table ({n}.{expected})"),
                format!(
                    "the row of sub-area {n}.{expected} is missing{after}, before {code} (line {line})"
                ),
            ));
        }
        previous = Some(row);
    }
    let Some(total) = &area.total else {
        problems.push(Problem::new(
            area.rows.last().map(|r| r.figures.line).or(first_line),
            format!("overview table (area {n})"),
            format!("area {n} has no total row (such as \"66 100 66%\") in the table"),
        ));
        return;
    };
    let area_max = total.max.unwrap_or(AREA_MAX);
    if area_max.tenths() != AREA_MAX.tenths() {
        problems.push(Problem::new(
            Some(total.line),
            format!("overview table (area {n})"),
            format!("the total of area {n} is printed out of {area_max}, not 100"),
        ));
    }
    // A row not assessed may print no max: then the sum is not known.
    let all_maxima = printed.iter().all(|p| p.2.is_some());
    let sum: i64 = printed.iter().filter_map(|p| p.2).map(|m| m.tenths()).sum();
    if !gap && all_maxima && sum != area_max.tenths() {
        problems.push(Problem::new(
            Some(total.line),
            format!("overview table (area {n})"),
            format!(
                "the maxima of area {n}'s sub-areas add up to {}, not {area_max}: a sub-area row is missing or misread",
                Score::from_tenths(sum, u8::from(sum % 10 != 0))
            ),
        ));
    }
}

/// Settles the chapters that print several lone numbers where their points
/// stand (a page number among them): the one that is the table's total is
/// the points, said in a notice; otherwise a problem names them all. Returns
/// the areas so settled: their points were chosen by the table, not checked
/// against it.
pub fn settle_points(
    chapters: &mut [Chapter],
    table: Option<&Table>,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<String>,
) -> Vec<AreaNumber> {
    let mut settled = Vec::new();
    for c in chapters
        .iter_mut()
        .filter(|c| c.score.is_none() && c.points_candidates.len() > 1)
    {
        let list: Vec<String> = c
            .points_candidates
            .iter()
            .map(|(s, line)| format!("{s} on line {line}"))
            .collect();
        let list = list.join(", ");
        let total = table
            .and_then(|t| t.areas.iter().find(|a| a.number == c.number))
            .and_then(|a| a.total.as_ref());
        let first_line = c.points_candidates.first().map(|(_, l)| *l);
        let field = format!("{} (chapter points)", Figure::Area(c.number));
        let Some(total) = total else {
            problems.push(Problem::new(
                first_line,
                field,
                format!(
                    "the chapter of area {} prints several lone numbers where its points stand ({list}), \
                     and there is no table total to tell its points from a page number",
                    c.number
                ),
            ));
            continue;
        };
        match c
            .points_candidates
            .iter()
            .find(|(s, _)| s.tenths() == total.points.tenths())
        {
            Some(&(score, line)) => {
                notices.push(format!(
                    "line {line}: the chapter of area {} prints several lone numbers where its points stand ({list}); \
                     {score} is read as its points, being the overview table's total (line {}), the others as page numbers",
                    c.number, total.line
                ));
                c.score = Some((score, line));
                settled.push(c.number);
            }
            None => problems.push(Problem::new(
                first_line,
                field,
                format!(
                    "the chapter of area {} prints several lone numbers where its points stand ({list}), \
                     and none is the overview table's total for area {}, {} (line {})",
                    c.number, c.number, total.points, total.line
                ),
            )),
        }
    }
    settled
}

/// The areas whose chapter points were checked against the table's total.
pub fn checked_areas(
    chapters: &[Chapter],
    table: Option<&Table>,
    settled: &[AreaNumber],
) -> Vec<AreaNumber> {
    chapters
        .iter()
        .filter(|c| c.score.is_some() && !settled.contains(&c.number))
        .filter(|c| {
            table.is_some_and(|t| {
                t.areas
                    .iter()
                    .any(|a| a.number == c.number && a.total.is_some())
            })
        })
        .map(|c| c.number)
        .collect()
}

/// Each chapter's points must be the table's total for its area.
pub fn check_chapters(chapters: &[Chapter], table: Option<&Table>, problems: &mut Vec<Problem>) {
    for c in chapters {
        let total = table
            .and_then(|t| t.areas.iter().find(|a| a.number == c.number))
            .and_then(|a| a.total.as_ref());
        if let (Some((score, line)), Some(total)) = (c.score, total)
            && score.tenths() != total.points.tenths()
        {
            problems.push(Problem::new(
                    Some(line),
                    format!("{} (chapter points)", Figure::Area(c.number)),
                    format!(
                        "the chapter \"Område {} {}\" prints {score} points, but the overview table's total for area {} is {} (line {})",
                        c.number, c.name, c.number, total.points, total.line
                    ),
                ));
        }
    }
}

/// Every report prints all eight areas' points; a report without some of them
/// is cut off or damaged, and importing it would replace a whole evaluation
/// with part of one.
pub fn check_complete(
    chapters: &[Chapter],
    table: Option<&Table>,
    last_line: Option<u32>,
    problems: &mut Vec<Problem>,
) {
    if chapters.iter().all(|c| c.score.is_none()) && table.is_none() {
        return; // Reported above as "found neither ...".
    }
    let scored = |n: AreaNumber| {
        table.is_some_and(|t| t.areas.iter().any(|a| a.number == n && a.total.is_some()))
            || chapters.iter().any(|c| c.number == n && c.score.is_some())
    };
    let missing: Vec<String> = AreaNumber::ALL
        .into_iter()
        .filter(|n| !scored(*n))
        .map(|n| n.to_string())
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::new(
            last_line,
            "report",
            format!(
                "found no points for area(s) {} in the overview table or the chapters: the report looks incomplete (cut off?); \
                 every report prints all eight areas",
                missing.join(", ")
            ),
        ));
    }
}
