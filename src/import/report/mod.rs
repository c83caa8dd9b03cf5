//! Reading a published Kommunkompassen report, as text extracted from its
//! PDF, into the same `Evaluation` an evaluation file gives. Pure: text in,
//! values (or every problem, each with its report line) out.
//!
//! The steps, each in its own file: `normalize` (clean lines), `layout`
//! (the text as given: page headers and markers, a site's furniture, a page
//! on one line cut into its lines), `contents` (the table of contents),
//! `sections` (front matter, chapters, score table), `metadata` (who and
//! when), `table` (the score table), `chapters` (headings, points, strengths
//! and improvements), `summary` (prose per area); `checks` and `revision`
//! cross-check them, `coverage` judges how much of the report the text holds,
//! and `assemble` builds the evaluation. Every era's layout since 2002 is
//! read (`tests/fixtures/reports/real/LAYOUTS.md`).

mod assemble;
pub mod chapters;
mod checks;
mod columns;
mod contents;
mod coverage;
mod layout;
mod metadata;
mod normalize;
mod prose;
mod revision;
mod scan;
mod sections;
mod summary;
mod table;

use std::path::Path;

use super::evaluation_file::ParsedFile;
use super::problem::{ImportError, Notice};
use crate::domain::{AreaNumber, Catalogue, Municipality};

pub use chapters::Chapter;

/// What reading a report needs: names to codes, area names to revisions.
#[derive(Debug, Clone, Copy)]
pub struct ReportRegisters<'a> {
    pub municipalities: &'a [Municipality],
    pub catalogue: &'a Catalogue,
}

/// What was found besides the evaluation, for `--dry-run` and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDetails {
    pub municipality: Municipality,
    /// The line that names the municipality.
    pub municipality_line: u32,
    /// The line with the date ("genomfördes i november 2020").
    pub date_line: u32,
    pub number_line: Option<u32>,
    pub chapters: Vec<Chapter>,
    /// First and last line of the overview table.
    pub table_lines: Option<(u32, u32)>,
    /// Areas whose chapter points were checked against the table's total.
    pub checked_areas: Vec<AreaNumber>,
    /// Areas whose strengths and improvements were split into two lists.
    pub split_areas: Vec<AreaNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedReport {
    pub file: ParsedFile,
    pub details: ReportDetails,
    /// Things worth telling the curator (nothing here stops the import).
    pub notices: Vec<Notice>,
}

/// Whether a text is (the beginning of) a Kommunkompassen report: it names
/// the tool ("Kommunkompassen", "Kommun Kompassen") and a municipality, a
/// score table or area chapters. Such a text is read as a report, and if
/// it is not all there, refused saying what it holds.
pub fn looks_like_report(text: &str) -> bool {
    // Line by line: a large text is not copied whole to lower case.
    let lines_lower = || text.lines().map(str::to_lowercase);
    let names_tool =
        lines_lower().any(|l| l.contains("kommunkompass") || l.contains("kommun kompass"));
    let names_more = lines_lower().any(|l| {
        l.split(|c: char| !c.is_alphanumeric()).any(|w| {
            matches!(
                w,
                "kommun"
                    | "kommuns"
                    | "stad"
                    | "stads"
                    | "region"
                    | "poängfördelning"
                    | "poängsammanställning"
            )
        })
    });
    names_tool
        && (names_more
            || text
                .lines()
                .any(|l| sections::chapter_heading(l.trim()).is_some()))
}

/// Reads a report's text into an evaluation. `path` names the file in messages.
pub fn parse(
    path: &Path,
    text: &str,
    registers: &ReportRegisters<'_>,
) -> Result<ParsedReport, ImportError> {
    assemble::assemble(text, registers).map_err(|problems| ImportError::invalid(path, problems))
}

/// `parse`, taking the text: it is dropped once its lines are read, so a
/// large report is not held twice while it is checked.
pub fn parse_owned(
    path: &Path,
    text: String,
    registers: &ReportRegisters<'_>,
) -> Result<ParsedReport, ImportError> {
    let (lines, layout) = layout::read(&text, normalize::normalize(&text));
    drop(text);
    assemble::assemble_lines(&lines, &layout, registers)
        .map_err(|problems| ImportError::invalid(path, problems))
}

#[cfg(test)]
mod era_tests;
#[cfg(test)]
mod tests;
