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
    assert_eq!(api["priorities"]["missing"]["areas"], serde_json::json!([3, 4, 5, 6, 7, 8]));
    assert_eq!(api["priorities"]["missing"]["evaluation_id"], "0381-2018");
}
