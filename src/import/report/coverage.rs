//! How much of a report a text holds, judged by its content: the area
//! chapters and the score table that are there, not page markers alone (a
//! transcript drops them; a text may hold page 2 and nothing after). A text
//! that stops before all eight areas' points is refused as the beginning of
//! a report, at its last line, saying what it holds (`Recognised`) and where
//! it stops; a transcript whose figures are not all there is refused as one
//! that lost digits. The problems these explain (no date, no area names,
//! areas missing) give way to the one that says why.

use super::chapters::Chapter;
use super::contents::Contents;
use super::layout::Layout;
use super::normalize::Line;
use super::sections::Sections;
use super::table::Table;
use super::{ReportRegisters, metadata, revision};
use crate::domain::{AreaNumber, Revision};
use crate::import::problem::{
    Field, FoundPoints, MetadataProblem, PointsPlace, Problem, ProblemKind, Reached, Recognised,
    ReportProblem, Stopped, TableProblem,
};

/// What the reader found, for judging how much of the report the text holds.
pub struct Found<'a> {
    pub lines: &'a [Line],
    pub layout: &'a Layout,
    pub contents: Option<&'a Contents>,
    pub sections: &'a Sections,
    pub table: Option<&'a Table>,
    pub chapters: &'a [Chapter],
    pub partial: &'a metadata::Partial,
    pub revision: Option<Revision>,
}

impl Found<'_> {
    fn table_areas(&self) -> Vec<AreaNumber> {
        self.table.map_or_else(Vec::new, |t| {
            t.areas
                .iter()
                .filter(|a| a.total.is_some() || !a.rows.is_empty())
                .map(|a| a.number)
                .collect()
        })
    }

    fn scored(&self, n: AreaNumber) -> bool {
        self.table
            .is_some_and(|t| t.areas.iter().any(|a| a.number == n && a.total.is_some()))
            || self
                .chapters
                .iter()
                .any(|c| c.number == n && c.score.is_some())
    }

    /// The last part the text holds, and the areas it lacks after it,
    /// when it stops before every area's points; `None` when nothing is
    /// missing, or what is missing is not at the text's end (a table that
    /// cannot be read, a chapter without points: their own problems say so).
    fn reached(&self) -> Option<(Reached, Vec<AreaNumber>)> {
        let table_at_end = self
            .sections
            .table
            .as_ref()
            .is_some_and(|r| r.end >= self.lines.len());
        if !self.table_areas().is_empty() {
            return self.reached_in_table().filter(|_| table_at_end);
        }
        let missing: Vec<AreaNumber> = AreaNumber::ALL
            .into_iter()
            .filter(|n| !self.scored(*n))
            .collect();
        if missing.is_empty()
            || (self.sections.table.is_some() && !(table_at_end && self.table.is_some()))
        {
            return None;
        }
        let last_chapter = self.chapters.iter().map(|c| c.number).max();
        if self.sections.table.is_some() && last_chapter == Some(AreaNumber::ALL[7]) {
            return Some((Reached::Table(None), missing));
        }
        if let Some(last) = last_chapter {
            // The areas from the last chapter on, if they are all it lacks.
            let rest: Vec<AreaNumber> = missing.iter().copied().filter(|n| *n >= last).collect();
            return (rest.len() == missing.len()).then_some((Reached::Chapter(last), rest));
        }
        let reached = match self.contents {
            Some(c) if c.lines.end >= self.lines.len() => Reached::InContents,
            Some(_) => Reached::Contents,
            None => Reached::Front,
        };
        Some((reached, missing))
    }

    /// A score table that ends before its last areas' totals: where.
    fn reached_in_table(&self) -> Option<(Reached, Vec<AreaNumber>)> {
        let table = self.table?;
        let totalled = |n: AreaNumber| {
            table
                .areas
                .iter()
                .any(|a| a.number == n && a.total.is_some())
        };
        let first = AreaNumber::ALL.into_iter().find(|n| !totalled(*n))?;
        let rest: Vec<AreaNumber> = AreaNumber::ALL
            .into_iter()
            .filter(|n| *n >= first)
            .collect();
        if rest.iter().any(|n| totalled(*n)) {
            return None;
        }
        let before = AreaNumber::ALL.into_iter().filter(|n| *n < first).max();
        Some((Reached::Table(before), rest))
    }

    /// What was recognised, each part only when it was.
    pub fn recognised(&self, registers: &ReportRegisters<'_>) -> Recognised {
        let mut points: Vec<FoundPoints> = Vec::new();
        for e in self.contents.map_or(&[][..], |c| c.entries.as_slice()) {
            if let Some(p) = e.points {
                points.push(found(e.number, p, e.line, PointsPlace::Contents));
            }
        }
        for c in self.chapters {
            if let Some((p, line)) = c.score {
                let place = if c.points_in_heading {
                    PointsPlace::Heading
                } else {
                    PointsPlace::Chapter
                };
                points.push(found(c.number, p, line, place));
            }
        }
        for a in self.table.map_or(&[][..], |t| t.areas.as_slice()) {
            if let Some(t) = &a.total {
                points.push(found(a.number, t.points, t.line, PointsPlace::Table));
            }
        }
        let year = self.partial.year.as_ref().map(|y| y.value);
        let revision = self
            .revision
            .or_else(|| revision::from_words(registers, self.lines, year));
        let lost_points = self
            .contents
            .is_some_and(|c| c.entries.iter().any(|e| e.points_lost));
        Recognised {
            municipality: self
                .partial
                .municipality
                .as_ref()
                .map(|m| (m.value.name.clone(), m.value.code, m.line)),
            year: self
                .partial
                .year
                .as_ref()
                .map(|y| (y.value, self.partial.month, y.line)),
            revision,
            points,
            site: self.layout.site,
            digits_lost: self.layout.digits_lost || lost_points,
        }
    }
}

fn found(
    area: AreaNumber,
    points: crate::domain::Score,
    line: u32,
    place: PointsPlace,
) -> FoundPoints {
    FoundPoints {
        area,
        points,
        line,
        place,
    }
}

/// Problems a text that stops early explains: what it lacks because it stops.
fn explained_by_stop(kind: &ProblemKind, missing: &[AreaNumber]) -> bool {
    match kind {
        ProblemKind::Report(r) => matches!(
            r,
            ReportProblem::NothingToRead
                | ReportProblem::NoAreaNames
                | ReportProblem::RevisionUnclear(_)
                | ReportProblem::AreasMissing(_)
        ),
        ProblemKind::Metadata(m) => matches!(
            m,
            MetadataProblem::NoDate(_) | MetadataProblem::MunicipalityUnclear(_)
        ),
        ProblemKind::Table(TableProblem::NoRowsFor(n) | TableProblem::NoTotalRow(n)) => {
            missing.contains(n)
        }
        _ => false,
    }
}

/// Problems of figures a transcript may have lost.
fn figures_missing(kind: &ProblemKind) -> bool {
    matches!(
        kind,
        ProblemKind::Table(_)
            | ProblemKind::Report(
                ReportProblem::NothingToRead
                    | ReportProblem::AreasMissing(_)
                    | ReportProblem::LoneNumbers { .. }
                    | ReportProblem::ChapterDisagrees { .. }
                    | ReportProblem::ContentsDisagree { .. }
            )
    )
}

/// Judges the text: a refusal that says where it stops, or that a
/// transcript lost digits, in place of the problems that explains.
pub fn judge(found: &Found<'_>, registers: &ReportRegisters<'_>, problems: &mut Vec<Problem>) {
    let last_line = found.lines.last().map_or(1, |l| l.number);
    if let Some((after, missing)) = found.reached() {
        problems.retain(|p| !explained_by_stop(&p.kind, &missing));
        let stopped = Stopped {
            recognised: found.recognised(registers),
            after,
            page: found.layout.page_at(last_line),
            pages: found.layout.pages,
            missing,
        };
        problems.push(Problem::new(
            Some(last_line),
            Field::Report,
            ReportProblem::StopsEarly(Box::new(stopped)),
        ));
        return;
    }
    if found.layout.site.is_some()
        && let Some(first) = problems.iter().find(|p| figures_missing(&p.kind))
    {
        let line = first.line;
        problems.insert(
            0,
            Problem::new(
                line,
                Field::Report,
                ReportProblem::DigitsLost(Box::new(found.recognised(registers))),
            ),
        );
    }
}
