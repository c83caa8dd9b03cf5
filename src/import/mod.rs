//! Files in, domain values out: evaluation files, reference data and their
//! validation. Nothing here touches the database.

pub mod bundle;
pub mod evaluation_file;
pub mod reference;
pub mod validate;

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

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// Reads a text file as UTF-8, without a byte-order mark.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode_text(path, &bytes)
}

pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = line_of(&String::from_utf8_lossy(&bytes[..offset]), offset);
        ImportError::one(
            path,
            Some(line),
            "encoding",
            format!("the file is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8"),
        )
    })
}

/// Reads one input file, whatever its kind, into an evaluation. Evaluation
/// files are TOML; anything else is refused with a clear message.
pub fn parse_input(file: &bundle::SourceFile) -> Result<evaluation_file::ParsedFile, ImportError> {
    if file.bytes.starts_with(b"%PDF") {
        return Err(ImportError::one(
            &file.path,
            None,
            "format",
            "PDF reports cannot be read yet; give an evaluation file (.toml)",
        ));
    }
    let text = decode_text(&file.path, &file.bytes)?;
    evaluation_file::parse(&file.path, &text)
}
