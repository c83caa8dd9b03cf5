//! One answer, three renderings: the compare page, its JSON and its CSV are
//! each read back as figures (municipality and theme -> points) and must
//! carry the same ones; the compare and ranking pages, their JSON and their
//! CSV the same reference figure, in the same place.

use std::collections::BTreeMap;

use crate::common::TestApp;
use crate::data_support::get_raw;

/// (municipality code, theme number with 0 for the total) -> the published
/// points as a plain decimal ("72.5"), or none where not published.
type Figures = BTreeMap<(String, u8), Option<String>>;

/// The text of an HTML fragment, tags dropped.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// A figure as the page prints it ("72,5", "557"), or none for
/// "ej publicerat".
fn page_number(cell: &str) -> Option<String> {
    let shown = text(cell.split("<span class=\"sub\">").next().unwrap_or(""));
    let number = shown.replace(',', ".");
    number.parse::<f64>().is_ok().then_some(number)
}

/// The compare table (`#tabell-jamfor`): the columns' municipalities from
/// their links, a row per theme ("5 Brukarens fokus") and the total.
fn page_figures(html: &str) -> Figures {
    let start = html.find("<table id=\"tabell-jamfor\"").unwrap();
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let (head, body) = table.split_once("<tbody>").unwrap();
    let codes: Vec<String> = head
        .split("href=\"/kommun/")
        .skip(1)
        .map(|h| h[..4].to_string())
        .collect();
    let mut out = Figures::new();
    for row in body.split("<tr").skip(1) {
        let row = &row[row.find('>').unwrap() + 1..];
        let label = text(row.split("</th>").next().unwrap());
        let theme = if label.starts_with("Totalt") {
            0
        } else {
            label.split(' ').next().unwrap().parse().unwrap()
        };
        // The municipalities' cells, then one per reference figure.
        let cells: Vec<&str> = row.split("<td").skip(1).collect();
        let references = head.matches("<span class=\"sub\">referensvärde").count();
        assert_eq!(cells.len(), codes.len() + references, "{label}");
        for (code, cell) in codes.iter().zip(cells) {
            let content = &cell[cell.find('>').unwrap() + 1..];
            out.insert((code.clone(), theme), page_number(content));
        }
    }
    out
}

fn json_figures(compare: &serde_json::Value) -> Figures {
    let mut out = Figures::new();
    for row in compare["rows"].as_array().unwrap() {
        let theme = row["theme"].as_u64().map_or(0, |t| t as u8);
        for v in row["values"].as_array().unwrap() {
            let code = v["municipality_code"].as_str().unwrap().to_string();
            let points = (!v["points"].is_null()).then(|| v["points"].to_string());
            out.insert((code, theme), points);
        }
    }
    out
}

fn csv_figures(csv: &str) -> Figures {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (code, theme, points) = (column("kommunkod"), column("tema"), column("poang"));
    reader
        .records()
        .map(|r| r.unwrap())
        // The reference figures' rows (no code) are compared apart.
        .filter(|r| !r[code].is_empty())
        .map(|r| {
            let theme = if r[theme].is_empty() {
                0
            } else {
                r[theme].parse().unwrap()
            };
            let p = (!r[points].is_empty()).then(|| r[points].to_string());
            ((r[code].to_string(), theme), p)
        })
        .collect()
}

#[test]
fn the_compare_page_its_json_and_its_csv_carry_the_same_figures() {
    let app = TestApp::bundled();
    let query = "kommun=1881,1444,0115";
    let page = app.get(&format!("/jamfor?{query}"));
    assert_eq!(page.status, 200);
    let page = page_figures(&page.body);
    let json = json_figures(&app.get_json(&format!("/api/v1/compare?{query}")));
    let csv = csv_figures(&get_raw(&app, &format!("/jamfor.csv?{query}")).text());
    assert_eq!(page.len(), 3 * 9, "{page:?}");
    assert_eq!(page, json, "the page and the JSON");
    assert_eq!(page, csv, "the page and the CSV");
    // Figures the three agree on, as published: Kumla's total, Grästorp's
    // v2010 area 2 under Brukarens fokus.
    assert_eq!(page[&("1881".into(), 0)].as_deref(), Some("557"));
    assert_eq!(page[&("1444".into(), 5)].as_deref(), Some("60"));
    assert_eq!(page[&("0115".into(), 0)].as_deref(), Some("648"));
}

#[test]
fn each_municipality_is_compared_as_its_page_shows_it_unless_one_is_named() {
    let app = TestApp::bundled();
    let ids = |query: &str| -> Vec<String> {
        app.get_json(&format!("/api/v1/compare?{query}"))["municipalities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["evaluation"]["id"].as_str().unwrap_or("").to_string())
            .collect()
    };
    // Örebro on its 2015 total, as its page (its areas from 2012).
    assert_eq!(ids("kommun=1880,1881"), vec!["1880-2015", "1881-2020"]);
    assert_eq!(ids("kommun=1880:2012,1881"), vec!["1880-2012", "1881-2020"]);
    assert_eq!(ids("kommun=1880:2015,1881"), vec!["1880-2015", "1881-2020"]);
    let csv = get_raw(&app, "/jamfor.csv?kommun=1880:2015,1881").text();
    assert!(csv.contains(",1880-2015,"), "{csv}");
    let page = app.get("/jamfor?kommun=1880:2015,1881");
    assert!(
        page.body.contains(r#"<option value="1880:2015" selected>"#),
        "the page's select"
    );
    for (query, status) in [
        ("kommun=1880:2013,1881", 404),
        ("kommun=1880:20,1881", 400),
        ("kommun=1880:2015-13,1881", 400),
    ] {
        let r = app.get(&format!("/api/v1/compare?{query}"));
        assert_eq!(r.status, status, "{query}: {}", r.body);
    }
    let wrong = app.get("/api/v1/compare?kommun=1880:2013,1881");
    assert!(
        wrong.body.contains("its evaluations: 2010, 2012, 2015"),
        "{}",
        wrong.body
    );
    assert_eq!(app.get("/jamfor?kommun=1880:2013,1881").status, 400);
}

#[test]
fn a_comparison_with_a_municipality_never_evaluated_never_says_all_were() {
    let app = TestApp::bundled();
    let page = app.get("/jamfor?kommun=1881,0120");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Alla kommunerna har utvärderats"));
    assert!(page.body.contains("Värmdö har aldrig utvärderats"));
    let json = app.get_json("/api/v1/compare?kommun=1881,0120");
    assert!(json["municipalities"][1]["evaluation"].is_null());
}

/// A reference figure as each rendering names it: its name and its points
/// as a plain decimal ("517").
type Shown = (String, String);

/// The compare table's reference columns: each header's name, and its
/// cell in the total's row (the reference columns come last).
fn page_compare_references(html: &str) -> Vec<Shown> {
    let Some(start) = html.find("<table id=\"tabell-jamfor\"") else {
        return vec![];
    };
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let labels: Vec<String> = table
        .split("<th class=\"num\" scope=\"col\">")
        .skip(1)
        .filter_map(|head| {
            let (label, rest) = head.split_once("<span class=\"sub\">")?;
            rest.starts_with("referensvärde").then(|| label.to_string())
        })
        .collect();
    let total = table.split("class=\"total-row\"").nth(1).unwrap();
    let cells: Vec<&str> = total.split("<td").skip(1).collect();
    let cells = &cells[cells.len() - labels.len()..];
    labels
        .into_iter()
        .zip(cells)
        .map(|(label, cell)| {
            let content = &cell[cell.find('>').unwrap() + 1..];
            let points = text(content.split("</td>").next().unwrap()).replace(',', ".");
            (label, points)
        })
        .collect()
}

/// The ranking table's reference row, and how many places stand above it.
fn page_ranking_reference(html: &str) -> Option<(Shown, usize)> {
    let start = html.find("<table id=\"rankning\"")?;
    let table = &html[start..start + html[start..].find("</table>")?];
    let body = table.split_once("<tbody>")?.1;
    let rows: Vec<&str> = body.split("<tr").skip(1).collect();
    let at = rows
        .iter()
        .position(|r| r.starts_with(" class=\"reference-row\""))?;
    let row = rows[at];
    let label = text(
        row.split("<th scope=\"row\">")
            .nth(1)?
            .split("<span")
            .next()?,
    );
    let cell = row.split("data-label=\"Poäng\">").nth(1)?;
    let points = text(cell.split("</td>").next()?).replace(',', ".");
    Some(((label, points), at))
}

fn json_references(answer: &serde_json::Value) -> Vec<Shown> {
    answer["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["points"].to_string(),
            )
        })
        .collect()
}

/// The CSV's marked rows (no `kommunkod`), with their place among the rows:
/// the total's, for a comparison.
fn csv_references(csv: &str) -> Vec<(Shown, usize)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (code, name, points) = (
        column("kommunkod").unwrap(),
        column("kommun").unwrap(),
        column("poang").unwrap(),
    );
    let metric = column("matt");
    reader
        .records()
        .map(|r| r.unwrap())
        .enumerate()
        .filter(|(_, r)| r[code].is_empty())
        .filter(|(_, r)| metric.is_none_or(|m| &r[m] == "total"))
        .map(|(i, r)| ((r[name].to_string(), r[points].to_string()), i))
        .collect()
}

#[test]
fn the_page_its_json_and_its_csv_show_the_same_reference_figure() {
    let app = TestApp::bundled();
    let sverigesnitt = ("Sverigesnitt 2021".to_string(), "517".to_string());
    // The comparison: a column on the page, after the municipalities in the
    // CSV (two of them, nine rows each).
    let query = "kommun=1881,0115";
    let page = page_compare_references(&app.get(&format!("/jamfor?{query}")).body);
    let json = json_references(&app.get_json(&format!("/api/v1/compare?{query}")));
    let csv = csv_references(&get_raw(&app, &format!("/jamfor.csv?{query}")).text());
    assert_eq!(page, vec![sverigesnitt.clone()]);
    assert_eq!(json, vec![sverigesnitt.clone()], "the page and the JSON");
    assert_eq!(
        csv,
        vec![(sverigesnitt.clone(), 2 * 9)],
        "the page and the CSV"
    );
    // The ranking: a row where its figure falls, on the page and in the CSV.
    let (page, at) = page_ranking_reference(&app.get("/rankning").body).unwrap();
    let json = json_references(&app.get_json("/api/v1/rankings/total?revision=v2020"));
    let csv = csv_references(&get_raw(&app, "/rankning.csv").text());
    assert_eq!(page, sverigesnitt);
    assert_eq!(json, vec![sverigesnitt.clone()], "the page and the JSON");
    assert_eq!(
        csv,
        vec![(sverigesnitt.clone(), at)],
        "the page and the CSV"
    );
    // Across criteria versions each version's own, oldest first, by all three.
    let query = "kommun=1881,0115,1444";
    let forty = (
        "Genomsnitt, de 40 senaste utvärderingarna 2014".to_string(),
        "455".to_string(),
    );
    let both = vec![forty.clone(), sverigesnitt.clone()];
    assert_eq!(
        page_compare_references(&app.get(&format!("/jamfor?{query}")).body),
        both
    );
    assert_eq!(
        json_references(&app.get_json(&format!("/api/v1/compare?{query}"))),
        both
    );
    assert_eq!(
        csv_references(&get_raw(&app, &format!("/jamfor.csv?{query}")).text()),
        vec![(forty, 3 * 9), (sverigesnitt, 4 * 9)]
    );
}
