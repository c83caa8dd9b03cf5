//! The evaluation file: one published evaluation per TOML file, written and
//! reviewed by curators. `parse` reads it (every figure keeps its line);
//! `to_toml` writes one, e.g. from a parsed report.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{ImportError, Problem, line_of};
use crate::domain::{
    AreaScore, AreaText, Discrepancy, Evaluation, MunicipalityCode, Revision, Score, Source,
    SubareaCode, SubareaScore, TextKind,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvaluation {
    municipality: Spanned<String>,
    municipality_name: Option<Spanned<String>>,
    year: Spanned<i64>,
    month: Option<Spanned<i64>>,
    evaluation_number: Option<Spanned<i64>>,
    revision: Spanned<String>,
    total: Option<Spanned<RawNumber>>,
    #[serde(default)]
    evaluators: Vec<String>,
    notes: Option<String>,
    #[serde(default)]
    areas: Vec<Spanned<RawArea>>,
    #[serde(default)]
    subareas: Vec<Spanned<RawSubarea>>,
    source: Option<Spanned<RawSource>>,
    #[serde(default)]
    discrepancies: Vec<Spanned<RawDiscrepancy>>,
    #[serde(default)]
    texts: Vec<Spanned<RawText>>,
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
    /// One per `[[discrepancies]]` entry, in order.
    pub discrepancy_lines: Vec<Option<u32>>,
}

fn score(raw: &RawNumber) -> Result<Score, String> {
    match raw {
        RawNumber::Integer(n) if *n < 0 => {
            Err(format!("{n} is negative; scores are never below zero"))
        }
        RawNumber::Integer(n) => Score::parse_printed(&n.to_string()).map_err(|e| e.to_string()),
        RawNumber::Float(f) if !f.is_finite() => Err(format!("{f} is not a figure")),
        RawNumber::Float(f) => Score::parse_printed(&f.to_string()).map_err(|e| e.to_string()),
        RawNumber::Text(s) => Score::parse_printed(s).map_err(|e| e.to_string()),
    }
}

/// Parses an evaluation file. Structural problems (syntax, unknown keys,
/// malformed figures) are reported here, all at once; the rules that need the
/// catalogue are `validate`'s.
pub fn parse(path: &Path, text: &str) -> Result<ParsedFile, ImportError> {
    let raw: RawEvaluation = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let message = e.message().trim().to_string();
        ImportError::invalid(path, vec![Problem::new(line, "toml", message)])
    })?;
    let mut problems = Vec::new();
    let at = |span: std::ops::Range<usize>| Some(line_of(text, span.start));

    let municipality = raw
        .municipality
        .get_ref()
        .parse::<MunicipalityCode>()
        .map_err(|e| {
            problems.push(Problem::new(
                at(raw.municipality.span()),
                "municipality",
                e.to_string(),
            ))
        })
        .ok();
    let revision = raw
        .revision
        .get_ref()
        .parse::<Revision>()
        .map_err(|e| {
            problems.push(Problem::new(
                at(raw.revision.span()),
                "revision",
                e.to_string(),
            ))
        })
        .ok();
    let year = i32::try_from(*raw.year.get_ref()).unwrap_or(0);
    if !(1990..=2100).contains(&year) {
        problems.push(Problem::new(
            at(raw.year.span()),
            "year",
            format!("{} is not a plausible evaluation year", raw.year.get_ref()),
        ));
    }
    let month = raw
        .month
        .as_ref()
        .and_then(|m| match u8::try_from(*m.get_ref()) {
            Ok(v @ 1..=12) => Some(v),
            _ => {
                problems.push(Problem::new(
                    at(m.span()),
                    "month",
                    format!("{} is not a month (1-12)", m.get_ref()),
                ));
                None
            }
        });
    let evaluation_number =
        raw.evaluation_number
            .as_ref()
            .and_then(|n| match u8::try_from(*n.get_ref()) {
                Ok(v @ 1..=50) => Some(v),
                _ => {
                    problems.push(Problem::new(
                    at(n.span()),
                    "evaluation_number",
                    format!(
                        "{} is not an evaluation number (1 for the first, 2 for the second, ...)",
                        n.get_ref()
                    ),
                ));
                    None
                }
            });
    let total = raw.total.as_ref().and_then(|t| {
        score(t.get_ref())
            .map_err(|m| problems.push(Problem::new(at(t.span()), "total", m)))
            .ok()
    });

    let mut areas = Vec::new();
    for (i, spanned) in raw.areas.iter().enumerate() {
        let line = at(spanned.span());
        let a = spanned.get_ref();
        let field = |f: &str| format!("areas[{i}].{f}");
        let number = match u8::try_from(a.number) {
            Ok(n @ 1..=8) => Some(n),
            _ => {
                problems.push(Problem::new(
                    line,
                    field("number"),
                    format!("{} is not an area number (1-8)", a.number),
                ));
                None
            }
        };
        let points = score(&a.points)
            .map_err(|m| problems.push(Problem::new(line, field("points"), m)))
            .ok();
        let percent = match &a.percent {
            Some(p) => score(p)
                .map_err(|m| problems.push(Problem::new(line, field("percent"), m)))
                .ok(),
            None => None,
        };
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

    let mut subareas = Vec::new();
    for (i, spanned) in raw.subareas.iter().enumerate() {
        let line = at(spanned.span());
        let s = spanned.get_ref();
        let field = |f: &str| format!("subareas[{i}].{f}");
        let code = s
            .code
            .parse::<SubareaCode>()
            .map_err(|e| problems.push(Problem::new(line, field("code"), e.to_string())))
            .ok();
        let points = score(&s.points)
            .map_err(|m| problems.push(Problem::new(line, field("points"), m)))
            .ok();
        let max = score(&s.max)
            .map_err(|m| problems.push(Problem::new(line, field("max"), m)))
            .ok();
        let percent = match &s.percent {
            Some(p) => score(p)
                .map_err(|m| problems.push(Problem::new(line, field("percent"), m)))
                .ok(),
            None => None,
        };
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

    let discrepancies = raw
        .discrepancies
        .iter()
        .map(|d| Discrepancy {
            figure: d.get_ref().figure.trim().to_string(),
            note: d.get_ref().note.trim().to_string(),
        })
        .collect();

    let mut texts = Vec::new();
    for (i, spanned) in raw.texts.iter().enumerate() {
        let t = spanned.get_ref();
        let line = at(spanned.span());
        let area = match u8::try_from(t.area) {
            Ok(n @ 1..=8) => Some(n),
            _ => {
                problems.push(Problem::new(
                    line,
                    format!("texts[{i}].area"),
                    format!("{} is not an area number (1-8)", t.area),
                ));
                None
            }
        };
        let kind = TextKind::parse(&t.kind).or_else(|| {
            problems.push(Problem::new(
                line,
                format!("texts[{i}].kind"),
                format!("{:?} is not a text kind (strengths_and_improvements, strengths, improvements, summary)", t.kind),
            ));
            None
        });
        if let (Some(area), Some(kind)) = (area, kind) {
            texts.push(AreaText {
                area,
                kind,
                text: t.text.trim_end().to_string(),
            });
        }
    }

    if !problems.is_empty() {
        return Err(ImportError::invalid(path, problems));
    }
    let (Some(municipality), Some(revision)) = (municipality, revision) else {
        return Err(ImportError::invalid(path, problems));
    };
    let nonblank = |s: &Option<String>| {
        s.as_ref()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let evaluation = Evaluation {
        municipality,
        year,
        month,
        evaluation_number,
        revision,
        total,
        total_line: raw.total.as_ref().and_then(|t| at(t.span())),
        areas,
        subareas,
        discrepancies,
        evaluators: raw
            .evaluators
            .iter()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty())
            .collect(),
        source: Source {
            url: raw.source.as_ref().and_then(|s| nonblank(&s.get_ref().url)),
            title: raw
                .source
                .as_ref()
                .and_then(|s| nonblank(&s.get_ref().title)),
        },
        notes: nonblank(&raw.notes),
        texts,
    };
    let facts = FileFacts {
        municipality_name: raw
            .municipality_name
            .map(|n| (n.get_ref().clone(), line_of(text, n.span().start))),
        municipality_line: at(raw.municipality.span()),
        revision_line: at(raw.revision.span()),
        source_line: raw.source.as_ref().and_then(|s| at(s.span())),
        discrepancy_lines: raw.discrepancies.iter().map(|d| at(d.span())).collect(),
    };
    Ok(ParsedFile { evaluation, facts })
}

/// A TOML string literal (basic string, escaped).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML multi-line string for prose, falling back to a basic string when the
/// text itself contains the delimiter.
fn multiline(s: &str) -> String {
    if s.contains("\"\"\"")
        || s.contains('\\')
        || s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        quoted(s)
    } else {
        format!("\"\"\"\n{s}\n\"\"\"")
    }
}

/// Writes the evaluation file a curator reviews and commits: root keys first,
/// one line per area and sub-area (as in the report's table), then prose.
pub fn to_toml(e: &Evaluation, municipality_name: Option<&str>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "municipality = {}", quoted(e.municipality.as_str()));
    if let Some(name) = municipality_name {
        let _ = writeln!(out, "municipality_name = {}", quoted(name));
    }
    let _ = writeln!(out, "year = {}", e.year);
    if let Some(m) = e.month {
        let _ = writeln!(out, "month = {m}");
    }
    if let Some(n) = e.evaluation_number {
        let _ = writeln!(out, "evaluation_number = {n}");
    }
    let _ = writeln!(out, "revision = {}", quoted(&e.revision.to_string()));
    if let Some(t) = e.total {
        let _ = writeln!(out, "total = {t}");
    }
    if !e.evaluators.is_empty() {
        let list: Vec<String> = e.evaluators.iter().map(|s| quoted(s)).collect();
        let _ = writeln!(out, "evaluators = [{}]", list.join(", "));
    }
    if let Some(notes) = &e.notes {
        let _ = writeln!(out, "notes = {}", multiline(notes));
    }
    if !e.areas.is_empty() {
        out.push_str("\nareas = [\n");
        for a in &e.areas {
            let mut fields = vec![
                format!("number = {}", a.number),
                format!("points = {}", a.points),
            ];
            if let Some(p) = a.percent {
                fields.push(format!("percent = {p}"));
            }
            if let Some(name) = &a.printed_name {
                fields.push(format!("name = {}", quoted(name)));
            }
            let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
        }
        out.push_str("]\n");
    }
    if !e.subareas.is_empty() {
        out.push_str("\nsubareas = [\n");
        for s in &e.subareas {
            let mut fields = vec![
                format!("code = {}", quoted(&s.code.to_string())),
                format!("points = {}", s.points),
                format!("max = {}", s.max),
            ];
            if let Some(p) = s.percent {
                fields.push(format!("percent = {p}"));
            }
            if let Some(name) = &s.name {
                fields.push(format!("name = {}", quoted(name)));
            }
            let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
        }
        out.push_str("]\n");
    }
    if e.source.url.is_some() || e.source.title.is_some() {
        out.push_str("\n[source]\n");
        if let Some(url) = &e.source.url {
            let _ = writeln!(out, "url = {}", quoted(url));
        }
        if let Some(title) = &e.source.title {
            let _ = writeln!(out, "title = {}", quoted(title));
        }
    }
    for d in &e.discrepancies {
        let _ = writeln!(
            out,
            "\n[[discrepancies]]\nfigure = {}\nnote = {}",
            quoted(&d.figure),
            quoted(&d.note)
        );
    }
    for t in &e.texts {
        let _ = writeln!(
            out,
            "\n[[texts]]\narea = {}\nkind = {}\ntext = {}",
            t.area,
            quoted(t.kind.as_str()),
            multiline(&t.text)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
municipality = "1881"
municipality_name = "Kumla"
year = 2020
month = 11
evaluation_number = 2
revision = "v2020"
total = 557
notes = """
Two lines
of notes."""

areas = [
  { number = 1, points = 66, percent = 66, name = "Offentlighet och demokrati" },
  { number = 2, points = "72,5" },
]
subareas = [
  { code = "1.1", points = 13, max = 20, percent = 63, name = "Strategi" },
]

[source]
url = "https://example.org/kumla"

[[discrepancies]]
figure = "total"
note = "Printed as such."
"#;

    #[test]
    fn reads_every_field_and_its_line() {
        let parsed = parse(Path::new("k.toml"), SAMPLE).unwrap();
        let e = &parsed.evaluation;
        assert_eq!(e.municipality.as_str(), "1881");
        assert_eq!(
            (e.year, e.month, e.evaluation_number),
            (2020, Some(11), Some(2))
        );
        assert_eq!(e.total, Some(Score::whole(557)));
        assert_eq!(e.areas[1].points, Score::from_tenths(725, 1));
        assert_eq!(e.areas[0].line, Some(14));
        assert_eq!(e.subareas[0].line, Some(18));
        assert_eq!(e.notes.as_deref(), Some("Two lines\nof notes."));
        assert_eq!(e.discrepancies.len(), 1);
        assert_eq!(
            parsed.facts.municipality_name,
            Some(("Kumla".to_string(), 3))
        );
        assert_eq!(
            (parsed.facts.municipality_line, parsed.facts.revision_line),
            (Some(2), Some(7))
        );
        assert_eq!(parsed.facts.discrepancy_lines.len(), 1);
    }

    #[test]
    fn writes_what_it_reads() {
        let parsed = parse(Path::new("k.toml"), SAMPLE).unwrap();
        let written = to_toml(&parsed.evaluation, Some("Kumla"), "Kumla 2020");
        let again = parse(Path::new("k2.toml"), &written).unwrap();
        assert_eq!(
            again.evaluation.without_lines(),
            parsed.evaluation.without_lines()
        );
    }

    #[test]
    fn names_the_line_and_field_of_a_bad_figure() {
        let bad = SAMPLE.replace("points = 13", "points = \"1x\"");
        let err = parse(Path::new("k.toml"), &bad).unwrap_err().to_string();
        assert!(err.contains("k.toml:18: subareas[0].points"), "{err}");
    }

    #[test]
    fn refuses_unknown_keys_and_syntax_errors_with_a_line() {
        let typo = SAMPLE.replace("month = 11", "monht = 11");
        let err = parse(Path::new("k.toml"), &typo).unwrap_err().to_string();
        assert!(
            err.contains("k.toml:5: toml") && err.contains("monht"),
            "{err}"
        );
        let broken = SAMPLE.replace("year = 2020", "year = ");
        let err = parse(Path::new("k.toml"), &broken).unwrap_err().to_string();
        assert!(err.contains("k.toml:4"), "{err}");
    }

    #[test]
    fn refuses_impossible_values_all_at_once() {
        let bad = SAMPLE
            .replace("month = 11", "month = 13")
            .replace("number = 2,", "number = 9,")
            .replace("\"1881\"", "\"188\"");
        let err = parse(Path::new("k.toml"), &bad).unwrap_err().to_string();
        assert!(
            err.contains("month")
                && err.contains("areas[1].number")
                && err.contains("municipality"),
            "{err}"
        );
    }
}
