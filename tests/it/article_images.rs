//! Images and embeds a newsroom can use: every chart file includes the
//! total where the view shows one (the compare image begins with it), no
//! image is taller than twice its width, a municipality without figures is
//! named in a footnote; the ranking and change pages have charts as files
//! and embeds, offered on their pages with an iframe code.

use crate::common::TestApp;
use crate::data_support::get_raw;
use crate::publish::{png_size, visible_texts};

fn png(app: &TestApp, path: &str) -> (u32, u32) {
    let r = get_raw(app, path);
    assert_eq!(r.status, 200, "{path}");
    assert_eq!(r.header("content-type"), Some("image/png"), "{path}");
    png_size(&r.body)
}

#[test]
fn the_compare_image_starts_with_the_totals_and_names_who_has_no_areas() {
    let app = TestApp::bundled();
    let query = "kommun=1881,0115,1286,1463";
    let (w, h) = png(&app, &format!("/jamfor/diagram.png?{query}"));
    assert_eq!(w, 1200);
    assert!(h <= 2400, "1200 × {h}");
    let texts = visible_texts(&app.get(&format!("/jamfor/diagram.svg?{query}")).body);
    let at = |t: &str| {
        texts
            .iter()
            .position(|x| x.starts_with(t))
            .unwrap_or_else(|| panic!("{t}: {texts:?}"))
    };
    assert!(
        at("Totalt (av 800)") < at("1 Samspel"),
        "the totals panel first"
    );
    let all = texts.join(" ");
    assert!(all.contains("Utan poäng per område:"), "{all}");
    assert!(all.contains("Mark (bara totalpoäng publicerad)"), "{all}");
    assert!(all.contains("Ystad (ej utvärderad)"), "{all}");
    assert!(
        !texts.iter().any(|t| t == "Ystad"),
        "no empty rows for Ystad"
    );
    // One panel as asked.
    let totals = visible_texts(
        &app.get(&format!("/jamfor/diagram.svg?{query}&del=totalt"))
            .body,
    );
    assert!(totals.iter().any(|t| t == "Totalt (av 800)"));
    assert!(!totals.iter().any(|t| t.starts_with("1 Samspel")));
    let (_, h) = png(&app, &format!("/jamfor/diagram.png?{query}&del=omraden"));
    assert!(h <= 2400);
    assert_eq!(
        app.get(&format!("/jamfor/diagram.svg?{query}&del=allt"))
            .status,
        400
    );
    // Only totals published: the totals chart alone, said in the footnote.
    let alone = visible_texts(&app.get("/jamfor/diagram.svg?kommun=1880:2015,1463").body);
    assert!(alone.iter().any(|t| t == "Totalt (av 800)"));
    assert!(alone.join(" ").contains("bilden visar totalpoängen"));
}

/// A bar's label: "3. Vallentuna 2021".
fn is_bar(text: &str) -> bool {
    text.split_once(". ")
        .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
}

#[test]
fn the_ranking_image_shows_the_v2020_totals_with_the_reference_line() {
    let app = TestApp::bundled();
    let (w, h) = png(&app, "/rankning/diagram.png");
    assert!(h <= 2 * w, "{w} × {h}");
    let svg = app.get("/rankning/diagram.svg").body;
    let texts = visible_texts(&svg);
    let bars: Vec<&String> = texts
        .iter()
        .filter(|t| {
            t.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .collect();
    assert!(
        (4..=5).contains(&bars.len()),
        "the 4-5 v2020 totals: {bars:?}"
    );
    assert!(bars[0].starts_with("1. "));
    assert!(
        texts.iter().any(|t| t == "Sverigesnitt 2021: 517"),
        "{texts:?}"
    );
    let title = svg
        .split("<title")
        .nth(1)
        .and_then(|t| t.split('>').nth(1))
        .and_then(|t| t.split('<').next())
        .unwrap();
    assert!(title.contains("kriterierna från 2019/2020"), "{title}");
    assert!(
        title.contains(&format!("{} kommuner", bars.len())),
        "{title}"
    );
    // Every version: the highest that fit, and how many there are.
    let (w, h) = png(&app, "/rankning/diagram.png?revision=alla");
    assert!(h <= 2 * w, "{w} × {h}");
    let all = visible_texts(&app.get("/rankning/diagram.svg?revision=alla").body);
    let places = app.get_json("/api/v1/rankings/total?per_page=1000")["total"]
        .as_u64()
        .unwrap();
    let drawn = all.iter().filter(|t| is_bar(t)).count() as u64;
    assert!(
        drawn == places || all.iter().any(|t| t.contains("Hela listan med")),
        "{drawn} of {places} drawn, and no note: {all:?}"
    );
    let (w, h) = png(&app, "/omrade/brukarens-fokus/diagram.png?revision=alla");
    assert!(h <= 2 * w);
    let (w, h) = png(&app, "/forandring/diagram.png?versioner=alla");
    assert!(h <= 2 * w);
    let change = visible_texts(&app.get("/forandring/diagram.svg").body).join(" ");
    assert!(
        change.contains("Tyresö 2010–2015") && change.contains("+84"),
        "{change}"
    );
    assert!(change.contains("Källa: SKR:s") && change.contains("CC BY 4.0"));
    assert_eq!(png(&app, "/forandring/bild.png"), (1200, 630));
}

#[test]
fn every_view_with_a_chart_offers_its_embed_and_the_embeds_carry_source_and_licence() {
    let app = TestApp::bundled();
    for (page, embed) in [
        (
            "/jamfor?kommun=1881,0115",
            "/jamfor/inbadda?kommun=1881,0115",
        ),
        ("/rankning", "/rankning/inbadda"),
        (
            "/omrade/brukarens-fokus?revision=alla",
            "/omrade/brukarens-fokus/inbadda?revision=alla",
        ),
        ("/forandring", "/forandring/inbadda"),
        (
            "/forandring?versioner=alla",
            "/forandring/inbadda?versioner=alla",
        ),
    ] {
        let body = app.get(page).body;
        let textarea = body
            .split(r#"<textarea id="inbaddningskod""#)
            .nth(1)
            .unwrap_or_else(|| panic!("{page}: no iframe code"));
        let src = format!(
            "{}{}",
            kompass::web::config::DEFAULT_PUBLIC_URL.trim_end_matches('/'),
            embed
        );
        assert!(
            textarea.contains(&src.replace('&', "&amp;")),
            "{page}: {textarea:.300}"
        );
        assert!(textarea.contains("height=&quot;"), "{page}");
        let r = app.get(embed);
        assert_eq!(r.status, 200, "{embed}");
        for text in ["Källa:", "CC BY 4.0", "<svg", "embed-footer"] {
            assert!(r.body.contains(text), "{embed}: {text}");
        }
    }
    assert_eq!(app.get("/rankning/inbadda?revision=v1999").status, 400);
    assert_eq!(app.get("/omrade/nope/inbadda").status, 404);
}
