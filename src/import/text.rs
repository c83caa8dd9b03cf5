//! Input text: read as UTF-8 (without a byte-order mark), and the line of a
//! position in it.

use std::path::Path;

use super::problem::ImportError;

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

/// A TOML file that does not parse, or has keys it should not, at its line.
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> ImportError {
    let line = e.span().map(|s| line_of(text, s.start));
    ImportError::one(path, line, "toml", e.message().trim())
}
