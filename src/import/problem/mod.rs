//! What is wrong with an input: each broken rule at its file, line and
//! field, printed as compilers print theirs. A problem is a value: where it
//! is (`Field`), and what went wrong with the figures involved
//! (`ProblemKind`, one enum per part of the import), so the command line's
//! English and the pages' Swedish are two renderings of one fact; and so
//! are the notices (`Notice`) said about what was accepted.

use std::fmt;
use std::path::{Path, PathBuf};

mod field;
mod kind;
mod notice;
mod read;
mod recognised;
mod registers;
mod report;
mod rule;
mod value;

pub use field::{Field, List, Part, RegisterField};
pub use kind::ProblemKind;
pub use notice::{Dated, Notice, NoticeKind};
pub use read::{Expected, PdfProblem, ReadProblem, TomlFault};
pub use recognised::{FoundPoints, PointsPlace, Reached, Recognised, Site, Stopped};
pub use registers::{RegisterProblem, RunProblem};
pub use report::{
    DateSource, MetadataProblem, QuotedDate, ReportProblem, RowFault, TableProblem, TotalFault,
};
pub use rule::RuleProblem;
pub use value::ValueProblem;

/// One broken rule, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, when known.
    pub line: Option<u32>,
    pub field: Field,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn new(line: Option<u32>, field: Field, kind: impl Into<ProblemKind>) -> Self {
        Self {
            line,
            field,
            kind: kind.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", Located { path, problems })]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl ImportError {
    pub fn invalid(path: &Path, problems: Vec<Problem>) -> Self {
        ImportError::Invalid {
            path: path.to_path_buf(),
            problems,
        }
    }

    pub fn one(path: &Path, line: Option<u32>, field: Field, kind: impl Into<ProblemKind>) -> Self {
        Self::invalid(path, vec![Problem::new(line, field, kind)])
    }
}

/// The problems of one file, collected while it is read: a value that cannot
/// be read becomes a problem at its line and field, and reading goes on, so
/// that the file's every problem is reported at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(&mut self, line: Option<u32>, field: Field, kind: impl Into<ProblemKind>) {
        self.0.push(Problem::new(line, field, kind));
    }

    /// The value, or `None` with the error recorded as a problem.
    pub fn check<T, E: Into<ProblemKind>>(
        &mut self,
        line: Option<u32>,
        field: Field,
        value: Result<T, E>,
    ) -> Option<T> {
        value.map_err(|e| self.push(line, field, e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_error(self, path: &Path) -> ImportError {
        ImportError::invalid(path, self.0)
    }

    /// `value` when nothing was wrong, else every problem.
    pub fn into_result<T>(self, path: &Path, value: T) -> Result<T, ImportError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error(path))
        }
    }
}

/// "file:line: field: message", one problem per line, as compilers print them.
struct Located<'a> {
    path: &'a Path,
    problems: &'a [Problem],
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match p.line {
                Some(line) => write!(f, "{}:{line}: {}: {}", self.path.display(), p.field, p.kind)?,
                None => write!(f, "{}: {}: {}", self.path.display(), p.field, p.kind)?,
            }
        }
        Ok(())
    }
}
