//! Input text: read as UTF-8 (without a byte-order mark), and the line of a
//! position in it.

use std::path::Path;

use super::problem::{Field, ImportError, ReadProblem, TomlFault};

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// The lines of a text, to find the line of many positions in it: each in
/// logarithmic time rather than by counting from the start.
pub struct Lines {
    /// Where each line after the first starts.
    starts: Vec<usize>,
}

impl Lines {
    pub fn of(text: &str) -> Self {
        let starts = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        Lines { starts }
    }

    /// The 1-based line of a byte offset, as `line_of` gives it.
    pub fn line(&self, offset: usize) -> u32 {
        let before = self.starts.partition_point(|start| *start <= offset);
        u32::try_from(before + 1).unwrap_or(u32::MAX)
    }
}

/// Reads a text file as UTF-8, without a byte-order mark.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode_text(path, &bytes)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(not_utf8(path, bytes, e)),
    }
}

/// `decode_text`, taking the bytes: UTF-8 becomes the text in the same
/// memory (a large report is not held twice). Bytes that are not UTF-8
/// come back as they were, with the error.
pub fn decode_owned(path: &Path, mut bytes: Vec<u8>) -> Result<String, (ImportError, Vec<u8>)> {
    let without_bom = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(without_bom) {
        return Err((not_utf8(path, without_bom, e), bytes));
    }
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let error = not_utf8(path, e.as_bytes(), e.utf8_error());
        (error, e.into_bytes())
    })
}

fn not_utf8(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> ImportError {
    let offset = e.valid_up_to();
    let line = line_of(&String::from_utf8_lossy(&bytes[..offset]), offset);
    ImportError::one(
        path,
        Some(line),
        Field::Encoding,
        ReadProblem::NotUtf8 { offset },
    )
}

/// A TOML file that does not parse, or has keys it should not, at its line.
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> ImportError {
    let line = e.span().map(|s| line_of(text, s.start));
    let message = e.message().trim().to_string();
    let fault = TomlFault::of(&message);
    ImportError::one(
        path,
        line,
        Field::Toml,
        ReadProblem::Toml { message, fault },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let path = Path::new("r.txt");
        for bytes in [
            &b"\xEF\xBB\xBFkommun\n"[..],
            b"kommun",
            b"",
            b"ok\n\xff\xfe",
            b"\xEF\xBB\xBF\xff",
        ] {
            let borrowed = decode_text(path, bytes).map_err(|e| e.to_string());
            let owned = decode_owned(path, bytes.to_vec()).map_err(|(e, back)| {
                assert_eq!(back, bytes, "the bytes come back as they were");
                e.to_string()
            });
            assert_eq!(owned, borrowed, "{bytes:?}");
        }
    }

    #[test]
    fn lines_agree_with_counting_newlines() {
        let text = "a = 1\n\nb = 2\nc";
        let lines = Lines::of(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(lines.line(offset), line_of(text, offset), "{offset}");
        }
    }
}
