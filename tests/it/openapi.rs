//! The OpenAPI document against the running server: Schemathesis finds no
//! failure (no 500s, every response as described, 4xx for invalid input),
//! and the human page at /api lists every operation with working examples.

use std::process::Command;
use std::time::Duration;

use crate::common::tools::output_with_heartbeat;
use crate::common::{TestApp, progress};
use crate::data_support::{get_raw, pip_tool};

fn schemathesis() -> Vec<String> {
    pip_tool("schemathesis.cli", "schemathesis")
}

#[test]
fn the_document_lists_every_endpoint_of_the_api() {
    let app = TestApp::bundled();
    let doc = app.get_json("/api/v1/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        vec![
            "/api/v1/benchmarks",
            "/api/v1/changes",
            "/api/v1/compare",
            "/api/v1/evaluations",
            "/api/v1/evaluations/{id}",
            "/api/v1/municipalities",
            "/api/v1/municipalities/{code}",
            "/api/v1/rankings/{metric}",
            "/api/v1/revisions",
            "/api/v1/themes",
        ]
    );
    let metric = &doc["paths"]["/api/v1/rankings/{metric}"]["get"]["parameters"][0];
    assert_eq!(metric["schema"]["enum"][0], "total");
    assert_eq!(metric["schema"]["enum"].as_array().unwrap().len(), 9);
}

#[test]
fn the_api_page_lists_every_operation_with_examples_that_work() {
    let app = TestApp::bundled();
    let doc = app.get_json("/api/v1/openapi.json");
    let page = app.get("/api");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("lang=\"sv\""));
    for path in doc["paths"].as_object().unwrap().keys() {
        assert!(
            page.body.contains(&format!("<code>{path}</code>")),
            "{path} missing on /api"
        );
    }
    let examples: Vec<&str> = page
        .body
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| {
            h.starts_with("/api/v1/")
                || h.starts_with("/data/")
                || h.ends_with(".csv")
                || h.contains(".csv?")
        })
        .collect();
    assert!(examples.len() >= 15, "{examples:?}");
    for href in examples {
        let href = href.replace("&amp;", "&");
        assert_eq!(get_raw(&app, &href).status, 200, "{href}");
    }
}

#[test]
fn schemathesis_finds_no_failure_against_the_running_server() {
    let st = schemathesis();
    let app = TestApp::bundled();
    // A request that breaks the schema may also be longer than any address
    // kompass answers: 414 is a refusal too (the document lists it).
    std::fs::write(
        app.scratch.dir.path().join("schemathesis.toml"),
        "[checks.negative_data_rejection]\n\
         expected-statuses = [\"400\", \"401\", \"403\", \"404\", \"405\", \"406\", \"409\", \"414\", \"415\", \"422\", \"428\", \"429\", \"5xx\"]\n",
    )
    .unwrap();
    let mut cmd = Command::new(&st[0]);
    cmd.args(&st[1..])
        .args(["run", &app.url("/api/v1/openapi.json")])
        .args(["--url", &app.base])
        .args(["--checks", "all"])
        // Bounded: a fixed budget for the generated cases, at most 90 s.
        .args(["--max-time", "90", "--workers", "2"])
        .args(["--seed", "20261129"])
        .env("NO_COLOR", "1")
        // Its cache of found crashes goes with the test's temporary folder.
        .current_dir(app.scratch.dir.path());
    // It takes a minute or more: say it is working rather than look hung.
    progress("schemathesis: testing every API operation (up to 90 s of generated cases)");
    let out = output_with_heartbeat(
        &mut cmd,
        Duration::from_secs(15),
        Duration::from_secs(600),
        |t| {
            progress(&format!(
                "schemathesis: still testing the API ({} s)",
                t.as_secs()
            ))
        },
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Schemathesis reported failures:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Tested: 10"), "{stdout}");
    assert!(stdout.contains(" passed"), "{stdout}");
}

/// The heartbeat the Schemathesis run uses: called while a slow program
/// runs, and the program's output kept whole.
#[test]
fn a_slow_checker_says_it_is_still_running() {
    let mut beats = Vec::new();
    let out = output_with_heartbeat(
        Command::new("sh").args(["-c", "echo start; sleep 2; echo end"]),
        Duration::from_millis(500),
        Duration::from_secs(60),
        |t| beats.push(t),
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "start\nend\n");
    assert!(!beats.is_empty(), "no heartbeat in a run of 2 s");
    assert!(beats.windows(2).all(|w| w[0] < w[1]), "{beats:?}");
}
