//! Spreadsheets: the same `Table` of typed cells the CSV writes, as an Excel
//! workbook (rust_xlsxwriter), so the two never disagree. Codes and ids are
//! text cells (`0114` keeps its zero), figures are numbers (67.5 stays 67.5),
//! missing figures are empty cells, never 0. Text is always written as a
//! text cell, which a spreadsheet never runs as a formula: unlike the CSV it
//! needs no apostrophe, so text is kept exactly as published.
//!
//! Made to publish: the first sheet holds the table from row 1 under a
//! frozen bold header of Swedish headings a reader understands ("Län",
//! "Poäng"), with an autofilter and columns fitted to their content; a
//! column empty in every row is left out; codes that would puzzle a reader
//! are words ("2019/2020", not `v2020`); the rows the page marks (a
//! reference figure, a change a source states) are marked; a table that
//! mixes criteria versions says so in a sentence below it. The second
//! sheet, "Om uppgifterna", says what the table is, its source, licence,
//! data version and newest evaluation, how to cite it and what each column
//! holds, under its CSV name too (the CSV keeps the machine names and
//! every column, as documented). The workbook's creation date is the
//! data's, and the zip inside has fixed times, so the same data version
//! gives the same bytes.

mod about;

use std::io::{Cursor, Seek, Write};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, IgnoreError, Workbook, Worksheet,
    XlsxError, utility,
};

use super::csv::{Cell, Column, Kind, Table, Words};

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
    /// The newest evaluation's date in the data ("2024", "2023-02").
    pub newest: String,
    /// Each criteria version's id and its name in words ("v2020",
    /// "2019/2020"), for the cells of a version column.
    pub revisions: Vec<(String, String)>,
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

/// Excel's cell indices; a table is far below Excel's limits, and a
/// larger one is refused by rust_xlsxwriter rather than wrapped.
fn row_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col_index(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// The text a cell of `column` shows: a code in words where the column says.
fn words<'a>(column: &Column, text: &'a str, about: &'a About) -> &'a str {
    match column.words {
        Words::AsIs => text,
        Words::Revision => about
            .revisions
            .iter()
            .find(|(id, _)| id == text)
            .map_or(text, |(_, words)| words.as_str()),
        Words::Level => match text {
            "total" => "totalt",
            "omrade" => "område",
            "delomrade" => "delområde",
            other => other,
        },
    }
}

/// The formats of the data sheet's cells: a figure with a decimal, and
/// the same in a marked row.
struct Formats {
    one_decimal: Format,
    marked: Format,
    marked_decimal: Format,
}

impl Formats {
    fn new() -> Self {
        let marked = Format::new().set_italic().set_background_color(MARKED_FILL);
        Self {
            one_decimal: Format::new().set_num_format("0.0"),
            marked_decimal: marked.clone().set_num_format("0.0"),
            marked,
        }
    }
}

/// The light fill of a marked row.
const MARKED_FILL: u32 = 0xE8F0F8;

fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    text: Option<&str>,
    (formats, marked): (&Formats, bool),
) -> Result<(), XlsxError> {
    let plain = marked.then_some(&formats.marked);
    let decimal = if marked {
        &formats.marked_decimal
    } else {
        &formats.one_decimal
    };
    let number = |sheet: &mut Worksheet, n: f64, format: Option<&Format>| match format {
        Some(f) => sheet.write_number_with_format(row, col, n, f).map(|_| ()),
        None => sheet.write_number(row, col, n).map(|_| ()),
    };
    match cell {
        Cell::Empty => {
            if let Some(f) = plain {
                sheet.write_blank(row, col, f)?;
            }
        }
        Cell::Text(s) => {
            let s = text.unwrap_or(s);
            match plain {
                Some(f) => sheet.write_string_with_format(row, col, s, f)?,
                None => sheet.write_string(row, col, s)?,
            };
        }
        Cell::Integer(n) => number(sheet, *n as f64, plain)?,
        // A figure printed with a decimal keeps it on screen ("72,0").
        Cell::Score(s) if s.decimals() > 0 => number(sheet, s.as_f64(), Some(decimal))?,
        Cell::Score(s) => number(sheet, s.as_f64(), plain)?,
        Cell::Change(c) => number(sheet, c.tenths() as f64 / 10.0, plain)?,
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

/// What the data sheet shows of a table besides its rows.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    pub columns: &'a [Column],
    /// The rows to mark (indices into the rows).
    pub marked: &'a [usize],
    /// A sentence below the table.
    pub caveat: Option<&'a str>,
    /// Headings that depend on the table, by column name.
    pub headings: &'a [(&'static str, String)],
}

impl<'a> Sheet<'a> {
    /// A table with nothing marked and no caveat.
    pub fn plain(columns: &'a [Column]) -> Self {
        Self {
            columns,
            marked: &[],
            caveat: None,
            headings: &[],
        }
    }

    pub fn of(table: &'a Table) -> Self {
        Self {
            columns: table.columns,
            marked: &table.marked,
            caveat: table.caveat.as_deref(),
            headings: &table.headings,
        }
    }

    /// A column's heading in this table.
    fn heading(&self, column: &Column) -> &str {
        self.headings
            .iter()
            .find(|(name, _)| *name == column.name)
            .map_or(column.heading, |(_, h)| h.as_str())
    }
}

/// The columns that hold something in at least one row, by index; every
/// column of a table without rows (its headings say what it would hold).
fn filled_columns<R: AsRef<[Cell]>>(width: usize, rows: impl Iterator<Item = R>) -> Vec<usize> {
    let mut filled = vec![false; width];
    let mut any = false;
    for row in rows {
        any = true;
        for (c, cell) in row.as_ref().iter().enumerate() {
            if *cell != Cell::Empty
                && let Some(f) = filled.get_mut(c)
            {
                *f = true;
            }
        }
    }
    (0..width).filter(|c| !any || filled[*c]).collect()
}

/// The table sheet: bold frozen header of Swedish headings, typed cells of
/// the columns `shown`, marked rows, autofilter, widths fitted to the
/// content, the caveat below, and no "number stored as text" warnings on
/// the code columns (a code is text on purpose). Written in
/// rust_xlsxwriter's low-memory mode: one row at a time goes to a
/// temporary file (the shared strings stay in memory), so the whole
/// dataset's workbook takes a few MB to write, not hundreds.
fn data_sheet<R: AsRef<[Cell]>>(
    sheet: &mut Worksheet,
    spec: &Sheet<'_>,
    shown: &[usize],
    rows: impl Iterator<Item = R>,
    about: &About,
) -> Result<(), SpreadsheetError> {
    sheet.set_name(DATA_SHEET)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin);
    let formats = Formats::new();
    let mut widths = Widths(vec![0; shown.len()]);
    for (c, &i) in shown.iter().enumerate() {
        let heading = spec.heading(&spec.columns[i]);
        sheet.write_string_with_format(0, col_index(c), heading, &header)?;
        // The header leaves room for the autofilter's arrow.
        widths.text(c, heading, 16);
    }
    let mut count = 0;
    for (r, row) in rows.enumerate() {
        let row = row.as_ref();
        if row.len() != spec.columns.len() {
            return Err(SpreadsheetError::RowLength {
                expected: spec.columns.len(),
                got: row.len(),
            });
        }
        let marked = spec.marked.contains(&r);
        for (c, &i) in shown.iter().enumerate() {
            let (cell, column) = (&row[i], &spec.columns[i]);
            let text = match cell {
                Cell::Text(t) => Some(words(column, t, about)),
                _ => None,
            };
            let at = (row_index(r + 1), col_index(c));
            write_cell(sheet, at, cell, text, (&formats, marked))?;
            match (cell, text) {
                (Cell::Text(_), Some(t)) => widths.text(c, t, 0),
                (Cell::Integer(n), _) => widths.number(c, *n as f64),
                (Cell::Score(s), _) => widths.number(c, s.as_f64()),
                (Cell::Change(d), _) => widths.number(c, d.tenths() as f64 / 10.0),
                _ => {}
            }
        }
        count = r + 1;
    }
    let last_col = col_index(shown.len().saturating_sub(1));
    let last_row = row_index(count);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    if last_row > 0 {
        for (c, &i) in shown.iter().enumerate() {
            if spec.columns[i].kind == Kind::Text {
                let c = col_index(c);
                sheet.ignore_error_range(1, c, last_row, c, IgnoreError::NumberStoredAsText)?;
            }
        }
    }
    if let Some(caveat) = spec.caveat {
        sheet.write_string_with_format(last_row + 2, 0, caveat, &Format::new().set_italic())?;
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
    write_workbook(&Sheet::of(table), || table.rows.iter(), about, &mut out)?;
    Ok(out.into_inner())
}

/// A table given as rows one at a time, and its description, as an .xlsx
/// file written into `out` (the whole dataset's, into a file). `rows` is
/// called twice: once to find the columns that hold something, once to
/// write them, so the rows are never all held at once.
pub fn write_workbook<R, I, W>(
    sheet: &Sheet<'_>,
    rows: impl Fn() -> I,
    about: &About,
    out: W,
) -> Result<(), SpreadsheetError>
where
    R: AsRef<[Cell]>,
    I: Iterator<Item = R>,
    W: Write + Seek + Send,
{
    let shown = filled_columns(sheet.columns.len(), rows());
    let mut book = Workbook::new();
    book.set_properties(&properties(about)?);
    data_sheet(
        book.add_worksheet_with_low_memory()?,
        sheet,
        &shown,
        rows(),
        about,
    )?;
    let dropped: Vec<&Column> = (0..sheet.columns.len())
        .filter(|i| !shown.contains(i))
        .map(|i| &sheet.columns[i])
        .collect();
    let listed: Vec<(&Column, &str)> = shown
        .iter()
        .map(|&i| (&sheet.columns[i], sheet.heading(&sheet.columns[i])))
        .collect();
    about::about_sheet(book.add_worksheet(), &listed, &dropped, about)?;
    book.save_to_writer(out)?;
    Ok(())
}

#[cfg(test)]
mod tests;
