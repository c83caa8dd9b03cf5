//! The JSON API on the bundled data, through the real server.

use crate::common::TestApp;

#[test]
fn municipalities_lists_all_290_with_codes_as_text() {
    let app = TestApp::bundled();
    let list = app.get_json("/api/v1/municipalities");
    assert_eq!(list["total"], 290);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 290);
    let stockholm = items.iter().find(|m| m["name"] == "Stockholm").unwrap();
    assert_eq!(stockholm["code"], "0180");
    assert_eq!(stockholm["county"], "Stockholms län");
    let kumla = items.iter().find(|m| m["code"] == "1881").unwrap();
    assert_eq!(kumla["evaluation_count"], 2);
}

#[test]
fn kumla_shows_its_2020_evaluation_with_eight_areas() {
    let app = TestApp::bundled();
    let kumla = app.get_json("/api/v1/municipalities/1881");
    assert_eq!(kumla["name"], "Kumla");
    let evaluations = kumla["evaluations"].as_array().unwrap();
    let latest = evaluations.iter().find(|e| e["year"] == 2020).unwrap();
    assert_eq!(latest["revision"], "v2020");
    assert_eq!(latest["total"], 557);
    let points: Vec<i64> = latest["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["points"].as_i64().unwrap())
        .collect();
    assert_eq!(points, vec![66, 73, 80, 60, 65, 71, 70, 72]);
    assert_eq!(latest["areas"][4]["theme"]["slug"], "brukarens-fokus");
    // 2017 happened, but its scores were not published: not zero, unknown.
    let first = evaluations.iter().find(|e| e["year"] == 2017).unwrap();
    assert_eq!(first["scores_published"], false);
    assert!(first["total"].is_null());
}

#[test]
fn an_evaluation_lists_its_35_subareas_with_provenance() {
    let app = TestApp::bundled();
    let e = app.get_json("/api/v1/evaluations/1881-2020");
    let subareas = e["subareas"].as_array().unwrap();
    assert_eq!(subareas.len(), 35);
    let s32 = subareas.iter().find(|s| s["code"] == "3.2").unwrap();
    assert_eq!(
        (
            s32["points"].as_i64(),
            s32["max"].as_i64(),
            s32["percent"].as_i64()
        ),
        (Some(33), Some(40), Some(84))
    );
    assert_eq!(e["municipality_code"], "1881");
    assert_eq!(
        e["provenance"]["source_file"],
        "evaluations/1881-kumla-2020.toml"
    );
    assert_eq!(e["provenance"]["content_hash"].as_str().unwrap().len(), 64);
    assert!(
        e["source_url"]
            .as_str()
            .unwrap()
            .starts_with("https://www.kumla.se/")
    );
}

#[test]
fn evaluations_across_revisions_map_areas_to_themes_with_confidence() {
    let app = TestApp::bundled();
    let e = app.get_json("/api/v1/evaluations/1444-2014");
    assert_eq!(e["revision"], "v2010");
    let area2 = &e["areas"][1];
    assert_eq!(area2["name"], "Tillgänglighet och brukarorientering");
    assert_eq!(area2["theme"]["number"], 5);
    assert_eq!(area2["theme"]["confidence"], "medium");
    assert_eq!(e["areas"][3]["theme"]["confidence"], "weak");
}

#[test]
fn unknown_ids_are_404_and_malformed_ones_400_with_a_json_error() {
    let app = TestApp::bundled();
    for (path, status) in [
        ("/api/v1/municipalities/9999", 404),
        ("/api/v1/municipalities/18x1", 400),
        ("/api/v1/municipalities/01800", 400),
        ("/api/v1/evaluations/1881-1999", 404),
        ("/api/v1/evaluations/kumla", 400),
        ("/api/v1/evaluations/1881-2020-13-1", 400),
        ("/api/v1/evaluations/1881-2020-13", 404),
        ("/api/v1/nothing-here", 404),
        ("/api/v1/municipalities?page=0", 400),
        ("/api/v1/municipalities?per_page=abc", 400),
    ] {
        let r = app.get(path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        let body = r.json();
        assert!(body["error"]["code"].is_string(), "{path}: {}", r.body);
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{path}"
        );
    }
}

#[test]
fn lists_are_paged_with_a_next_link() {
    let app = TestApp::bundled();
    let first = app.get_json("/api/v1/municipalities?per_page=100");
    assert_eq!(first["items"].as_array().unwrap().len(), 100);
    assert_eq!(first["next"], "/api/v1/municipalities?page=2&per_page=100");
    let last = app.get_json("/api/v1/municipalities?per_page=100&page=3");
    assert_eq!(last["items"].as_array().unwrap().len(), 90);
    assert!(last["next"].is_null());
}

#[test]
fn an_error_is_shown_in_the_format_of_its_address() {
    let app = TestApp::bundled();
    let api = app.get("/api/v1/municipalities?evaluated=maybe");
    assert_eq!(api.status, 400);
    assert_eq!(api.json()["error"]["code"], "bad_request");
    assert!(
        api.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid query parameter: "),
        "{}",
        api.body
    );
    // A download is not the API: its errors are pages.
    let page = app.get("/jamfor.csv?kommun=1881");
    assert_eq!(page.status, 400);
    assert!(page.body.contains("<html lang=\"sv\">"), "{}", page.body);
    let missing = app.get("/api/v1/nothing-here");
    assert_eq!(missing.json()["error"]["code"], "not_found");
    let missing = app.get("/nothing-here");
    assert!(missing.body.contains("<html lang=\"sv\">"));
    let method = app.agent.post(&app.url("/api/v1/themes")).send("").unwrap();
    assert_eq!(method.status().as_u16(), 405);
}
