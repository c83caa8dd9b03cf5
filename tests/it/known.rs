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
        "1080-2011",
        "1080-2014",
        "2282-2011",
        "2282-2013",
        "1284-2020",
        "1284-2023",
        "0583-2006",
        "1481-2016",
        "0180-2009",
    ] {
        let e = app.get_json(&format!("/api/v1/evaluations/{id}"));
        assert!(
            e["source_url"]
                .as_str()
                .is_some_and(|u| u.starts_with("http")),
            "{id}"
        );
        assert!(e["notes"].as_str().is_some_and(|n| !n.is_empty()), "{id}");
    }
    let stockholm = app.get_json("/api/v1/evaluations/0180-2009");
    assert_eq!(stockholm["scores_published"], false);
    assert_eq!(stockholm["revision"], "v2002");
    let motala = app.get_json("/api/v1/evaluations/0583-2006");
    assert_eq!(motala["total"], 426.5);
    let molndal = app.get_json("/api/v1/evaluations/1481-2016");
    assert_eq!(
        molndal["total"],
        serde_json::Value::Null,
        "no total printed"
    );
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
    // The reference figure's row (empty kommunkod) is not a place.
    let rows: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|r| !r.starts_with(",,"))
        .collect();
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
    assert!(
        kramfors.contains("Utvärderad 3 gånger: 2007, 2011, 2013"),
        "2007 is known, without figures"
    );
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
        assert!(
            molndal.contains(&format!(">{points}<")),
            "Mölndal's area {points}"
        );
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
    assert!(
        total_2011.ends_with(&format!("\"{KRAMFORS_2011}\""))
            || total_2011.ends_with(KRAMFORS_2011),
        "{total_2011}"
    );
    // The evaluations table of the whole dataset, and its spreadsheet.
    let all = page(&app, "/data/utvarderingar.csv");
    let row = all.lines().find(|l| l.starts_with("2282-2013,")).unwrap();
    assert!(row.contains(KRAMFORS_2013), "{row}");
    // The API, beside the evaluation's discrepancies.
    let e = app.get_json("/api/v1/evaluations/2282-2011");
    assert_eq!(
        e["discrepancies"],
        serde_json::json!([]),
        "nothing recorded in the file"
    );
    assert_eq!(
        e["total_difference"],
        serde_json::json!({
            "areas_sum": 363, "printed_total": 359, "difference": 4,
            "kind": "source", "note": KRAMFORS_2011,
        })
    );
    assert_eq!(
        app.get_json("/api/v1/evaluations/2282-2013")["total_difference"]["kind"],
        "rounding"
    );
    assert_eq!(
        app.get_json("/api/v1/evaluations/1881-2020")["total_difference"],
        serde_json::Value::Null
    );
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
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let app = TestApp::with_data(&data);
    let html = page(&app, "/kommun/2282-kramfors");
    assert_eq!(html.matches(KRAMFORS_2011).count(), 1, "said once");
    assert!(
        !html.contains("The areas sum"),
        "never the curator's English"
    );
    let e = app.get_json("/api/v1/evaluations/2282-2011");
    assert_eq!(e["discrepancies"][0]["figure"], "total");
    assert_eq!(e["total_difference"]["note"], KRAMFORS_2011);
}

#[test]
fn orebro_says_kompass_knows_3_of_at_least_5() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/1880-orebro");
    assert!(
        html.contains("kompass känner till 3 av Örebros minst 5 utvärderingar: 2010, 2012, 2015"),
        "{}",
        &html[html.find("class=\"status\"").unwrap_or(0)..][..300]
    );
    assert!(html.contains("Enligt källan var utvärderingen 2012 Örebros fjärde, och 1 utvärdering kom efter den; när de 2 övriga gjordes anger ingen källa."));
    assert!(html.contains(r#"href="/saknas#kommun-1880""#));
    let api = app.get_json("/api/v1/municipalities/1880");
    assert_eq!(
        (
            api["evaluation_count"].as_u64(),
            api["evaluations_at_least"].as_u64()
        ),
        (Some(3), Some(5))
    );
    // Where the sources say no more than is held, the count is plain.
    assert!(page(&app, "/kommun/1881-kumla").contains("Utvärderad 2 gånger: 2017, 2020"));
}

/// The `href`s of a page that start with `prefix`, `&amp;` read as `&`.
fn links_starting(html: &str, prefix: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with(prefix))
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

#[test]
fn saknas_lists_every_evaluation_without_figures_as_the_api_and_the_csv_do() {
    let app = TestApp::bundled();
    let html = page(&app, "/saknas");
    let api = app.get_json("/api/v1/evaluations?scores=none&per_page=1000");
    let total = api["total"].as_u64().unwrap() as usize;
    assert!(total > 60, "{total}");
    assert!(
        api["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["scores_published"] == false)
    );
    let published = app.get_json("/api/v1/evaluations?scores=published&per_page=1000");
    let all = app.get_json("/api/v1/evaluations?per_page=1000");
    assert_eq!(
        published["total"].as_u64().unwrap() as usize + total,
        all["total"].as_u64().unwrap() as usize
    );
    let bidra = links_starting(&html, "/bidra?");
    assert_eq!(bidra.len(), total, "one /bidra link per evaluation listed");
    assert!(
        html.contains(&format!(
            "kompass känner till <strong>{total} utvärderingar</strong>"
        )),
        "the page's count is the API's"
    );
    for item in api["items"].as_array().unwrap() {
        let (code, year) = (
            item["municipality_code"].as_str().unwrap(),
            item["year"].as_i64().unwrap(),
        );
        let href = format!("/bidra?kommun={code}&ar={year}");
        assert!(bidra.contains(&href), "{href} not on /saknas");
    }
    assert!(html.contains("Stockholm") && html.contains("/bidra?kommun=0180&amp;ar=2009"));
    assert!(
        !html.contains("/bidra?kommun=1881&amp;ar=2020"),
        "Kumla 2020 has figures"
    );
    let csv = page(&app, "/saknas.csv");
    assert_eq!(csv.lines().count() - 1, total, "{csv}");
    assert!(
        csv.lines().any(|l| l.starts_with("1880-2010,1880,Örebro,")
            && l.ends_with("/bidra?kommun=1880&ar=2010"))
    );
    let xlsx = crate::data_support::get_raw(&app, "/saknas.xlsx");
    assert_eq!(xlsx.status, 200);
    assert_eq!(&xlsx.body[..2], b"PK", "a workbook");
    let card = crate::data_support::get_raw(&app, "/saknas/bild.png");
    assert_eq!(card.status, 200);
    assert_eq!(crate::publish::png_size(&card.body), (1200, 630));
    assert!(
        html.contains(r#"content="http"#) && html.contains("/saknas/bild.png"),
        "og:image"
    );
}

#[test]
fn every_bidra_link_of_saknas_prefills_both_forms() {
    let app = TestApp::bundled();
    let html = page(&app, "/saknas");
    let mut links = links_starting(&html, "/bidra?");
    links.dedup();
    assert!(!links.is_empty());
    for href in &links {
        let query = href.trim_start_matches("/bidra?");
        let (code, year) = query
            .split_once('&')
            .map(|(k, a)| (k.trim_start_matches("kommun="), a.trim_start_matches("ar=")))
            .unwrap();
        let start = page(&app, href);
        assert!(
            start.contains(&format!(r#"<option value="{code}" selected>"#)),
            "{href}: municipality not selected"
        );
        assert!(
            start.contains(&format!(
                r#"name="ar" type="text" inputmode="numeric" value="{year}""#
            )),
            "{href}: year not filled in"
        );
        let figures_href = format!("/bidra/siffror?{query}");
        assert!(
            start.contains(&figures_href.replace('&', "&amp;")),
            "{href}: no prefilled link to the figures form"
        );
        let figures = page(&app, &figures_href);
        assert!(
            figures.contains(&format!(r#"<option value="{code}" selected>"#)),
            "{figures_href}: municipality not selected"
        );
        assert!(
            figures.contains(&format!(r#"name="year" type="text" value="{year}""#)),
            "{figures_href}: year not filled in"
        );
    }
}

#[test]
fn what_kompass_does_not_know_is_linked_from_the_pages_that_speak_of_it() {
    let app = TestApp::bundled();
    for path in [
        "/",
        "/om",
        "/bidra",
        "/kommun/0117-osteraker",
        "/kommun/0180-stockholm",
    ] {
        assert!(
            page(&app, path).contains(r#"href="/saknas"#),
            "{path} does not link /saknas"
        );
    }
    let home = page(&app, "/");
    assert!(
        home.contains("kända utvärderingar utan siffror"),
        "the start page counts them"
    );
    // An unpublished-score page offers /bidra for its own evaluation.
    assert!(
        page(&app, "/kommun/0180-stockholm").contains(r#"href="/bidra?kommun=0180&amp;ar=2009""#)
    );
}

#[test]
fn a_report_sent_for_a_chosen_evaluation_is_said_to_be_it_or_not() {
    use crate::common::upload::Part;
    let app = TestApp::bundled();
    let report =
        std::fs::read(crate::common::project_dir().join("tests/fixtures/reports/kumla-2020.txt"))
            .unwrap();
    let send = |kommun: &str, ar: &str| {
        app.post_multipart(
            "/bidra",
            &[
                Part::file("rapport", "kumla.txt", &report),
                Part::field("text", ""),
                Part::field("kommun", kommun),
                Part::field("ar", ar),
            ],
        )
    };
    let same = send("1881", "2020");
    assert_eq!(same.status, 200, "{}", same.body);
    assert!(
        same.body
            .contains("Rapporten gäller den utvärdering du valde: Kumla 2020.")
    );
    let other = send("1880", "2010");
    assert!(
        other
            .body
            .contains("Du valde Örebro 2010, men rapporten gäller Kumla 2020."),
        "{}",
        other.body
    );
    let none = send("", "");
    assert!(!none.body.contains("du valde") && !none.body.contains("Du valde"));
}
