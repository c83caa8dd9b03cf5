//! Putting a report's parts together: the cross-checks between them (each
//! chapter's points against the table's area total, sub-area rows complete
//! and in sequence, maxima adding up to the area's 100, the contents'
//! points against both), the revision read from the printed area names, how
//! much of the report the text holds (`coverage`), and the `Evaluation` with
//! every figure's line.

use super::chapters::{self, Chapter};
use super::checks::{
    check_chapters, check_complete, check_contents, check_table, checked_areas, settle_points,
};
use super::contents::{self, Contents};
use super::coverage::{self, Found};
use super::layout::{self, Layout};
use super::normalize::{Line, blank_lines_separate_paragraphs, normalize};
use super::sections::{Sections, locate};
use super::table::{self, Table, TableArea};
use super::{ParsedReport, ReportDetails, ReportRegisters, metadata, revision, summary};
use crate::domain::{
    AreaNumber, AreaScore, AreaText, Evaluation, Revision, Source, SubareaScore, TextKind,
};
use crate::import::evaluation_file::{FileFacts, ParsedFile};
use crate::import::problem::{Field, Notice, NoticeKind, Problem, ReportProblem};

fn areas(table: Option<&Table>, chapters: &[Chapter]) -> Vec<AreaScore> {
    AreaNumber::ALL
        .into_iter()
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
        // An area keeps all its sub-areas or none: one not assessed ("–")
        // leaves them all out (said in a notice).
        .filter(|a| a.unassessed.is_empty())
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
    let mut push = |area: AreaNumber, kind: TextKind, text: &str| {
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

fn notices_about_parts(chapters: &[Chapter], table: Option<&Table>, notices: &mut Vec<Notice>) {
    if table.is_none() {
        notices.push(Notice::about(NoticeKind::NoOverviewTable));
    }
    let missing: Vec<AreaNumber> = AreaNumber::ALL
        .into_iter()
        .filter(|n| !chapters.iter().any(|c| c.number == *n))
        .collect();
    if chapters.is_empty() && table.is_some() {
        notices.push(Notice::about(NoticeKind::NoAreaChapters));
    } else if !missing.is_empty() {
        notices.push(Notice::about(NoticeKind::NoChapterFor(missing)));
    }
    for area in table.map_or(&[][..], |t| t.areas.as_slice()) {
        for u in &area.unassessed {
            notices.push(Notice::at(
                u.line,
                NoticeKind::Unassessed {
                    code: u.code,
                    name: u.name.clone(),
                    area: area.number,
                },
            ));
        }
    }
    let unscored: Vec<AreaNumber> = chapters
        .iter()
        .filter(|c| c.points_candidates.is_empty())
        .map(|c| c.number)
        .collect();
    if !unscored.is_empty() && table.is_some() {
        notices.push(Notice::about(NoticeKind::NoChapterPoints(unscored)));
    }
    for c in chapters {
        let rows = table
            .and_then(|t| t.areas.iter().find(|a| a.number == c.number))
            .map_or(0, |a| a.rows.len() + a.unassessed.len());
        if rows > 0 && !c.headings.is_empty() && rows != c.headings.len() {
            notices.push(Notice::at(
                c.heading_line,
                NoticeKind::HeadingsCount {
                    area: c.number,
                    headings: c.headings.len(),
                    rows,
                },
            ));
        }
    }
    let without: Vec<AreaNumber> = chapters
        .iter()
        .filter(|c| c.block.as_ref().is_some_and(|b| b.columns.is_none()))
        .map(|c| c.number)
        .collect();
    if !without.is_empty() {
        notices.push(Notice::about(NoticeKind::ColumnsRunTogether(without)));
    }
}

pub fn assemble(text: &str, registers: &ReportRegisters<'_>) -> Result<ParsedReport, Vec<Problem>> {
    let (lines, layout) = layout::read(text, normalize(text));
    assemble_lines(&lines, &layout, registers)
}

/// `assemble`, on the report's lines and layout as `layout::read` gives them.
pub fn assemble_lines(
    lines: &[Line],
    layout: &Layout,
    registers: &ReportRegisters<'_>,
) -> Result<ParsedReport, Vec<Problem>> {
    if lines.is_empty() {
        return Err(vec![Problem::new(
            None,
            Field::Report,
            ReportProblem::TextEmpty,
        )]);
    }
    let parts = read_parts(lines, layout, registers)?;
    Ok(build(lines, parts))
}

/// A report's parts, read and cross-checked.
struct Parts {
    sections: Sections,
    metadata: metadata::Metadata,
    table: Option<Table>,
    chapters: Vec<Chapter>,
    checked_areas: Vec<AreaNumber>,
    revision: Revision,
    notices: Vec<Notice>,
}

/// The parts as read, before they are cross-checked.
struct Read {
    contents: Option<Contents>,
    sections: Sections,
    metadata: Option<metadata::Metadata>,
    partial: metadata::Partial,
    table: Option<Table>,
    chapters: Vec<Chapter>,
}

/// Reads each part; their own problems into `problems`.
fn read_each(
    lines: &[Line],
    layout: &Layout,
    registers: &ReportRegisters<'_>,
    problems: &mut Vec<Problem>,
) -> Read {
    let contents = contents::read(lines);
    let sections = locate(lines, contents.as_ref().map(|c| &c.lines));
    let report_date = layout.report_date.map(|(d, line)| (d.year, d.month, line));
    let (metadata, partial) = metadata::read(
        &lines[sections.front.clone()],
        lines,
        registers.municipalities,
        report_date,
    );
    let metadata = metadata.map_err(|p| problems.extend(p)).ok();
    let table = sections.table.as_ref().and_then(|r| {
        table::parse(&lines[r.clone()])
            .map_err(|p| problems.extend(p))
            .ok()
    });
    let chapters: Vec<Chapter> = sections
        .chapters
        .iter()
        .map(|s| chapters::parse(lines, s))
        .collect();
    Read {
        contents,
        sections,
        metadata,
        partial,
        table,
        chapters,
    }
}

/// Reads every part and cross-checks them; every problem at once.
fn read_parts(
    lines: &[Line],
    layout: &Layout,
    registers: &ReportRegisters<'_>,
) -> Result<Parts, Vec<Problem>> {
    let mut problems = Vec::new();
    let Read {
        contents,
        sections,
        metadata,
        partial,
        table,
        mut chapters,
    } = read_each(lines, layout, registers, &mut problems);
    let mut notices: Vec<Notice> = metadata.iter().flat_map(|m| m.notices.clone()).collect();
    check_contents(
        contents.as_ref(),
        &mut chapters,
        table.as_ref(),
        &mut problems,
        &mut notices,
    );
    if sections.table.is_none() && chapters.iter().all(|c| c.score.is_none()) {
        problems.push(Problem::new(
            None,
            Field::Report,
            ReportProblem::NothingToRead,
        ));
    }
    if let Some(t) = &table {
        check_table(t, &mut problems);
    }
    let settled = settle_points(&mut chapters, table.as_ref(), &mut problems, &mut notices);
    let checked_areas = checked_areas(&chapters, table.as_ref(), &settled);
    check_chapters(&chapters, table.as_ref(), &mut problems);
    let last_line = lines.last().map(|l| l.number);
    check_complete(&chapters, table.as_ref(), last_line, &mut problems);
    let revision = revision::detect(
        registers,
        table.as_ref(),
        &chapters,
        contents.as_ref(),
        &mut problems,
        &mut notices,
    );
    notices_about_parts(&chapters, table.as_ref(), &mut notices);
    if let Some(site) = layout.site {
        notices.push(Notice::about(NoticeKind::Transcript(site)));
    }
    let found = Found {
        lines,
        layout,
        contents: contents.as_ref(),
        sections: &sections,
        table: table.as_ref(),
        chapters: &chapters,
        partial: &partial,
        revision,
    };
    coverage::judge(&found, registers, &mut problems);
    let (Some(metadata), Some(revision), true) = (metadata, revision, problems.is_empty()) else {
        return Err(problems);
    };
    Ok(Parts {
        sections,
        metadata,
        table,
        chapters,
        checked_areas,
        revision,
        notices,
    })
}

/// The evaluation the parts make, with what the report showed besides.
fn build(lines: &[Line], p: Parts) -> ParsedReport {
    let municipality = p.metadata.municipality.value.clone();
    let evaluation = Evaluation {
        municipality: municipality.code,
        year: p.metadata.year.value,
        month: p.metadata.month.as_ref().map(|m| m.value),
        evaluation_number: p.metadata.evaluation_number.as_ref().map(|n| n.value),
        revision: p.revision,
        total: p
            .table
            .as_ref()
            .and_then(|t| t.grand_total.as_ref().map(|g| g.points)),
        total_line: p
            .table
            .as_ref()
            .and_then(|t| t.grand_total.as_ref().map(|g| g.line)),
        areas: areas(p.table.as_ref(), &p.chapters),
        subareas: subareas(p.table.as_ref()),
        discrepancies: vec![],
        evaluators: p.metadata.evaluators.clone(),
        published: None,
        source: Source {
            url: None,
            title: p.metadata.title.clone(),
        },
        notes: None,
        public_note: None,
        stated_changes: vec![],
        texts: texts(lines, &p.sections, &p.chapters),
        contribution: None,
    };
    let table_lines = p.sections.table.as_ref().and_then(|r| {
        let slice = &lines[r.clone()];
        Some((slice.first()?.number, slice.last()?.number))
    });
    let split_areas = p
        .chapters
        .iter()
        .filter(|c| c.block.as_ref().is_some_and(|b| b.columns.is_some()))
        .map(|c| c.number)
        .collect();
    ParsedReport {
        file: ParsedFile {
            evaluation,
            facts: FileFacts {
                municipality_name: Some((municipality.name.clone(), p.metadata.municipality.line)),
                municipality_line: Some(p.metadata.municipality.line),
                ..FileFacts::default()
            },
        },
        details: ReportDetails {
            municipality,
            municipality_line: p.metadata.municipality.line,
            date_line: p.metadata.year.line,
            number_line: p.metadata.evaluation_number.map(|n| n.line),
            chapters: p.chapters,
            table_lines,
            checked_areas: p.checked_areas,
            split_areas,
        },
        notices: p.notices,
    }
}
