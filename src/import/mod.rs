//! Files in, domain values out: evaluation files, published reports (text or
//! PDF), registers and their validation. Nothing here touches the database.

pub mod bundle;
pub mod dry_run;
pub mod evaluation_file;
pub mod figures_form;
pub mod pdf;
pub mod prefill;
pub mod problem;
pub mod registers;
pub mod replacement;
pub mod report;
pub mod review;
pub mod stated_change;
pub mod text;
pub mod validate;

use problem::ReadProblem;
pub use problem::{Field, ImportError, Notice, NoticeKind, Problem, ProblemKind, Problems};
pub use text::{decode_owned, decode_text, line_of, read_text, toml_error};

use std::borrow::Cow;
use std::path::Path;

/// What an input file holds, recognised by its content (not its name).
#[derive(Debug, Clone)]
pub enum Content {
    /// An evaluation file (TOML), parsed.
    Evaluation(Box<evaluation_file::ParsedFile>),
    /// A report's text (from a text file or a PDF), parsed once the registers
    /// data it needs is at hand.
    Report(String),
}

/// Whether a text starts like TOML: its first meaningful line is a key or a table.
fn looks_like_toml(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    first.is_some_and(|l| {
        l.starts_with('[')
            || l.split_once('=').is_some_and(|(key, _)| {
                let key = key.trim();
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
            })
    })
}

/// Reads an input file: a PDF is a report (its text extracted with
/// `pdftotext`); a text file is a report when it reads like one, else an
/// evaluation file.
pub fn read_content(file: &bundle::SourceFile) -> Result<Content, ImportError> {
    read_content_with(file, &pdf::Limits::default())
}

/// Whether a file is named as a PDF (`.pdf`, any case).
fn named_pdf(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// `read_content`, with a PDF read under `limits`.
pub fn read_content_with(
    file: &bundle::SourceFile,
    limits: &pdf::Limits,
) -> Result<Content, ImportError> {
    read_bytes_with(&file.path, Cow::Borrowed(&file.bytes), limits)
}

/// `read_content_with` on a file's name and bytes. Bytes given to keep are
/// not copied: a text becomes the report in the same memory, and a PDF's
/// bytes are dropped once its text is out (an upload is held once).
pub fn read_bytes_with(
    path: &Path,
    bytes: Cow<'_, [u8]>,
    limits: &pdf::Limits,
) -> Result<Content, ImportError> {
    if !pdf::is_pdf(&bytes) && named_pdf(path) {
        return Err(ImportError::one(
            path,
            None,
            Field::Pdf,
            ReadProblem::NamedPdfButNot,
        ));
    }
    if pdf::is_pdf(&bytes) {
        let text = pdf::extract_text_with(path, &bytes, limits)?;
        drop(bytes);
        if !report::looks_like_report(&text) {
            return Err(ImportError::one(
                path,
                None,
                Field::Format,
                ReadProblem::PdfNotAReport,
            ));
        }
        return Ok(Content::Report(text));
    }
    let decoded = match bytes {
        Cow::Owned(bytes) => decode_owned(path, bytes).map_err(|(e, bytes)| (e, Cow::Owned(bytes))),
        Cow::Borrowed(bytes) => decode_text(path, bytes).map_err(|e| (e, Cow::Borrowed(bytes))),
    };
    let text = match decoded {
        Ok(text) => text,
        Err((not_utf8, bytes)) => {
            // Report text saved by Windows tools is often Windows-1252; a
            // report is recognisable after decoding, anything else is not.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            if !bytes.contains(&0) && !looks_like_toml(&text) && report::looks_like_report(&text) {
                return Ok(Content::Report(text.into_owned()));
            }
            return Err(not_utf8);
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::one(
            path,
            None,
            Field::File,
            ReadProblem::Empty,
        ));
    }
    if !looks_like_toml(&text) {
        if report::looks_like_report(&text) {
            return Ok(Content::Report(text));
        }
        return Err(ImportError::one(
            path,
            Some(1),
            Field::Format,
            ReadProblem::Unrecognised,
        ));
    }
    evaluation_file::parse(path, &text).map(|p| Content::Evaluation(Box::new(p)))
}

/// Reads one input file, whatever its kind, into an evaluation. A report
/// needs the registers (municipality names, area names); without it,
/// it is refused with a clear message.
pub fn parse_input_with(
    file: &bundle::SourceFile,
    registers: Option<&report::ReportRegisters<'_>>,
) -> Result<evaluation_file::ParsedFile, ImportError> {
    match read_content(file)? {
        Content::Evaluation(parsed) => Ok(*parsed),
        Content::Report(text) => match registers {
            Some(registers) => report::parse(&file.path, &text, registers).map(|r| r.file),
            None => Err(ImportError::one(
                &file.path,
                None,
                Field::Format,
                ReadProblem::ReportNeedsRegisters,
            )),
        },
    }
}

/// Reads one evaluation file (or, with no registers at hand, refuses a report).
pub fn parse_input(file: &bundle::SourceFile) -> Result<evaluation_file::ParsedFile, ImportError> {
    parse_input_with(file, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: Vec<u8>) -> bundle::SourceFile {
        bundle::SourceFile {
            path: name.into(),
            hash: bundle::sha256_hex(&bytes),
            bytes,
        }
    }

    const REPORT: &str = include_str!("../../tests/fixtures/reports/kumla-2020.txt");

    #[test]
    fn a_windows_1252_report_is_read_as_a_report() {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(REPORT);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the fixture must not be UTF-8"
        );
        match read_content(&file("r.txt", bytes.into_owned())) {
            Ok(Content::Report(text)) => {
                assert!(text.contains("Utvärderingen av Kumla kommun genomfördes"))
            }
            Ok(_) => panic!("read as an evaluation file"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn files_that_are_nothing_known_say_so() {
        let err = |bytes: &[u8]| match read_content(&file("x.txt", bytes.to_vec())) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("accepted {bytes:?}"),
        };
        assert_eq!(err(b""), "x.txt: file: the file is empty");
        assert_eq!(err(b" \n\n"), "x.txt: file: the file is empty");
        assert!(
            err("Hej.\nDetta är ingen rapport.\n".as_bytes())
                .contains("x.txt:1: format: this is neither")
        );
        assert!(err(&[0xff, 0xfe, 0x00, 0x41]).contains("encoding"));
    }
}
