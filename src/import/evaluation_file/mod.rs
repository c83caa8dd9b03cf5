//! The evaluation file: one published evaluation per TOML file, written and
//! reviewed by curators. `parse` reads it (every figure keeps its line);
//! `to_toml` writes one, e.g. from a parsed report.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;

use super::problem::{Field, ImportError, List, Part, Problems, ValueProblem};
use super::text::{Lines, toml_error};
use crate::domain::contribution::{Contribution, ContributionRef};
use crate::domain::{
    AreaNumber, AreaScore, AreaText, Discrepancy, Evaluation, Figure, MunicipalityCode, Revision,
    Score, Source, SubareaCode, SubareaScore, TextKind, YEARS,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvaluation {
    municipality: Spanned<String>,
    municipality_name: Option<Spanned<String>>,
    year: Spanned<i64>,
    month: Option<Spanned<i64>>,
    published: Option<Spanned<RawDate>>,
    evaluation_number: Option<Spanned<i64>>,
    revision: Spanned<String>,
    total: Option<Spanned<RawNumber>>,
    #[serde(default)]
    evaluators: Vec<String>,
    notes: Option<String>,
    public_note: Option<String>,
    #[serde(default)]
    areas: Vec<Spanned<RawArea>>,
    #[serde(default)]
    subareas: Vec<Spanned<RawSubarea>>,
    source: Option<Spanned<RawSource>>,
    #[serde(default)]
    discrepancies: Vec<Spanned<RawDiscrepancy>>,
    #[serde(default)]
    texts: Vec<Spanned<RawText>>,
    #[serde(default)]
    stated_changes: Vec<Spanned<super::stated_change::RawStatedChange>>,
    contribution: Option<Spanned<RawContribution>>,
}

/// `[contribution]`: sent in through kompass's inbox and accepted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContribution {
    reference: String,
    accepted: RawDate,
}

/// A date may be written as a TOML date (2021-05-10) or as text ("2021-05-10").
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDate {
    Date(toml::value::Datetime),
    Text(String),
}

impl RawDate {
    /// A calendar date and nothing more (no time, no offset).
    fn date(&self) -> Option<NaiveDate> {
        match self {
            RawDate::Date(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            RawDate::Date(_) => None,
            RawDate::Text(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        }
    }

    fn shown(&self) -> String {
        match self {
            RawDate::Date(dt) => dt.to_string(),
            RawDate::Text(s) => s.clone(),
        }
    }
}

/// A figure may be written 66, 426.5 or "426,5".
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawNumber {
    Integer(i64),
    Float(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    number: i64,
    name: Option<String>,
    points: RawNumber,
    percent: Option<RawNumber>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubarea {
    code: String,
    name: Option<String>,
    points: RawNumber,
    max: RawNumber,
    percent: Option<RawNumber>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSource {
    url: Option<String>,
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiscrepancy {
    figure: String,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    area: i64,
    kind: String,
    text: String,
}

/// What a file says besides the evaluation: the name a curator wrote next to
/// the code, checked against the municipality register by validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub evaluation: Evaluation,
    pub facts: FileFacts,
}

/// Where a file's fields stand, and the name a curator wrote beside the code:
/// what validation needs to name lines the `Evaluation` itself does not keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileFacts {
    pub municipality_name: Option<(String, u32)>,
    pub municipality_line: Option<u32>,
    pub revision_line: Option<u32>,
    pub source_line: Option<u32>,
}

fn score(raw: &RawNumber) -> Result<Score, ValueProblem> {
    match raw {
        RawNumber::Integer(n) if *n < 0 => Err(ValueProblem::NegativeWhole(*n)),
        RawNumber::Integer(n) => Score::parse_printed(&n.to_string()).map_err(ValueProblem::Score),
        RawNumber::Float(f) if !f.is_finite() => Err(ValueProblem::NotFinite(f.to_string())),
        RawNumber::Float(f) => Score::parse_printed(&f.to_string()).map_err(ValueProblem::Score),
        RawNumber::Text(s) => Score::parse_printed(s).map_err(ValueProblem::Score),
    }
}

/// Parses an evaluation file. Structural problems (syntax, unknown keys,
/// malformed figures) are reported here, all at once; the rules that need the
/// catalogue are `validate`'s.
pub fn parse(path: &Path, text: &str) -> Result<ParsedFile, ImportError> {
    let raw: RawEvaluation = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut file = FileReader {
        lines: Lines::of(text),
        problems: Problems::default(),
    };
    let head = file.head(&raw);
    let areas = file.areas(&raw.areas);
    let subareas = file.subareas(&raw.subareas);
    let texts = file.texts(&raw.texts);
    let contribution = raw.contribution.as_ref().and_then(|c| file.contribution(c));
    let discrepancies = file.discrepancies(&raw.discrepancies);
    let stated_changes =
        super::stated_change::read(&raw.stated_changes, &file.lines, &mut file.problems);
    let (Some(municipality), Some(revision)) = (head.municipality, head.revision) else {
        return Err(file.problems.into_error(path));
    };
    if !file.problems.is_empty() {
        return Err(file.problems.into_error(path));
    }
    let facts = file.facts(&raw);
    let evaluation = Evaluation {
        municipality,
        year: head.year,
        month: head.month,
        evaluation_number: head.evaluation_number,
        revision,
        total: head.total,
        total_line: raw.total.as_ref().and_then(|t| file.at(t)),
        areas,
        subareas,
        discrepancies,
        evaluators: raw
            .evaluators
            .iter()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty())
            .collect(),
        source: raw
            .source
            .as_ref()
            .map(|s| source(s.get_ref()))
            .unwrap_or_default(),
        notes: nonblank(raw.notes.as_deref()),
        public_note: nonblank(raw.public_note.as_deref()),
        stated_changes,
        texts,
        published: head.published,
        contribution,
    };
    Ok(ParsedFile { evaluation, facts })
}

fn nonblank(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn source(raw: &RawSource) -> Source {
    Source {
        url: nonblank(raw.url.as_deref()),
        title: nonblank(raw.title.as_deref()),
    }
}

/// The date the results were published: a real date, within the years an
/// evaluation may have, and not before the evaluation itself.
fn published(raw: &RawDate, year: i32, month: Option<u8>) -> Result<NaiveDate, ValueProblem> {
    let date = raw
        .date()
        .ok_or_else(|| ValueProblem::NotADate(raw.shown()))?;
    if !YEARS.contains(&date.year()) {
        return Err(ValueProblem::ImplausiblePublication(date));
    }
    let start = NaiveDate::from_ymd_opt(year, u32::from(month.unwrap_or(1)), 1);
    if start.is_some_and(|s| date < s) {
        return Err(ValueProblem::PublishedBeforeEvaluation { date, year, month });
    }
    Ok(date)
}

/// The root keys that say which evaluation this is.
struct Head {
    municipality: Option<MunicipalityCode>,
    revision: Option<Revision>,
    year: i32,
    month: Option<u8>,
    evaluation_number: Option<u8>,
    total: Option<Score>,
    published: Option<NaiveDate>,
}

/// One file being read, section by section, with its problems so far.
struct FileReader {
    lines: Lines,
    problems: Problems,
}

impl FileReader {
    fn at<T>(&self, spanned: &Spanned<T>) -> Option<u32> {
        Some(self.lines.line(spanned.span().start))
    }

    fn head(&mut self, raw: &RawEvaluation) -> Head {
        let municipality = self.problems.check(
            self.at(&raw.municipality),
            Field::Municipality,
            raw.municipality.get_ref().parse::<MunicipalityCode>(),
        );
        let revision = self.problems.check(
            self.at(&raw.revision),
            Field::Revision,
            raw.revision.get_ref().parse::<Revision>(),
        );
        let year = self.problems.check(
            self.at(&raw.year),
            Field::Year,
            i32::try_from(*raw.year.get_ref())
                .ok()
                .filter(|y| YEARS.contains(y))
                .ok_or(ValueProblem::ImplausibleYear(*raw.year.get_ref())),
        );
        let month = raw.month.as_ref().and_then(|m| {
            let month = u8::try_from(*m.get_ref())
                .ok()
                .filter(|v| (1..=12).contains(v));
            let why = ValueProblem::NotAMonth(*m.get_ref());
            self.problems
                .check(self.at(m), Field::Month, month.ok_or(why))
        });
        let evaluation_number = raw.evaluation_number.as_ref().and_then(|n| {
            let number = u8::try_from(*n.get_ref())
                .ok()
                .filter(|v| (1..=50).contains(v));
            let why = ValueProblem::NotAnEvaluationNumber(*n.get_ref());
            self.problems
                .check(self.at(n), Field::EvaluationNumber, number.ok_or(why))
        });
        let total = raw.total.as_ref().and_then(|t| {
            self.problems
                .check(self.at(t), Field::Total, score(t.get_ref()))
        });
        let published = raw.published.as_ref().and_then(|p| {
            let checked = published(p.get_ref(), year.unwrap_or(0), month);
            self.problems.check(self.at(p), Field::Published, checked)
        });
        Head {
            municipality,
            revision,
            year: year.unwrap_or(0),
            month,
            evaluation_number,
            total,
            published,
        }
    }

    fn areas(&mut self, raw: &[Spanned<RawArea>]) -> Vec<AreaScore> {
        let mut areas = Vec::new();
        for (i, spanned) in raw.iter().enumerate() {
            let line = self.at(spanned);
            let a = spanned.get_ref();
            let field = |part| Field::entry(List::Areas, i, part);
            let number = self
                .problems
                .check(line, field(Part::Number), AreaNumber::new(a.number));
            let points = self
                .problems
                .check(line, field(Part::Points), score(&a.points));
            let percent = a
                .percent
                .as_ref()
                .and_then(|p| self.problems.check(line, field(Part::Percent), score(p)));
            if let (Some(number), Some(points)) = (number, points) {
                areas.push(AreaScore {
                    number,
                    printed_name: a.name.clone(),
                    points,
                    percent,
                    line,
                });
            }
        }
        areas
    }

    fn subareas(&mut self, raw: &[Spanned<RawSubarea>]) -> Vec<SubareaScore> {
        let mut subareas = Vec::new();
        for (i, spanned) in raw.iter().enumerate() {
            let line = self.at(spanned);
            let s = spanned.get_ref();
            let field = |part| Field::entry(List::Subareas, i, part);
            let code = self
                .problems
                .check(line, field(Part::Code), s.code.parse::<SubareaCode>());
            let points = self
                .problems
                .check(line, field(Part::Points), score(&s.points));
            let max = self.problems.check(line, field(Part::Max), score(&s.max));
            let percent = s
                .percent
                .as_ref()
                .and_then(|p| self.problems.check(line, field(Part::Percent), score(p)));
            if let (Some(code), Some(points), Some(max)) = (code, points, max) {
                subareas.push(SubareaScore {
                    code,
                    name: s.name.clone(),
                    points,
                    max,
                    percent,
                    line,
                });
            }
        }
        subareas
    }

    fn texts(&mut self, raw: &[Spanned<RawText>]) -> Vec<AreaText> {
        let mut texts = Vec::new();
        for (i, spanned) in raw.iter().enumerate() {
            let t = spanned.get_ref();
            let line = self.at(spanned);
            let field = |part| Field::entry(List::Texts, i, part);
            let area = self
                .problems
                .check(line, field(Part::Area), AreaNumber::new(t.area));
            let kind =
                TextKind::parse(&t.kind).ok_or_else(|| ValueProblem::NotATextKind(t.kind.clone()));
            let kind = self.problems.check(line, field(Part::Kind), kind);
            if let (Some(area), Some(kind)) = (area, kind) {
                texts.push(AreaText {
                    area,
                    kind,
                    text: t.text.trim_end().to_string(),
                });
            }
        }
        texts
    }

    /// `[contribution]`: its reference and the day it was accepted.
    fn contribution(&mut self, raw: &Spanned<RawContribution>) -> Option<Contribution> {
        let line = self.at(raw);
        let c = raw.get_ref();
        let reference = self.problems.check(
            line,
            Field::ContributionReference,
            c.reference.parse::<ContributionRef>(),
        );
        let accepted = self.problems.check(
            line,
            Field::ContributionAccepted,
            c.accepted
                .date()
                .ok_or_else(|| ValueProblem::NotADate(c.accepted.shown())),
        );
        Some(Contribution {
            reference: reference?,
            accepted: accepted?,
        })
    }

    /// Each printed difference, naming a figure: "total" or "area 1" ...
    /// "area 8".
    fn discrepancies(&mut self, raw: &[Spanned<RawDiscrepancy>]) -> Vec<Discrepancy> {
        let mut out = Vec::new();
        for spanned in raw {
            let d = spanned.get_ref();
            let figure = d.figure.parse::<Figure>();
            if let Some(figure) =
                self.problems
                    .check(self.at(spanned), Field::DiscrepancyFigure, figure)
            {
                out.push(Discrepancy {
                    figure,
                    note: d.note.trim().to_string(),
                });
            }
        }
        out
    }

    fn facts(&self, raw: &RawEvaluation) -> FileFacts {
        FileFacts {
            municipality_name: raw
                .municipality_name
                .as_ref()
                .map(|n| (n.get_ref().clone(), self.lines.line(n.span().start))),
            municipality_line: self.at(&raw.municipality),
            revision_line: self.at(&raw.revision),
            source_line: raw.source.as_ref().and_then(|s| self.at(s)),
        }
    }
}

mod write;
pub use write::to_toml;

#[cfg(test)]
mod tests;
