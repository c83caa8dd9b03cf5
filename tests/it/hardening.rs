//! The public server under hostile or unlucky input: the security headers
//! on every kind of answer, capped inputs, answers that never depend on the
//! request's Host or forwarded headers, and "busy" instead of an endless
//! queue.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use kompass::web::Settings;

use crate::common::TestApp;
use crate::data_support::request;

const SECURITY: [(&str, &str); 4] = [
    ("content-security-policy", "default-src 'self'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("permissions-policy", "camera=()"),
];

fn assert_security_headers(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> u16 {
    let r = request(app, method, path, headers);
    for (name, expected) in SECURITY {
        let value = r
            .header(name)
            .unwrap_or_else(|| panic!("{method} {path}: no {name}"));
        assert!(value.contains(expected), "{method} {path}: {name}: {value}");
    }
    let csp = r.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    r.status
}

#[test]
fn every_kind_of_answer_carries_the_security_headers() {
    let app = TestApp::bundled();
    let long = format!("/sok?q={}", "a".repeat(3000));
    for (method, path, status) in [
        ("GET", "/", 200),
        ("GET", "/kommun/1881", 200),
        ("GET", "/jamfor?kommun=1881,1444,0115", 200),
        ("GET", "/api/v1/municipalities", 200),
        ("GET", "/api/v1/municipalities/1881", 200),
        ("GET", "/data/kompass.csv", 200),
        ("GET", "/data/kompass.zip", 200),
        ("GET", "/assets/kompass.css", 200),
        ("GET", "/kommun/1881/diagram/omraden.svg", 200),
        ("GET", "/finns-inte", 404),
        ("GET", "/api/v1/municipalities/9999", 404),
        ("GET", "/api/v1/municipalities/x", 400),
        ("HEAD", "/", 200),
        ("POST", "/", 405),
        ("DELETE", "/api/v1/themes", 405),
        ("GET", long.as_str(), 414),
    ] {
        // Twice: the first answer is rendered, the second comes from the cache.
        for round in 0..2 {
            let got = assert_security_headers(
                &app,
                method,
                path,
                &[("Accept-Encoding", "gzip, deflate, br, zstd")],
            );
            assert_eq!(got, status, "{method} {path} (round {round})");
        }
    }
    let tag = request(&app, "GET", "/", &[])
        .header("etag")
        .unwrap()
        .to_string();
    assert_eq!(
        assert_security_headers(&app, "GET", "/", &[("If-None-Match", &tag)]),
        304
    );
    let hsts = request(&app, "GET", "/", &[]);
    assert!(
        hsts.header("strict-transport-security").is_none(),
        "HSTS is opt-in"
    );
}

#[test]
fn hsts_is_sent_when_asked_for() {
    let app = TestApp::bundled_with(Settings {
        hsts: true,
        ..Settings::default()
    });
    for path in ["/", "/data/kompass.csv", "/finns-inte"] {
        let r = request(&app, "GET", path, &[]);
        assert_eq!(
            r.header("strict-transport-security"),
            Some("max-age=31536000"),
            "{path}"
        );
    }
}

#[test]
fn a_60_kb_search_is_answered_with_a_clear_status() {
    let app = TestApp::bundled();
    // 60,000 letters as a browser sends them (ö percent-encoded), and plain.
    for letters in ["%C3%B6".repeat(10_000), "a".repeat(60_000)] {
        for path in [
            format!("/sok?q={letters}"),
            format!("/kommun/{letters}"),
            format!("/jamfor?kommun=1881&lagg_till={letters}"),
            format!("/api/v1/municipalities/{letters}"),
        ] {
            let r = request(&app, "GET", &path, &[]);
            assert_eq!(r.status, 414, "{}…", &path[..20]);
        }
    }
    // Under the address cap, a long text is cut to 100 characters and searched.
    let r = request(
        &app,
        "GET",
        &format!("/sok?q=kumla{}", "x".repeat(1500)),
        &[],
    );
    assert_eq!(r.status, 200);
    assert!(!r.text().contains(&"x".repeat(101)), "the query is cut");
    let r = request(
        &app,
        "GET",
        &format!("/kommun/{}", "kumla".repeat(300)),
        &[],
    );
    assert_eq!(r.status, 404);
}

/// One raw HTTP/1.1 request, so that Host and forwarded headers are exactly
/// what a client chose.
fn raw_get(app: &TestApp, path: &str, host: &str) -> String {
    let addr = app.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-Host: {host}\r\n\
         X-Forwarded-Proto: javascript\r\nForwarded: host={host};proto=javascript\r\n\
         Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn no_answer_depends_on_the_host_or_forwarded_headers() {
    // A fresh server: each of these requests is the one that renders the page.
    let app = TestApp::bundled();
    for path in [
        "/",
        "/kommun/1881-kumla",
        "/kommun/1881",
        "/jamfor?kommun=1881,1444,0115",
        "/rankning",
        "/omrade/brukarens-fokus",
        "/kommuner",
        "/om",
        "/api",
        "/sok?q=upplands",
        "/sok?q=kumla",
        "/kommun/kumal",
        "/api/v1/municipalities?page=1&per_page=2",
        "/data/datapackage.json",
    ] {
        let answer = raw_get(&app, path, "evil.example");
        assert!(answer.starts_with("HTTP/1.1 "), "{path}: {answer}");
        assert!(
            !answer.contains("evil.example"),
            "{path} repeats the Host:\n{answer}"
        );
        assert!(!answer.contains("javascript:"), "{path}");
    }
    let page = request(&app, "GET", "/kommun/1881-kumla", &[]).text();
    assert!(
        page.contains(r#"<link rel="canonical" href="http://127.0.0.1:8080/kommun/1881-kumla">"#)
    );
}

#[test]
fn work_that_waits_too_long_for_its_turn_is_answered_503_with_retry_after() {
    let app = TestApp::bundled_with(Settings {
        render_slots: 1,
        max_wait: Duration::from_millis(200),
        ..Settings::default()
    });
    let cached = request(&app, "GET", "/om", &[]);
    assert_eq!(cached.status, 200);
    // The test holds the only render slot: a miss cannot start.
    let held = app.state.render_gate.try_acquire().unwrap();
    let busy = request(&app, "GET", "/kommuner", &[]);
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("retry-after"), Some("2"));
    assert!(busy.header("content-security-policy").is_some());
    let api = request(&app, "GET", "/api/v1/themes", &[]);
    assert_eq!(api.status, 503);
    assert_eq!(api.json_error_code(), "busy");
    // What is cached is still answered at once.
    assert_eq!(request(&app, "GET", "/om", &[]).status, 200);
    drop(held);
    assert_eq!(request(&app, "GET", "/kommuner", &[]).status, 200);
}
