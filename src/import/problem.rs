//! What is wrong with an input: each broken rule at its file, line and
//! field, printed as compilers print theirs.

use std::fmt;
use std::path::{Path, PathBuf};

/// One broken rule, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, when known.
    pub line: Option<u32>,
    /// The field, as a path into the file ("subareas[3].points (3.2)").
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(line: Option<u32>, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            line,
            field: field.into(),
            message: message.into(),
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

    pub fn one(path: &Path, line: Option<u32>, field: &str, message: impl Into<String>) -> Self {
        Self::invalid(path, vec![Problem::new(line, field, message)])
    }
}

/// The problems of one file, collected while it is read: a value that cannot
/// be read becomes a problem at its line and field, and reading goes on, so
/// that the file's every problem is reported at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(
        &mut self,
        line: Option<u32>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(Problem::new(line, field, message));
    }

    /// The value, or `None` with the error recorded as a problem.
    pub fn check<T, E: fmt::Display>(
        &mut self,
        line: Option<u32>,
        field: impl Into<String>,
        value: Result<T, E>,
    ) -> Option<T> {
        value
            .map_err(|e| self.push(line, field, e.to_string()))
            .ok()
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
                Some(line) => write!(
                    f,
                    "{}:{line}: {}: {}",
                    self.path.display(),
                    p.field,
                    p.message
                )?,
                None => write!(f, "{}: {}: {}", self.path.display(), p.field, p.message)?,
            }
        }
        Ok(())
    }
}
