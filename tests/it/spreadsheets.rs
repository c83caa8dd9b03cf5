//! The .xlsx downloads through the real server, read back with calamine:
//! each holds the same rows and values as the CSV of the same address
//! (header included), with codes as text cells, figures as numbers and
//! empty cells where the CSV is empty; text that looks like a formula stays
//! a text cell; the second sheet names source, licence and data version.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::common::{Scratch, TestApp};
use crate::data_support::get_raw;
use crate::downloads::STOCKHOLM_2009;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The columns of each table that hold numbers; every other column is text.
const LONG_NUMBERS: &[&str] = &[
    "ar",
    "manad",
    "utvardering_nr",
    "omrade",
    "delomrade",
    "tema",
    "poang",
    "max",
    "procent",
];
const COMPARE_NUMBERS: &[&str] = &[
    "ar",
    "tema",
    "omrade",
    "poang",
    "max",
    "folkmangd",
    "folkmangd_ar",
];
const RANKING_NUMBERS: &[&str] = &[
    "placering",
    "ar",
    "omrade",
    "poang",
    "max",
    "folkmangd",
    "folkmangd_ar",
];

fn workbook(app: &TestApp, path: &str) -> Xlsx<Cursor<Vec<u8>>> {
    let r = get_raw(app, path);
    assert_eq!(r.status, 200, "{path}");
    assert_eq!(r.header("content-type"), Some(XLSX), "{path}");
    Xlsx::new(Cursor::new(r.body)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sheet(app: &TestApp, path: &str, name: &str) -> Vec<Vec<Data>> {
    let range = workbook(app, path).worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn csv_rows(app: &TestApp, path: &str) -> Vec<Vec<String>> {
    let r = get_raw(app, path);
    assert_eq!(r.status, 200, "{path}");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(r.body.as_slice())
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The CSV's text as a spreadsheet cell holds it: the CSV puts an
/// apostrophe before text a spreadsheet would run as a formula; a text cell
/// needs none.
fn as_published(csv_text: &str) -> &str {
    match csv_text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => csv_text,
    }
}

/// The workbook at `path` (ending `.xlsx`) holds the CSV's table exactly.
/// Returns its rows for further checks.
fn same_as_csv(app: &TestApp, path: &str, numbers: &[&str]) -> Vec<Vec<Data>> {
    let csv = csv_rows(app, &path.replacen(".xlsx", ".csv", 1));
    let rows = sheet(app, path, "Uppgifter");
    assert_eq!(rows.len(), csv.len(), "{path}: row count");
    let header = &csv[0];
    let strings: Vec<Data> = header.iter().map(|h| Data::String(h.clone())).collect();
    assert_eq!(rows[0], strings, "{path}: the header is the CSV's");
    for (i, (cells, texts)) in rows.iter().zip(&csv).enumerate().skip(1) {
        assert_eq!(cells.len(), texts.len(), "{path} row {i}");
        for ((cell, text), column) in cells.iter().zip(texts).zip(header) {
            let at = format!("{path} row {i} {column}");
            match cell {
                Data::Empty => assert_eq!(text, "", "{at}: empty only where the CSV is"),
                Data::Float(f) => {
                    assert!(numbers.contains(&column.as_str()), "{at}: {f} is not text");
                    assert_eq!(Some(*f), text.parse::<f64>().ok(), "{at}");
                }
                Data::String(s) => {
                    assert!(!numbers.contains(&column.as_str()), "{at}: {s:?} is text");
                    assert_eq!(s, as_published(text), "{at}");
                }
                other => panic!("{at}: unexpected cell {other:?}"),
            }
        }
    }
    rows
}

fn column(rows: &[Vec<Data>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| *h == Data::String(name.into()))
        .unwrap()
}

#[test]
fn kompass_kumla_and_a_comparison_read_back_as_their_csv_with_codes_as_text() {
    let app = TestApp::bundled();
    let rows = same_as_csv(&app, "/data/kompass.xlsx", LONG_NUMBERS);
    let code = column(&rows, "kommunkod");
    let vasby: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| r[code] == Data::String("0114".into()))
        .collect();
    assert!(!vasby.is_empty(), "0114 is kept as the text \"0114\"");
    let kumla = same_as_csv(&app, "/kommun/1881.xlsx", LONG_NUMBERS);
    let (points, niva) = (column(&kumla, "poang"), column(&kumla, "niva"));
    let total = kumla
        .iter()
        .find(|r| r[points] == Data::Float(557.0))
        .unwrap();
    assert_eq!(total[niva], Data::String("total".into()));
    let unpublished = &kumla[1];
    assert_eq!(unpublished[points], Data::Empty, "2017: missing, never 0");
    let compare = same_as_csv(&app, "/jamfor.xlsx?kommun=1881,1444,0115", COMPARE_NUMBERS);
    // Three municipalities, then the references of 2010's and 2020's criteria.
    assert_eq!(compare.len(), 1 + 3 * 9 + 2 * 9);
    assert!(compare.iter().any(|r| r[0] == Data::String("0115".into())));
    same_as_csv(
        &app,
        "/rankning.xlsx?revision=v2020&lan=18",
        RANKING_NUMBERS,
    );
    same_as_csv(&app, "/omrade/arbetsliv.xlsx", RANKING_NUMBERS);
    for name in ["kommuner", "utvarderingar", "jamforelsevarden"] {
        let numbers: &[&str] = match name {
            "kommuner" => &[
                "antal_utvarderingar",
                "senaste_ar",
                "folkmangd",
                "folkmangd_ar",
            ],
            "utvarderingar" => &[
                "ar",
                "manad",
                "utvardering_nr",
                "total",
                "antal_omraden",
                "antal_delomraden",
            ],
            _ => &[
                "ar",
                "antal_utvarderingar",
                "omrade_1",
                "omrade_2",
                "omrade_3",
                "omrade_4",
                "omrade_5",
                "omrade_6",
                "omrade_7",
                "omrade_8",
                "total",
            ],
        };
        same_as_csv(&app, &format!("/data/{name}.xlsx"), numbers);
    }
}

#[test]
fn a_decimal_stays_exact_and_a_note_starting_with_equals_stays_text() {
    let scratch = Scratch::new();
    let data = scratch.copy_of_bundle();
    std::fs::write(
        data.join("evaluations/0180-stockholm-2009.toml"),
        STOCKHOLM_2009,
    )
    .unwrap();
    let app = TestApp::with_data(&data);
    let rows = same_as_csv(&app, "/kommun/0180.xlsx", LONG_NUMBERS);
    let total = &rows[1];
    assert_eq!(
        total[column(&rows, "kommunkod")],
        Data::String("0180".into())
    );
    assert_eq!(total[column(&rows, "poang")], Data::Float(426.5));
    let note = column(&rows, "anmarkning");
    assert_eq!(
        total[note],
        Data::String(
            "=HYPERLINK(\"http://example.invalid\") testfil, inget riktigt resultat".into()
        )
    );
    // No cell of the workbook is a formula, this one least of all.
    let formulas = workbook(&app, "/kommun/0180.xlsx")
        .worksheet_formula("Uppgifter")
        .unwrap();
    assert_eq!(formulas.used_cells().count(), 0);
    // The CSV of the same data neutralises the same note with an apostrophe.
    assert!(
        get_raw(&app, "/kommun/0180.csv")
            .text()
            .contains("\"'=HYPERLINK(")
    );
}

#[test]
fn the_second_sheet_names_source_licence_data_version_and_citation() {
    let app = TestApp::bundled();
    let mut book = workbook(&app, "/kommun/1881.xlsx");
    assert_eq!(book.sheet_names(), vec!["Uppgifter", "Om uppgifterna"]);
    let about = book.worksheet_range("Om uppgifterna").unwrap();
    let text: Vec<String> = about.cells().map(|(_, _, c)| c.to_string()).collect();
    let all = text.join("\n");
    let data = app.state.dataset();
    for needle in [
        "Kumla (1881)",
        "Källa",
        "SKR",
        "Licens",
        "CC BY 4.0",
        "Dataversion",
        &data.derived().version.label,
        "Citera så här",
        &data.derived().version.date(),
        "kommunkod",
    ] {
        assert!(all.contains(needle), "{needle:?} missing from:\n{all}");
    }
}

#[test]
fn workbooks_have_file_names_like_the_csvs_and_bad_addresses_are_refused() {
    let app = TestApp::bundled();
    for (path, name) in [
        ("/data/kompass.xlsx", "kompass.xlsx"),
        ("/kommun/1881.xlsx", "kompass-1881-kumla.xlsx"),
        (
            "/jamfor.xlsx?kommun=1881,0115",
            "kompass-jamfor-1881-0115.xlsx",
        ),
        (
            "/rankning.xlsx?revision=v2020&lan=18",
            "kompass-rankning-total-v2020-lan-18.xlsx",
        ),
        (
            "/omrade/arbetsliv.xlsx",
            "kompass-rankning-arbetsliv-v2020.xlsx",
        ),
    ] {
        let r = get_raw(&app, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(XLSX), "{path}");
        assert_eq!(
            r.header("content-disposition"),
            Some(format!("attachment; filename=\"{name}\"").as_str()),
            "{path}"
        );
    }
    for (path, status) in [
        ("/data/nothing.xlsx", 404),
        ("/kommun/9999.xlsx", 404),
        ("/kommun/18x1.xlsx", 400),
        ("/jamfor.xlsx?kommun=1881", 400),
        ("/omrade/nope.xlsx", 404),
        ("/rankning.xlsx?revision=v1999", 400),
        ("/data/kompass.xls", 404),
    ] {
        assert_eq!(get_raw(&app, path).status, status, "{path}");
    }
    // Same data, same bytes.
    let first = get_raw(&app, "/data/kompass.xlsx").body;
    assert_eq!(first, get_raw(&app, "/data/kompass.xlsx").body);
}
