//! The response cache as a client sees it: pages revalidate with 304 like
//! the data does, tags are hashes of the bytes sent, each coding ends up
//! compressed once at the best level, and the cache stays in its cap.

use std::io::Read;
use std::time::{Duration, Instant};

use bytes::Bytes;
use kompass::web::Settings;
use kompass::web::compress::{self, Coding, Level};
use sha2::{Digest, Sha256};

use crate::common::TestApp;
use crate::data_support::request;

const BROWSER: (&str, &str) = ("Accept-Encoding", "gzip, deflate, br, zstd");

fn unbrotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn pages_get_an_etag_cache_control_and_304() {
    let app = TestApp::bundled();
    for path in [
        "/",
        "/kommun/1881",
        "/jamfor?kommun=1881,1444,0115",
        "/rankning",
    ] {
        let first = request(&app, "GET", path, &[]);
        assert_eq!(first.status, 200, "{path}");
        let tag = first.header("etag").unwrap().to_string();
        assert_eq!(first.header("cache-control"), Some("public, max-age=300"));
        assert_eq!(first.header("vary"), Some("Accept-Encoding"));
        // The tag is the body's hash: any replica with the same data agrees.
        let digest = Sha256::digest(&first.body);
        assert_eq!(tag, format!("\"{}\"", hex::encode(&digest[..16])), "{path}");
        let again = request(&app, "GET", path, &[("If-None-Match", &tag)]);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        let same = request(&app, "GET", path, &[]);
        assert_eq!(
            same.body, first.body,
            "{path}: the cached answer is the same"
        );
    }
}

#[test]
fn a_coding_is_compressed_at_the_best_level_once_in_the_background() {
    let app = TestApp::bundled();
    let path = "/kommun/1881-kumla";
    let plain = request(&app, "GET", path, &[]);
    let first = request(&app, "GET", path, &[BROWSER]);
    assert_eq!(first.header("content-encoding"), Some("br"));
    assert_eq!(unbrotli(&first.body), plain.body);
    // The background thread replaces the fast body; wait for it (bounded).
    let started = Instant::now();
    let best = loop {
        let entry = app.state.cache.peek(path).expect("cached");
        if let Some(rep) = entry.representation(Coding::Brotli).filter(|r| r.best) {
            break rep.body.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no best-level body"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let expected = compress::compress(
        &Bytes::from(plain.body.clone()),
        Coding::Brotli,
        Level::Best,
    )
    .unwrap();
    assert_eq!(best, expected);
    let later = request(&app, "GET", path, &[BROWSER]);
    assert_eq!(
        later.body,
        expected.to_vec(),
        "the best body is what is sent"
    );
    assert!(later.body.len() <= first.body.len());
    for (accept, coding) in [("gzip", "gzip"), ("zstd", "zstd"), ("identity", "")] {
        let r = request(&app, "GET", path, &[("Accept-Encoding", accept)]);
        assert_eq!(
            r.header("content-encoding").unwrap_or(""),
            coding,
            "{accept}"
        );
    }
}

#[test]
fn the_cache_stays_within_its_cap() {
    let cap = 300 * 1024;
    let app = TestApp::bundled_with(Settings {
        cache_bytes: cap,
        ..Settings::default()
    });
    let codes: Vec<String> = app
        .state
        .dataset()
        .municipalities
        .iter()
        .take(60)
        .map(|m| m.code.to_string())
        .collect();
    for code in &codes {
        let r = request(&app, "GET", &format!("/kommun/{code}"), &[BROWSER]);
        assert_eq!(r.status, 200);
        let (_, bytes) = app.state.cache.usage();
        assert!(bytes <= cap, "{bytes} bytes held, cap {cap}");
    }
    let (entries, _) = app.state.cache.usage();
    assert!(entries > 3 && entries < codes.len(), "{entries} entries");
    // Too large to keep (a quarter of the cap): still answered, every time.
    for _ in 0..2 {
        let r = request(&app, "GET", "/data/kompass.csv", &[BROWSER]);
        assert_eq!(r.status, 200);
        assert!(r.header("etag").is_some());
    }
}

#[test]
fn an_answer_without_a_cache_is_the_same() {
    let cached = TestApp::bundled();
    let uncached = TestApp::bundled_with(Settings {
        cache_bytes: 0,
        ..Settings::default()
    });
    for path in ["/", "/api/v1/municipalities/1881", "/data/kompass.csv"] {
        let a = request(&cached, "GET", path, &[]);
        let b = request(&uncached, "GET", path, &[]);
        assert_eq!(a.status, b.status);
        assert_eq!(a.header("etag"), b.header("etag"), "{path}");
        let gz = request(&uncached, "GET", path, &[("Accept-Encoding", "gzip")]);
        assert_eq!(gz.header("content-encoding"), Some("gzip"));
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(gz.body.as_slice())
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, a.body);
    }
}
