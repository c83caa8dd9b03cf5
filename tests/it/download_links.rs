//! Every page's download links: each table is offered as the .xlsx first,
//! then the CSV for Swedish Excel, then the standard CSV, and every one of
//! those links answers with its file.

use regex::Regex;

use crate::common::TestApp;
use crate::data_support::get_raw;

/// The download addresses of a page (.xlsx and .csv), in document order.
fn download_links(html: &str) -> Vec<String> {
    let href = Regex::new(r#"href="([^"]+)""#).unwrap();
    href.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .filter(|h| {
            let path = h.split('?').next().unwrap_or("");
            path.ends_with(".xlsx") || path.ends_with(".csv")
        })
        .collect()
}

/// (table, kind): the table is the address without extension (and the
/// Excel flavour's `-excel`); the kind is "xlsx", "excel" or "csv". The
/// flavour is in the path, so a static host serves each as its own file.
fn classify(link: &str) -> (String, &'static str) {
    let (path, query) = link.split_once('?').unwrap_or((link, ""));
    assert!(!query.contains("format="), "{link}: a flavour in the query");
    let (stem, kind) = if let Some(stem) = path.strip_suffix(".xlsx") {
        (stem, "xlsx")
    } else if let Some(stem) = path.strip_suffix("-excel.csv") {
        (stem, "excel")
    } else {
        (path.strip_suffix(".csv").unwrap_or(path), "csv")
    };
    (format!("{stem}?{query}"), kind)
}

/// For each table the page links: the .xlsx comes first, and a page that
/// offers a CSV offers both flavours, the Excel one first.
fn assert_spreadsheet_first(page: &str, links: &[String]) {
    let mut tables: Vec<(String, Vec<&'static str>)> = Vec::new();
    for link in links {
        let (table, kind) = classify(link);
        match tables.iter_mut().find(|(t, _)| *t == table) {
            Some((_, kinds)) => kinds.push(kind),
            None => tables.push((table, vec![kind])),
        }
    }
    for (table, kinds) in &tables {
        assert_eq!(kinds[0], "xlsx", "{page}: {table} offers {kinds:?}");
        let position = |k: &str| kinds.iter().position(|x| *x == k);
        match (position("excel"), position("csv")) {
            (None, None) => {}
            (Some(excel), Some(csv)) => {
                assert!(excel < csv, "{page}: {table} offers {kinds:?}")
            }
            _ => panic!("{page}: {table} offers one CSV flavour: {kinds:?}"),
        }
    }
}

#[test]
fn every_page_offers_the_spreadsheet_first_then_both_csv_flavours() {
    let app = TestApp::bundled();
    let never = app.get_json("/api/v1/municipalities?evaluated=false&per_page=1");
    let never = format!("/kommun/{}", never["items"][0]["code"].as_str().unwrap());
    let pages = [
        "/",
        "/kommun/1881-kumla",
        "/kommun/0115-vallentuna",
        never.as_str(),
        "/jamfor?kommun=1881,0115,1444",
        "/jamfor?kommun=1881",
        "/rankning",
        "/rankning?revision=v2020&lan=18",
        "/omrade/brukarens-fokus",
        "/kommuner",
        "/om",
        "/api",
        "/sok?q=kum",
    ];
    let mut checked = std::collections::BTreeSet::new();
    for page in pages {
        let r = app.get(page);
        assert_eq!(r.status, 200, "{page}");
        let links = download_links(&r.body);
        assert!(!links.is_empty(), "{page} offers no download");
        assert_spreadsheet_first(page, &links);
        checked.extend(links);
    }
    // The pages with a table of their own offer all three files of it.
    for (page, table) in [
        ("/kommun/1881-kumla", "/kommun/1881"),
        ("/jamfor?kommun=1881,0115,1444", "/jamfor"),
        ("/rankning?revision=v2020&lan=18", "/rankning"),
        ("/omrade/brukarens-fokus", "/omrade/brukarens-fokus"),
    ] {
        let body = app.get(page).body;
        let kinds: Vec<&str> = download_links(&body)
            .iter()
            .map(|l| classify(l))
            .filter(|(t, _)| t.starts_with(&format!("{table}?")))
            .map(|(_, k)| k)
            .collect();
        assert_eq!(kinds, ["xlsx", "excel", "csv"], "{page}");
        let labels: Vec<usize> = ["Excel (.xlsx)", "CSV för Excel (svenska)", "CSV (standard)"]
            .iter()
            .map(|l| body.find(l).unwrap_or_else(|| panic!("{page}: {l}")))
            .collect();
        assert!(labels.windows(2).all(|w| w[0] < w[1]), "{page}: labels");
    }
    // Every link answers with its file.
    for link in &checked {
        let r = get_raw(&app, link);
        assert_eq!(r.status, 200, "{link}");
        let expected = match classify(link).1 {
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ => "text/csv; charset=utf-8; header=present",
        };
        assert_eq!(r.header("content-type"), Some(expected), "{link}");
    }
}

#[test]
fn the_order_check_catches_a_csv_before_its_spreadsheet() {
    let links = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let good = links(&["/a.xlsx?x=1", "/a-excel.csv?x=1", "/a.csv?x=1"]);
    assert_spreadsheet_first("good", &good);
    for bad in [
        links(&["/a.csv", "/a.xlsx", "/a-excel.csv"]),
        links(&["/a.xlsx", "/a.csv", "/a-excel.csv"]),
        links(&["/a.xlsx", "/a.csv?format=excel", "/a.csv"]),
        links(&["/a.xlsx", "/a.csv"]),
    ] {
        let result = std::panic::catch_unwind(|| assert_spreadsheet_first("bad", &bad));
        assert!(result.is_err(), "{bad:?} passed");
    }
}
