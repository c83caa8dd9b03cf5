//! What went wrong, as a value: one enum per part of the import, each
//! variant with the figures, codes and lines involved, so that every
//! renderer words it from the same facts. `Display` is the English the
//! command line prints; `/bidra` words each kind in Swedish
//! (`views/pages/contribute/swedish`), by a `match` that names every kind,
//! so a kind added here without its Swedish does not compile.
//!
//! Adding a kind: a variant in the enum of its part, its English in that
//! enum's `Display`, its Swedish in the matching function of the pages.
//!
//! No kind is free text. Where another program's own words are all there
//! is to say what happened, a kind keeps them as text beside its typed part,
//! and the pages show them after the Swedish, marked as English: the TOML
//! parser's message (`ReadProblem::Toml`, its gist typed as `TomlFault`),
//! an I/O error (`ReadProblem::CannotRead`, the `error` of the `PdfProblem`s
//! that set up and run the tool), `pdftotext`'s exit status and its own
//! output (`PdfProblem::OutOfMemory`, `Unreadable`; not shown on the pages),
//! and the CSV reader's error (`RegisterProblem::Csv`).

use std::fmt;

use super::read::{PdfProblem, ReadProblem};
use super::registers::{RegisterProblem, RunProblem};
use super::report::{MetadataProblem, ReportProblem, TableProblem};
use super::rule::RuleProblem;
use super::value::ValueProblem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Reading the input: empty, not text, not TOML, neither kind of input.
    Read(ReadProblem),
    /// Getting a PDF's text.
    Pdf(PdfProblem),
    /// A value that is not what its field holds ("13" for a month).
    Value(ValueProblem),
    /// A rule every evaluation passes (`validate`).
    Rule(RuleProblem),
    /// A report's who and when.
    Metadata(MetadataProblem),
    /// A report's overview table, and the cross-checks of its rows.
    Table(TableProblem),
    /// A report as a whole: its chapters, its revision, all its areas.
    Report(ReportProblem),
    /// The registers a curator edits (register, benchmarks, catalogue).
    Registers(RegisterProblem),
    /// An import run: files of one batch, evaluations already stored.
    Run(RunProblem),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Read(p) => p.fmt(f),
            ProblemKind::Pdf(p) => p.fmt(f),
            ProblemKind::Value(p) => p.fmt(f),
            ProblemKind::Rule(p) => p.fmt(f),
            ProblemKind::Metadata(p) => p.fmt(f),
            ProblemKind::Table(p) => p.fmt(f),
            ProblemKind::Report(p) => p.fmt(f),
            ProblemKind::Registers(p) => p.fmt(f),
            ProblemKind::Run(p) => p.fmt(f),
        }
    }
}

macro_rules! kind_from {
    ($($part:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for ProblemKind {
            fn from(p: $ty) -> Self {
                ProblemKind::$part(p)
            }
        })*
    };
}

kind_from!(
    Read(ReadProblem),
    Pdf(PdfProblem),
    Value(ValueProblem),
    Rule(RuleProblem),
    Metadata(MetadataProblem),
    Table(TableProblem),
    Report(ReportProblem),
    Registers(RegisterProblem),
    Run(RunProblem),
);
