//! Reading the report form of `/bidra` (`multipart/form-data`) under caps:
//! a body that says it is larger than `MAX_BYTES` is refused before any of
//! it is read, and one that does not say is cut off as soon as it passes
//! the cap; the whole upload must arrive within `MAX_TIME`. Only the form's
//! fields are kept: the report (a file or its text) is written as it arrives into an anonymous
//! temporary file (unlinked at birth: nothing is left behind, even after a
//! kill -9), so a slow or large upload holds no memory and no report slot
//! while it arrives; the report is read from its file once it is whole. The
//! evaluation it is meant to be (the optional `kommun` and `ar`) is a few
//! characters, kept in memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use actix_multipart::{Multipart, MultipartError};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt as _;

/// The largest body read: a report's PDF is a few MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// How long an upload may take (20 MB at about 1.5 Mbit/s).
pub const MAX_TIME: Duration = Duration::from_secs(120);

/// How many uploads may arrive at once from one client (`client.rs`), and
/// in all: each holds a connection and a temporary file, not memory, and no
/// report slot until it is whole.
pub const SLOTS_PER_CLIENT: usize = 2;
pub const SLOTS: usize = 32;

/// The uploads arriving now, per client and in all.
#[derive(Debug)]
pub struct UploadSlots {
    per_client: usize,
    total: usize,
    arriving: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// Why an upload was not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// This client already sends as many as one may.
    Client,
    /// As many as the server takes are arriving.
    All,
}

impl UploadSlots {
    pub fn new(per_client: usize, total: usize) -> Self {
        Self {
            per_client: per_client.max(1),
            total: total.max(1),
            arriving: Mutex::new((0, HashMap::new())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, (usize, HashMap<IpAddr, usize>)> {
        self.arriving.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A slot for an upload from `client` (none known: counted in all
    /// only), held until the ticket is dropped.
    pub fn take(&self, client: Option<IpAddr>) -> Result<Ticket<'_>, Full> {
        let mut guard = self.lock();
        let (all, per) = &mut *guard;
        if let Some(ip) = client
            && per.get(&ip).copied().unwrap_or(0) >= self.per_client
        {
            return Err(Full::Client);
        }
        if *all >= self.total {
            return Err(Full::All);
        }
        *all += 1;
        if let Some(ip) = client {
            *per.entry(ip).or_insert(0) += 1;
        }
        Ok(Ticket {
            slots: self,
            client,
        })
    }

    /// Uploads arriving now, in all.
    pub fn arriving(&self) -> usize {
        self.lock().0
    }
}

/// One upload's place among those arriving.
#[derive(Debug)]
pub struct Ticket<'a> {
    slots: &'a UploadSlots,
    client: Option<IpAddr>,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        let mut guard = self.slots.lock();
        let (all, per) = &mut *guard;
        *all = all.saturating_sub(1);
        if let Some(ip) = self.client
            && let Some(n) = per.get_mut(&ip)
        {
            *n = n.saturating_sub(1);
            if *n == 0 {
                per.remove(&ip);
            }
        }
    }
}

/// The form's name of the file field, and of the text field.
pub const FILE_FIELD: &str = "rapport";
pub const TEXT_FIELD: &str = "text";
/// The optional fields naming the evaluation: municipality code and year.
pub const MUNICIPALITY_FIELD: &str = "kommun";
pub const YEAR_FIELD: &str = "ar";
/// The longest value kept of a naming field (a code or a year is 4).
const NAMING_CHARS: usize = 16;

/// One field as it arrived: its bytes in an anonymous temporary file.
#[derive(Debug)]
pub struct Field {
    file: File,
    len: usize,
}

impl Field {
    fn new(dir: Option<&Path>) -> std::io::Result<Self> {
        let file = match dir {
            Some(dir) => tempfile::tempfile_in(dir)?,
            None => tempfile::tempfile()?,
        };
        Ok(Self { file, len: 0 })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The field's bytes, read in one allocation of their exact size (the
    /// only copy of the report in memory).
    pub fn into_bytes(mut self) -> std::io::Result<Vec<u8>> {
        self.file.rewind()?;
        let mut bytes = Vec::with_capacity(self.len);
        self.file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// What was sent: a file (its name as sent, and its bytes), the pasted
/// text, and the evaluation chosen on the form (empty when none).
#[derive(Debug, Default)]
pub struct Upload {
    pub file: Option<(String, Field)>,
    pub text: Option<Field>,
    pub kommun: String,
    pub ar: String,
}

impl Upload {
    /// The bytes kept, both fields.
    pub fn len(&self) -> usize {
        self.file.as_ref().map_or(0, |(_, f)| f.len()) + self.text.as_ref().map_or(0, Field::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
    #[error("the upload could not be kept: {0}")]
    Storage(String),
}

/// Whether the request says its body is larger than the cap.
pub fn declared_too_large(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BYTES as u64)
}

/// Reads the form, within the time and size caps, its fields into
/// temporary files in `dir` (the system's when none).
pub async fn read(
    req: &HttpRequest,
    payload: web::Payload,
    dir: Option<&Path>,
) -> Result<Upload, UploadError> {
    actix_web::rt::time::timeout(MAX_TIME, read_fields(req, payload, dir))
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

async fn read_fields(
    req: &HttpRequest,
    payload: web::Payload,
    dir: Option<&Path>,
) -> Result<Upload, UploadError> {
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
    let storage = |e: std::io::Error| UploadError::Storage(e.to_string());
    let mut multipart = Multipart::new(req.headers(), counted);
    let mut upload = Upload::default();
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(classify)?;
        let name = field.name().unwrap_or("").to_string();
        if name == MUNICIPALITY_FIELD || name == YEAR_FIELD {
            // A code or a year: the first few bytes are all that is kept.
            let mut small = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(classify)?;
                let room = (4 * NAMING_CHARS).saturating_sub(small.len());
                small.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            if name == MUNICIPALITY_FIELD {
                upload.kommun = naming(&small);
            } else {
                upload.ar = naming(&small);
            }
            continue;
        }
        if name != FILE_FIELD && name != TEXT_FIELD {
            // Read past it, keeping nothing.
            while let Some(chunk) = field.next().await {
                chunk.map_err(classify)?;
            }
            continue;
        }
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(clean_name);
        let mut kept = Field::new(dir).map_err(storage)?;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(classify)?;
            // A write to a local file of at most a chunk: short enough for
            // the event loop (the page cache takes it).
            kept.file.write_all(&chunk).map_err(storage)?;
            kept.len += chunk.len();
        }
        if name == FILE_FIELD {
            if !kept.is_empty() {
                upload.file = Some((file_name.unwrap_or_else(|| clean_name("")), kept));
            }
        } else {
            upload.text = Some(kept);
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

    #[test]
    fn uploads_are_capped_per_client_and_in_all_and_freed_when_done() {
        let slots = UploadSlots::new(2, 3);
        let a: IpAddr = "203.0.113.1".parse().unwrap();
        let b: IpAddr = "203.0.113.2".parse().unwrap();
        let a1 = slots.take(Some(a)).unwrap();
        let _a2 = slots.take(Some(a)).unwrap();
        assert_eq!(slots.take(Some(a)).unwrap_err(), Full::Client);
        let _b1 = slots.take(Some(b)).unwrap();
        assert_eq!(slots.take(Some(b)).unwrap_err(), Full::All);
        assert_eq!(slots.take(None).unwrap_err(), Full::All);
        drop(a1);
        assert_eq!(slots.arriving(), 2);
        let _b2 = slots.take(Some(b)).unwrap();
        assert_eq!(slots.take(Some(b)).unwrap_err(), Full::Client);
    }
}
