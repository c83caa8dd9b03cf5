//! Kommungrupper, populations and the map's boundaries as the bundle brings
//! them in: checked at their line, stored, and served.

use kompass::pipeline::{self, Target};

use crate::common::{Scratch, TestApp, import_bundle};

/// Replaces `from` by `to` once in a file of the bundle copy.
fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_bad_row_or_map_feature_is_refused_at_its_line_and_the_database_kept() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    import_bundle(&scratch.db(), &data);
    let before = std::fs::read(scratch.db()).unwrap();
    edit(
        &data.join("kommungrupper.csv"),
        "1880,Örebro,B3",
        "1880,Örebro,B9",
    );
    let err = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![])
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(
            "kommungrupper.csv:207: group_code: \"B9\" is not a kommungrupp (A1-A2, B3-B5 or C6-C9)"
        ),
        "{err}"
    );
    edit(
        &data.join("kommungrupper.csv"),
        "1880,Örebro,B9",
        "1880,Örebro,B3",
    );
    edit(
        &data.join("maps/kommuner.geojson"),
        "\"KnKod\": \"1880\", \"KnNamn\": \"Örebro\"",
        "\"KnKod\": \"1880\", \"KnNamn\": \"Orebro\"",
    );
    let err = pipeline::run(&Target::File(scratch.db()), Some(&data), vec![])
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(
            "kommuner.geojson:210: properties.KnNamn: \"Orebro\" is not the register's name for this code (\"Örebro\")"
        ),
        "{err}"
    );
    assert!(
        std::fs::read(scratch.db()).unwrap() == before,
        "the database is as it was"
    );
}

fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.body);
    r.body
}

/// The address of the first link whose text starts with `text`.
fn link(html: &str, text: &str) -> String {
    let at = html
        .find(&format!(">{text}"))
        .unwrap_or_else(|| panic!("no link {text:?}"));
    let start = html[..at].rfind("href=\"").expect("an href") + 6;
    let end = start + html[start..].find('"').expect("its end");
    html[start..end].replace("&amp;", "&")
}

#[test]
fn enkopings_page_names_its_kommungrupp_and_population_and_lists_the_groups_evaluated() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/0381");
    assert!(
        html.contains("Kommungrupp B4 Pendlingskommun nära större stad</a> (kommungrupp enligt SKR:s indelning 2023)"),
        "{html}"
    );
    assert!(html.contains("45\u{a0}287 invånare (2019)"));
    let section = &html[html.find("id=\"kommungrupp\"").expect("the section")..];
    // Evaluated members of B4, with their latest total and criteria.
    for row in [
        "<a href=\"/kommun/1881-kumla\">Kumla</a>",
        "<a href=\"/kommun/0486-strangnas\">Strängnäs</a>",
        "<a href=\"/kommun/1444-grastorp\">Grästorp</a>",
    ] {
        assert!(section.contains(row), "{row} not in the group's list");
    }
    assert!(
        section.contains("557 (2020)"),
        "Kumla's latest total and year"
    );
    let json = app.get_json("/api/v1/municipalities/0381");
    assert_eq!(json["group"]["code"], "B4");
    assert_eq!(json["population"]["count"], 45_287);
    assert_eq!(json["neighbours"][0]["name"], "Uppsala");
}

#[test]
fn the_comparison_offers_the_same_kommungrupp_in_one_click() {
    let app = TestApp::bundled();
    let html = page(&app, "/jamfor?kommun=0381");
    let href = link(&html, "Lägg till samma kommungrupp");
    assert!(href.starts_with("/jamfor?kommun=0381,"), "{href}");
    let added: Vec<&str> = href["/jamfor?kommun=".len()..].split(',').collect();
    assert_eq!(added.len(), 6, "five added to Enköping: the cap of six");
    let compared = page(&app, &href);
    for code in &added[1..] {
        let json = app.get_json(&format!("/api/v1/municipalities/{code}"));
        assert_eq!(json["group"]["code"], "B4", "{code}");
        let name = json["name"].as_str().unwrap();
        assert!(
            compared.contains(&format!(">{name}</a>")),
            "{name} compared"
        );
    }
}

#[test]
fn orebros_neighbours_are_one_link_longest_border_first() {
    let app = TestApp::bundled();
    let html = page(&app, "/jamfor?kommun=1880");
    let href = link(&html, "Lägg till grannkommuner");
    // Nora, Hallsberg, Lindesberg, Lekeberg and Vingåker: their borders with
    // Örebro are the five longest (Kumla's, 17.6 km, comes sixth).
    assert_eq!(href, "/jamfor?kommun=1880,1884,1861,1885,1814,0428");
    assert!(html.contains(": Nora, Hallsberg, Lindesberg, Lekeberg och Vingåker."));
    assert!(html.contains("<a href=\"/jamfor?kommun=1880,1881\">Kumla</a>"));
    let compared = page(&app, &href);
    assert!(compared.contains(">Lekeberg</a>") && compared.contains("ej utvärderad"));
}

#[test]
fn orebro_is_compared_on_its_2015_total_with_its_2012_areas_named_as_such() {
    let app = TestApp::bundled();
    let html = page(&app, "/jamfor?kommun=1880,1881");
    assert!(html.contains("områdena från 2012 (totalt 615)"), "{html}");
    assert!(
        html.contains("data-label=\"Örebro 2015\">650</td>"),
        "{html}"
    );
    assert!(html.contains("data-label=\"Örebro 2012\">"));
    let json = app.get_json("/api/v1/compare?kommun=1880,1881");
    let orebro = &json["municipalities"][0];
    assert_eq!(orebro["evaluation"]["id"], "1880-2015");
    assert_eq!(orebro["areas_from"]["id"], "1880-2012");
    assert_eq!(orebro["areas_from_total"], 615);
    assert_eq!(orebro["group"]["code"], "B3");
    let total = &json["rows"][0]["values"][0];
    assert_eq!(
        (&total["evaluation_id"], &total["points"]),
        (&"1880-2015".into(), &650.into())
    );
    let theme = &json["rows"][3]["values"][0];
    assert_eq!(theme["evaluation_id"], "1880-2012");
    let csv = app.get("/jamfor.csv?kommun=1880,1881").body;
    let total_row = csv.lines().nth(1).unwrap();
    assert!(
        total_row.starts_with("1880,Örebro,Örebro län,1880-2015,2015,v2010,total,"),
        "{total_row}"
    );
    assert!(total_row.ends_with(",B3,155696,2019"), "{total_row}");
    assert!(
        csv.lines().nth(4).unwrap().contains(",1880-2012,2012,"),
        "{csv}"
    );
    // Named, an evaluation is compared alone, total and areas.
    let pinned = app.get_json("/api/v1/compare?kommun=1880:2012,1881");
    assert_eq!(pinned["municipalities"][0]["evaluation"]["id"], "1880-2012");
    assert!(pinned["municipalities"][0]["areas_from"].is_null());
    assert_eq!(pinned["rows"][0]["values"][0]["points"], 615);
}

#[test]
fn rankings_filter_by_kommungrupp_on_the_page_in_its_files_and_in_the_api() {
    let app = TestApp::bundled();
    let html = page(&app, "/rankning?kommungrupp=B3&revision=alla");
    assert!(
        html.contains("i kommungrupp B3 Större stad i kompass"),
        "{html}"
    );
    assert!(html.contains("<option value=\"B3\" selected>B3 Större stad</option>"));
    assert!(!html.contains(">Kumla</a>"), "Kumla is B4");
    let api = app.get_json("/api/v1/rankings/total?group=B3");
    let items = api["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["group"]["code"] == "B3"), "{api}");
    let all = app.get_json("/api/v1/rankings/total");
    assert!(all["items"].as_array().unwrap().len() > items.len());
    let csv = app.get("/rankning.csv?kommungrupp=B3&revision=alla").body;
    let rows: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with(','))
        .collect();
    assert_eq!(rows.len(), items.len());
    assert!(rows.iter().all(|r| r.contains(",B3,")), "{csv}");
    let bad = app.get("/rankning?kommungrupp=B9");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("ingen kommungrupp"));
    assert_eq!(app.get("/api/v1/rankings/total?group=B9").status, 400);
}
