//! Registers data a curator edits by hand: the municipality register
//! (`municipalities.csv`), the criteria catalogue (`catalogue.toml`) and the
//! published benchmarks (`benchmarks.csv`); and what is said of each
//! municipality beside the register (`places`: kommungrupper and
//! populations; `map`: the boundaries).

mod map;
mod places;

pub use map::parse_map;
pub use places::{Register, parse_groups, parse_populations};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::problem::{Field, ImportError, Part, Problem, Problems, RegisterField, RegisterProblem};
use super::text::{Lines, toml_error};
use crate::domain::{
    AREA_MAX, AreaDefinition, AreaNumber, Benchmark, Catalogue, Confidence, Municipality,
    MunicipalityCode, Revision, RevisionDefinition, Score, SubareaCode, SubareaDefinition, Theme,
    ThemeNumber,
};

/// The line a record starts on. The reader's own line count is one short
/// in a file with CRLF line ends (a record's position is taken before the LF
/// that ends the line above it), so the line is found from the record's
/// byte offset, past any line ends there.
fn csv_line(record: &csv::StringRecord, text: &str, lines: &Lines) -> Option<u32> {
    let offset = usize::try_from(record.position()?.byte()).ok()?;
    let ends = text
        .as_bytes()
        .get(offset..)?
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    Some(lines.line(offset + ends))
}

fn csv_error(path: &Path, e: &csv::Error) -> ImportError {
    let line = e.position().and_then(|p| u32::try_from(p.line()).ok());
    ImportError::one(
        path,
        line,
        Field::Registers(RegisterField::Csv),
        RegisterProblem::Csv(e.to_string()),
    )
}

/// A CSV record keyed by column name, with its line.
type Row = (Option<u32>, BTreeMap<String, String>);

/// Reads a CSV with a header row into records keyed by column name.
fn read_csv(path: &Path, text: &str, required: &[&str]) -> Result<Vec<Row>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let missing: Vec<String> = required
        .iter()
        .filter(|c| !headers.iter().any(|h| h == **c))
        .map(|c| (*c).to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::one(
            path,
            Some(1),
            Field::Registers(RegisterField::Header),
            RegisterProblem::MissingColumns(missing),
        ));
    }
    let lines = Lines::of(text);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let map = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.trim().to_string()))
            .collect();
        rows.push((csv_line(&record, text, &lines), map));
    }
    Ok(rows)
}

pub fn parse_municipalities(path: &Path, text: &str) -> Result<Vec<Municipality>, ImportError> {
    let rows = read_csv(path, text, &["code", "name", "county_code", "county_name"])?;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (line, row) in rows {
        let field = |k: &str| row.get(k).cloned().unwrap_or_default();
        match field("code").parse::<MunicipalityCode>() {
            Ok(code) => {
                if !seen.insert(code) {
                    problems.push(Problem::new(
                        line,
                        Field::column("code"),
                        RegisterProblem::CodeListedTwice(code),
                    ));
                }
                if field("name").is_empty() {
                    problems.push(Problem::new(
                        line,
                        Field::column("name"),
                        RegisterProblem::Empty,
                    ));
                }
                if code.county_code().as_str() != field("county_code") {
                    problems.push(Problem::new(
                        line,
                        Field::column("county_code"),
                        RegisterProblem::CountyMismatch {
                            given: field("county_code"),
                            code,
                        },
                    ));
                }
                out.push(Municipality {
                    code,
                    name: field("name"),
                    county_code: code.county_code(),
                    county: field("county_name"),
                });
            }
            Err(e) => problems.push(Problem::new(line, Field::column("code"), e)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::invalid(path, problems))
    }
}

pub fn parse_benchmarks(path: &Path, text: &str) -> Result<Vec<Benchmark>, ImportError> {
    let area_columns: Vec<String> = AreaNumber::ALL.map(|n| format!("area{n}")).to_vec();
    let mut required = vec![
        "label",
        "revision",
        "year",
        "evaluations",
        "total",
        "source_url",
        "notes",
    ];
    required.extend(area_columns.iter().map(String::as_str));
    let mut problems = Problems::default();
    let benchmarks = read_csv(path, text, &required)?
        .into_iter()
        .filter_map(|(line, row)| benchmark(line, &row, &mut problems))
        .collect();
    problems.into_result(path, benchmarks)
}

/// One benchmark row: a labelled, sourced average of a revision and year.
fn benchmark(
    line: Option<u32>,
    row: &BTreeMap<String, String>,
    problems: &mut Problems,
) -> Option<Benchmark> {
    let field = |k: &str| row.get(k).cloned().unwrap_or_default();
    let revision = problems.check(
        line,
        Field::column("revision"),
        field("revision").parse::<Revision>(),
    );
    let year = field("year")
        .parse::<i32>()
        .map_err(|_| RegisterProblem::NotAYear(field("year")));
    let year = problems.check(line, Field::column("year"), year);
    let evaluations = match field("evaluations").as_str() {
        "" => None,
        v => {
            let count = v
                .parse::<u32>()
                .map_err(|_| RegisterProblem::NotACount(v.to_string()));
            problems.check(line, Field::column("evaluations"), count)
        }
    };
    let mut optional_score = |k: &str| -> Option<Score> {
        let v = field(k);
        (!v.is_empty())
            .then(|| problems.check(line, Field::column(k), Score::parse_printed(&v)))
            .flatten()
    };
    let areas: Vec<(AreaNumber, Score)> = AreaNumber::ALL
        .into_iter()
        .filter_map(|n| optional_score(&format!("area{n}")).map(|s| (n, s)))
        .collect();
    let total = optional_score("total");
    if field("label").is_empty() {
        problems.push(line, Field::column("label"), RegisterProblem::Empty);
    }
    if !crate::domain::text::is_web_address(&field("source_url")) {
        problems.push(
            line,
            Field::column("source_url"),
            RegisterProblem::BenchmarkWithoutSource,
        );
    }
    Some(Benchmark {
        label: field("label"),
        revision: revision?,
        year: year?,
        evaluations,
        areas,
        total,
        source_url: field("source_url"),
        notes: Some(field("notes")).filter(|n| !n.is_empty()),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    themes: Vec<Spanned<RawTheme>>,
    revisions: Vec<Spanned<RawRevision>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    number: u8,
    name: String,
    slug: String,
    heading: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRevision {
    id: String,
    name: String,
    used: String,
    #[serde(default)]
    fallback: bool,
    areas: Vec<Spanned<RawArea>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    number: u8,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    theme: u8,
    confidence: String,
    note: Option<String>,
    #[serde(default)]
    subareas: Vec<Spanned<RawSubarea>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubarea {
    code: String,
    name: String,
    max: i64,
}

pub fn parse_catalogue(path: &Path, text: &str) -> Result<Catalogue, ImportError> {
    let raw: RawCatalogue = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut problems = Problems::default();
    let lines = Lines::of(text);
    let at = |span: std::ops::Range<usize>| Some(lines.line(span.start));
    let themes = themes(&raw.themes, &at, &mut problems);
    let mut revisions = Vec::new();
    for r in &raw.revisions {
        revisions.extend(revision(r.get_ref(), at(r.span()), &at, &mut problems));
    }
    revisions.sort_by_key(|r| r.id);
    if revisions.windows(2).any(|w| w[0].id == w[1].id) {
        problems.push(
            None,
            Field::Registers(RegisterField::Revisions),
            RegisterProblem::RevisionListedTwice,
        );
    }
    problems.into_result(path, Catalogue { themes, revisions })
}

/// The line of a span in the catalogue's text.
type At<'a> = dyn Fn(std::ops::Range<usize>) -> Option<u32> + 'a;

/// The eight themes, each with a new number and a slug fit for an address.
fn themes(raw: &[Spanned<RawTheme>], at: &At<'_>, problems: &mut Problems) -> Vec<Theme> {
    let mut themes: Vec<Theme> = Vec::new();
    for t in raw {
        let line = at(t.span());
        let t = t.get_ref();
        let number = ThemeNumber::try_from(t.number)
            .ok()
            .filter(|n| !themes.iter().any(|x| x.number == *n));
        if number.is_none() {
            problems.push(
                line,
                Field::Registers(RegisterField::Theme(Part::Number)),
                RegisterProblem::ThemeNumber(t.number),
            );
        }
        if t.slug.is_empty() || !t.slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            problems.push(
                line,
                Field::Registers(RegisterField::Theme(Part::Slug)),
                RegisterProblem::ThemeSlug(t.slug.clone()),
            );
        }
        if let Some(number) = number {
            themes.push(Theme {
                number,
                name: t.name.clone(),
                slug: t.slug.clone(),
                heading: t.heading.clone(),
            });
        }
    }
    if raw.len() != 8 {
        problems.push(
            None,
            Field::Registers(RegisterField::Themes),
            RegisterProblem::ThemeCount(raw.len()),
        );
    }
    themes
}

/// A revision with its eight areas, or `None` when its id is not a revision name.
fn revision(
    r: &RawRevision,
    line: Option<u32>,
    at: &At<'_>,
    problems: &mut Problems,
) -> Option<RevisionDefinition> {
    let Ok(id) = r.id.parse::<Revision>() else {
        problems.push(
            line,
            Field::Registers(RegisterField::RevisionId),
            RegisterProblem::RevisionName(r.id.clone()),
        );
        return None;
    };
    let mut areas: Vec<AreaDefinition> = Vec::new();
    for a in &r.areas {
        let field = |part| {
            Field::Registers(RegisterField::RevisionArea {
                revision: id,
                area: a.get_ref().number,
                part,
            })
        };
        let number = AreaNumber::try_from(a.get_ref().number).ok();
        if number.is_none_or(|n| areas.iter().any(|x| x.number == n)) {
            problems.push(
                at(a.span()),
                field(Part::Number),
                RegisterProblem::AreaNumber,
            );
        }
        let Some(number) = number else {
            continue;
        };
        areas.push(area(
            a.get_ref(),
            number,
            at(a.span()),
            &field,
            at,
            problems,
        ));
    }
    if areas.len() != 8 {
        problems.push(
            line,
            Field::Registers(RegisterField::RevisionAreas(id)),
            RegisterProblem::AreaCount(areas.len()),
        );
    }
    areas.sort_by_key(|a| a.number);
    Some(RevisionDefinition {
        id,
        name: r.name.clone(),
        used: r.used.clone(),
        fallback: r.fallback,
        areas,
    })
}

/// An area: its theme and confidence, and its sub-areas, whose maxima add up to 100.
fn area(
    a: &RawArea,
    number: AreaNumber,
    line: Option<u32>,
    field: &dyn Fn(Part) -> Field,
    at: &At<'_>,
    problems: &mut Problems,
) -> AreaDefinition {
    let theme = ThemeNumber::try_from(a.theme).unwrap_or_else(|_| {
        problems.push(
            line,
            field(Part::Theme),
            RegisterProblem::AreaTheme(a.theme),
        );
        ThemeNumber::ALL[0]
    });
    let confidence = a
        .confidence
        .parse::<Confidence>()
        .map_err(|_| RegisterProblem::Confidence(a.confidence.clone()));
    let confidence = problems
        .check(line, field(Part::Confidence), confidence)
        .unwrap_or(Confidence::None);
    let mut subareas: Vec<SubareaDefinition> = Vec::new();
    for s in &a.subareas {
        let sline = at(s.span());
        let s = s.get_ref();
        match s.code.parse::<SubareaCode>() {
            Ok(code) if code.area == number && !subareas.iter().any(|x| x.code == code) => {
                subareas.push(SubareaDefinition {
                    code,
                    name: s.name.clone(),
                    max: Score::whole(s.max),
                });
            }
            Ok(code) => problems.push(
                sline,
                field(Part::Subareas),
                RegisterProblem::SubareaElsewhere(code),
            ),
            Err(e) => problems.push(sline, field(Part::Subareas), e),
        }
        if s.max <= 0 || s.max > 100 {
            problems.push(
                sline,
                field(Part::Subareas),
                RegisterProblem::SubareaMax(s.max),
            );
        }
    }
    let sum: i64 = subareas.iter().map(|s| s.max.tenths()).sum();
    if !subareas.is_empty() && sum != AREA_MAX.tenths() {
        problems.push(
            line,
            field(Part::Subareas),
            RegisterProblem::SubareaMaximaSum(sum / 10),
        );
    }
    AreaDefinition {
        number,
        name: a.name.clone(),
        aliases: a.aliases.clone(),
        theme,
        confidence,
        crosswalk_note: a.note.clone(),
        subareas,
    }
}
