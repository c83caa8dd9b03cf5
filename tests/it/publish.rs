//! Publishing: charts as SVG and PNG files that carry title, source, licence
//! and data version; social cards; embeddable pages; Atom feeds.

use resvg::usvg::roxmltree;

/// The public address absolute links are made from (the default: no
/// `--public-url` given), never the test server's own port.
const SITE: &str = kompass::web::config::DEFAULT_PUBLIC_URL;

use crate::common::TestApp;
use crate::data_support::get_raw;

/// The texts a viewer sees in an SVG: every `<text>`, not `<title>`/`<desc>`.
pub fn visible_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
        .collect()
}

/// Width and height from a PNG's header.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn a_downloaded_chart_shows_title_source_licence_and_data_version() {
    let app = TestApp::bundled();
    let version = app.state.dataset().derived().version.label.clone();
    let svg = app.get("/kommun/1881/diagram/omraden.svg");
    assert_eq!(svg.status, 200);
    let texts = visible_texts(&svg.body);
    assert_eq!(texts[0], "Kumla: poäng per område 2020", "{texts:?}");
    let all = texts.join("\n");
    assert!(
        all.contains("Källa: SKR:s utvärdering Kommunkompassen 2020 (kumla.se) via kompass"),
        "{all}"
    );
    assert!(all.contains("Licens CC BY 4.0"), "{all}");
    assert!(all.contains(&format!("version {version}")), "{all}");
    for banned in ["<style", "@font-face", "style=", "<script"] {
        assert!(!svg.body.contains(banned), "{banned}");
    }
    for (path, title) in [
        (
            "/kommun/0115/diagram/utveckling.svg",
            "Vallentuna: totalpoäng 2017–2021",
        ),
        (
            "/kommun/0486/diagram/utveckling-samspel.svg",
            "Strängnäs: Samspel mellan förtroendevalda och medborgare",
        ),
        (
            "/jamfor/diagram.svg?kommun=1881,0115",
            "Kumla och Vallentuna: poäng per område",
        ),
    ] {
        let texts = visible_texts(&app.get(path).body).join(" ");
        assert!(texts.starts_with(title), "{path}: {texts}");
        assert!(
            texts.contains("Källa: SKR:s") && texts.contains("CC BY 4.0"),
            "{path}"
        );
    }
}

/// The compare page says when the municipalities were evaluated under
/// different criteria; its chart file says it in the image too, and only
/// then.
#[test]
fn the_compare_chart_says_when_the_criteria_differ() {
    let app = TestApp::bundled();
    let mixed = visible_texts(&app.get("/jamfor/diagram.svg?kommun=1881,0486").body).join(" ");
    assert!(
        mixed.contains("Obs! Kommunerna utvärderades enligt olika versioner av kriterierna (Kumla: 2019/2020, Strängnäs: 2016)"),
        "{mixed}"
    );
    assert!(mixed.contains("inte helt jämförbara"), "{mixed}");
    let page = app.get("/jamfor?kommun=1881,0486").body;
    assert!(page.contains("Olika versioner av kriterierna"));
    let same = visible_texts(&app.get("/jamfor/diagram.svg?kommun=1881,0115").body).join(" ");
    assert!(!same.contains("kriterierna"), "{same}");
}

#[test]
fn charts_are_pngs_1200_pixels_wide_or_as_wide_as_asked() {
    let app = TestApp::bundled();
    let png = get_raw(&app, "/kommun/1881/diagram/omraden.png");
    assert_eq!(png.status, 200);
    assert_eq!(png.header("content-type"), Some("image/png"));
    let (w, h) = png_size(&png.body);
    assert_eq!(w, 1200);
    let narrow = get_raw(&app, "/kommun/1881/diagram/omraden.png?bredd=600");
    let (nw, nh) = png_size(&narrow.body);
    // Half the width, half the height (rounded either way for an odd height).
    assert_eq!(nw, 600);
    assert!(
        nh.abs_diff(h / 2) <= 1,
        "same proportions: {nh} against {h}"
    );
    let wide = get_raw(&app, "/jamfor/diagram.png?kommun=1881,0115&bredd=2400");
    assert_eq!(png_size(&wide.body).0, 2400);
    assert_eq!(
        get_raw(&app, "/kommun/1881/diagram/omraden.png").body,
        png.body,
        "the same pixels every time"
    );
    for bad in ["599", "2401", "stor", "-1", ""] {
        let r = app.get(&format!("/kommun/1881/diagram/omraden.png?bredd={bad}"));
        assert_eq!(r.status, 400, "bredd={bad}");
        assert!(
            r.body.contains("ett heltal från 600 till 2400"),
            "{bad}: {}",
            r.body
        );
    }
    assert_eq!(app.get("/kommun/1881/diagram/nothing.png").status, 404);
}

fn meta_content<'a>(html: &'a str, property: &str) -> Option<&'a str> {
    let at = html.find(&format!(r#"property="{property}" content=""#))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    rest[start..].split('"').next()
}

#[test]
fn pages_have_a_social_card_that_is_a_1200_by_630_png() {
    let app = TestApp::bundled();
    for page in [
        "/kommun/1881",
        "/jamfor?kommun=1881,0115",
        "/rankning",
        "/omrade/samspel?revision=v2020",
    ] {
        let html = app.get(page).body;
        let image =
            meta_content(&html, "og:image").unwrap_or_else(|| panic!("{page}: no og:image"));
        let path = image.strip_prefix(SITE).unwrap_or_else(|| {
            panic!("{page}: og:image {image} is not an absolute address on this site")
        });
        assert!(
            html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#),
            "{page}"
        );
        let png = get_raw(&app, &path.replace("&amp;", "&"));
        assert_eq!(png.status, 200, "{image}");
        assert_eq!(png.header("content-type"), Some("image/png"), "{image}");
        assert_eq!(png_size(&png.body), (1200, 630), "{image}");
    }
    assert_eq!(
        meta_content(&app.get("/kommun/1881").body, "og:image"),
        Some(format!("{}/kommun/1881/bild.png", SITE).as_str())
    );
    assert_eq!(app.get("/kommun/9999/bild.png").status, 404);
}

#[test]
fn the_embeds_may_be_framed_by_any_site_and_every_other_page_by_none() {
    let app = TestApp::bundled();
    for path in ["/kommun/1881/inbadda", "/jamfor/inbadda?kommun=1881,0115"] {
        let r = app.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("x-frame-options"), None, "{path}");
        let csp = r.header("content-security-policy").unwrap_or("");
        assert!(
            !csp.contains("frame-ancestors 'none'") && !csp.contains("frame-ancestors 'self'"),
            "{path}: {csp}"
        );
        assert!(
            r.body.contains("Källa: SKR:s") && r.body.contains("CC BY 4.0"),
            "{path}"
        );
        assert!(
            !r.body.contains("<script"),
            "{path}: works without JavaScript"
        );
    }
    let kumla = app.get("/kommun/1881/inbadda").body;
    assert!(
        kumla.contains(r#"href="/kommun/1881-kumla""#),
        "links back to the full page"
    );
    assert!(kumla.contains(">557<"));
    for path in [
        "/kommun/1881",
        "/kommun/1881-kumla",
        "/",
        "/jamfor?kommun=1881,0115",
        "/rankning",
    ] {
        let csp = app
            .get(path)
            .header("content-security-policy")
            .unwrap_or("")
            .to_string();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
    let page = app.get("/kommun/1881").body;
    assert!(
        page.contains(&format!(
            "&lt;iframe src=&quot;{}/kommun/1881/inbadda&quot;",
            SITE
        )),
        "the page offers the iframe code"
    );
    assert_eq!(app.get("/kommun/9999/inbadda").status, 404);
    assert_eq!(app.get("/jamfor/inbadda?kommun=1881").status, 404);
}

/// Parses a feed with an independent reader (feed-rs) and checks what RFC
/// 4287 requires: ids, titles and `updated` on the feed and every entry, an
/// author, a self link and each entry's link to its page.
fn parsed_feed(app: &TestApp, path: &str) -> feed_rs::model::Feed {
    let r = get_raw(app, path);
    assert_eq!(r.status, 200, "{path}");
    assert_eq!(
        r.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let feed = feed_rs::parser::parse(&r.body[..]).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, format!("{SITE}{path}"));
    assert!(feed.title.is_some() && feed.updated.is_some(), "{path}");
    assert_eq!(feed.authors[0].name.as_deref(), Some("kompass"));
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self") && l.href == format!("{SITE}{path}"))
    );
    let mut ids = std::collections::BTreeSet::new();
    for e in &feed.entries {
        assert!(ids.insert(e.id.clone()), "duplicate id {}", e.id);
        assert!(e.id.starts_with("http"), "absolute id {}", e.id);
        assert!(e.title.is_some() && e.updated.is_some(), "{}", e.id);
        let page = e
            .links
            .iter()
            .find(|l| l.rel.as_deref() == Some("alternate"))
            .unwrap_or_else(|| panic!("{}: no link to its page", e.id));
        let page_path = page.href.strip_prefix(SITE).expect("a link on this site");
        assert!(page_path.starts_with("/kommun/"), "{}", page.href);
    }
    let dates: Vec<_> = feed.entries.iter().map(|e| e.updated.unwrap()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "{path}: newest first"
    );
    if let Some(newest) = dates.first() {
        assert_eq!(
            feed.updated,
            Some(*newest),
            "{path}: updated is the newest entry's"
        );
    }
    feed
}

/// The `<updated>` of a feed as written (not as a reader repairs it), read
/// as RFC 3339.
fn feed_updated_as_written(xml: &str) -> chrono::DateTime<chrono::FixedOffset> {
    let feed_head = xml.split("<entry>").next().unwrap_or(xml);
    let text = feed_head
        .split_once("<updated>")
        .and_then(|(_, rest)| rest.split_once("</updated>"))
        .map(|(t, _)| t)
        .unwrap_or_else(|| panic!("no <updated> in {feed_head}"));
    chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Every municipality's feed, evaluated or not, is valid Atom whose
/// `updated` is a real date: the newest entry's, else (nothing published
/// yet: an empty feed, to follow until something is) the data version's.
#[test]
fn every_municipalitys_feed_has_a_real_updated_date() {
    use chrono::Datelike;
    let app = TestApp::bundled();
    let data = app.state.dataset();
    let version_date = data.derived().version.timestamp();
    assert_eq!(data.municipalities.len(), 290);
    let mut empty = 0;
    for m in &data.municipalities {
        let path = format!("/kommun/{}/nytt.atom", m.code);
        let feed = parsed_feed(&app, &path);
        let updated = feed.updated.expect("updated");
        assert!(
            (2000..=2100).contains(&updated.year()),
            "{path}: updated {updated}"
        );
        let written = feed_updated_as_written(&get_raw(&app, &path).text());
        assert_eq!(
            written, updated,
            "{path}: what a reader reads is what was written"
        );
        if feed.entries.is_empty() {
            empty += 1;
            assert_eq!(
                written.to_rfc3339(),
                version_date.replace('Z', "+00:00"),
                "{path}"
            );
        }
    }
    assert!(
        empty > 200,
        "most municipalities have nothing published yet: {empty}"
    );
    let site = get_raw(&app, "/nytt.atom").text();
    assert!((2000..=2100).contains(&feed_updated_as_written(&site).year()));
}

#[test]
fn the_feeds_are_valid_atom_with_an_entry_per_published_evaluation() {
    let app = TestApp::bundled();
    let data = app.state.dataset();
    let feed = parsed_feed(&app, "/nytt.atom");
    let published = data
        .evaluations
        .iter()
        .filter(|s| s.evaluation.has_published_scores())
        .count();
    assert_eq!(feed.entries.len(), published);
    let kumla = feed
        .entries
        .iter()
        .find(|e| e.id.ends_with("/api/v1/evaluations/1881-2020"))
        .expect("Kumla 2020");
    assert_eq!(
        kumla.title.as_ref().unwrap().content,
        "Kumla: 557 poäng i Kommunkompassen 2020"
    );
    assert_eq!(
        kumla.updated.unwrap().to_rfc3339(),
        "2021-05-10T00:00:00+00:00",
        "the publication date from the file, not the import's"
    );
    let vallentuna_2021 = feed
        .entries
        .iter()
        .find(|e| e.id.ends_with("/api/v1/evaluations/0115-2021"))
        .expect("Vallentuna 2021");
    assert_eq!(
        vallentuna_2021.updated.unwrap().to_rfc3339(),
        "2021-02-01T00:00:00+00:00",
        "without a publication date: the evaluation's year and month"
    );
    assert_eq!(kumla.links[0].href, format!("{}/kommun/1881-kumla", SITE));
    let vallentuna = parsed_feed(&app, "/kommun/0115/nytt.atom");
    let titles: Vec<String> = vallentuna
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "Vallentuna: 648 poäng i Kommunkompassen 2021",
            "Vallentuna: 603 poäng i Kommunkompassen 2019",
            "Vallentuna: 555 poäng i Kommunkompassen 2017",
        ]
    );
    assert!(
        vallentuna.entries[0]
            .summary
            .as_ref()
            .unwrap()
            .content
            .contains("+45 poäng")
    );
    let page = app.get("/kommun/0115-vallentuna").body;
    assert!(page.contains(r#"<link rel="alternate" type="application/atom+xml" title="Vallentuna: nya resultat" href="/kommun/0115/nytt.atom">"#));
    assert!(app.get("/").body.contains(
        r#"type="application/atom+xml" title="kompass: nya resultat" href="/nytt.atom""#
    ));
    assert_eq!(app.get("/kommun/9999/nytt.atom").status, 404);
}

/// Two copies of the same data imported at different times serve the same
/// bytes: the version, citation, dates and files come from the data alone.
#[test]
fn the_same_data_imported_at_another_time_gives_the_same_version_and_bytes() {
    let first = TestApp::bundled();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = TestApp::bundled();
    let (a, b) = (first.state.dataset(), second.state.dataset());
    assert_ne!(a.updated_at, b.updated_at, "imported at different times");
    assert_eq!(a.derived().version, b.derived().version);
    let label = &a.derived().version.label;
    let (date, hash) = label.split_once('.').unwrap();
    assert_eq!(date, a.derived().version.date());
    assert_eq!(hash.len(), 6);
    for path in [
        "/data/datapackage.json",
        "/data/kompass.zip",
        "/data/kompass.xlsx",
        "/kommun/1881.xlsx",
        "/api/v1/evaluations/1881-2020",
        "/om",
        "/api",
        "/kommun/1881/diagram/omraden.svg",
    ] {
        let (x, y) = (get_raw(&first, path), get_raw(&second, path));
        assert_eq!(x.status, 200, "{path}");
        // Absolute addresses come from the configured public address, so
        // the bytes are the same whatever port each server listens on.
        let (x, y) = (
            String::from_utf8_lossy(&x.body).to_string(),
            String::from_utf8_lossy(&y.body).to_string(),
        );
        assert!(
            x == y,
            "{path} differs between two imports of the same data"
        );
    }
    let pkg = first.get_json("/data/datapackage.json");
    assert_eq!(pkg["version"].as_str(), Some(label.as_str()));
    assert!(
        pkg["citation"]
            .as_str()
            .unwrap()
            .contains(&format!("version {label}"))
    );
    assert!(
        first
            .get("/om")
            .body
            .contains(r#"href="/data/datapackage.json""#)
    );
}

#[test]
fn a_width_spelled_otherwise_moves_to_its_canonical_address() {
    let app = TestApp::bundled();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let moved = |path: &str| {
        let res = agent
            .get(&app.url(path))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (res.status().as_u16(), location)
    };
    for (asked, canonical) in [
        (
            "/kommun/1881/diagram/omraden.png?bredd=+1200",
            "/kommun/1881/diagram/omraden.png?bredd=1200",
        ),
        (
            "/kommun/1881/diagram/omraden.png?bredd=01200",
            "/kommun/1881/diagram/omraden.png?bredd=1200",
        ),
        (
            "/kommun/1881/diagram/omraden.png?bredd=%2B600",
            "/kommun/1881/diagram/omraden.png?bredd=600",
        ),
        (
            "/jamfor/diagram.png?kommun=1881,0115&bredd=002400",
            "/jamfor/diagram.png?kommun=1881,0115&bredd=2400",
        ),
    ] {
        let (status, location) = moved(asked);
        assert_eq!(status, 301, "{asked}");
        let public = app.state.settings.public_url.join(canonical);
        assert_eq!(location.as_deref(), Some(public.as_str()), "{asked}");
        // The canonical address is answered, not moved again.
        assert_eq!(moved(canonical), (200, None), "{canonical}");
    }
    // A width that is none stays a 400, not a move.
    assert_eq!(moved("/kommun/1881/diagram/omraden.png?bredd=0599").0, 400);
}

#[test]
fn pngs_have_slots_of_their_own_so_pages_never_wait_behind_them() {
    let app = TestApp::bundled_with(kompass::web::Settings {
        image_slots: 1,
        max_wait: std::time::Duration::from_millis(200),
        ..kompass::web::Settings::default()
    });
    let drawing = app
        .state
        .image_gate
        .try_acquire()
        .expect("the only image slot");
    // Every image slot busy: a new PNG waits, then is told to come back...
    let png = get_raw(&app, "/kommun/1881/diagram/omraden.png?bredd=700");
    assert_eq!(png.status, 503);
    assert_eq!(png.header("retry-after"), Some("2"));
    // ...while pages and SVGs, rendered on their own slots, are answered.
    for path in [
        "/kommun/1881",
        "/jamfor?kommun=1881,0115",
        "/kommun/1881/diagram/omraden.svg",
    ] {
        assert_eq!(get_raw(&app, path).status, 200, "{path}");
    }
    drop(drawing);
    assert_eq!(
        get_raw(&app, "/kommun/1881/diagram/omraden.png?bredd=700").status,
        200
    );
}

/// Browsers ask for `/favicon.ico` where a page names no icon (an embed in
/// another site's frame): it is there, and the embeds name the icon too.
#[test]
fn the_favicon_is_served_and_the_embeds_name_their_icon() {
    let app = TestApp::bundled();
    let ico = get_raw(&app, "/favicon.ico");
    assert_eq!(ico.status, 200);
    assert_eq!(ico.header("content-type"), Some("image/x-icon"));
    assert_eq!(&ico.body[..4], &[0, 0, 1, 0], "an .ico file");
    assert_eq!(png_size(&ico.body[22..]), (32, 32));
    for path in [
        "/kommun/1881/inbadda",
        "/jamfor/inbadda?kommun=1881,0115",
        "/",
    ] {
        assert!(
            app.get(path)
                .body
                .contains(r#"<link rel="icon" href="/assets/kompass.svg" type="image/svg+xml">"#),
            "{path}"
        );
    }
}
