//! The evaluation file's `[[stated_changes]]`: changes a source states in
//! words ("+137 poäng jämfört med 2017") for one of this evaluation's
//! figures. Read here with their lines; `validate::check_stated_changes`
//! holds them to the evaluation.
//!
//! ```toml
//! [[stated_changes]]
//! figure = "total"              # or "area 1" ... "area 8"
//! change = 137                  # or "+137", -4, "-4,5"
//! since = 2017                  # the earlier evaluation's year
//! source = "https://www.kumla.se/..."
//! quote = "..."                 # optional: the source's own words
//! ```

use std::fmt::Write as _;

use serde::Deserialize;
use toml::Spanned;

use super::problem::{Field, List, Part, Problems, ValueProblem};
use super::text::Lines;
use crate::domain::{Change, Figure, StatedChange, YEARS};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatedChange {
    figure: String,
    change: RawChange,
    since: i64,
    source: String,
    quote: Option<String>,
}

/// A change may be written 137, -4, 4.5 or as text ("+137", "-4,5").
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawChange {
    Integer(i64),
    Float(f64),
    Text(String),
}

fn change(raw: &RawChange) -> Result<Change, ValueProblem> {
    let text = match raw {
        RawChange::Integer(n) => n.to_string(),
        RawChange::Float(f) if f.is_finite() => f.to_string(),
        RawChange::Float(f) => return Err(ValueProblem::NotAChange(f.to_string())),
        RawChange::Text(s) => s.clone(),
    };
    Change::parse_signed(&text).map_err(ValueProblem::Score)
}

/// Every entry that reads, each problem recorded at its line and field.
pub fn read(
    raw: &[Spanned<RawStatedChange>],
    lines: &Lines,
    problems: &mut Problems,
) -> Vec<StatedChange> {
    let mut out = Vec::new();
    for (i, spanned) in raw.iter().enumerate() {
        let line = Some(lines.line(spanned.span().start));
        let r = spanned.get_ref();
        let field = |part| Field::entry(List::StatedChanges, i, part);
        let figure = problems.check(line, field(Part::Figure), r.figure.parse::<Figure>());
        let amount = problems.check(line, field(Part::Change), change(&r.change));
        let since = i32::try_from(r.since)
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or(ValueProblem::ImplausibleYear(r.since));
        let since = problems.check(line, field(Part::Since), since);
        let source = r.source.trim();
        if source.is_empty() {
            problems.push(line, field(Part::Source), ValueProblem::StatedSourceMissing);
        }
        if let (Some(figure), Some(change), Some(since), false) =
            (figure, amount, since, source.is_empty())
        {
            out.push(StatedChange {
                figure,
                change,
                since,
                source: source.to_string(),
                quote: r
                    .quote
                    .as_deref()
                    .map(str::trim)
                    .filter(|q| !q.is_empty())
                    .map(str::to_string),
                line,
            });
        }
    }
    out
}

/// The entries as an evaluation file writes them.
pub fn to_toml(list: &[StatedChange], quoted: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for s in list {
        let _ = write!(
            out,
            "\n[[stated_changes]]\nfigure = {}\nchange = {}\nsince = {}\nsource = {}\n",
            quoted(&s.figure.to_string()),
            s.change,
            s.since,
            quoted(&s.source)
        );
        if let Some(q) = &s.quote {
            let _ = writeln!(out, "quote = {}", quoted(q));
        }
    }
    out
}
