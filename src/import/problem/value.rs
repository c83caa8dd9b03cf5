//! A value that is not what its field holds: the domain's own parse errors
//! (a municipality code, a revision, a score...) and the evaluation file's
//! (a year, a month, a date, a text kind, a web address).

use std::fmt;

use chrono::NaiveDate;

use super::ProblemKind;
use crate::domain::code::BadFigure;
use crate::domain::code::{BadAreaNumber, BadMunicipalityCode, BadSubareaCode};
use crate::domain::contribution::BadReference;
use crate::domain::revision::BadRevision;
use crate::domain::score::BadScore;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    MunicipalityCode(BadMunicipalityCode),
    Revision(BadRevision),
    AreaNumber(BadAreaNumber),
    SubareaCode(BadSubareaCode),
    Score(BadScore),
    /// Not "total" or "area 1" ... "area 8".
    Figure(BadFigure),
    /// A score written as a negative whole number.
    NegativeWhole(i64),
    /// A score written as infinity or not-a-number.
    NotFinite(String),
    /// A stated change written as infinity or not-a-number.
    NotAChange(String),
    ImplausibleYear(i64),
    NotAMonth(i64),
    NotAnEvaluationNumber(i64),
    NotADate(String),
    ImplausiblePublication(NaiveDate),
    PublishedBeforeEvaluation {
        date: NaiveDate,
        year: i32,
        month: Option<u8>,
    },
    NotATextKind(String),
    /// An address that is not `http://` or `https://`.
    NotAWebAddress(String),
    /// A stated change without the page that states it.
    StatedSourceMissing,
    /// Not a contribution's reference (`B-2026-0007`).
    ContributionReference(BadReference),
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::MunicipalityCode(e) => e.fmt(f),
            ValueProblem::Revision(e) => e.fmt(f),
            ValueProblem::AreaNumber(e) => e.fmt(f),
            ValueProblem::SubareaCode(e) => e.fmt(f),
            ValueProblem::Score(e) => e.fmt(f),
            ValueProblem::Figure(e) => e.fmt(f),
            ValueProblem::NegativeWhole(n) => {
                write!(f, "{n} is negative; scores are never below zero")
            }
            ValueProblem::NotFinite(v) => write!(f, "{v} is not a figure"),
            ValueProblem::NotAChange(v) => write!(f, "{v} is not a change"),
            ValueProblem::ImplausibleYear(y) => {
                write!(f, "{y} is not a plausible evaluation year")
            }
            ValueProblem::NotAMonth(m) => write!(f, "{m} is not a month (1-12)"),
            ValueProblem::NotAnEvaluationNumber(n) => write!(
                f,
                "{n} is not an evaluation number (1 for the first, 2 for the second, ...)"
            ),
            ValueProblem::NotADate(text) => {
                write!(f, "{text} is not a date (write it as 2021-05-10)")
            }
            ValueProblem::ImplausiblePublication(date) => {
                write!(f, "{date} is not a plausible publication date")
            }
            ValueProblem::PublishedBeforeEvaluation { date, year, month } => match month {
                Some(m) => write!(f, "{date} is before the evaluation itself ({year}-{m:02})"),
                None => write!(f, "{date} is before the evaluation itself ({year})"),
            },
            ValueProblem::NotATextKind(kind) => write!(
                f,
                "{kind:?} is not a text kind (strengths_and_improvements, strengths, improvements, summary)"
            ),
            ValueProblem::NotAWebAddress(url) => {
                write!(f, "{url:?} is not a web address (http:// or https://)")
            }
            ValueProblem::StatedSourceMissing => {
                f.write_str("the address of the page that says so is missing")
            }
            ValueProblem::ContributionReference(e) => e.fmt(f),
        }
    }
}

macro_rules! value_from {
    ($($part:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for ProblemKind {
            fn from(e: $ty) -> Self {
                ProblemKind::Value(ValueProblem::$part(e))
            }
        })*
    };
}

value_from!(
    MunicipalityCode(BadMunicipalityCode),
    Revision(BadRevision),
    AreaNumber(BadAreaNumber),
    SubareaCode(BadSubareaCode),
    Score(BadScore),
    Figure(BadFigure),
    ContributionReference(BadReference),
);
