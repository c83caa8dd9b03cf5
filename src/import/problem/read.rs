//! Reading an input before there is anything to check: the file itself, its
//! text (TOML, UTF-8), and a PDF's text from the tool that extracts it.
//! Where another program's words are the only account of what happened
//! (the TOML parser's message, an I/O error, the PDF tool's own output),
//! they are kept as text beside the kind.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    Empty,
    /// Named `.pdf`, but not a PDF.
    NamedPdfButNot,
    /// A PDF whose text is no Kommunkompassen report.
    PdfNotAReport,
    /// Neither an evaluation file nor a report's text.
    Unrecognised,
    /// A report given where no registers is at hand to read it.
    ReportNeedsRegisters,
    NotUtf8 {
        offset: usize,
    },
    /// The operating system's account of why the file cannot be read.
    CannotRead(String),
    /// A TOML file that does not parse, or has keys it should not: the
    /// parser's own message, and what it says, as far as it tells.
    Toml {
        message: String,
        fault: TomlFault,
    },
    /// A folder without any input in it.
    EmptyFolder,
}

/// What a TOML parser's message says went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TomlFault {
    MissingKey(String),
    UnknownKey(String),
    /// A value of the wrong type for its key.
    WrongType(Expected),
    /// Not TOML at all.
    Syntax,
}

/// What a key takes, as far as the parser's message tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    WholeNumber,
    Text,
    /// Something else, in the parser's words ("a boolean", "struct RawArea").
    Other(String),
}

impl Expected {
    fn of(words: &str) -> Self {
        match words {
            "i64" | "i32" | "u8" | "u32" | "u64" | "an integer" => Expected::WholeNumber,
            "a string" => Expected::Text,
            other => Expected::Other(other.to_string()),
        }
    }
}

impl TomlFault {
    /// What a TOML parser's message says. Its messages are serde's, whose
    /// wording for a missing key, an unknown key and a wrong type is fixed;
    /// anything else is taken as broken syntax.
    pub fn of(message: &str) -> Self {
        let quoted = |rest: &str| rest.split('`').next().unwrap_or_default().to_string();
        if let Some(rest) = message.strip_prefix("missing field `") {
            TomlFault::MissingKey(quoted(rest))
        } else if let Some(rest) = message.strip_prefix("unknown field `") {
            TomlFault::UnknownKey(quoted(rest))
        } else if let Some(rest) = message.strip_prefix("invalid type: ") {
            let expected = rest.rsplit_once(", expected ").map_or("", |(_, e)| e);
            TomlFault::WrongType(Expected::of(expected))
        } else {
            TomlFault::Syntax
        }
    }
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadProblem::Empty => f.write_str("the file is empty"),
            ReadProblem::NamedPdfButNot => f.write_str(
                "the file is named .pdf but is not a PDF (it does not start with %PDF-)",
            ),
            ReadProblem::PdfNotAReport => f.write_str(
                "this PDF's text is not a Kommunkompassen report (no \"Kommunkompassen\" with an overview table or area chapters)",
            ),
            ReadProblem::Unrecognised => f.write_str(
                "this is neither an evaluation file (TOML starting with `municipality = \"...\"`) \
                 nor the text of a Kommunkompassen report (with \"Kommunkompassen\", area chapters or an overview table)",
            ),
            ReadProblem::ReportNeedsRegisters => f.write_str(
                "reading a report needs the municipality register and the criteria catalogue",
            ),
            ReadProblem::NotUtf8 { offset } => write!(
                f,
                "the file is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8"
            ),
            ReadProblem::CannotRead(error) => write!(f, "cannot read the file: {error}"),
            ReadProblem::Toml { message, .. } => f.write_str(message),
            ReadProblem::EmptyFolder => {
                f.write_str("holds no evaluation files (.toml) or reports (.txt, .pdf)")
            }
        }
    }
}

/// Getting a PDF's text with `pdftotext`, under limits, in a folder of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfProblem {
    TempFolder {
        folder: PathBuf,
        error: String,
    },
    WritePdf {
        folder: PathBuf,
        error: String,
    },
    /// The tool (or what runs it under limits) could not be started.
    Launch {
        launcher: String,
        error: String,
    },
    /// `prlimit` or `timeout`, which run the tool under limits, is missing.
    LimitsMissing {
        launcher: String,
    },
    NotInstalled {
        program: String,
    },
    /// The tool's output could not be read.
    ReadOutput {
        program: String,
        error: Option<String>,
    },
    /// Waiting for the tool failed.
    Wait {
        program: String,
        error: String,
    },
    /// The text is longer than any report's.
    TooLong {
        megabytes: u64,
    },
    TimedOut {
        program: String,
        seconds: u64,
    },
    OutOfMemory {
        program: String,
        status: String,
        megabytes: u64,
        stderr: String,
    },
    /// The tool failed on this PDF (damaged, encrypted, ...).
    Unreadable {
        program: String,
        status: String,
        stderr: String,
    },
    NotUtf8 {
        program: String,
    },
}

impl fmt::Display for PdfProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfProblem::TempFolder { folder, error } => write!(
                f,
                "cannot make a temporary folder in {}: {error}",
                folder.display()
            ),
            PdfProblem::WritePdf { folder, error } => {
                write!(f, "cannot write the PDF to {}: {error}", folder.display())
            }
            PdfProblem::Launch { launcher, error } => write!(f, "cannot run `{launcher}`: {error}"),
            PdfProblem::LimitsMissing { launcher } => write!(
                f,
                "reading a PDF under limits needs `{launcher}` (util-linux prlimit, coreutils timeout), which is not installed"
            ),
            PdfProblem::NotInstalled { program } => write!(
                f,
                "reading a PDF needs `{program}` from poppler-utils, which is not installed \
                 (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler); \
                 or give the report's text as a .txt file"
            ),
            PdfProblem::ReadOutput {
                program,
                error: None,
            } => write!(f, "cannot read from `{program}`"),
            PdfProblem::ReadOutput {
                program,
                error: Some(error),
            } => write!(f, "cannot read from `{program}`: {error}"),
            PdfProblem::Wait { program, error } => write!(f, "`{program}` failed: {error}"),
            PdfProblem::TooLong { megabytes } => write!(
                f,
                "the PDF's text is longer than {megabytes} MB; a report's is far shorter"
            ),
            PdfProblem::TimedOut { program, seconds } => write!(
                f,
                "`{program}` took longer than {seconds} seconds and was stopped"
            ),
            PdfProblem::OutOfMemory {
                program,
                status,
                megabytes,
                stderr,
            } => write!(
                f,
                "`{program}` stopped ({status}) within its memory limit of {megabytes} MB: {stderr}"
            ),
            PdfProblem::Unreadable {
                program,
                status,
                stderr,
            } => write!(f, "`{program}` could not read the PDF ({status}): {stderr}"),
            PdfProblem::NotUtf8 { program } => write!(f, "`{program}` did not give UTF-8 text"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_parsers_message_tells_what_went_wrong() {
        let fault = |text: &str| {
            let message = toml::from_str::<toml::Table>(text)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.message().to_string());
            TomlFault::of(&message)
        };
        assert_eq!(fault("a = "), TomlFault::Syntax);
        assert_eq!(
            TomlFault::of("missing field `year`"),
            TomlFault::MissingKey("year".into())
        );
        assert_eq!(
            TomlFault::of("unknown field `yeer`, expected one of `municipality`, `year`"),
            TomlFault::UnknownKey("yeer".into())
        );
        assert_eq!(
            TomlFault::of("invalid type: string \"2020\", expected i64"),
            TomlFault::WrongType(Expected::WholeNumber)
        );
    }
}
