//! The cross-checks between a report's parts, each naming the report line:
//! the table's rows in sequence (N.1, N.2, ...) with a total per area and
//! maxima adding up to 100; each chapter's points against its area's total
//! in the table (settling a page number that stands beside them); and all
//! eight areas' points present.

use super::chapters::Chapter;
use super::contents::Contents;
use super::table::{Table, TableArea};
use crate::domain::{AREA_MAX, AreaNumber, Score, SubareaCode};
use crate::import::problem::{Field, Notice, NoticeKind, Problem, ReportProblem, TableProblem};

/// Rows in sequence (N.1, N.2, ...), a total per area, maxima adding up.
pub fn check_table(table: &Table, problems: &mut Vec<Problem>) {
    // A table of the areas' totals alone (some older reports' summary) has
    // no rows to check.
    let areas_only = table
        .areas
        .iter()
        .all(|a| a.rows.is_empty() && a.unassessed.is_empty());
    let mut seen: Vec<(AreaNumber, Option<u32>)> = Vec::new();
    for area in &table.areas {
        let n = area.number;
        let first_line = area
            .header_line
            .or_else(|| area.rows.first().map(|r| r.code_line));
        if let Some((_, earlier)) = seen.iter().find(|(x, _)| *x == n) {
            problems.push(Problem::new(
                first_line,
                Field::TableArea(n),
                TableProblem::AreaTwice {
                    area: n,
                    first_line: earlier.unwrap_or(0),
                },
            ));
            continue;
        }
        seen.push((n, first_line));
        check_area_rows(area, first_line, areas_only, problems);
    }
    if !table.areas.is_empty() {
        for n in AreaNumber::ALL {
            if !table.areas.iter().any(|a| a.number == n) {
                problems.push(Problem::new(
                    Some(table.heading_line),
                    Field::TableArea(n),
                    TableProblem::NoRowsFor(n),
                ));
            }
        }
    }
}

/// One area's rows: in sequence, with a total out of 100 that its
/// sub-areas' maxima add up to.
fn check_area_rows(
    area: &TableArea,
    first_line: Option<u32>,
    areas_only: bool,
    problems: &mut Vec<Problem>,
) {
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
            let missing = SubareaCode {
                area: n,
                item: expected,
            };
            problems.push(Problem::new(
                Some(line),
                Field::TableRow(missing),
                TableProblem::RowMissing {
                    missing,
                    after: previous.map(|p| (p.0, p.1)),
                    before: code,
                    line,
                },
            ));
        }
        previous = Some(row);
    }
    let Some(total) = &area.total else {
        problems.push(Problem::new(
            area.rows.last().map(|r| r.figures.line).or(first_line),
            Field::TableArea(n),
            TableProblem::NoTotalRow(n),
        ));
        return;
    };
    let area_max = total.max.unwrap_or(AREA_MAX);
    if area_max.tenths() != AREA_MAX.tenths() {
        problems.push(Problem::new(
            Some(total.line),
            Field::TableArea(n),
            TableProblem::TotalNotOutOf100 {
                area: n,
                max: area_max,
            },
        ));
    }
    if areas_only {
        return;
    }
    // A row not assessed may print no max: then the sum is not known.
    let all_maxima = printed.iter().all(|p| p.2.is_some());
    let sum: i64 = printed.iter().filter_map(|p| p.2).map(|m| m.tenths()).sum();
    if !gap && all_maxima && sum != area_max.tenths() {
        problems.push(Problem::new(
            Some(total.line),
            Field::TableArea(n),
            TableProblem::MaximaSum {
                area: n,
                sum: Score::from_tenths(sum, u8::from(sum % 10 != 0)),
                max: area_max,
            },
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
    notices: &mut Vec<Notice>,
) -> Vec<AreaNumber> {
    let mut settled = Vec::new();
    for c in chapters
        .iter_mut()
        .filter(|c| c.score.is_none() && c.points_candidates.len() > 1)
    {
        let total = table
            .and_then(|t| t.areas.iter().find(|a| a.number == c.number))
            .and_then(|a| a.total.as_ref());
        let first_line = c.points_candidates.first().map(|(_, l)| *l);
        let chosen = total.and_then(|total| {
            c.points_candidates
                .iter()
                .find(|(s, _)| s.tenths() == total.points.tenths())
                .map(|&(score, line)| (score, line, total.line))
        });
        let Some((score, line, total_line)) = chosen else {
            problems.push(Problem::new(
                first_line,
                Field::ChapterPoints(c.number),
                ReportProblem::LoneNumbers {
                    area: c.number,
                    candidates: c.points_candidates.clone(),
                    total: total.map(|t| (t.points, t.line)),
                },
            ));
            continue;
        };
        notices.push(Notice::at(
            line,
            NoticeKind::PointsSettled {
                area: c.number,
                candidates: c.points_candidates.clone(),
                points: score,
                total_line,
            },
        ));
        c.score = Some((score, line));
        settled.push(c.number);
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
                Field::ChapterPoints(c.number),
                ReportProblem::ChapterDisagrees {
                    area: c.number,
                    name: c.name.clone(),
                    points: score,
                    total: total.points,
                    total_line: total.line,
                },
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
    let missing: Vec<AreaNumber> = AreaNumber::ALL
        .into_iter()
        .filter(|n| !scored(*n))
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::new(
            last_line,
            Field::Report,
            ReportProblem::AreasMissing(missing),
        ));
    }
}

/// The points the table of contents prints (2016-2018 reports), against
/// the score table's and the chapters'. Where a chapter prints none (or
/// several lone numbers, one of them the contents' points) and there is no
/// score table, the contents' points are the area's, said in a notice.
pub fn check_contents(
    contents: Option<&Contents>,
    chapters: &mut [Chapter],
    table: Option<&Table>,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<Notice>,
) {
    let mut taken = Vec::new();
    for e in contents.map_or(&[][..], |c| c.entries.as_slice()) {
        let Some(points) = e.points else { continue };
        let total = table
            .and_then(|t| t.areas.iter().find(|a| a.number == e.number))
            .and_then(|a| a.total.as_ref())
            .map(|t| (t.points, t.line));
        let chapter = chapters.iter_mut().find(|c| c.number == e.number);
        let elsewhere = total.or(chapter.as_ref().and_then(|c| c.score));
        match (elsewhere, chapter) {
            (Some(other), _) if other.0.tenths() != points.tenths() => problems.push(Problem::new(
                Some(other.1),
                Field::ChapterPoints(e.number),
                ReportProblem::ContentsDisagree {
                    area: e.number,
                    contents: (points, e.line),
                    elsewhere: other,
                },
            )),
            (None, Some(c)) => {
                let own = c
                    .points_candidates
                    .iter()
                    .find(|(s, _)| s.tenths() == points.tenths())
                    .copied();
                if let Some(own) = own {
                    c.score = Some(own);
                } else if table.is_none() {
                    c.score = Some((points, e.line));
                    taken.push(e.number);
                }
            }
            _ => {}
        }
    }
    if !taken.is_empty() {
        notices.push(Notice::about(NoticeKind::PointsFromContents(taken)));
    }
}
