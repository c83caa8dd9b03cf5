//! The municipality page as its readers use it, through the real server on
//! the bundled data: the change card comes first, the report's own area
//! names where the evaluations share a revision, no curator's English on the
//! page or in its tables, and no table, chart or list of nothing but gaps.

use crate::common::TestApp;

fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path);
    assert_eq!(r.status, 200, "GET {path}");
    r.body
}

/// The top section, up to the first chart: what a reader sees first.
fn top(html: &str) -> &str {
    let start = html
        .find(r#"<h2 id="senaste">"#)
        .expect("a latest evaluation");
    let rest = &html[start..];
    &rest[..rest.find("<svg").unwrap_or(rest.len())]
}

#[test]
fn the_change_card_comes_before_the_first_chart() {
    let app = TestApp::bundled();
    let vallentuna = page(&app, "/kommun/0115");
    let card = top(&vallentuna);
    for text in [
        "Förändring sedan 2019",
        ">+45<",
        "2019 → 2021",
        "Olika kriterier",
        "jämförbarhet svag",
    ] {
        assert!(card.contains(text), "{text}: {card}");
    }
    let enkoping = page(&app, "/kommun/0381");
    let card = top(&enkoping);
    for text in [
        r#"Enligt <a href="https://enkoping.se/"#,
        ">+85<",
        "poäng jämfört med 2016",
        "Källans uppgift, inte uträknad",
    ] {
        assert!(card.contains(text), "{text}: {card}");
    }
    // One evaluation: a sentence, not a figure.
    let grastorp = page(&app, "/kommun/1444");
    assert!(top(&grastorp).contains("Det här är den enda kända utvärderingen"));
    // The embed says the same figure as the card.
    assert!(page(&app, "/kommun/0115/inbadda").contains("+45 poäng sedan 2019 (olika kriterier)"));
}

#[test]
fn enkopings_area_2_keeps_the_name_of_its_report_everywhere() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/0381");
    let name = "2 Brukarfokus, tillgänglighet och bemötande";
    assert!(!html.contains("Samhällsutveckling"));
    // The latest areas, the table over time and the change table (the
    // kommungrupp's table lists municipalities, not areas).
    let tables: Vec<&str> = html
        .split("<table")
        .skip(1)
        .filter(|t| !t.contains("id=\"tabell-kommungrupp\""))
        .collect();
    assert!(tables.len() >= 3, "{} tables", tables.len());
    for table in &tables {
        let table = &table[..table.find("</table>").unwrap()];
        assert!(table.contains(name), "{table}");
    }
    // Its chart over time, on the page and as a file.
    let chart = html
        .split(r#"id="diagram-utveckling-omrade-2""#)
        .nth(1)
        .expect("area 2's own chart");
    assert!(
        chart[..chart.find("</svg>").unwrap()]
            .contains("Brukarfokus, tillgänglighet och bemötande")
    );
    for file in [
        "/kommun/0381/diagram/omraden.svg",
        "/kommun/0381/diagram/utveckling-omrade-2.svg",
    ] {
        let svg = page(&app, file);
        assert!(svg.contains("Brukarfokus"), "{file}");
        assert!(!svg.contains("Samhällsutveckling"), "{file}");
    }
    // The API keeps both: the report's area and the theme it maps to.
    let api = app.get("/api/v1/evaluations/0381-2018").json();
    let area = &api["areas"][1];
    assert_eq!(area["name"], "Brukarfokus, tillgänglighet och bemötande");
    assert_eq!(area["theme"]["name"], "Brukarens fokus");
}

/// The sentences of a curator's note long enough to be recognised.
fn sentences(notes: &str) -> Vec<String> {
    notes
        .split(". ")
        .map(|s| s.trim().trim_end_matches('.').to_string())
        .filter(|s| s.chars().count() >= 25)
        .collect()
}

/// HTML with maud's escapes undone, to search for plain text.
fn unescaped(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn no_curators_english_note_on_a_municipality_page_or_in_its_tables() {
    let app = TestApp::bundled();
    let list = app.get("/api/v1/evaluations").json();
    let items = list["items"].as_array().unwrap();
    assert!(items.len() > 90);
    let mut notes: Vec<(String, String)> = Vec::new();
    for item in items {
        let id = item["id"].as_str().unwrap();
        let detail = app.get(&format!("/api/v1/evaluations/{id}")).json();
        let code = detail["municipality_code"].as_str().unwrap().to_string();
        if let Some(n) = detail["notes"].as_str() {
            notes.extend(sentences(n).into_iter().map(|s| (code.clone(), s)));
        }
    }
    assert!(
        notes.iter().any(|(_, s)| s.contains("NO FIGURES PRINTED")),
        "the API keeps the English notes"
    );
    let everyone = [
        unescaped(&page(&app, "/data/kompass.csv")),
        unescaped(&page(&app, "/data/utvarderingar.csv")),
    ];
    let mut codes: Vec<&String> = notes.iter().map(|(c, _)| c).collect();
    codes.dedup();
    for code in codes {
        let own = [
            unescaped(&page(&app, &format!("/kommun/{code}"))),
            unescaped(&page(&app, &format!("/kommun/{code}.csv"))),
            unescaped(&page(&app, &format!("/kommun/{code}/inbadda"))),
        ];
        for (_, sentence) in notes.iter().filter(|(c, _)| c == code) {
            for text in own.iter().chain(&everyone) {
                assert!(!text.contains(sentence.as_str()), "{code}: {sentence}");
            }
        }
        assert!(!own[0].contains("NO FIGURES"), "{code}");
    }
}

/// The text of each cell of a table.
fn cells(table: &str) -> Vec<String> {
    table
        .split("<td")
        .skip(1)
        .map(|c| {
            let c = &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()];
            let mut text = String::new();
            let mut tag = false;
            for ch in c.chars() {
                match ch {
                    '<' => tag = true,
                    '>' => tag = false,
                    _ if !tag => text.push(ch),
                    _ => {}
                }
            }
            text.trim().to_string()
        })
        .collect()
}

#[test]
fn no_table_of_nothing_but_gaps_and_no_chart_of_one_point() {
    let app = TestApp::bundled();
    let list = app.get("/api/v1/municipalities").json();
    let evaluated: Vec<String> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["evaluation_count"].as_u64().unwrap_or(0) > 0)
        .map(|m| m["code"].as_str().unwrap().to_string())
        .collect();
    assert!(evaluated.len() > 30, "{} evaluated", evaluated.len());
    let (mut tables, mut charts) = (0, 0);
    for code in &evaluated {
        let html = page(&app, &format!("/kommun/{code}"));
        for table in html.split("<table").skip(1) {
            let table = &table[..table.find("</table>").unwrap()];
            tables += 1;
            let cells = cells(table);
            assert!(
                cells
                    .iter()
                    .any(|c| !c.is_empty() && c != "ej publicerat" && c != "–"),
                "{code}: a table of gaps: {table}"
            );
        }
        for chart in html
            .split(r#"class="chart" id="diagram-utveckling"#)
            .skip(1)
        {
            let chart = &chart[..chart.find("</svg>").unwrap()];
            charts += 1;
            assert!(
                chart.matches("<circle").count() >= 2,
                "{code}: a time chart with one point"
            );
        }
    }
    assert!(
        tables > 20 && charts > 5,
        "{tables} tables, {charts} charts looked at"
    );
}

#[test]
fn the_sources_are_numbered_from_the_oldest_as_the_browser_counts_them() {
    let app = TestApp::bundled();
    for (code, count) in [("1881", 2), ("0115", 3)] {
        let html = page(&app, &format!("/kommun/{code}"));
        let start = html.find(r#"<ol class="sources-list""#).unwrap();
        let list = &html[start..start + html[start..].find("</ol>").unwrap()];
        let values: Vec<usize> = list
            .split("<li value=\"")
            .skip(1)
            .map(|li| li[..li.find('"').unwrap()].parse().unwrap())
            .collect();
        assert_eq!(values, (1..=count).rev().collect::<Vec<_>>(), "{code}");
        // Nothing inside an item that a browser would count as one.
        assert!(
            !list.contains("<summary") && !list.contains("<details"),
            "{code}"
        );
    }
}

#[test]
fn orebros_2012_areas_are_read_with_2012s_total_and_the_2014_mean() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/1880");
    let start = html.find(r#"id="tabell-omraden""#).unwrap();
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    assert!(table.contains("Örebro 2012: poäng per område"), "{table}");
    let total = &table[table.find("Totalt (av 800)").expect("a total row")..];
    let figures = cells(total);
    assert_eq!(figures, ["615", "455"], "{total}");
    // The key figures keep the newest total, 2015's 650.
    assert!(top(&html).contains("Totalpoäng 2015</span><span class=\"big\">650<"));
}

#[test]
fn one_evaluation_with_figures_has_no_section_over_time() {
    let app = TestApp::bundled();
    // Kumla: 2017's figures were never published, so there is nothing to follow.
    let kumla = page(&app, "/kommun/1881");
    assert!(!kumla.contains(r#"id="over-tid""#) && !kumla.contains(r##"href="#over-tid""##));
    assert!(kumla.contains("Poängen från 2017 har inte publicerats, så förändringen till november 2020 kan inte räknas ut."));
    // Enköping: areas published in both, followed over time.
    assert!(page(&app, "/kommun/0381").contains(r#"id="over-tid""#));
}
