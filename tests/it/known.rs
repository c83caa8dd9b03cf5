//! Every figure kompass knows, and what it does not (issue 19), through the
//! real server on the bundled data: the evaluations found since
//! (`published_results_4`), a printed total that differs from its areas,
//! and how much of each municipality's history is known.

use crate::common::TestApp;

fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.body);
    r.body
}

#[test]
fn the_nine_evaluations_found_since_are_bundled() {
    let app = TestApp::bundled();
    for id in [
        "1080-2011", "1080-2014", "2282-2011", "2282-2013", "1284-2020", "1284-2023", "0583-2006",
        "1481-2016", "0180-2009",
    ] {
        let e = app.get_json(&format!("/api/v1/evaluations/{id}"));
        assert!(e["source_url"].as_str().is_some_and(|u| u.starts_with("http")), "{id}");
        assert!(e["notes"].as_str().is_some_and(|n| !n.is_empty()), "{id}");
    }
    let stockholm = app.get_json("/api/v1/evaluations/0180-2009");
    assert_eq!(stockholm["scores_published"], false);
    assert_eq!(stockholm["revision"], "v2002");
    let motala = app.get_json("/api/v1/evaluations/0583-2006");
    assert_eq!(motala["total"], 426.5);
    let molndal = app.get_json("/api/v1/evaluations/1481-2016");
    assert_eq!(molndal["total"], serde_json::Value::Null, "no total printed");
    let points: Vec<i64> = molndal["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["points"].as_i64().unwrap())
        .collect();
    assert_eq!(points, [49, 61, 73, 61, 57, 63, 45, 67]);
}

#[test]
fn the_default_ranking_has_hoganas_2023_first_among_five() {
    let app = TestApp::bundled();
    let csv = page(&app, "/rankning.csv");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "{csv}");
    assert!(
        rows[0].starts_with("1,1284,Höganäs,Skåne län,1284-2023,2023,v2020,,679,800"),
        "{csv}"
    );
}

#[test]
fn kramfors_and_karlskrona_show_their_evaluations_with_all_areas() {
    let app = TestApp::bundled();
    let kramfors = page(&app, "/kommun/2282-kramfors");
    assert!(!kramfors.contains("<strong>ej utvärderad</strong>"));
    assert!(kramfors.contains("Utvärderad 3 gånger: 2007, 2011, 2013"), "2007 is known, without figures");
    let api = app.get_json("/api/v1/municipalities/2282");
    let areas: Vec<usize> = api["evaluations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["areas"].as_array().unwrap().len())
        .collect();
    assert_eq!(areas, [0, 8, 8]);
    let csv = page(&app, "/kommun/2282.csv");
    for year in ["2282-2011", "2282-2013"] {
        let area_rows = csv
            .lines()
            .filter(|l| l.contains(year) && l.contains(",omrade,"))
            .count();
        assert_eq!(area_rows, 8, "{year}: {csv}");
    }
    let karlskrona = page(&app, "/kommun/1080-karlskrona");
    assert!(karlskrona.contains("Utvärderad 2 gånger: 2011, 2014"));
    let molndal = page(&app, "/kommun/1481-molndal");
    assert!(molndal.contains("Utvärderingen 2016 gjordes enligt kriterierna från 2016"));
    for points in ["49", "61", "73", "57", "63", "45", "67"] {
        assert!(molndal.contains(&format!(">{points}<")), "Mölndal's area {points}");
    }
}

const KRAMFORS_2011: &str = "Områdenas poäng summerar till 363; källan anger totalpoängen 359, en skillnad på 4 poäng i källan som avrundning inte förklarar.";
const KRAMFORS_2013: &str = "Områdenas poäng summerar till 447; källan anger totalpoängen 448, en skillnad på 1 poäng som avrundning förklarar.";

#[test]
fn a_printed_total_that_differs_from_its_areas_is_said_on_the_page_in_the_tables_and_the_api() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/2282-kramfors");
    assert!(html.contains("Uppgifternas kvalitet"));
    assert!(html.contains(KRAMFORS_2011), "the page says both figures");
    assert!(html.contains(KRAMFORS_2013));
    // The municipality's table: on the total's row, in `anmarkning`.
    let csv = page(&app, "/kommun/2282.csv");
    let total_2011 = csv
        .lines()
        .find(|l| l.contains("2282-2011") && l.contains(",total,"))
        .unwrap();
    assert!(total_2011.ends_with(&format!("\"{KRAMFORS_2011}\"")) || total_2011.ends_with(KRAMFORS_2011), "{total_2011}");
    // The evaluations table of the whole dataset, and its spreadsheet.
    let all = page(&app, "/data/utvarderingar.csv");
    let row = all.lines().find(|l| l.starts_with("2282-2013,")).unwrap();
    assert!(row.contains(KRAMFORS_2013), "{row}");
    // The API, beside the evaluation's discrepancies.
    let e = app.get_json("/api/v1/evaluations/2282-2011");
    assert_eq!(e["discrepancies"], serde_json::json!([]), "nothing recorded in the file");
    assert_eq!(
        e["total_difference"],
        serde_json::json!({
            "areas_sum": 363, "printed_total": 359, "difference": 4,
            "kind": "source", "note": KRAMFORS_2011,
        })
    );
    assert_eq!(app.get_json("/api/v1/evaluations/2282-2013")["total_difference"]["kind"], "rounding");
    assert_eq!(app.get_json("/api/v1/evaluations/1881-2020")["total_difference"], serde_json::Value::Null);
}

/// Recorded under `[[discrepancies]]` or not, the sentence is the same, and
/// said once; nothing the import accepts today is refused.
#[test]
fn a_recorded_difference_of_the_total_is_said_in_the_same_words() {
    let scratch = crate::common::Scratch::new();
    let data = scratch.copy_of_bundle();
    let file = data.join("evaluations/2282-kramfors-2011.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n[[discrepancies]]\nfigure = \"total\"\nnote = \"The areas sum to 363; the page states 359.\"\n");
    std::fs::write(&file, text).unwrap();
    let check = crate::common::kompass_check(&data, &scratch.db());
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let app = TestApp::with_data(&data);
    let html = page(&app, "/kommun/2282-kramfors");
    assert_eq!(html.matches(KRAMFORS_2011).count(), 1, "said once");
    assert!(!html.contains("The areas sum"), "never the curator's English");
    let e = app.get_json("/api/v1/evaluations/2282-2011");
    assert_eq!(e["discrepancies"][0]["figure"], "total");
    assert_eq!(e["total_difference"]["note"], KRAMFORS_2011);
}
