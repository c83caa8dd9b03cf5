//! Reading the report form of `/bidra` (`multipart/form-data`) under caps:
//! a body that says it is larger than `MAX_BYTES` is refused before any of
//! it is read, and one that does not say is cut off as soon as it passes
//! the cap; the whole upload must arrive within `MAX_TIME`. Only the form's
//! fields are kept, in memory (no temporary file), until the answer: the
//! report (a file or its text) and the evaluation it is meant to be (the
//! optional `kommun` and `ar`).

use std::time::Duration;

use actix_multipart::{Multipart, MultipartError};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{HttpRequest, web};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt as _;

/// The largest body read: a report's PDF is a few MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// How long an upload may take (20 MB at about 1.5 Mbit/s).
pub const MAX_TIME: Duration = Duration::from_secs(120);

/// The form's name of the file field, and of the text field.
pub const FILE_FIELD: &str = "rapport";
pub const TEXT_FIELD: &str = "text";
/// The optional fields naming the evaluation: municipality code and year.
pub const MUNICIPALITY_FIELD: &str = "kommun";
pub const YEAR_FIELD: &str = "ar";
/// The longest value kept of a naming field (a code or a year is 4).
const NAMING_CHARS: usize = 16;

/// What was sent: a file (its name as sent, and its bytes), the pasted
/// text, and the evaluation chosen on the form (empty when none).
#[derive(Debug, Default)]
pub struct Upload {
    pub file: Option<(String, Bytes)>,
    pub text: String,
    pub kommun: String,
    pub ar: String,
}

/// A naming field's value: short, without control characters.
fn naming(data: &[u8]) -> String {
    String::from_utf8_lossy(data)
        .chars()
        .filter(|c| !c.is_control())
        .take(NAMING_CHARS)
        .collect()
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UploadError {
    #[error("the body is larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("the upload took longer than {} seconds", MAX_TIME.as_secs())]
    TooSlow,
    #[error("not a form upload: {0}")]
    Malformed(String),
}

/// Whether the request says its body is larger than the cap.
pub fn declared_too_large(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BYTES as u64)
}

/// Reads the form, within the time and size caps.
pub async fn read(req: &HttpRequest, payload: web::Payload) -> Result<Upload, UploadError> {
    actix_web::rt::time::timeout(MAX_TIME, read_fields(req, payload))
        .await
        .unwrap_or(Err(UploadError::TooSlow))
}

fn classify(e: MultipartError) -> UploadError {
    match e {
        MultipartError::Payload(PayloadError::Overflow) => UploadError::TooLarge,
        other => UploadError::Malformed(other.to_string()),
    }
}

/// A file name as sent, cut to its last part and to a sane length, without
/// control characters (it is shown on the page and written in a comment).
pub fn clean_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    let name = name.trim().to_string();
    if name.is_empty() {
        "rapport".to_string()
    } else {
        name
    }
}

async fn read_fields(req: &HttpRequest, payload: web::Payload) -> Result<Upload, UploadError> {
    let mut seen = 0usize;
    // The whole body is counted as it arrives: past the cap, it stops.
    let counted = payload.map(move |chunk| {
        let chunk = chunk?;
        seen = seen.saturating_add(chunk.len());
        if seen > MAX_BYTES {
            Err(PayloadError::Overflow)
        } else {
            Ok(chunk)
        }
    });
    let mut multipart = Multipart::new(req.headers(), counted);
    let mut upload = Upload::default();
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(classify)?;
        let name = field.name().unwrap_or("").to_string();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(clean_name);
        let mut data = BytesMut::new();
        while let Some(chunk) = field.next().await {
            data.extend_from_slice(&chunk.map_err(classify)?);
        }
        match name.as_str() {
            FILE_FIELD if !data.is_empty() => {
                let file_name = file_name.unwrap_or_else(|| clean_name(""));
                upload.file = Some((file_name, data.freeze()));
            }
            TEXT_FIELD => upload.text = String::from_utf8_lossy(&data).into_owned(),
            MUNICIPALITY_FIELD => upload.kommun = naming(&data),
            YEAR_FIELD => upload.ar = naming(&data),
            _ => {}
        }
    }
    Ok(upload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_their_last_part_without_control_characters() {
        assert_eq!(clean_name("C:\\Users\\x\\kumla 2020.pdf"), "kumla 2020.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\nb\u{7}.txt"), "ab.txt");
        assert_eq!(clean_name(""), "rapport");
        assert_eq!(clean_name(&"x".repeat(500)).len(), 120);
    }

    #[test]
    fn naming_fields_are_short_and_plain() {
        assert_eq!(naming(b"1880"), "1880");
        assert_eq!(naming(b"20\n10"), "2010");
        assert_eq!(naming(&[b'1'; 100]).len(), NAMING_CHARS);
    }
}
