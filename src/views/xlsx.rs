//! Spreadsheets: the same `Table` of typed cells the CSV writes, as an Excel
//! workbook (rust_xlsxwriter), so the two never disagree. Codes and ids are
//! text cells (`0114` keeps its zero), figures are numbers (67.5 stays 67.5),
//! missing figures are empty cells, never 0. Text is always written as a
//! text cell, which a spreadsheet never runs as a formula: unlike the CSV it
//! needs no apostrophe, so text is kept exactly as published.
//!
//! The first sheet holds the table under a frozen bold header row with an
//! autofilter; the second, "Om uppgifterna", says what the table is, its
//! source, licence, data version and date, how to cite it and what each
//! column holds. The workbook's creation date is the data's, and the zip
//! inside has fixed times, so the same data version gives the same bytes.

use std::io::{Cursor, Seek, Write};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, IgnoreError, Workbook,
    Worksheet, XlsxError, utility,
};

use super::csv::{Cell, Column, Kind, Table};

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DATA_SHEET: &str = "Uppgifter";
pub const ABOUT_SHEET: &str = "Om uppgifterna";

/// The widest a column is fitted to its content, in pixels (about 40
/// characters): long notes and addresses stay readable without pushing
/// every other column off the screen.
const MAX_COLUMN_PIXELS: u32 = 300;

/// Excel's paper size code for A4.
const A4: u8 = 9;

/// What the second sheet says about the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub title: String,
    pub description: String,
    pub source: String,
    pub licence: String,
    /// The data version as people cite it.
    pub version: String,
    /// The date the data was extracted (YYYY-MM-DD).
    pub extracted: String,
    pub citation: String,
    /// When the data last changed (RFC 3339): the workbook's creation time.
    pub created: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    #[error("could not write the workbook: {0}")]
    Write(#[from] XlsxError),
    #[error("a row has {got} cells where the table has {expected} columns")]
    RowLength { expected: usize, got: usize },
}

/// Swedish name of a column's type, for the column list.
fn kind_sv(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Integer => "heltal",
        Kind::Number => "tal",
    }
}

/// Excel's cell indices; a table is far below Excel's limits, and a
/// larger one is refused by rust_xlsxwriter rather than wrapped.
fn row_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col_index(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    one_decimal: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(row, col, s)?;
        }
        Cell::Integer(n) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        // A figure printed with a decimal keeps it on screen ("72,0").
        Cell::Score(s) if s.decimals() > 0 => {
            sheet.write_number_with_format(row, col, s.as_f64(), one_decimal)?;
        }
        Cell::Score(s) => {
            sheet.write_number(row, col, s.as_f64())?;
        }
        Cell::Change(c) => {
            sheet.write_number(row, col, c.tenths() as f64 / 10.0)?;
        }
    }
    Ok(())
}

/// The widths autofit would give, kept as rows are written (the data sheet
/// is written row by row, where `autofit` would see only the last row):
/// the same rule as rust_xlsxwriter's `autofit`, in pixels.
struct Widths(Vec<u32>);

impl Widths {
    fn text(&mut self, col: usize, text: &str, padding: u32) {
        let widest = text.lines().map(utility::cell_autofit_width).max();
        if let Some(w) = widest.filter(|w| *w > 7) {
            self.fit(col, w + padding);
        }
    }

    fn number(&mut self, col: usize, n: f64) {
        let digits = u32::try_from(n.to_string().len()).unwrap_or(u32::MAX);
        self.fit(col, digits.saturating_mul(7).saturating_add(7));
    }

    fn fit(&mut self, col: usize, pixels: u32) {
        if let Some(w) = self.0.get_mut(col) {
            *w = (*w).max(pixels.min(MAX_COLUMN_PIXELS));
        }
    }
}

/// The table sheet: bold frozen header, typed cells, autofilter, widths
/// fitted to the content, and no "number stored as text" warnings on the
/// code columns (a code is text on purpose). Written in rust_xlsxwriter's
/// low-memory mode: one row at a time goes to a temporary file (the shared
/// strings stay in memory), so the whole dataset's workbook takes a few MB
/// to write, not hundreds.
fn data_sheet<R: AsRef<[Cell]>>(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: impl Iterator<Item = R>,
) -> Result<(), SpreadsheetError> {
    sheet.set_name(DATA_SHEET)?;
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let one_decimal = Format::new().set_num_format("0.0");
    let mut widths = Widths(vec![0; columns.len()]);
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col_index(c), column.name, &header)?;
        // The header leaves room for the autofilter's arrow.
        widths.text(c, column.name, 16);
    }
    let mut count = 0;
    for (r, row) in rows.enumerate() {
        let row = row.as_ref();
        if row.len() != columns.len() {
            return Err(SpreadsheetError::RowLength {
                expected: columns.len(),
                got: row.len(),
            });
        }
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, (row_index(r + 1), col_index(c)), cell, &one_decimal)?;
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => widths.text(c, t, 0),
                Cell::Integer(n) => widths.number(c, *n as f64),
                Cell::Score(s) => widths.number(c, s.as_f64()),
                Cell::Change(d) => widths.number(c, d.tenths() as f64 / 10.0),
            }
        }
        count = r + 1;
    }
    let last_col = col_index(columns.len().saturating_sub(1));
    let last_row = row_index(count);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    if last_row > 0 {
        for (c, column) in columns.iter().enumerate() {
            if column.kind == Kind::Text {
                let c = col_index(c);
                sheet.ignore_error_range(1, c, last_row, c, IgnoreError::NumberStoredAsText)?;
            }
        }
    }
    // Printed: A4 landscape with the header on every page. Not fitted to
    // one page wide: long notes would shrink every figure to a speck.
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_repeat_rows(0, 0)?;
    for (c, w) in widths.0.iter().enumerate() {
        if *w > 0 {
            sheet.set_column_autofit_width(col_index(c), *w)?;
        }
    }
    Ok(())
}

/// Width of the about sheet's text column, in characters.
const TEXT_COLUMN_CHARS: u16 = 90;

/// The height (points) of a row whose text wraps in the text column. Set
/// explicitly, as LibreOffice keeps a stored height when it opens a file:
/// without one, the wrapped lines would overlap the next row. A line holds
/// somewhat more characters than the column's width in digits.
fn wrapped_height(text: &str) -> f64 {
    const LINE_POINTS: f64 = 15.0;
    let per_line = usize::from(TEXT_COLUMN_CHARS) * 11 / 10;
    let lines = text.chars().count().div_ceil(per_line).max(1);
    LINE_POINTS * lines as f64
}

/// The "Om uppgifterna" sheet: what, source, licence, version, citation,
/// then one row per column of the table.
fn about_sheet(sheet: &mut Worksheet, columns: &[Column], about: &About) -> Result<(), XlsxError> {
    sheet.set_name(ABOUT_SHEET)?;
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    let title = Format::new().set_bold().set_font_size(14);
    let label = Format::new().set_bold().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, TEXT_COLUMN_CHARS)?;
    sheet.set_column_width(2, 10)?;
    sheet.write_string_with_format(0, 0, &about.title, &title)?;
    let facts = [
        ("Innehåll", &about.description),
        ("Källa", &about.source),
        ("Licens", &about.licence),
        ("Dataversion", &about.version),
        ("Data uttagna", &about.extracted),
        ("Citera så här", &about.citation),
    ];
    let mut row = 2;
    for (name, text) in facts {
        sheet.write_string_with_format(row, 0, name, &label)?;
        sheet.write_string_with_format(row, 1, text, &wrapped)?;
        sheet.set_row_height(row, wrapped_height(text))?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(
        row,
        0,
        "Saknade siffror är tomma celler, aldrig 0. Kommunkoder är text med fyra tecken (0114).",
        &Format::new(),
    )?;
    row += 2;
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (c, name) in ["Kolumn", "Innehåll", "Typ"].into_iter().enumerate() {
        sheet.write_string_with_format(row, col_index(c), name, &header)?;
    }
    for column in columns {
        row += 1;
        sheet.write_string_with_format(row, 0, column.name, &label)?;
        sheet.write_string_with_format(row, 1, column.description, &wrapped)?;
        sheet.set_row_height(row, wrapped_height(column.description))?;
        sheet.write_string_with_format(row, 2, kind_sv(column.kind), &wrapped)?;
    }
    Ok(())
}

/// The workbook's properties, dated by the data and not by the clock.
fn properties(about: &About) -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::parse_from_str(&about.created)
        .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))?;
    Ok(DocProperties::new()
        .set_title(&about.title)
        .set_author("kompass")
        .set_comment(&about.citation)
        .set_keywords("Kommunkompassen, SKR, kommuner, öppna data")
        .set_creation_datetime(&created))
}

/// The table and its description as an .xlsx file.
pub fn workbook(table: &Table, about: &About) -> Result<Vec<u8>, SpreadsheetError> {
    let mut out = Cursor::new(Vec::new());
    write_workbook(table.columns, table.rows.iter(), about, &mut out)?;
    Ok(out.into_inner())
}

/// A table given as rows one at a time, and its description, as an .xlsx
/// file written into `out` (the whole dataset's, into a file).
pub fn write_workbook<R: AsRef<[Cell]>, W: Write + Seek + Send>(
    columns: &[Column],
    rows: impl Iterator<Item = R>,
    about: &About,
    out: W,
) -> Result<(), SpreadsheetError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(about)?);
    data_sheet(book.add_worksheet_with_low_memory()?, columns, rows)?;
    about_sheet(book.add_worksheet(), columns, about)?;
    book.save_to_writer(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::domain::Score;
    use crate::views::csv::{integer, number, text};

    const COLUMNS: &[Column] = &[
        text("kommunkod", "Kommunkod."),
        text("anmarkning", "Anmärkning."),
        number("poang", "Poäng."),
        integer("ar", "År."),
    ];

    fn about() -> About {
        About {
            title: "Test".into(),
            description: "En testtabell.".into(),
            source: "SKR".into(),
            licence: "CC BY 4.0".into(),
            version: "abc".into(),
            extracted: "2026-01-02".into(),
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
                ],
                vec![
                    Cell::text("1881"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Integer(2017),
                ],
            ],
        }
    }

    fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn cells_keep_their_types_codes_as_text_figures_as_numbers_missing_as_empty() {
        let mut book = read(workbook(&table(), &about()).unwrap());
        assert_eq!(book.sheet_names(), vec![DATA_SHEET, ABOUT_SHEET]);
        let range = book.worksheet_range(DATA_SHEET).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(
            rows[0],
            ["kommunkod", "anmarkning", "poang", "ar"].map(|s| Data::String(s.into()))
        );
        assert_eq!(rows[1][0], Data::String("0114".into()));
        assert_eq!(rows[1][2], Data::Float(67.5));
        assert_eq!(rows[1][3], Data::Float(2020.0));
        assert_eq!(rows[2][1], Data::Empty);
        assert_eq!(rows[2][2], Data::Empty, "missing is empty, never 0");
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
    fn the_about_sheet_names_source_licence_version_and_each_column() {
        let mut book = read(workbook(&table(), &about()).unwrap());
        let range = book.worksheet_range(ABOUT_SHEET).unwrap();
        let text: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
        for expected in [
            "Källa",
            "SKR",
            "CC BY 4.0",
            "abc",
            "2026-01-02",
            "kommunkod",
            "Kommunkod.",
        ] {
            assert!(text.iter().any(|t| t == expected), "{expected}: {text:?}");
        }
    }

    #[test]
    fn the_same_data_gives_the_same_bytes_and_an_empty_table_still_has_its_header() {
        let a = workbook(&table(), &about()).unwrap();
        assert_eq!(a, workbook(&table(), &about()).unwrap());
        let mut later = about();
        later.created = "2027-01-01T00:00:00Z".into();
        assert_ne!(a, workbook(&table(), &later).unwrap(), "dated by the data");
        let empty = Table {
            columns: COLUMNS,
            rows: vec![],
        };
        let mut book = read(workbook(&empty, &about()).unwrap());
        let range = book.worksheet_range(DATA_SHEET).unwrap();
        assert_eq!(range.height(), 1);
    }

    #[test]
    fn a_row_of_the_wrong_length_is_an_error() {
        let t = Table {
            columns: COLUMNS,
            rows: vec![vec![Cell::Empty]],
        };
        assert!(matches!(
            workbook(&t, &about()),
            Err(SpreadsheetError::RowLength {
                expected: 4,
                got: 1
            })
        ));
    }
}
