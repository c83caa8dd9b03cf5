//! HTTP for public read-only data: ETag and 304, Cache-Control, CORS, Vary,
//! compression, HEAD, and a new ETag when the data changes.

use std::io::Read;

use crate::common::{Scratch, TestApp, import_bundle};
use crate::data_support::{get_raw, request};

const PUBLIC: &[&str] = &[
    "/api",
    "/api/v1/openapi.json",
    "/api/v1/municipalities/1881",
    "/api/v1/compare?kommun=1881,0115,1444",
    "/data/kompass.csv",
    "/data/datapackage.json",
    "/data/kompass.zip",
    "/kommun/1881.csv",
    "/rankning.csv",
    "/data/kompass.xlsx",
    "/kommun/1881.xlsx",
    "/jamfor.xlsx?kommun=1881,0115",
];

#[test]
fn a_second_request_with_the_etag_is_304_with_the_same_headers() {
    let app = TestApp::bundled();
    for path in PUBLIC {
        let first = get_raw(&app, path);
        assert_eq!(first.status, 200, "{path}");
        let etag = first.header("etag").unwrap().to_string();
        assert!(
            etag.starts_with('"') && !etag.starts_with("W/"),
            "{path}: {etag}"
        );
        assert_eq!(
            first.header("cache-control"),
            Some("public, max-age=300"),
            "{path}"
        );
        assert_eq!(
            first.header("access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert!(
            first
                .header("vary")
                .unwrap()
                .to_ascii_lowercase()
                .contains("accept-encoding")
        );
        let second = request(&app, "GET", path, &[("If-None-Match", &etag)]);
        assert_eq!(second.status, 304, "{path}");
        assert!(second.body.is_empty());
        assert_eq!(second.header("etag"), Some(etag.as_str()));
        assert_eq!(second.header("access-control-allow-origin"), Some("*"));
        // Someone else's tag, or a stale one: the full answer.
        let other = request(&app, "GET", path, &[("If-None-Match", "\"0123\"")]);
        assert_eq!(other.status, 200, "{path}");
    }
}

#[test]
fn head_answers_like_curl_dash_i_expects() {
    let app = TestApp::bundled();
    let head = request(&app, "HEAD", "/data/kompass.csv", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let etag = head.header("etag").unwrap().to_string();
    assert_eq!(
        get_raw(&app, "/data/kompass.csv").header("etag"),
        Some(etag.as_str())
    );
    let again = request(
        &app,
        "HEAD",
        "/data/kompass.csv",
        &[("If-None-Match", &etag)],
    );
    assert_eq!(again.status, 304);
}

#[test]
fn each_representation_has_its_own_tag() {
    let app = TestApp::bundled();
    let tag = |path: &str, headers: &[(&str, &str)]| {
        request(&app, "GET", path, headers)
            .header("etag")
            .unwrap()
            .to_string()
    };
    let plain = tag("/data/kompass.csv", &[]);
    let excel = tag("/data/kompass-excel.csv", &[]);
    let gzip = tag("/data/kompass.csv", &[("Accept-Encoding", "gzip")]);
    let brotli = tag("/data/kompass.csv", &[("Accept-Encoding", "br")]);
    let all = [&plain, &excel, &gzip, &brotli];
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // A gzip tag does not validate the identity representation.
    let r = request(
        &app,
        "GET",
        "/data/kompass.csv",
        &[("If-None-Match", &gzip)],
    );
    assert_eq!(r.status, 200);
}

#[test]
fn text_is_compressed_with_gzip_or_brotli_when_asked() {
    let app = TestApp::bundled();
    let plain = get_raw(&app, "/data/kompass.csv");
    let gz = request(
        &app,
        "GET",
        "/data/kompass.csv",
        &[("Accept-Encoding", "gzip")],
    );
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(gz.body.len() * 2 < plain.body.len());
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(gz.body.as_slice())
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain.body);
    let br = request(
        &app,
        "GET",
        "/api/v1/evaluations",
        &[("Accept-Encoding", "br")],
    );
    assert_eq!(br.header("content-encoding"), Some("br"));
}

#[test]
fn cors_preflight_is_granted_and_other_methods_refused() {
    let app = TestApp::bundled();
    let pre = request(
        &app,
        "OPTIONS",
        "/api/v1/themes",
        &[
            ("Origin", "https://example.org"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "if-none-match"),
        ],
    );
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        pre.header("access-control-allow-methods"),
        Some("GET, HEAD")
    );
    let post = request(&app, "POST", "/data/kompass.csv", &[]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[test]
fn pages_are_not_given_the_data_headers() {
    let app = TestApp::bundled();
    let r = get_raw(&app, "/kommun-finns-inte");
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn new_data_gets_a_new_tag_and_the_old_one_no_longer_validates() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    let app = TestApp::serve(scratch);
    let before = get_raw(&app, "/data/kompass.csv");
    let old_tag = before.header("etag").unwrap().to_string();
    // An import while the server runs (as `kompass import` would do).
    let file = data.join("evaluations/1881-kumla-2020.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("total = 557", "total = 558");
    std::fs::write(&file, text).unwrap();
    import_bundle(&app.scratch.db(), &data);
    assert!(app.state.refresh().unwrap());
    let after = request(
        &app,
        "GET",
        "/data/kompass.csv",
        &[("If-None-Match", &old_tag)],
    );
    assert_eq!(after.status, 200);
    assert_ne!(after.header("etag"), Some(old_tag.as_str()));
    assert!(after.text().contains(",558,800,"));
}
