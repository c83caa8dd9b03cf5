//! What `kompass import --dry-run` (and `check`) shows of an evaluation read
//! from a report: who, when, which revision, and every area and sub-area with
//! the report line its figures were read from. Pure: values in, text out.

use std::fmt::Write as _;

use super::report::ReportDetails;
use crate::domain::evaluation::month_name_sv;
use crate::domain::{Catalogue, Evaluation, Score, TextKind};

fn figure(s: Option<Score>) -> String {
    s.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

fn line(l: Option<u32>) -> String {
    l.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

/// Cuts a name to `width` characters (on a character boundary).
fn cut(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The readable summary of one evaluation read from a report.
pub fn render(e: &Evaluation, details: &ReportDetails, catalogue: &Catalogue) -> String {
    let mut out = String::new();
    let m = &details.municipality;
    let _ = writeln!(
        out,
        "  municipality:      {} ({}), named on line {}",
        m.name, m.code, details.municipality_line
    );
    let when = match e.month.and_then(month_name_sv) {
        Some(month) => format!("{month} {}", e.year),
        None => e.year.to_string(),
    };
    let _ = writeln!(
        out,
        "  evaluated:         {when} (line {})",
        details.date_line
    );
    let number = match (e.evaluation_number, details.number_line) {
        (Some(n), Some(l)) => format!("{n} (line {l})"),
        _ => "not stated".into(),
    };
    let _ = writeln!(out, "  evaluation number: {number}");
    let revision_name = catalogue
        .revision(e.revision)
        .map(|r| format!(" ({})", r.name))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  revision:          {}{revision_name}, from the printed area names",
        e.revision
    );
    if !e.evaluators.is_empty() {
        let _ = writeln!(out, "  evaluators:        {}", e.evaluators.join(", "));
    }
    let _ = writeln!(
        out,
        "  total:             {}",
        match e.total {
            Some(t) => format!("{t} (line {})", line(e.total_line)),
            None => "not printed in the report (none is computed)".into(),
        }
    );
    if let Some((first, last)) = details.table_lines {
        let _ = writeln!(
            out,
            "  overview table:    lines {first}-{last}; chapter points checked against it"
        );
    }
    let _ = writeln!(
        out,
        "\n  {:<6} {:<66} {:>6} {:>4} {:>4} {:>6}",
        "area", "name", "points", "max", "%", "line"
    );
    for a in &e.areas {
        let name = a
            .printed_name
            .clone()
            .or_else(|| {
                catalogue
                    .revision(e.revision)
                    .and_then(|r| r.area(a.number))
                    .map(|d| d.name.clone())
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<6} {:<66} {:>6} {:>4} {:>4} {:>6}",
            a.number,
            cut(&name, 66),
            a.points.to_string(),
            "100",
            figure(a.percent),
            line(a.line)
        );
        for s in e.subareas.iter().filter(|s| s.code.area == a.number) {
            let label = format!("{} {}", s.code, s.name.as_deref().unwrap_or(""));
            let _ = writeln!(
                out,
                "  {:<6} {:<66} {:>6} {:>4} {:>4} {:>6}",
                "",
                cut(&label, 66),
                s.points.to_string(),
                s.max.to_string(),
                figure(s.percent),
                line(s.line)
            );
        }
    }
    let count = |kind: TextKind| e.texts.iter().filter(|t| t.kind == kind).count();
    let _ = writeln!(
        out,
        "\n  texts: {} strengths/improvements blocks ({} split into two lists), {} summaries",
        count(TextKind::StrengthsAndImprovements),
        details.split_areas.len(),
        count(TextKind::Summary)
    );
    out
}

/// One line about an evaluation read from an evaluation file: what `check`
/// found in it.
pub fn one_line(e: &Evaluation, municipality: Option<&str>) -> String {
    let when = match e.month.and_then(month_name_sv) {
        Some(month) => format!("{month} {}", e.year),
        None => e.year.to_string(),
    };
    let number = e
        .evaluation_number
        .map(|n| format!(", evaluation {n}"))
        .unwrap_or_default();
    let figures = if e.has_published_scores() {
        format!(
            "total {}, {} area(s), {} sub-area(s)",
            e.total
                .map_or_else(|| "not published".to_string(), |t| t.to_string()),
            e.areas.len(),
            e.subareas.len()
        )
    } else {
        "no scores published".to_string()
    };
    format!(
        "  {} ({}), {when}{number}, {}: {figures}\n",
        municipality.unwrap_or("?"),
        e.municipality,
        e.revision
    )
}
