//! The import's problems and notices in Swedish, for the people who send
//! evaluations. The import words each kind in English (`Display`, what
//! `kompass check` prints as `file:line: field: message`); the Swedish is
//! presentation, so it lives beside the pages that show it rather than in
//! `import/`, and `/bidra` (and any later page that reviews a contribution)
//! takes it from here. Each function is a `match` that names every kind of
//! its part of the import, with no catch-all arm: a kind added to the
//! import does not compile until it has its Swedish here. Where a kind
//! carries another program's own words (the TOML parser's message, an I/O
//! error), they follow the Swedish, marked as English.
//!
//! One file per part of the import: `fields.rs` (where), `rules.rs` (the
//! rules and the values of the evaluation file), `reading.rs` (files and
//! PDFs), `report.rs` (the report reader), `curation.rs` (registers and
//! import runs), `notices.rs`.

use crate::domain::{AreaNumber, Figure, Score};
use crate::import::review::InputKind;
use crate::import::{Field, Notice, Problem, ProblemKind};
use crate::views::format::and_list;

mod curation;
mod fields;
mod notices;
mod reading;
mod recognised;
mod report;
mod rules;

/// A problem in the page's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub text: String,
    /// Another program's own account (in English), shown after the text.
    pub english: Option<String>,
}

impl Worded {
    pub fn swedish(text: impl Into<String>) -> Self {
        Worded {
            text: text.into(),
            english: None,
        }
    }

    fn with_english(text: impl Into<String>, english: &str) -> Self {
        Worded {
            text: text.into(),
            english: Some(english.to_string()),
        }
    }
}

/// A problem's message in Swedish, its advice for where the figures were
/// entered (a file, or the form for figures).
pub fn problem(p: &Problem, input: InputKind) -> Worded {
    kind(&p.kind, input)
}

/// A kind of problem in Swedish.
pub fn kind(k: &ProblemKind, input: InputKind) -> Worded {
    match k {
        ProblemKind::Read(r) => reading::read(r),
        ProblemKind::Pdf(p) => reading::pdf(p),
        ProblemKind::Value(v) => Worded::swedish(rules::value(v)),
        ProblemKind::Rule(r) => Worded::swedish(rules::rule(r, input)),
        ProblemKind::Metadata(m) => Worded::swedish(report::metadata(m)),
        ProblemKind::Table(t) => Worded::swedish(report::table(t)),
        ProblemKind::Report(r) => Worded::swedish(report::report(r)),
        ProblemKind::Registers(r) => curation::registers(r),
        ProblemKind::Run(r) => Worded::swedish(curation::run(r)),
    }
}

/// Where in the evaluation a problem is, in Swedish ("delområde 3.2, poäng").
pub fn field(f: &Field) -> String {
    fields::field(f)
}

/// A notice in Swedish, its line first ("Rad 12: ...").
pub fn notice(n: &Notice) -> String {
    let text = notices::notice(&n.kind);
    match n.line {
        Some(line) => format!("Rad {line}: {text}"),
        None => text,
    }
}

/// A figure with a decimal comma.
fn score(s: &Score) -> String {
    s.to_swedish()
}

/// "1, 2 och 3".
fn list<T: ToString>(items: &[T]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    and_list(&items)
}

/// "område 3", "område 1, 3 och 5".
fn areas(numbers: &[AreaNumber]) -> String {
    format!("område {}", list(numbers))
}

/// "totalpoängen", "poängen för område 3".
fn figure(f: &Figure) -> String {
    match f {
        Figure::Total => "totalpoängen".to_string(),
        Figure::Area(n) => format!("poängen för område {n}"),
    }
}

#[cfg(test)]
mod tests;
