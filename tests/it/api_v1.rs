//! The JSON API's comparisons and registers on the bundled data, with
//! the outputs journalists and developers rely on pinned as snapshots.

use crate::common::TestApp;
use crate::data_support::request;

#[test]
fn kumla_compare_and_ranking_json_are_pinned() {
    let app = TestApp::bundled();
    insta::assert_json_snapshot!(
        "kumla_municipality_json",
        app.get_json("/api/v1/municipalities/1881")
    );
    insta::assert_json_snapshot!(
        "kumla_2020_evaluation_json",
        app.get_json("/api/v1/evaluations/1881-2020")
    );
    insta::assert_json_snapshot!(
        "compare_1881_0115_1444_json",
        app.get_json("/api/v1/compare?kommun=1881,0115,1444")
    );
    insta::assert_json_snapshot!(
        "ranking_total_v2020_json",
        app.get_json("/api/v1/rankings/total?revision=v2020")
    );
}

#[test]
fn compare_marks_different_revisions_and_maps_areas_to_themes() {
    let app = TestApp::bundled();
    let c = app.get_json("/api/v1/compare?kommun=1881,0115,1444");
    assert_eq!(c["revisions"], serde_json::json!(["v2010", "v2020"]));
    assert_eq!(c["crosses_revisions"], true);
    assert!(c["note"].as_str().unwrap().contains("olika versioner"));
    let total = &c["rows"][0];
    assert_eq!(total["metric"], "total");
    let points: Vec<i64> = total["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["points"].as_i64().unwrap())
        .collect();
    assert_eq!(points, vec![557, 648, 506]);
    // Brukarens fokus: Grästorp's v2010 area 2, a medium match.
    let t5 = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "brukarens-fokus")
        .unwrap();
    assert_eq!(t5["values"][2]["area"], 2);
    assert_eq!(t5["values"][2]["confidence"], "medium");
    assert_eq!(t5["values"][0]["points"], 65);
}

#[test]
fn changes_between_evaluations_say_when_they_cross_a_revision() {
    let app = TestApp::bundled();
    let c = app.get_json("/api/v1/changes?kommun=0115");
    let steps = c["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["crosses_revision"], false);
    assert_eq!(
        (&steps[0]["total"]["previous"], &steps[0]["total"]["latest"]),
        (&serde_json::json!(555), &serde_json::json!(603))
    );
    assert_eq!(steps[0]["total"]["change"], 48);
    let cross = &steps[1];
    assert_eq!(cross["from"]["revision"], "v2016");
    assert_eq!(cross["to"]["revision"], "v2020");
    assert_eq!(cross["crosses_revision"], true);
    assert_eq!(cross["total"]["change"], 45);
    // Kumla 2017 published nothing: the change is unknown, not -557.
    let kumla = app.get_json("/api/v1/changes?kommun=1881");
    assert!(kumla["steps"][0]["total"]["change"].is_null());
    assert!(kumla["steps"][0]["total"]["previous"].is_null());
}

#[test]
fn rankings_filter_by_revision_and_county_and_page_with_filters_kept() {
    let app = TestApp::bundled();
    let all = app.get_json("/api/v1/rankings/total");
    let v2020 = app.get_json("/api/v1/rankings/total?revision=v2020");
    assert!(v2020["total"].as_u64() < all["total"].as_u64());
    assert!(
        v2020["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["evaluation"]["revision"] == "v2020")
    );
    let county = app.get_json("/api/v1/rankings/brukarens-fokus?county=18&per_page=1");
    assert_eq!(county["items"][0]["county_code"], "18");
    assert_eq!(county["items"][0]["rank"], 1);
    if county["total"].as_u64().unwrap() > 1 {
        assert_eq!(
            county["next"],
            "/api/v1/rankings/brukarens-fokus?county=18&page=2&per_page=1"
        );
    }
}

#[test]
fn lists_filter_and_state_their_totals() {
    let app = TestApp::bundled();
    let evaluated = app.get_json("/api/v1/municipalities?evaluated=true&per_page=10");
    let never = app.get_json("/api/v1/municipalities?evaluated=false");
    assert_eq!(
        evaluated["total"].as_u64().unwrap() + never["total"].as_u64().unwrap(),
        290
    );
    assert_eq!(
        evaluated["next"],
        "/api/v1/municipalities?evaluated=true&page=2&per_page=10"
    );
    let orebro = app.get_json("/api/v1/municipalities?county=18");
    assert!(
        orebro["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["county_code"] == "18" && m["code"].as_str().unwrap().starts_with("18"))
    );
    let in_2020 = app.get_json("/api/v1/evaluations?year=2020");
    let items = in_2020["items"].as_array().unwrap();
    assert_eq!(in_2020["total"].as_u64().unwrap() as usize, items.len());
    assert!(items.iter().any(|e| e["id"] == "1881-2020"));
    assert!(items.iter().all(|e| e["year"] == 2020));
    let v2010_18 = app.get_json("/api/v1/evaluations?revision=v2010&county=18");
    assert!(
        v2010_18["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["revision"] == "v2010" && e["county_code"] == "18")
    );
}

#[test]
fn reference_data_has_revisions_themes_and_benchmarks() {
    let app = TestApp::bundled();
    let revisions = app.get_json("/api/v1/revisions");
    assert_eq!(revisions["total"], 4);
    let v2020 = revisions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "v2020")
        .unwrap();
    let area3 = &v2020["areas"][2];
    assert_eq!(area3["confidence"], "same");
    let s32 = area3["subareas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "3.2")
        .unwrap();
    assert_eq!(s32["max"], 40);
    assert!(
        v2020["areas"][0]["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Offentlighet och demokrati")
    );
    let themes = app.get_json("/api/v1/themes");
    assert_eq!(themes["themes"].as_array().unwrap().len(), 8);
    assert_eq!(themes["headings"].as_array().unwrap().len(), 4);
    assert_eq!(themes["headings"][0]["themes"], serde_json::json!([1, 2]));
    let t8 = &themes["themes"][7];
    assert!(
        t8["crosswalk"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["revision"] == "v2010" && c["area"] == 4 && c["confidence"] == "weak")
    );
    let benchmarks = app.get_json("/api/v1/benchmarks");
    let snitt = benchmarks["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["label"] == "Sverigesnitt")
        .unwrap();
    assert_eq!(snitt["total"], 517);
    assert_eq!(
        snitt["areas"][0],
        serde_json::json!({"number": 1, "points": 63})
    );
}

/// `kommun` once with commas, or once per municipality as HTML forms and
/// many HTTP libraries send a list: the same comparison, as documented.
#[test]
fn compare_takes_kommun_repeated_as_well_as_comma_separated() {
    let app = TestApp::bundled();
    let commas = app.get_json("/api/v1/compare?kommun=1881,0115,1444");
    for path in [
        "/api/v1/compare?kommun=1881&kommun=0115&kommun=1444",
        "/api/v1/compare?kommun=1881,0115&kommun=1444",
    ] {
        assert_eq!(app.get_json(path), commas, "{path}");
    }
    let twice = app.get("/api/v1/compare?kommun=1881&kommun=1881");
    assert_eq!(twice.status, 400);
    assert_eq!(twice.json()["error"]["code"], "bad_request");
    assert_eq!(twice.json()["error"]["message"], "kommun names 1881 twice");
    let doc = app.get_json("/api/v1/openapi.json");
    let param = &doc["paths"]["/api/v1/compare"]["get"]["parameters"][0];
    assert!(
        param["description"]
            .as_str()
            .unwrap()
            .contains("kommun=1881&kommun=0115"),
        "{param}"
    );
}

#[test]
fn malformed_input_is_400_unknown_ids_404_never_500() {
    let app = TestApp::bundled();
    for (path, status) in [
        ("/api/v1/compare?kommun=1881", 400),
        ("/api/v1/compare", 400),
        (
            "/api/v1/compare?kommun=1881,1880,0115,0114,0117,0120,0123",
            400,
        ),
        ("/api/v1/compare?kommun=1881,1881", 400),
        ("/api/v1/compare?kommun=1881,kumla", 400),
        ("/api/v1/compare?kommun=1881,9999", 404),
        ("/api/v1/rankings/nope", 400),
        ("/api/v1/rankings/total?revision=v1999", 400),
        ("/api/v1/rankings/total?county=99", 400),
        ("/api/v1/rankings/total?page=100001", 400),
        ("/api/v1/evaluations?year=abc", 400),
        ("/api/v1/evaluations?year=1500", 400),
        ("/api/v1/evaluations?revision=2020", 400),
        ("/api/v1/municipalities?evaluated=maybe", 400),
        ("/api/v1/changes", 400),
        ("/api/v1/changes?kommun=18", 400),
        ("/api/v1/changes?kommun=9999", 404),
    ] {
        let r = app.get(path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{path}"
        );
    }
}

#[test]
fn the_read_only_api_refuses_other_methods_with_405_and_allow() {
    let app = TestApp::bundled();
    for method in ["POST", "DELETE", "PUT", "TRACE"] {
        let r = request(&app, method, "/api/v1/themes", &[]);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");
    }
}
