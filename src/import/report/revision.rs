//! Which criteria a report was evaluated with: from the area names it
//! prints (the score table's headers, the chapters' headings, the table of
//! contents), never from the year. For a text that stops before any name,
//! the report's own words say what they can ("Kommunkompassen reviderades
//! år 2010"): enough to say in a refusal, never to read figures by.

use std::sync::LazyLock;

use regex::Regex;

use super::ReportRegisters;
use super::chapters::Chapter;
use super::contents::Contents;
use super::normalize::Line;
use super::table::Table;
use crate::domain::{AreaNumber, Revision};
use crate::import::problem::{Field, Notice, NoticeKind, Problem, ReportProblem};

/// Every area name the report prints: (area, name, line).
fn printed_names(
    table: Option<&Table>,
    chapters: &[Chapter],
    contents: Option<&Contents>,
) -> Vec<(AreaNumber, String, u32)> {
    let mut printed: Vec<(AreaNumber, String, u32)> = Vec::new();
    for a in table.map_or(&[][..], |t| t.areas.as_slice()) {
        if let (Some(name), Some(line)) = (&a.name, a.header_line) {
            printed.push((a.number, name.clone(), line));
        }
    }
    for c in chapters.iter().filter(|c| !c.name.is_empty()) {
        printed.push((c.number, c.name.clone(), c.heading_line));
    }
    // The contents' names count where the text has nothing else (it may
    // stop after them); a transcript may have run a name into the next.
    if printed.is_empty() {
        for e in contents.map_or(&[][..], |c| c.entries.as_slice()) {
            if !e.name.is_empty() {
                printed.push((e.number, e.name.clone(), e.line));
            }
        }
    }
    printed
}

/// The revision the printed names make; each doubt a problem, each name
/// of another revision a notice.
pub fn detect(
    registers: &ReportRegisters<'_>,
    table: Option<&Table>,
    chapters: &[Chapter],
    contents: Option<&Contents>,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<Notice>,
) -> Option<Revision> {
    let printed = printed_names(table, chapters, contents);
    let first_line = printed.iter().map(|p| p.2).min();
    let names: Vec<(AreaNumber, String)> =
        printed.iter().map(|(n, s, _)| (*n, s.clone())).collect();
    if names.is_empty() {
        problems.push(Problem::new(
            None,
            Field::Revision,
            ReportProblem::NoAreaNames,
        ));
        return None;
    }
    match registers.catalogue.detect_revision(&names) {
        Ok(detected) => {
            for (n, name) in &detected.foreign_names {
                let line = printed
                    .iter()
                    .find(|p| p.0 == *n && p.1 == *name)
                    .map_or(0, |p| p.2);
                notices.push(Notice::at(
                    line,
                    NoticeKind::ForeignAreaName {
                        area: *n,
                        printed: name.clone(),
                        revision: detected.revision,
                    },
                ));
            }
            Some(detected.revision)
        }
        Err(e) => {
            problems.push(Problem::new(
                first_line,
                Field::Revision,
                ReportProblem::RevisionUnclear(e),
            ));
            None
        }
    }
}

/// "reviderades år 2010", "reviderades åren 2010, 2016 och 2019/2020".
static REVISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)reviderades\s+år(?:en)?\s+((?:(?:19|20)\d\d(?:/(?:19|20)\d\d)?(?:\s*,\s*|\s+och\s+)?)+)")
        .unwrap_or_else(|e| panic!("revision pattern: {e}"))
});

/// The revision the report's own words name as the latest by the year of
/// the evaluation ("Kommunkompassen reviderades år 2010" in a report of
/// 2010), if the catalogue has it.
pub fn from_words(
    registers: &ReportRegisters<'_>,
    lines: &[Line],
    year: Option<i32>,
) -> Option<Revision> {
    let year = year?;
    let mut latest: Option<i32> = None;
    for line in lines {
        for caps in REVISED.captures_iter(&line.text) {
            let Some(years) = caps.get(1) else { continue };
            for y in years
                .as_str()
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|y| y.parse::<i32>().ok())
                .filter(|y| *y <= year && *y >= 1990)
            {
                latest = latest.max(Some(y));
            }
        }
    }
    let revision = Revision::new(u16::try_from(latest?).ok()?);
    registers
        .catalogue
        .revision(revision)
        .is_some()
        .then_some(revision)
}
