//! What `kompass import --dry-run` (and `check`) shows of a review
//! (`review.rs`), as text: who, when, which revision, every area and
//! sub-area with the line its figures were read from, and each check by
//! name. `/bidra` shows the same review as a page. Pure: values in, text out.

use std::fmt::Write as _;

use super::report::ReportDetails;
use super::review::{Check, CheckLine, Review, Scope, Status};
use super::validate::Rule;
use crate::domain::evaluation::month_name_sv;
use crate::domain::{AreaNumber, Catalogue, Evaluation, Score, TextKind};

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

/// Which areas' chapter points were checked against the overview table:
/// only those that were (a chapter not found, or without points, is not).
fn chapter_check(checked: &[AreaNumber], e: &Evaluation) -> String {
    let list = |areas: &[AreaNumber]| {
        let names: Vec<String> = areas.iter().map(AreaNumber::to_string).collect();
        names.join(", ")
    };
    let unchecked: Vec<AreaNumber> = e
        .areas
        .iter()
        .map(|a| a.number)
        .filter(|n| !checked.contains(n))
        .collect();
    match (checked.is_empty(), unchecked.is_empty()) {
        (true, _) => "no chapter points checked against it".into(),
        (false, true) => format!(
            "chapter points of areas {} checked against it",
            list(checked)
        ),
        (false, false) => format!(
            "chapter points of area(s) {} checked against it, not of {}",
            list(checked),
            list(&unchecked)
        ),
    }
}

/// The whole review: for a report who and when (each with its line), for a
/// file its one line; then every area and sub-area with its line, the
/// texts read, and each check.
pub fn render(review: &Review, catalogue: &Catalogue) -> String {
    let e = &review.evaluation;
    let mut out = match &review.report {
        Some(details) => header(e, details, catalogue),
        None => one_line(e, review.municipality.as_ref().map(|m| m.name.as_str())),
    };
    if !e.areas.is_empty() || !e.subareas.is_empty() {
        out.push_str(&figures_table(e, catalogue));
    }
    if let Some(details) = &review.report {
        let count = |kind: TextKind| e.texts.iter().filter(|t| t.kind == kind).count();
        let _ = writeln!(
            out,
            "\n  texts: {} strengths/improvements blocks ({} split into two lists), {} summaries",
            count(TextKind::StrengthsAndImprovements),
            details.split_areas.len(),
            count(TextKind::Summary)
        );
    }
    out.push_str(&checks(review));
    out
}

/// Each check on a line: `ok`, `FAILED` (then its problems), or `-` for
/// one with nothing to check.
pub fn checks(review: &Review) -> String {
    let mut out = String::from("\n  checks:\n");
    for line in review.checks() {
        let mark = match &line.status {
            Status::Passed => "ok",
            Status::Failed(_) => "FAILED",
            Status::NotApplicable => "-",
            Status::NotRun => "not run",
        };
        if line.check == Check::Rule(Rule::Discrepancies) && line.status == Status::NotApplicable {
            continue;
        }
        let _ = writeln!(out, "    {mark:<7} {}", describe(&line));
        if let Status::Failed(problems) = &line.status {
            for p in problems {
                let at = p.line.map(|l| format!("line {l}: ")).unwrap_or_default();
                let _ = writeln!(out, "            {at}{}: {}", p.field, p.kind);
            }
        }
    }
    out
}

fn areas_list(areas: &[AreaNumber]) -> String {
    let names: Vec<String> = areas.iter().map(AreaNumber::to_string).collect();
    names.join(", ")
}

/// A check and what it covered, in words.
fn describe(line: &CheckLine) -> String {
    let scope = match &line.scope {
        Scope::Nothing => match line.check {
            Check::Rule(Rule::Source | Rule::Total) => String::new(),
            _ => " (none printed)".to_string(),
        },
        Scope::Municipality { name, code } => format!(" ({name} {code})"),
        Scope::Revision(r) => format!(" ({r})"),
        Scope::Count(n) => format!(" ({n})"),
        Scope::Areas(a) => format!(" (areas {})", areas_list(a)),
        Scope::Address(url) => format!(" ({url})"),
        Scope::Total { total, all_areas } => format!(
            " ({total}{})",
            if *all_areas {
                ""
            } else {
                "; not all eight areas printed, so not summed"
            }
        ),
    };
    let what = match line.check {
        Check::AllAreas => "all eight areas' points printed",
        Check::TableRows => "overview table rows in sequence, maxima adding up to 100",
        Check::ChapterPoints => "chapter points equal the table's area totals",
        Check::Rule(Rule::Municipality) => "municipality in the register",
        Check::Rule(Rule::Revision) => "criteria revision in the catalogue",
        Check::Rule(Rule::Source) if line.scope == Scope::Nothing => "source address: none given",
        Check::Rule(Rule::Source) => "source address is a web address",
        Check::Rule(Rule::Discrepancies) => "recorded discrepancies name a figure",
        Check::Rule(Rule::Areas) => "areas within 0-100, points and percent agreeing",
        Check::Rule(Rule::Subareas) => {
            "sub-areas as in the catalogue, within range, points and percent agreeing"
        }
        Check::Rule(Rule::AreaSums) => {
            "each area's sub-areas add up to its total, allowing for rounding"
        }
        Check::Rule(Rule::Total) if line.scope == Scope::Nothing => {
            "total: none published (never computed)"
        }
        Check::Rule(Rule::Total) => {
            "total at most 800, the areas add up to it allowing for rounding"
        }
    };
    format!("{what}{scope}")
}

/// Who, when, which evaluation and revision, the total, the table's lines.
fn header(e: &Evaluation, details: &ReportDetails, catalogue: &Catalogue) -> String {
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
    let total = match e.total {
        Some(t) => format!("{t} (line {})", line(e.total_line)),
        None => "not printed in the report (none is computed)".into(),
    };
    let _ = writeln!(out, "  total:             {total}");
    if let Some((first, last)) = details.table_lines {
        let _ = writeln!(
            out,
            "  overview table:    lines {first}-{last}; {}",
            chapter_check(&details.checked_areas, e)
        );
    }
    out
}

/// Every area, each followed by its sub-areas, with figures and lines.
fn figures_table(e: &Evaluation, catalogue: &Catalogue) -> String {
    let mut out = String::from("\n");
    let mut row = |first: &dyn std::fmt::Display, name: &str, figures: [String; 4]| {
        let [points, max, percent, at] = figures;
        let _ = writeln!(
            out,
            "  {first:<6} {:<66} {points:>6} {max:>4} {percent:>4} {at:>6}",
            cut(name, 66)
        );
    };
    row(
        &"area",
        "name",
        ["points", "max", "%", "line"].map(String::from),
    );
    for a in &e.areas {
        let name = catalogue.area_name(e.revision, a);
        let figures = [
            a.points.to_string(),
            "100".into(),
            figure(a.percent),
            line(a.line),
        ];
        row(&a.number, &name, figures);
        for s in e.subareas.iter().filter(|s| s.code.area == a.number) {
            let label = format!("{} {}", s.code, s.name.as_deref().unwrap_or(""));
            let figures = [
                s.points.to_string(),
                s.max.to_string(),
                figure(s.percent),
                line(s.line),
            ];
            row(&"", &label, figures);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AreaScore, Revision};

    fn with_areas(numbers: &[u8]) -> Evaluation {
        let mut e = Evaluation::new("1881".parse().unwrap(), 2020, Revision::new(2020));
        e.areas = numbers
            .iter()
            .map(|&number| AreaScore {
                number: AreaNumber::try_from(number).unwrap(),
                printed_name: None,
                points: Score::whole(60),
                percent: None,
                line: None,
            })
            .collect();
        e
    }

    fn areas(numbers: &[u8]) -> Vec<AreaNumber> {
        numbers
            .iter()
            .map(|&n| AreaNumber::try_from(n).unwrap())
            .collect()
    }

    #[test]
    fn the_figures_table_keeps_its_columns() {
        let e = with_areas(&[1]);
        let table = figures_table(&e, &Catalogue::default());
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "");
        assert!(lines[1].starts_with("  area   name "), "{table}");
        assert!(lines[2].starts_with("  1      "), "{table}");
        assert_eq!(lines[1].len(), lines[2].len(), "{table}");
    }

    #[test]
    fn says_which_areas_chapter_points_were_checked() {
        let e = with_areas(&[1, 2, 3]);
        assert_eq!(
            chapter_check(&areas(&[1, 2, 3]), &e),
            "chapter points of areas 1, 2, 3 checked against it"
        );
        assert_eq!(
            chapter_check(&areas(&[2]), &e),
            "chapter points of area(s) 2 checked against it, not of 1, 3"
        );
        assert_eq!(
            chapter_check(&[], &e),
            "no chapter points checked against it"
        );
    }
}
