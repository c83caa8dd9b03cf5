//! The public HTML pages on the bundled data, through the real server: what
//! each page says for real municipalities, redirects, errors and downloads.
//! (What a browser shows, and accessibility, are in `browser.rs`.)

use crate::common::TestApp;

fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.body);
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("text/html")),
        "{path}"
    );
    r.body
}

/// GET without following redirects: the status and where it points.
fn redirect(app: &TestApp, path: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let r = agent
        .get(&app.url(path))
        .call()
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (r.status().as_u16(), location)
}

/// The text between two markers, to look at one section of a page.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not found"));
    let rest = &html[start..];
    let end = rest.find(to).unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn every_page_type_has_language_title_description_and_open_graph() {
    let app = TestApp::bundled();
    for path in [
        "/",
        "/sok?q=upplands",
        "/kommun/1881-kumla",
        "/kommun/0180",
        "/jamfor?kommun=1881,0115,1444",
        "/rankning",
        "/omrade/brukarens-fokus",
        "/kommuner",
        "/om",
    ] {
        let html = page(&app, path);
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"sv\">"),
            "{path}"
        );
        for needle in [
            "<title>",
            r#"<meta name="description" content=""#,
            r#"<meta property="og:title""#,
            r#"<meta property="og:description""#,
            r#"<meta property="og:url" content="http://127.0.0.1:"#,
            r#"<link rel="stylesheet" href="/assets/kompass.css"#,
        ] {
            assert!(html.contains(needle), "{path}: {needle}");
        }
    }
}

#[test]
fn kumla_shows_2020_against_the_average_and_2017_as_unpublished() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/1881-kumla");
    assert!(html.contains("<h1>Kumla</h1>"));
    assert!(html.contains("Utvärderad 2 gånger: 2017, 2020"));
    // The area chart, with the average and the 2021 benchmark as series.
    let chart = between(
        &html,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="diagram-omraden""#,
        "</svg>",
    );
    assert!(chart.contains(r#"role="img""#));
    for label in ["Kumla 2020", "Sverigesnitt 2021"] {
        assert!(chart.contains(label), "{label}");
    }
    assert!(!chart.contains("Snitt, "), "one reference figure, not two");
    // The change card, before the first chart: the source's statement, never
    // a computed figure, and why the figures cannot give it.
    let top = between(&html, r#"<h2 id="senaste">"#, "<svg");
    assert!(
        top.contains("Enligt <a href=\"https://www.kumla.se/"),
        "{top}"
    );
    assert!(top.contains("+137"), "{top}");
    assert!(top.contains("poäng jämfört med 2017"), "{top}");
    assert!(
        top.contains("Poängen från 2017 har inte publicerats"),
        "{top}"
    );
    let table = between(&html, r#"id="tabell-omraden""#, "</table>");
    assert!(table.contains("557"));
    assert!(
        table.contains(
            "<th scope=\"row\">5 Brukarens fokus</th><td class=\"num\" data-label=\"Kumla 2020\">65</td>"
        ),
        "{table}"
    );
    // 2017 happened; its figures are missing, never zero.
    // A step with nothing to compare is a sentence, not a table of gaps.
    let change = between(&html, r#"<h2 id="forandring">"#, "</section>");
    assert!(change.contains("Poängen från 2017 har inte publicerats"));
    assert!(change.contains("olika kriterier"));
    assert!(!change.contains("<table"), "{change}");
    assert!(!change.contains(r#"<td class="num">0</td>"#));
    // All 35 sub-areas, e.g. 3.2 Politisk styrning 33 of 40, 84 %.
    let sub = between(&html, r#"id="tabell-delomraden""#, "</table>");
    assert_eq!(sub.matches("<tr><th scope=\"row\">").count(), 35);
    assert!(sub.contains("3.2 Politisk styrning</th><td class=\"num\" data-label=\"Poäng\">33</td><td class=\"num\" data-label=\"Max\">40</td><td class=\"num\" data-label=\"Procent\">84 %</td>"));
    // Sources and downloads of what the page shows.
    assert!(html.contains("https://www.kumla.se/kommun-och-politik/nyheter/"));
    assert!(html.contains("Utvärderingen 2017</strong>, kriterierna från 2016, kommunens första utvärdering. Poängen publicerades inte."));
    for link in [
        "/kommun/1881.csv",
        "/api/v1/municipalities/1881",
        "/api/v1/evaluations/1881-2017",
        "/kommun/1881/diagram/omraden.svg",
    ] {
        assert!(html.contains(&format!("href=\"{link}\"")), "{link}");
    }
}

#[test]
fn vallentuna_is_followed_over_three_evaluations_across_the_2020_revision() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/0115-vallentuna");
    assert!(html.contains("Utvärderad 3 gånger: 2017, 2019, 2021"));
    assert!(html.contains("Mellan 2019 och 2021 byttes kriterierna (från 2016 till 2019/2020)."));
    let timeline = between(&html, r#"id="diagram-utveckling""#, "</svg>");
    // One line (2017-2019, same criteria), none across the boundary.
    assert_eq!(timeline.matches("<path d=\"M").count(), 1, "{timeline}");
    assert!(timeline.contains("stroke-dasharray=\"5 4\""));
    for total in ["555", "603", "648"] {
        assert!(timeline.contains(&format!(">{total}<")), "{total}");
    }
    let step = between(&html, "Förändring februari 2017 → 2019", "</table>");
    assert!(step.contains("\u{2212}") || step.contains("+48"), "{step}");
    let newest = between(&html, r#"<h2 id="forandring">"#, "<details>");
    assert!(newest.contains("Förändring 2019 → februari 2021"));
    assert!(newest.contains("+45"));
}

#[test]
fn strangnas_changes_across_revisions_are_flagged_with_their_confidence() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/0486-strangnas");
    let change = between(&html, r#"<h2 id="forandring">"#, "</section>");
    assert!(change.contains(
        "2014 utvärderades enligt kriterierna från 2010 och 2016 enligt kriterierna från 2016"
    ));
    let row = between(
        change,
        "1 Samspel mellan förtroendevalda och medborgare",
        "</tr>",
    );
    assert!(
        row.contains(">54<") && row.contains(">63<") && row.contains("+9"),
        "{row}"
    );
    assert!(row.contains("stark"), "{row}");
    // Across revisions: the theme, and the area in the report's own terms.
    assert!(
        row.contains("2014: område 1 Offentlighet och demokrati i 2010 års kriterier"),
        "{row}"
    );
    // The one theme with figures from both evaluations gets its own chart.
    assert!(html.contains("id=\"diagram-utveckling-samspel\""));
}

#[test]
fn grastorp_evaluated_once_has_no_history_and_a_rank() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/1444");
    assert!(html.contains("Utvärderad 1 gång: 2014"));
    assert!(!html.contains("id=\"over-tid\""));
    // One named reference: the published national mean nearest in year.
    assert!(html.contains("Genomsnitt, de 40 senaste utvärderingarna 2014"));
    assert!(html.contains("bland 12 kommuner i kompass utvärderade enligt kriterierna från 2010"));
    assert!(
        !html.contains("Placering"),
        "a rank is never said as a national one"
    );
}

#[test]
fn a_never_evaluated_municipality_says_so_and_lists_its_county() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/0117-osteraker");
    assert!(html.contains("<strong>ej utvärderad</strong>"));
    assert!(html.contains("Utvärderade kommuner i Stockholms län"));
    assert!(html.contains("href=\"/kommun/0115-vallentuna\""));
    assert!(!html.contains("id=\"senaste\""));
}

#[test]
fn addresses_with_a_wrong_or_missing_slug_still_find_the_municipality() {
    let app = TestApp::bundled();
    assert_eq!(
        redirect(&app, "/kommun/1881-orebro"),
        (308, "/kommun/1881-kumla".to_string())
    );
    assert_eq!(
        redirect(&app, "/kommun/1881-Kumla"),
        (308, "/kommun/1881-kumla".to_string())
    );
    let html = page(&app, "/kommun/1881");
    assert!(html.contains(r#"<link rel="canonical" href="http://127.0.0.1:"#));
    assert!(html.contains("/kommun/1881-kumla\">"));
}

#[test]
fn unknown_municipalities_get_a_404_page_with_close_names() {
    let app = TestApp::bundled();
    for (path, expect) in [
        ("/kommun/kumal", "/kommun/1881-kumla"),
        ("/kommun/vallentunna", "/kommun/0115-vallentuna"),
    ] {
        let r = app.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            r.body.contains("<html lang=\"sv\">"),
            "a proper page: {path}"
        );
        assert!(r.body.contains("Menade du"), "{path}");
        assert!(
            r.body.contains(&format!("href=\"{expect}\"")),
            "{path}: {}",
            r.body
        );
    }
    let r = app.get("/kommun/9999");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Sidan finns inte"));
    let r = app.get("/omrade/inget-sadant");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("href=\"/omrade/brukarens-fokus\""));
}

#[test]
fn search_finds_names_whatever_the_case_and_diacritics() {
    let app = TestApp::bundled();
    for q in ["orebro", "%C3%96REBRO", "%C3%B6rebro"] {
        assert_eq!(
            redirect(&app, &format!("/sok?q={q}")),
            (303, "/kommun/1880-orebro".to_string()),
            "{q}"
        );
    }
    let html = page(&app, "/sok?q=upplands");
    assert!(html.contains("2 kommuner matchar"));
    assert!(html.contains("href=\"/kommun/0114-upplands-vasby\""));
    let html = page(&app, "/sok?q=grastrop");
    assert!(html.contains("Menade du"));
    assert!(html.contains("href=\"/kommun/1444-grastorp\""));
}

#[test]
fn the_compare_form_adds_and_removes_without_javascript() {
    let app = TestApp::bundled();
    assert_eq!(
        redirect(&app, "/jamfor?kommun=1881,0115&lagg_till=gr%C3%A4storp"),
        (303, "/jamfor?kommun=1881,0115,1444".to_string())
    );
    let html = page(&app, "/jamfor?kommun=1881,0115,1444");
    assert!(html.contains("Olika versioner av kriterierna"));
    assert!(html.contains("Kumla och Vallentuna enligt kriterierna från 2019/2020 och Grästorp enligt kriterierna från 2010"));
    assert!(html.contains("id=\"diagram-jamfor\""));
    let table = between(&html, r#"<table id="tabell-jamfor""#, "</table>");
    for total in ["557", "648", "506"] {
        assert!(table.contains(&format!("\">{total}</td>")), "{total}");
    }
    assert!(html.contains(r#"<input type="hidden" name="kommun" value="1881,0115,1444">"#));
    assert!(
        html.contains("href=\"/jamfor?kommun=0115,1444\""),
        "remove Kumla"
    );
    // The form of evaluations sends kommun once per municipality: the page
    // answers with its own address.
    assert_eq!(
        redirect(&app, "/jamfor?kommun=1880%3A2015&kommun=1881"),
        (303, "/jamfor?kommun=1880:2015,1881".to_string())
    );
    for (path, status) in [
        ("/jamfor?kommun=1881,x", 400),
        ("/jamfor?kommun=1881:2013,0115", 400),
        ("/jamfor?kommun=1881,9999", 400),
        ("/jamfor?kommun=0114,0115,0180,1881,1880,1444,0486", 400),
    ] {
        let r = app.get(path);
        assert_eq!(r.status, status, "{path}");
        assert!(r.body.contains("<html lang=\"sv\">"), "{path}");
    }
}

#[test]
fn rankings_filter_by_revision_and_county_and_state_the_caveat() {
    let app = TestApp::bundled();
    // Without parameters, the latest criteria only; every version is a
    // choice, with its caveat.
    let all = page(&app, "/rankning?revision=alla");
    assert!(all.contains("Jämför med försiktighet"));
    let v2020 = page(&app, "/rankning");
    let explicit = page(&app, "/rankning?revision=v2020");
    assert_eq!(
        between(&v2020, r#"<table id="rankning""#, "</table>"),
        between(&explicit, r#"<table id="rankning""#, "</table>")
    );
    let table = between(&v2020, r#"<table id="rankning""#, "</table>");
    assert!(!table.contains("kriterier 2010"));
    assert!(table.contains("Vallentuna"));
    assert!(v2020.contains("samma version av kriterierna"));
    let county = page(&app, "/rankning?lan=18&sortera=namn&revision=alla");
    let table = between(&county, r#"<table id="rankning""#, "</table>");
    let kumla = table.find(">Kumla<").unwrap();
    let orebro = table.find(">Örebro<").unwrap();
    assert!(kumla < orebro, "sorted by name");
    assert!(!table.contains("Stockholms län"));
    let theme = page(&app, "/omrade/brukarens-fokus?revision=alla");
    assert!(theme.contains("Rankning: Brukarens fokus"));
    assert!(theme.contains("Jämförbarhet"));
    assert_eq!(app.get("/rankning?revision=v1999").status, 400);
}

#[test]
fn the_list_and_the_method_page_cover_everything() {
    let app = TestApp::bundled();
    let list = page(&app, "/kommuner");
    assert_eq!(list.matches("<section class=\"county\"").count(), 21);
    assert_eq!(list.matches("href=\"/kommun/").count(), 290);
    assert!(list.contains("ej utvärderad"));
    let about = page(&app, "/om");
    for text in [
        "Versionerna av kriterierna",
        "Översättningsnyckeln",
        "inte är helt jämförbara",
        "Licens",
        "Citera",
    ] {
        assert!(about.contains(text), "{text}");
    }
}

#[test]
fn charts_download_as_standalone_svg_files() {
    let app = TestApp::bundled();
    for path in [
        "/kommun/1881/diagram/omraden.svg",
        "/kommun/0115/diagram/utveckling.svg",
        "/kommun/0486/diagram/utveckling-samspel.svg",
        "/jamfor/diagram.svg?kommun=1881,0115,1444",
    ] {
        let r = app.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("image/svg+xml")),
            "{path}"
        );
        assert!(r.body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""), "{path}");
        assert!(r.body.contains("<title id="), "{path}");
    }
    assert_eq!(
        app.get("/kommun/1444/diagram/utveckling.svg").status,
        404,
        "Grästorp has no history"
    );
    assert_eq!(app.get("/kommun/1881/diagram/nothing.svg").status, 404);
}

#[test]
fn the_stylesheet_and_icon_are_served_from_the_binary() {
    let app = TestApp::bundled();
    let css = app.get("/assets/kompass.css");
    assert_eq!(css.status, 200);
    assert!(
        css.header("content-type")
            .is_some_and(|c| c.starts_with("text/css"))
    );
    assert!(css.body.contains("@media print"));
    let icon = app.get("/assets/kompass.svg");
    assert!(
        icon.header("content-type")
            .is_some_and(|c| c.starts_with("image/svg+xml"))
    );
}

#[test]
fn pages_answer_head_like_get_and_refuse_other_methods() {
    let app = crate::common::TestApp::bundled();
    for path in [
        "/",
        "/kommun/1881-kumla",
        "/rankning",
        "/om",
        "/assets/kompass.css",
        "/jamfor/diagram.svg?kommun=1881,0115",
    ] {
        let get = crate::data_support::request(&app, "GET", path, &[]);
        let head = crate::data_support::request(&app, "HEAD", path, &[]);
        assert_eq!((get.status, head.status), (200, 200), "{path}");
        assert!(head.body.is_empty(), "{path}: HEAD sent a body");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "{path}"
        );
    }
    let post = crate::data_support::request(&app, "POST", "/om", &[]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    assert!(post.text().contains("<html"), "a proper page");
}
