//! Who changed most: `/forandring` ranks computed changes between
//! evaluations under the same criteria by default, lists what sources
//! state apart, offers changes across versions as a choice, each marked;
//! its CSV, workbook and `/api/v1/changes` give the same rows and figures.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::common::TestApp;
use crate::data_support::get_raw;

/// A ranked row as all three files give it: code, rank, years, change.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    code: String,
    rank: u64,
    from: i64,
    to: i64,
    before: f64,
    after: f64,
    change: f64,
}

fn api_rows(app: &TestApp, query: &str) -> Vec<Row> {
    let page = app.get_json(&format!("/api/v1/changes?per_page=1000{query}"));
    assert!(page["next"].is_null());
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| Row {
            code: i["municipality_code"].as_str().unwrap().into(),
            rank: i["rank"].as_u64().unwrap(),
            from: i["from"]["year"].as_i64().unwrap(),
            to: i["to"]["year"].as_i64().unwrap(),
            before: i["total"]["previous"].as_f64().unwrap(),
            after: i["total"]["latest"].as_f64().unwrap(),
            change: i["total"]["change"].as_f64().unwrap(),
        })
        .collect()
}

fn csv_rows(app: &TestApp, query: &str) -> Vec<Row> {
    let body = get_raw(app, &format!("/forandring.csv{query}")).body;
    let mut reader = csv::Reader::from_reader(body.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[at("placering")].is_empty())
        .map(|r| Row {
            code: r[at("kommunkod")].to_string(),
            rank: r[at("placering")].parse().unwrap(),
            from: r[at("fran_ar")].parse().unwrap(),
            to: r[at("till_ar")].parse().unwrap(),
            before: r[at("fore")].parse().unwrap(),
            after: r[at("efter")].parse().unwrap(),
            change: r[at("forandring")].parse().unwrap(),
        })
        .collect()
}

fn xlsx_rows(app: &TestApp, query: &str) -> Vec<Row> {
    let body = get_raw(app, &format!("/forandring.xlsx{query}")).body;
    let mut book = Xlsx::new(Cursor::new(body)).unwrap();
    let range = book.worksheet_range("Uppgifter").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let at = |name: &str| {
        rows[0]
            .iter()
            .position(|h| *h == Data::String(name.into()))
            .unwrap_or_else(|| panic!("{name}: {:?}", rows[0]))
    };
    let number = |d: &Data| match d {
        Data::Float(f) => *f,
        other => panic!("{other:?}"),
    };
    rows[1..]
        .iter()
        .filter(|r| matches!(r[at("Placering")], Data::Float(_)))
        .map(|r| Row {
            code: r[at("Kommunkod")].to_string(),
            rank: number(&r[at("Placering")]) as u64,
            from: number(&r[at("Från år")]) as i64,
            to: number(&r[at("Till år")]) as i64,
            before: number(&r[at("Före")]),
            after: number(&r[at("Efter")]),
            change: number(&r[at("Förändring")]),
        })
        .collect()
}

#[test]
fn the_page_csv_workbook_and_api_rank_the_same_computed_changes_largest_first() {
    let app = TestApp::bundled();
    for query in ["", "&criteria=any"] {
        let api = api_rows(&app, query);
        let file_query = if query.is_empty() {
            ""
        } else {
            "?versioner=alla"
        };
        assert_eq!(csv_rows(&app, file_query), api, "CSV {file_query}");
        assert_eq!(xlsx_rows(&app, file_query), api, "xlsx {file_query}");
        assert!(api.windows(2).all(|w| w[0].change >= w[1].change));
        assert!(api.iter().all(|r| r.after - r.before == r.change));
    }
    let rows = api_rows(&app, "");
    // With the figures the data issue bundles, Karlskrona (+94, 2011 →
    // 2014) and Kramfors (+89, 2011 → 2013) stand above Tyresö (+84,
    // 2010 → 2015) and Mark (+72, 2022 → 2024).
    let top: Vec<(&str, u64, i64, i64, f64)> = rows[..4]
        .iter()
        .map(|r| (r.code.as_str(), r.rank, r.from, r.to, r.change))
        .collect();
    assert_eq!(
        top,
        vec![
            ("1080", 1, 2011, 2014, 94.0),
            ("2282", 2, 2011, 2013, 89.0),
            ("0138", 3, 2010, 2015, 84.0),
            ("1463", 4, 2022, 2024, 72.0),
        ]
    );
    let place = |code: &str| rows.iter().position(|r| r.code == code).unwrap();
    // Vallentuna: 2017 → 2019, +48 (not 2019 → 2021 across a revision).
    let vallentuna = &rows[place("0115")];
    assert_eq!(
        (vallentuna.from, vallentuna.to, vallentuna.change),
        (2017, 2019, 48.0)
    );
    // Ängelholm 2013 → 2016 crosses versions: only as a choice, marked.
    assert!(rows.iter().all(|r| r.code != "1292"));
    let across = app.get_json("/api/v1/changes?criteria=any&per_page=1000");
    let angelholm = across["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["municipality_code"] == "1292")
        .expect("Ängelholm across versions");
    assert_eq!(angelholm["crosses_revision"], true);
    assert_eq!(
        (&angelholm["from"]["year"], &angelholm["to"]["year"]),
        (&serde_json::json!(2013), &serde_json::json!(2016))
    );
    let page = app.get("/forandring");
    assert_eq!(page.status, 200);
    // The page ranks them in the same order.
    let at: Vec<usize> = ["Karlskrona", "Kramfors", "Tyresö", "Mark"]
        .iter()
        .map(|n| page.body.find(&format!(">{n}<")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(!page.body.contains("Ängelholm"));
    let across_page = app.get("/forandring?versioner=alla");
    let row = across_page
        .body
        .split("<tr")
        .find(|r| r.contains("Ängelholm"))
        .unwrap();
    assert!(row.contains("över versioner"), "{row}");
}

#[test]
fn stated_changes_are_listed_apart_and_once() {
    let app = TestApp::bundled();
    let page = app.get("/forandring").body;
    let (ranked, stated) = page.split_once(r#"id="uppgivna""#).unwrap();
    for name in ["Enköping", "Kumla"] {
        assert!(stated.contains(name), "{name} among the stated changes");
        assert!(
            !ranked.contains(&format!(">{name}<")),
            "{name} is not ranked"
        );
    }
    assert!(stated.contains("+85") && stated.contains("+137"));
    // Mark's +72 is both computed and stated: shown once, on its row.
    assert!(!stated.contains(">Mark<"));
    assert!(ranked.contains("samma förändring enligt"));
    let api = app.get_json("/api/v1/changes");
    let codes: Vec<&str> = api["stated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["municipality_code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"0381") && codes.contains(&"1881") && !codes.contains(&"1463"));
}

#[test]
fn the_api_pages_the_ranking_and_still_answers_one_municipality() {
    let app = TestApp::bundled();
    let first = app.get_json("/api/v1/changes?per_page=2");
    assert_eq!(first["page"], 1);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["items"][0]["rank"], 1);
    assert_eq!(first["metric"], "total");
    let next = first["next"].as_str().unwrap();
    assert_eq!(next, "/api/v1/changes?page=2&per_page=2");
    let second = app.get_json(next);
    assert_eq!(second["items"][0]["rank"].as_u64(), Some(3));
    let theme = app.get_json("/api/v1/changes?metric=samspel&criteria=any&from=first&county=01");
    assert_eq!(theme["metric"], "samspel");
    assert!(
        theme["next"].is_null()
            && theme["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["county_code"] == "01")
    );
    let one = app.get_json("/api/v1/changes?kommun=0115");
    assert_eq!(one["municipality"]["code"], "0115");
    assert!(one["steps"].is_array() && one.get("items").is_none());
    let doc = app.get_json("/api/v1/openapi.json");
    let params = doc["paths"]["/api/v1/changes"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let kommun = params.iter().find(|p| p["name"] == "kommun").unwrap();
    assert_ne!(kommun["required"], true, "kommun is optional");
    for name in [
        "metric", "from", "criteria", "revision", "county", "page", "per_page",
    ] {
        assert!(params.iter().any(|p| p["name"] == name), "{name}");
    }
}

#[test]
fn the_change_page_is_linked_from_the_start_the_ranking_and_every_change_section() {
    let app = TestApp::bundled();
    for path in ["/", "/rankning", "/kommun/0115-vallentuna"] {
        assert!(
            app.get(path).body.contains(r#"href="/forandring""#),
            "{path} does not link /forandring"
        );
    }
    let page = app.get("/forandring").body;
    for link in [
        r#"href="/forandring.xlsx""#,
        r#"href="/forandring.csv""#,
        r#"href="/forandring/diagram.png""#,
        r#"href="/forandring/inbadda""#,
        r#"href="/api/v1/changes""#,
    ] {
        assert!(page.contains(link), "{link}");
    }
    assert!(page.contains("forandring/bild.png"), "the social card");
    for (path, status) in [
        ("/forandring?versioner=ja", 400),
        ("/forandring?lan=99", 400),
        ("/forandring?tema=nope", 400),
        ("/forandring?fran=forsta&lan=18&tema=samspel", 200),
    ] {
        assert_eq!(app.get(path).status, status, "{path}");
    }
}
