//! The .xlsx downloads through the real server, read back with calamine (and
//! their sheet's XML for what calamine does not read): each is ready to
//! publish: Swedish headings in row 1 (the CSV's machine names on the notes
//! sheet), a frozen header, widths set, no column empty in every row, a
//! source column where it lists evaluations, versions in words, the rows
//! the page marks marked, a mixed-criteria caveat below the table; and it
//! holds the CSV's rows and values: codes as text cells, figures as
//! numbers, empty cells where the CSV is empty, text that looks like a
//! formula as a text cell.

use std::io::{Cursor, Read};

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
const CHANGE_NUMBERS: &[&str] = &[
    "placering",
    "fran_ar",
    "till_ar",
    "fore",
    "efter",
    "forandring",
    "max",
    "tema_1",
    "tema_2",
    "tema_3",
    "tema_4",
    "tema_5",
    "tema_6",
    "tema_7",
    "tema_8",
];

/// A workbook as read back: its two sheets and the data sheet's XML.
struct Book {
    data: Vec<Vec<Data>>,
    notes: Vec<Vec<Data>>,
    xml: String,
}

fn workbook(app: &TestApp, path: &str) -> Xlsx<Cursor<Vec<u8>>> {
    let r = get_raw(app, path);
    assert_eq!(r.status, 200, "{path}");
    assert_eq!(r.header("content-type"), Some(XLSX), "{path}");
    Xlsx::new(Cursor::new(r.body)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn book(app: &TestApp, path: &str) -> Book {
    let bytes = get_raw(app, path).body;
    let mut xlsx = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(xlsx.sheet_names(), vec!["Uppgifter", "Om uppgifterna"]);
    let rows = |x: &mut Xlsx<_>, name: &str| -> Vec<Vec<Data>> {
        x.worksheet_range(name)
            .unwrap()
            .rows()
            .map(|r| r.to_vec())
            .collect()
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    Book {
        data: rows(&mut xlsx, "Uppgifter"),
        notes: rows(&mut xlsx, "Om uppgifterna"),
        xml,
    }
}

impl Book {
    /// Each heading of the data sheet with its CSV name, from the notes sheet.
    fn csv_names(&self) -> Vec<(String, String)> {
        let start = self
            .notes
            .iter()
            .position(|r| {
                r.first() == Some(&Data::String("Kolumn".into()))
                    && r.get(1) == Some(&Data::String("Namn i CSV-filen".into()))
            })
            .expect("the notes sheet lists the columns");
        self.notes[start + 1..]
            .iter()
            .take_while(|r| matches!(r.first(), Some(Data::String(_))))
            .filter_map(|r| match (r.first(), r.get(1)) {
                (Some(Data::String(h)), Some(Data::String(n))) => Some((h.clone(), n.clone())),
                _ => None,
            })
            .collect()
    }

    fn notes_text(&self) -> String {
        self.notes
            .iter()
            .flatten()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The column headed `heading`.
    fn column(&self, heading: &str) -> usize {
        self.data[0]
            .iter()
            .position(|h| *h == Data::String(heading.into()))
            .unwrap_or_else(|| panic!("no column {heading}: {:?}", self.data[0]))
    }

    /// The styles (`s="N"`) of the cells of the sheet's row `n` (from 1).
    fn row_styles(&self, n: usize) -> Vec<String> {
        let Some(start) = self.xml.find(&format!("<row r=\"{n}\"")) else {
            return vec![];
        };
        let row = &self.xml[start..];
        let row = &row[..row.find("</row>").unwrap_or(row.len())];
        row.split(" s=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(str::to_string)
            .collect()
    }
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
/// needs none. Versions and levels are words in a workbook.
fn as_shown(column: &str, csv_text: &str) -> String {
    if let Some(rest) = csv_text.strip_prefix('\'')
        && rest.starts_with(['=', '+', '-', '@', '\t', '\r'])
    {
        return rest.to_string();
    }
    let words = match (column, csv_text) {
        (c, "v2020") if c.ends_with("revision") => "2019/2020",
        (c, v) if c.ends_with("revision") && v.starts_with('v') => &v[1..],
        ("niva", "total") => "totalt",
        ("niva", "omrade") => "område",
        ("niva", "delomrade") => "delområde",
        (_, v) => v,
    };
    words.to_string()
}

/// How many columns the sheet gives a width (`<col min=".." max=".." width=..>`).
fn fitted_columns(xml: &str) -> usize {
    let attr = |col: &str, name: &str| -> usize {
        col.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    xml.split("<col ")
        .skip(1)
        .filter(|c| c.split('>').next().is_some_and(|a| a.contains("width=")))
        .map(|c| (attr(c, "max") + 1).saturating_sub(attr(c, "min")))
        .sum()
}

/// The workbook at `path` (ending `.xlsx`) is ready to publish and holds
/// the CSV's rows and values. Returns it for further checks.
fn same_rows_as_csv(app: &TestApp, path: &str, numbers: &[&str]) -> Book {
    let csv = csv_rows(app, &path.replacen(".xlsx", ".csv", 1));
    let book = book(app, path);
    let names = book.csv_names();
    let header: Vec<String> = book.data[0].iter().map(|h| h.to_string()).collect();
    assert_eq!(
        names.iter().map(|(h, _)| h.clone()).collect::<Vec<_>>(),
        header,
        "{path}: the notes list each heading"
    );
    // Swedish headings, each for one of the CSV's columns.
    let csv_header = &csv[0];
    let index: Vec<usize> = names
        .iter()
        .map(|(heading, name)| {
            assert_ne!(heading, name, "{path}: {name} has no heading of its own");
            csv_header
                .iter()
                .position(|c| c == name)
                .unwrap_or_else(|| panic!("{path}: {name} is not a CSV column"))
        })
        .collect();
    // The CSV's columns left out are empty in every row.
    for (i, name) in csv_header.iter().enumerate() {
        if !index.contains(&i) {
            assert!(
                csv[1..].iter().all(|r| r[i].is_empty()),
                "{path}: {name} is left out but not empty"
            );
        }
    }
    // The data rows, then (after an empty row) a caveat, if any.
    let rows = csv.len() - 1;
    assert!(
        book.data.len() == rows + 1 || book.data.len() == rows + 3,
        "{path}: {} rows in the sheet, {rows} in the CSV",
        book.data.len()
    );
    for (c, heading) in header.iter().enumerate() {
        assert!(
            book.data[1..=rows].iter().any(|r| r[c] != Data::Empty) || rows == 0,
            "{path}: {heading} is empty in every row"
        );
    }
    for (i, (cells, texts)) in book.data[1..=rows].iter().zip(&csv[1..]).enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let name = &names[c].1;
            let text = &texts[index[c]];
            let at = format!("{path} row {} {name}", i + 1);
            match cell {
                Data::Empty => assert_eq!(text, "", "{at}: empty only where the CSV is"),
                Data::Float(f) => {
                    assert!(numbers.contains(&name.as_str()), "{at}: {f} is not text");
                    assert_eq!(Some(*f), text.parse::<f64>().ok(), "{at}");
                }
                Data::String(s) => {
                    assert!(!numbers.contains(&name.as_str()), "{at}: {s:?} is text");
                    assert_eq!(*s, as_shown(name, text), "{at}");
                }
                other => panic!("{at}: unexpected cell {other:?}"),
            }
        }
    }
    assert!(
        book.xml.contains(r#"ySplit="1""#) && book.xml.contains(r#"state="frozen""#),
        "{path}: the header row is frozen"
    );
    assert_eq!(
        fitted_columns(&book.xml),
        header.len(),
        "{path}: every column has a fitted width"
    );
    let notes = book.notes_text();
    assert!(
        notes.contains("Senaste utvärdering i datan") && notes.contains(" · dataversion "),
        "{path}: {notes}"
    );
    assert!(!notes.contains("Data uttagna"), "{path}");
    book
}

#[test]
fn every_workbook_is_ready_to_publish_and_holds_its_csvs_rows() {
    let app = TestApp::bundled();
    let kompass = same_rows_as_csv(&app, "/data/kompass.xlsx", LONG_NUMBERS);
    let code = kompass.column("Kommunkod");
    assert!(
        kompass
            .data
            .iter()
            .any(|r| r[code] == Data::String("0114".into())),
        "0114 is kept as the text \"0114\""
    );
    let kumla = same_rows_as_csv(&app, "/kommun/1881.xlsx", LONG_NUMBERS);
    let (points, level) = (kumla.column("Poäng"), kumla.column("Nivå"));
    let total = kumla
        .data
        .iter()
        .find(|r| r[points] == Data::Float(557.0))
        .unwrap();
    assert_eq!(total[level], Data::String("totalt".into()));
    assert_eq!(
        total[kumla.column("Kriterier")],
        Data::String("2019/2020".into()),
        "not v2020"
    );
    assert_eq!(kumla.data[1][points], Data::Empty, "2017: missing, never 0");
    let compare = same_rows_as_csv(&app, "/jamfor.xlsx?kommun=1881,1444,0115", COMPARE_NUMBERS);
    assert_eq!(
        compare.data.len(),
        1 + 3 * 9 + 2 * 9 + 2,
        "three municipalities, the references of 2010's and 2020's criteria, then the caveat"
    );
    assert!(
        compare.data[47][0].to_string().contains("olika versioner"),
        "the mixed-criteria caveat below the table"
    );
    same_rows_as_csv(
        &app,
        "/rankning.xlsx?revision=v2020&lan=18",
        RANKING_NUMBERS,
    );
    same_rows_as_csv(&app, "/omrade/arbetsliv.xlsx", RANKING_NUMBERS);
    same_rows_as_csv(&app, "/forandring.xlsx", CHANGE_NUMBERS);
    same_rows_as_csv(&app, "/forandring.xlsx?versioner=alla", CHANGE_NUMBERS);
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
        same_rows_as_csv(&app, &format!("/data/{name}.xlsx"), numbers);
    }
}

#[test]
fn tables_listing_evaluations_have_a_source_and_the_pages_marked_rows_are_marked() {
    let app = TestApp::bundled();
    for path in [
        "/data/kompass.xlsx",
        "/data/utvarderingar.xlsx",
        "/kommun/1881.xlsx",
        "/jamfor.xlsx?kommun=1881,0115",
        "/rankning.xlsx",
        "/omrade/samspel.xlsx?revision=alla",
        "/forandring.xlsx",
    ] {
        let b = book(&app, path);
        let source = b.column("Källa");
        assert!(
            b.data[1..]
                .iter()
                .any(|r| r[source].to_string().starts_with("http")),
            "{path}: no source address"
        );
    }
    // The v2020 ranking's reference row (Sverigesnitt 2021) stands marked
    // among the places, as on the page.
    let ranking = book(&app, "/rankning.xlsx");
    let name = ranking.column("Kommun");
    let at = ranking
        .data
        .iter()
        .position(|r| r[name] == Data::String("Sverigesnitt 2021".into()))
        .expect("the reference row");
    assert_eq!(ranking.data[at][ranking.column("Placering")], Data::Empty);
    let marked = ranking.row_styles(at + 1);
    let plain = ranking.row_styles(at);
    assert!(!marked.is_empty(), "the reference row has a style");
    assert!(
        marked.iter().all(|s| !plain.contains(s)),
        "marked {marked:?} like a place {plain:?}"
    );
    assert!(
        ranking.data[0].contains(&Data::String("Poäng (av 800)".into())),
        "{:?}",
        ranking.data[0]
    );
    // Mixed criteria: the caveat under the table.
    let all = book(&app, "/rankning.xlsx?revision=alla");
    let last = all.data.last().unwrap()[0].to_string();
    assert!(last.contains("olika versioner av kriterierna"), "{last}");
    // The changes sources state come after the ranked ones, marked.
    let changes = book(&app, "/forandring.xlsx");
    let kind = changes.column("Uppgift");
    let first_stated = changes
        .data
        .iter()
        .position(|r| r[kind] == Data::String("enligt källan".into()))
        .expect("stated changes");
    assert!(
        changes.data[1..first_stated]
            .iter()
            .all(|r| r[kind] == Data::String("beräknad".into()))
    );
    let styles = changes.row_styles(first_stated + 1);
    assert!(!styles.is_empty() && styles.iter().all(|s| !changes.row_styles(2).contains(s)));
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
    let b = same_rows_as_csv(&app, "/kommun/0180.xlsx", LONG_NUMBERS);
    let total = &b.data[1];
    assert_eq!(total[b.column("Kommunkod")], Data::String("0180".into()));
    assert_eq!(total[b.column("Poäng")], Data::Float(426.5));
    assert_eq!(
        total[b.column("Anmärkning")],
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
    let b = book(&app, "/kommun/1881.xlsx");
    let all = b.notes_text();
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
        &format!(
            "{} · dataversion {}",
            data.derived().version.date(),
            data.derived().version.label
        ),
        "kommunkod",
        "Kommunkod",
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
        ("/forandring.xlsx", "kompass-forandring-total.xlsx"),
        (
            "/forandring.xlsx?versioner=alla&lan=18",
            "kompass-forandring-total-versioner-alla-lan-18.xlsx",
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
        ("/forandring.xlsx?versioner=kanske", 400),
        ("/data/kompass.xls", 404),
    ] {
        assert_eq!(get_raw(&app, path).status, status, "{path}");
    }
    // Same data, same bytes.
    let first = get_raw(&app, "/data/kompass.xlsx").body;
    assert_eq!(first, get_raw(&app, "/data/kompass.xlsx").body);
}
