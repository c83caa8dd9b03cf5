//! `kompass export DIR`: the whole site for the current data as files, for
//! any static server or CDN. Every answer is made by the same application
//! (routes, views and the `respond` middleware) as the live server's, so
//! the bytes are the same for the same `--public-url`; `.gz` and `.br`
//! files beside each text file are compressed by the same function, at the
//! level the server's cache ends with.
//!
//! What is written: every address reachable from `/` over links without a
//! query string (pages, charts, CSVs, and the social cards pages name as
//! `og:image`), every `/api/v1` answer without query parameters, the data
//! package, the assets and `/favicon.ico`. Each address is a file:
//! `/` is `index.html`, `/kommun/1881-kumla` is `kommun/1881-kumla/index.html`,
//! `/api/v1/municipalities/1881` is `api/v1/municipalities/1881/index.json`,
//! and an address whose last segment has an extension is that file
//! (`data/kompass.csv`), so `index index.html index.json` (or try_files)
//! serves it.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::http::header;
use actix_web::test::{TestRequest, init_service, read_body, try_call_service};
use bytes::Bytes;
use regex::Regex;

use crate::domain::dataset::Dataset;
use crate::web::compress::{self, Coding, Level};
use crate::web::{self, AppState};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot compress {path}: {source}")]
    Compress {
        path: String,
        source: std::io::Error,
    },
    #[error("{address}: the application failed: {cause}")]
    Request { address: String, cause: String },
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportReport {
    pub files: usize,
    /// `.gz` and `.br` files.
    pub compressed: usize,
    pub bytes: u64,
    /// Linked addresses that did not answer 200 (none on sound data).
    pub not_exported: Vec<(String, u16)>,
}

/// The addresses an export starts from besides `/`: the API without query
/// parameters, the data package and the assets (the pages link the rest).
pub fn seeds(data: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = [
        "/",
        "/api",
        "/api/v1/openapi.json",
        "/api/v1/municipalities",
        "/api/v1/evaluations",
        "/api/v1/revisions",
        "/api/v1/themes",
        "/api/v1/benchmarks",
        "/api/v1/rankings/total",
        "/data/datapackage.json",
        "/data/kompass.zip",
        "/assets/kompass.css",
        "/assets/kompass.svg",
        "/favicon.ico",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for m in &data.municipalities {
        out.push(format!("/api/v1/municipalities/{}", m.code));
    }
    for e in &data.evaluations {
        out.push(format!("/api/v1/evaluations/{}", e.id));
    }
    for t in &data.catalogue.themes {
        out.push(format!("/api/v1/rankings/{}", t.slug));
    }
    out
}

/// Links of a page that a static server can answer: root-relative `href`
/// and `src`, and the social card (`og:image`, absolute on `site`, the
/// public address without a trailing slash); no query string (the assets'
/// `?v=` version is dropped), no fragment, no `..`.
pub fn links(html: &str, site: &str) -> Vec<String> {
    static LINK: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    static CARD: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let (Some(link), Some(card)) = (
        LINK.get_or_init(|| Regex::new(r#"(?:href|src)="(/[^"/][^"]*|/)""#).ok())
            .as_ref(),
        CARD.get_or_init(|| Regex::new(r#"<meta property="og:image" content="([^"]+)""#).ok())
            .as_ref(),
    ) else {
        return vec![];
    };
    let cards = card
        .captures_iter(html)
        .filter_map(|c| c.get(1))
        .filter_map(|m| m.as_str().strip_prefix(site))
        .filter(|path| path.starts_with('/'));
    link.captures_iter(html)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .chain(cards)
        .map(|l| l.replace("&amp;", "&"))
        .map(|l| l.split('#').next().unwrap_or("").to_string())
        .filter_map(|l| match l.split_once('?') {
            Some((path, _)) if path.starts_with("/assets/") => Some(path.to_string()),
            Some(_) => None,
            None => Some(l),
        })
        .filter(|l| !l.is_empty() && !l.split('/').any(|s| s == ".."))
        .collect()
}

/// The file an address is written to, relative to the export folder.
pub fn file_for(address: &str, content_type: &str) -> PathBuf {
    let path = address.trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return PathBuf::from(path);
    }
    let index = if content_type.starts_with("application/json") {
        "index.json"
    } else {
        "index.html"
    };
    Path::new(path).join(index)
}

fn write(dir: &Path, relative: &Path, body: &[u8]) -> Result<u64, ExportError> {
    let path = dir.join(relative);
    let io = |source| ExportError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(&path, body).map_err(io)?;
    Ok(body.len() as u64)
}

/// Writes the site for the state's current data into `dir`.
pub fn export(state: Arc<AppState>, dir: &Path) -> Result<ExportReport, ExportError> {
    let system = actix_web::rt::System::new();
    let (mut report, texts) = system.block_on(crawl(state, dir))?;
    report.compressed = compress_all(dir, texts, &mut report.bytes)?;
    Ok(report)
}

/// A text body to write compressed beside its file.
struct Text {
    relative: PathBuf,
    body: Bytes,
    /// One of the dataset's files, which the server compresses with
    /// `compress_stream` (`web::spool`): the export's copies are the same.
    spooled: bool,
}

/// Every answer through the application, written as it comes; the text
/// bodies worth compressing are returned for `compress_all`.
async fn crawl(state: Arc<AppState>, dir: &Path) -> Result<(ExportReport, Vec<Text>), ExportError> {
    let spec = web::api_spec(&state);
    let site = state.settings.public_url.as_str().to_string();
    let mut queue: VecDeque<String> = seeds(&state.dataset()).into();
    let app = init_service(web::app(state, spec)).await;
    let mut seen: HashSet<String> = queue.iter().cloned().collect();
    let mut report = ExportReport::default();
    let mut texts = Vec::new();
    while let Some(address) = queue.pop_front() {
        let req = TestRequest::get().uri(&address).to_request();
        let res = try_call_service(&app, req)
            .await
            .map_err(|e| ExportError::Request {
                address: address.clone(),
                cause: e.to_string(),
            })?;
        let status = res.status().as_u16();
        let spooled = web::route::kind_of(res.request()).work == web::route::Work::Spool;
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = read_body(res).await;
        if status != 200 {
            report.not_exported.push((address, status));
            continue;
        }
        if content_type.starts_with("text/html") {
            for link in links(&String::from_utf8_lossy(&body), &site) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
        let relative = file_for(&address, &content_type);
        report.bytes += write(dir, &relative, &body)?;
        report.files += 1;
        if compress::worth_compressing(Some(&content_type), body.len()) {
            texts.push(Text {
                relative,
                body,
                spooled,
            });
        }
    }
    Ok((report, texts))
}

/// `.br` and `.gz` beside each text file, at the best level, on every core.
fn compress_all(dir: &Path, texts: Vec<Text>, bytes: &mut u64) -> Result<usize, ExportError> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = texts.len().div_ceil(workers).max(1);
    let results: Vec<Result<(usize, u64), ExportError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| scope.spawn(move || compress_files(dir, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(ExportError::Request {
                        address: "(compression)".into(),
                        cause: "a compression thread panicked".into(),
                    })
                })
            })
            .collect()
    });
    let mut files = 0;
    for r in results {
        let (n, b) = r?;
        files += n;
        *bytes += b;
    }
    Ok(files)
}

fn compress_files(dir: &Path, part: &[Text]) -> Result<(usize, u64), ExportError> {
    let mut files = 0;
    let mut bytes = 0;
    for Text {
        relative,
        body,
        spooled,
    } in part
    {
        for (coding, extension) in [(Coding::Brotli, "br"), (Coding::Gzip, "gz")] {
            let packed = if *spooled {
                let mut out = Vec::new();
                compress::compress_stream(body.as_ref(), &mut out, coding).map(|()| out)
            } else {
                compress::compress(body, coding, Level::Best).map(|b| b.to_vec())
            };
            let packed = packed.map_err(|source| ExportError::Compress {
                path: relative.display().to_string(),
                source,
            })?;
            let mut name = relative.as_os_str().to_owned();
            name.push(format!(".{extension}"));
            bytes += write(dir, Path::new(&name), &packed)?;
            files += 1;
        }
    }
    Ok((files, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_is_a_file_a_static_server_finds() {
        assert_eq!(file_for("/", "text/html"), PathBuf::from("index.html"));
        assert_eq!(
            file_for("/kommun/1881-kumla", "text/html; charset=utf-8"),
            PathBuf::from("kommun/1881-kumla/index.html")
        );
        assert_eq!(
            file_for("/api/v1/municipalities/1881", "application/json"),
            PathBuf::from("api/v1/municipalities/1881/index.json")
        );
        assert_eq!(
            file_for("/data/kompass.csv", "text/csv"),
            PathBuf::from("data/kompass.csv")
        );
        assert_eq!(
            file_for("/kommun/1881/diagram/omraden.svg", "image/svg+xml"),
            PathBuf::from("kommun/1881/diagram/omraden.svg")
        );
    }

    #[test]
    fn only_links_without_a_query_are_followed() {
        let html = r##"<meta property="og:image" content="https://k.example/kommun/1881/bild.png">
            <meta property="og:image" content="https://elsewhere.example/bild.png">
            <a href="/kommun/1881-kumla">K</a><a href="/jamfor?kommun=1881,0115">J</a>
            <link rel="stylesheet" href="/assets/kompass.css?v=0.1.0"><a href="https://skr.se/">S</a>
            <a href="//evil.example/">E</a><a href="/om#metod">O</a><a href="#innehall">I</a>
            <a href="/">Start</a><img src="/kommun/1881/diagram/omraden.svg"><a href="/../etc">X</a>"##;
        assert_eq!(
            links(html, "https://k.example"),
            vec![
                "/kommun/1881-kumla",
                "/assets/kompass.css",
                "/om",
                "/",
                "/kommun/1881/diagram/omraden.svg",
                "/kommun/1881/bild.png",
            ]
        );
    }
}
