use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::*;
use crate::domain::Score;
use crate::views::csv::{integer, level, number, revision, text};

const COLUMNS: &[Column] = &[
    text("kommunkod", "Kommunkod", "Kommunkod."),
    text("anmarkning", "Anmärkning", "Anmärkning."),
    number("poang", "Poäng", "Poäng."),
    integer("ar", "År", "År."),
    revision("revision", "Kriterier", "Kriterieversionen."),
    level("niva", "Nivå", "Nivån."),
    text("tom", "Tom", "Tom i varje rad."),
];

fn about() -> About {
    About {
        title: "Test".into(),
        description: "En testtabell.".into(),
        source: "SKR".into(),
        licence: "CC BY 4.0".into(),
        version: "2024.abc123".into(),
        newest: "2024".into(),
        revisions: vec![("v2020".into(), "2019/2020".into())],
        citation: "kompass, version abc".into(),
        created: "2026-01-02T03:04:05Z".into(),
    }
}

fn table() -> Table {
    Table {
        columns: COLUMNS,
        rows: vec![
            vec![
                Cell::text("0114"),
                Cell::text("=HYPERLINK(\"http://example.invalid\")"),
                Cell::Score(Score::from_tenths(675, 1)),
                Cell::Integer(2020),
                Cell::text("v2020"),
                Cell::text("omrade"),
                Cell::Empty,
            ],
            vec![
                Cell::text("1881"),
                Cell::Empty,
                Cell::Empty,
                Cell::Integer(2017),
                Cell::text("v2016"),
                Cell::text("total"),
                Cell::Empty,
            ],
        ],
        marked: vec![1],
        caveat: Some("Poängen är inte direkt jämförbara.".into()),
        headings: vec![("poang", "Poäng (av 100)".into())],
    }
}

fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

fn rows(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn headings_are_swedish_in_row_one_and_an_empty_column_is_left_out() {
    let mut book = read(workbook(&table(), &about()).unwrap());
    assert_eq!(book.sheet_names(), vec![DATA_SHEET, ABOUT_SHEET]);
    let rows = rows(&mut book, DATA_SHEET);
    assert_eq!(
        rows[0],
        [
            "Kommunkod",
            "Anmärkning",
            "Poäng (av 100)",
            "År",
            "Kriterier",
            "Nivå"
        ]
        .map(|s| Data::String(s.into()))
    );
    assert_eq!(rows[1][0], Data::String("0114".into()));
    assert_eq!(rows[1][2], Data::Float(67.5));
    assert_eq!(rows[1][3], Data::Float(2020.0));
    assert_eq!(rows[1][4], Data::String("2019/2020".into()), "in words");
    assert_eq!(rows[1][5], Data::String("område".into()));
    assert_eq!(
        rows[2][4],
        Data::String("v2016".into()),
        "a version not named"
    );
    assert_eq!(rows[2][1], Data::Empty);
    assert_eq!(rows[2][2], Data::Empty, "missing is empty, never 0");
    // The caveat stands under the table, after an empty row.
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[4][0],
        Data::String("Poängen är inte direkt jämförbara.".into())
    );
}

#[test]
fn text_that_looks_like_a_formula_stays_a_text_cell() {
    let mut book = read(workbook(&table(), &about()).unwrap());
    let range = book.worksheet_range(DATA_SHEET).unwrap();
    assert_eq!(
        range.get((1, 1)),
        Some(&Data::String(
            "=HYPERLINK(\"http://example.invalid\")".into()
        ))
    );
    let formulas = book.worksheet_formula(DATA_SHEET).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
}

#[test]
fn the_about_sheet_names_source_licence_version_and_each_column_with_its_csv_name() {
    let mut book = read(workbook(&table(), &about()).unwrap());
    let range = book.worksheet_range(ABOUT_SHEET).unwrap();
    let text: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    for expected in [
        "Källa",
        "SKR",
        "CC BY 4.0",
        "Senaste utvärdering i datan",
        "2024 · dataversion 2024.abc123",
        "Poäng (av 100)",
        "poang",
        "Kommunkod.",
    ] {
        assert!(text.iter().any(|t| t == expected), "{expected}: {text:?}");
    }
    assert!(!text.iter().any(|t| t.contains("uttagna")), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.contains("inte med") && t.ends_with("tom."))
    );
}

#[test]
fn the_same_data_gives_the_same_bytes_and_an_empty_table_still_has_its_header() {
    let a = workbook(&table(), &about()).unwrap();
    assert_eq!(a, workbook(&table(), &about()).unwrap());
    let mut later = about();
    later.created = "2027-01-01T00:00:00Z".into();
    assert_ne!(a, workbook(&table(), &later).unwrap(), "dated by the data");
    let empty = Table::new(COLUMNS, vec![]);
    let mut book = read(workbook(&empty, &about()).unwrap());
    let range = book.worksheet_range(DATA_SHEET).unwrap();
    assert_eq!(range.height(), 1);
    assert_eq!(range.width(), COLUMNS.len(), "no rows: every heading");
}

#[test]
fn a_row_of_the_wrong_length_is_an_error() {
    let t = Table::new(COLUMNS, vec![vec![Cell::Empty]]);
    assert!(matches!(
        workbook(&t, &about()),
        Err(SpreadsheetError::RowLength {
            expected: 7,
            got: 1
        })
    ));
}

#[test]
fn only_columns_filled_somewhere_are_shown() {
    let rows = [
        vec![Cell::Empty, Cell::Integer(1)],
        vec![Cell::text("a"), Cell::Empty],
        vec![Cell::Empty, Cell::Empty],
    ];
    assert_eq!(filled_columns(2, rows.iter()), vec![0, 1]);
    assert_eq!(filled_columns(2, rows[2..].iter()), Vec::<usize>::new());
}
