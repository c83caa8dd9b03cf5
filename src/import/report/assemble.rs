//! Putting a report's parts together: the cross-checks between them (each
//! chapter's points against the table's area total, sub-area rows complete
//! and in sequence, maxima adding up to the area's 100), the revision read
//! from the printed area names, and the `Evaluation` with every figure's line.

use super::chapters::{self, Chapter};
use super::normalize::{Line, blank_lines_separate_paragraphs, normalize};
use super::sections::{Sections, locate};
use super::table::{self, Table, TableArea};
use super::{ParsedReport, ReportDetails, ReportReference, metadata, summary};
use crate::domain::{
    AreaScore, AreaText, Evaluation, Revision, Score, Source, SubareaScore, TextKind,
};
use crate::import::Problem;
use crate::import::evaluation_file::ParsedFile;

/// Every area's maximum.
fn area_max() -> Score {
    Score::whole(100)
}

fn area_max_tenths() -> i64 {
    area_max().tenths()
}

fn area_field(number: u8) -> String {
    format!("area {number}")
}

/// Rows in sequence (N.1, N.2, ...), a total per area, maxima adding up.
fn check_table(table: &Table, problems: &mut Vec<Problem>) {
    let mut seen: Vec<(u8, Option<u32>)> = Vec::new();
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
        let mut gap = false;
        let mut previous: Option<&table::TableRow> = None;
        for row in &area.rows {
            let expected = previous.map_or(1, |p| p.code.item.saturating_add(1));
            if row.code.item > expected {
                gap = true;
                let after = previous
                    .map(|p| format!(" after {} (line {})", p.code, p.code_line))
                    .unwrap_or_default();
                problems.push(Problem::new(
                    Some(row.code_line),
                    format!("overview table ({n}.{expected})"),
                    format!(
                        "the row of sub-area {n}.{expected} is missing{after}, before {} (line {})",
                        row.code, row.code_line
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
            continue;
        };
        let area_max = total.max.unwrap_or_else(area_max);
        if area_max.tenths() != area_max_tenths() {
            problems.push(Problem::new(
                Some(total.line),
                format!("overview table (area {n})"),
                format!("the total of area {n} is printed out of {area_max}, not 100"),
            ));
        }
        let sum: i64 = area
            .rows
            .iter()
            .filter_map(|r| r.figures.max)
            .map(|m| m.tenths())
            .sum();
        if !gap && sum != area_max.tenths() {
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
    if !table.areas.is_empty() {
        for n in 1..=8u8 {
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

/// Settles the chapters that print several lone numbers where their points
/// stand (a page number among them): the one that is the table's total is
/// the points, said in a notice; otherwise a problem names them all. Returns
/// the areas so settled: their points were chosen by the table, not checked
/// against it.
fn settle_points(
    chapters: &mut [Chapter],
    table: Option<&Table>,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<String>,
) -> Vec<u8> {
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
        let field = format!("{} (chapter points)", area_field(c.number));
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
fn checked_areas(chapters: &[Chapter], table: Option<&Table>, settled: &[u8]) -> Vec<u8> {
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
fn check_chapters(chapters: &[Chapter], table: Option<&Table>, problems: &mut Vec<Problem>) {
    for c in chapters {
        let total = table
            .and_then(|t| t.areas.iter().find(|a| a.number == c.number))
            .and_then(|a| a.total.as_ref());
        if let (Some((score, line)), Some(total)) = (c.score, total)
            && score.tenths() != total.points.tenths()
        {
            problems.push(Problem::new(
                    Some(line),
                    format!("{} (chapter points)", area_field(c.number)),
                    format!(
                        "the chapter \"Område {} {}\" prints {score} points, but the overview table's total for area {} is {} (line {})",
                        c.number, c.name, c.number, total.points, total.line
                    ),
                ));
        }
    }
}

fn detect_revision(
    reference: &ReportReference<'_>,
    table: Option<&Table>,
    chapters: &[Chapter],
    problems: &mut Vec<Problem>,
    notices: &mut Vec<String>,
) -> Option<Revision> {
    let mut printed: Vec<(u8, String, u32)> = Vec::new();
    for a in table.map_or(&[][..], |t| t.areas.as_slice()) {
        if let (Some(name), Some(line)) = (&a.name, a.header_line) {
            printed.push((a.number, name.clone(), line));
        }
    }
    for c in chapters.iter().filter(|c| !c.name.is_empty()) {
        printed.push((c.number, c.name.clone(), c.heading_line));
    }
    let first_line = printed.iter().map(|p| p.2).min();
    let names: Vec<(u8, String)> = printed.iter().map(|(n, s, _)| (*n, s.clone())).collect();
    if names.is_empty() {
        problems.push(Problem::new(
            None,
            "revision",
            "found no area names (\"Område 1 ...\" chapters or table headers) to tell the criteria revision from",
        ));
        return None;
    }
    match reference.catalogue.detect_revision(&names) {
        Ok(detected) => {
            for (n, name) in &detected.foreign_names {
                let line = printed
                    .iter()
                    .find(|p| p.0 == *n && p.1 == *name)
                    .map_or(0, |p| p.2);
                notices.push(format!(
                    "line {line}: area {n} is printed as \"{name}\", which is not a {} name; read as {} area {n}",
                    detected.revision, detected.revision
                ));
            }
            Some(detected.revision)
        }
        Err(e) => {
            problems.push(Problem::new(
                first_line,
                "revision",
                format!("cannot tell the criteria revision from the printed area names: {e}"),
            ));
            None
        }
    }
}

fn areas(table: Option<&Table>, chapters: &[Chapter]) -> Vec<AreaScore> {
    (1..=8u8)
        .filter_map(|n| {
            let chapter = chapters.iter().find(|c| c.number == n);
            let chapter_name = chapter.map(|c| c.name.clone()).filter(|s| !s.is_empty());
            let in_table: Option<&TableArea> =
                table.and_then(|t| t.areas.iter().find(|a| a.number == n));
            match in_table.and_then(|a| a.total.as_ref().map(|t| (a, t))) {
                Some((a, total)) => Some(AreaScore {
                    number: n,
                    printed_name: a.name.clone().or(chapter_name),
                    points: total.points,
                    percent: total.percent,
                    line: Some(total.line),
                }),
                None => {
                    let (score, line) = chapter?.score?;
                    Some(AreaScore {
                        number: n,
                        printed_name: chapter_name,
                        points: score,
                        percent: None,
                        line: Some(line),
                    })
                }
            }
        })
        .collect()
}

fn subareas(table: Option<&Table>) -> Vec<SubareaScore> {
    let Some(table) = table else {
        return vec![];
    };
    table
        .areas
        .iter()
        .flat_map(|a| &a.rows)
        .filter_map(|r| {
            Some(SubareaScore {
                code: r.code,
                name: Some(r.name.clone()).filter(|n| !n.is_empty()),
                points: r.figures.points,
                max: r.figures.max?,
                percent: r.figures.percent,
                line: Some(r.figures.line),
            })
        })
        .collect()
}

fn texts(lines: &[Line], sections: &Sections, chapters: &[Chapter]) -> Vec<AreaText> {
    let mut out = Vec::new();
    let mut push = |area: u8, kind: TextKind, text: &str| {
        if !text.trim().is_empty() {
            out.push(AreaText {
                area,
                kind,
                text: text.trim().to_string(),
            });
        }
    };
    for c in chapters {
        if let Some(block) = &c.block {
            push(c.number, TextKind::StrengthsAndImprovements, &block.raw);
            if let Some(columns) = &block.columns {
                push(c.number, TextKind::Strengths, &columns.strengths);
                push(c.number, TextKind::Improvements, &columns.improvements);
            }
        }
    }
    if let Some(range) = &sections.summary {
        let paragraphs = blank_lines_separate_paragraphs(lines);
        for (area, text) in summary::read(&lines[range.clone()], paragraphs) {
            push(area, TextKind::Summary, &text);
        }
    }
    // The order the database returns them in, so that a stored report
    // compares equal to the one read.
    out.sort_by(|a, b| (a.area, a.kind.as_str()).cmp(&(b.area, b.kind.as_str())));
    out
}

fn notices_about_parts(chapters: &[Chapter], table: Option<&Table>, notices: &mut Vec<String>) {
    if table.is_none() {
        notices.push(
            "found no overview table (\"Översikt av poängfördelning\"): area points come from the chapters, and no sub-area was read".into(),
        );
    }
    let missing: Vec<String> = (1..=8u8)
        .filter(|n| !chapters.iter().any(|c| c.number == *n))
        .map(|n| n.to_string())
        .collect();
    if chapters.is_empty() && table.is_some() {
        notices.push(
            "found no area chapters (\"Område N ...\"): no chapter points are cross-checked with the table, and no strengths and improvements are read".into(),
        );
    } else if !missing.is_empty() {
        notices.push(format!(
            "found no chapter \"Område N ...\" for area(s) {}: their points are not cross-checked and their texts not read",
            missing.join(", ")
        ));
    }
    let unscored: Vec<String> = chapters
        .iter()
        .filter(|c| c.points_candidates.is_empty())
        .map(|c| c.number.to_string())
        .collect();
    if !unscored.is_empty() && table.is_some() {
        notices.push(format!(
            "found no points in the chapter(s) of area(s) {}: they are not cross-checked with the table",
            unscored.join(", ")
        ));
    }
    for c in chapters {
        let rows = table
            .and_then(|t| t.areas.iter().find(|a| a.number == c.number))
            .map_or(0, |a| a.rows.len());
        if rows > 0 && !c.headings.is_empty() && rows != c.headings.len() {
            notices.push(format!(
                "line {}: the chapter of area {} lists {} headings under \"Rubriker\", the table {} sub-areas",
                c.heading_line,
                c.number,
                c.headings.len(),
                rows
            ));
        }
    }
    let without: Vec<String> = chapters
        .iter()
        .filter(|c| c.block.as_ref().is_some_and(|b| b.columns.is_none()))
        .map(|c| c.number.to_string())
        .collect();
    if !without.is_empty() {
        notices.push(format!(
            "strengths and improvements of area(s) {} are kept as one block each: the text runs the two columns together with no marker (a PDF is read with its columns, which splits them)",
            without.join(", ")
        ));
    }
}

/// Every report prints all eight areas' points; a report without some of them
/// is cut off or damaged, and importing it would replace a whole evaluation
/// with part of one.
fn check_complete(
    chapters: &[Chapter],
    table: Option<&Table>,
    last_line: Option<u32>,
    problems: &mut Vec<Problem>,
) {
    if chapters.iter().all(|c| c.score.is_none()) && table.is_none() {
        return; // Reported above as "found neither ...".
    }
    let scored = |n: u8| {
        table.is_some_and(|t| t.areas.iter().any(|a| a.number == n && a.total.is_some()))
            || chapters.iter().any(|c| c.number == n && c.score.is_some())
    };
    let missing: Vec<String> = (1..=8u8)
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

pub fn assemble(text: &str, reference: &ReportReference<'_>) -> Result<ParsedReport, Vec<Problem>> {
    let lines = normalize(text);
    if lines.is_empty() {
        return Err(vec![Problem::new(None, "report", "the text is empty")]);
    }
    let sections = locate(&lines);
    let mut problems = Vec::new();
    let mut notices = Vec::new();
    let metadata = metadata::read(
        &lines[sections.front.clone()],
        &lines,
        reference.municipalities,
    )
    .map_err(|p| problems.extend(p))
    .ok();
    if let Some(m) = &metadata {
        notices.extend(m.notices.iter().cloned());
    }
    let table = sections.table.as_ref().and_then(|r| {
        table::parse(&lines[r.clone()])
            .map_err(|p| problems.extend(p))
            .ok()
    });
    let mut chapters: Vec<Chapter> = sections
        .chapters
        .iter()
        .map(|s| chapters::parse(&lines, s))
        .collect();
    if sections.table.is_none() && chapters.iter().all(|c| c.score.is_none()) {
        problems.push(Problem::new(
            None,
            "report",
            "found neither the overview table \"Översikt av poängfördelning\" nor area chapters (\"Område 1 ...\") with points",
        ));
    }
    if let Some(t) = &table {
        check_table(t, &mut problems);
    }
    let settled = settle_points(&mut chapters, table.as_ref(), &mut problems, &mut notices);
    let checked_areas = checked_areas(&chapters, table.as_ref(), &settled);
    check_chapters(&chapters, table.as_ref(), &mut problems);
    check_complete(
        &chapters,
        table.as_ref(),
        lines.last().map(|l| l.number),
        &mut problems,
    );
    let revision = detect_revision(
        reference,
        table.as_ref(),
        &chapters,
        &mut problems,
        &mut notices,
    );
    notices_about_parts(&chapters, table.as_ref(), &mut notices);
    let (Some(metadata), Some(revision), true) = (metadata, revision, problems.is_empty()) else {
        return Err(problems);
    };

    let municipality = metadata.municipality.value.clone();
    let evaluation = Evaluation {
        municipality: municipality.code,
        year: metadata.year.value,
        month: metadata.month.as_ref().map(|m| m.value),
        evaluation_number: metadata.evaluation_number.as_ref().map(|n| n.value),
        revision,
        total: table
            .as_ref()
            .and_then(|t| t.grand_total.as_ref().map(|g| g.points)),
        total_line: table
            .as_ref()
            .and_then(|t| t.grand_total.as_ref().map(|g| g.line)),
        areas: areas(table.as_ref(), &chapters),
        subareas: subareas(table.as_ref()),
        discrepancies: vec![],
        evaluators: metadata.evaluators.clone(),
        source: Source {
            url: None,
            title: metadata.title.clone(),
        },
        notes: None,
        texts: texts(&lines, &sections, &chapters),
    };
    let table_lines = sections.table.as_ref().and_then(|r| {
        let slice = &lines[r.clone()];
        Some((slice.first()?.number, slice.last()?.number))
    });
    let split_areas = chapters
        .iter()
        .filter(|c| c.block.as_ref().is_some_and(|b| b.columns.is_some()))
        .map(|c| c.number)
        .collect();
    Ok(ParsedReport {
        file: ParsedFile {
            evaluation,
            municipality_name: Some((municipality.name.clone(), metadata.municipality.line)),
        },
        details: ReportDetails {
            municipality,
            municipality_line: metadata.municipality.line,
            date_line: metadata.year.line,
            number_line: metadata.evaluation_number.map(|n| n.line),
            chapters,
            table_lines,
            checked_areas,
            split_areas,
        },
        notices,
    })
}
