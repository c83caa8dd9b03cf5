//! CSV for people and programs: a `Table` of typed cells, written in one of
//! two flavours. Standard is RFC 4180 (UTF-8, comma, decimal point, CRLF);
//! Excel is what Swedish Excel opens as it is (UTF-8 with a BOM so å, ä, ö
//! survive, semicolon, decimal comma). Text cells that a spreadsheet would run
//! as a formula are neutralised (OWASP "CSV injection"); numbers never are.
//! The column definitions also describe the files in `datapackage.json`.

pub mod changes;
pub mod comparisons;
pub mod missing;
pub mod register;
pub mod tables;

use std::borrow::Cow;

use crate::domain::{Change, Score};

/// Which dialect to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Standard,
    Excel,
}

impl Flavour {
    pub fn delimiter(&self) -> u8 {
        match self {
            Flavour::Standard => b',',
            Flavour::Excel => b';',
        }
    }

    /// A file-name suffix, so both flavours can sit in one folder.
    pub fn file_suffix(&self) -> &'static str {
        match self {
            Flavour::Standard => "",
            Flavour::Excel => "-excel",
        }
    }
}

/// The type of a column, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Number,
}

impl Kind {
    pub fn table_schema_type(&self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
        }
    }
}

/// How a spreadsheet shows a column's text, where the CSV's code would
/// puzzle a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// As it is.
    AsIs,
    /// A criteria version: "2019/2020" for `v2020`.
    Revision,
    /// A row's level: "område" for `omrade`.
    Level,
}

/// One column: its header (the CSV's, for programs), its heading (a
/// spreadsheet's, for readers), its type and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// The heading a reader understands: "Poäng", "Län".
    pub heading: &'static str,
    pub kind: Kind,
    pub description: &'static str,
    pub words: Words,
}

const fn column(
    name: &'static str,
    heading: &'static str,
    kind: Kind,
    description: &'static str,
) -> Column {
    Column {
        name,
        heading,
        kind,
        description,
        words: Words::AsIs,
    }
}

pub const fn text(name: &'static str, heading: &'static str, description: &'static str) -> Column {
    column(name, heading, Kind::Text, description)
}

pub const fn integer(
    name: &'static str,
    heading: &'static str,
    description: &'static str,
) -> Column {
    column(name, heading, Kind::Integer, description)
}

pub const fn number(
    name: &'static str,
    heading: &'static str,
    description: &'static str,
) -> Column {
    column(name, heading, Kind::Number, description)
}

/// A criteria version (`v2020`), shown in words in a spreadsheet.
pub const fn revision(
    name: &'static str,
    heading: &'static str,
    description: &'static str,
) -> Column {
    Column {
        words: Words::Revision,
        ..column(name, heading, Kind::Text, description)
    }
}

/// A row's level (`total`, `omrade`, `delomrade`), in words in a spreadsheet.
pub const fn level(name: &'static str, heading: &'static str, description: &'static str) -> Column {
    Column {
        words: Words::Level,
        ..column(name, heading, Kind::Text, description)
    }
}

/// A cell. Missing figures are `Empty`, never zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Score(Score),
    Change(Change),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    pub fn opt_text(s: Option<impl Into<String>>) -> Self {
        s.map_or(Cell::Empty, |s| Cell::Text(s.into()))
    }

    pub fn opt_int(n: Option<impl Into<i64>>) -> Self {
        n.map_or(Cell::Empty, |n| Cell::Integer(n.into()))
    }

    pub fn opt_score(s: Option<Score>) -> Self {
        s.map_or(Cell::Empty, Cell::Score)
    }

    fn render(&self, flavour: Flavour) -> Cow<'_, str> {
        let decimal = |s: String| match flavour {
            Flavour::Standard => s,
            Flavour::Excel => s.replace('.', ","),
        };
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => neutralise(s),
            Cell::Integer(n) => Cow::Owned(n.to_string()),
            Cell::Score(s) => Cow::Owned(decimal(s.to_string())),
            Cell::Change(c) => Cow::Owned(decimal(c.to_string())),
        }
    }
}

/// A header and rows of cells, each row as long as the header, and what a
/// spreadsheet of it says beyond the CSV.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Cell>>,
    /// Rows that are not like the others (a reference figure, a change a
    /// source states): a spreadsheet marks them. The CSV marks them by
    /// their cells (an empty code or rank), as documented.
    pub marked: Vec<usize>,
    /// A sentence a spreadsheet puts below the table: the caveat of a
    /// table that mixes criteria versions.
    pub caveat: Option<String>,
    /// Headings that depend on the table, by column name ("poang" is
    /// "Poäng (av 800)" in a ranking of totals).
    pub headings: Vec<(&'static str, String)>,
}

impl Table {
    pub fn new(columns: &'static [Column], rows: Vec<Vec<Cell>>) -> Self {
        Self {
            columns,
            rows,
            ..Self::default()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("could not write CSV: {0}")]
    Write(#[from] ::csv::Error),
    #[error("could not finish CSV: {0}")]
    Finish(String),
    #[error("a row has {got} cells where the table has {expected} columns")]
    RowLength { expected: usize, got: usize },
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Text a spreadsheet would take for a formula gets a leading apostrophe,
/// which Excel and LibreOffice show as text (OWASP: CSV injection).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

impl Table {
    pub fn render(&self, flavour: Flavour) -> Result<Vec<u8>, CsvError> {
        write_rows(self.columns, self.rows.iter(), flavour, Vec::new())
    }
}

/// Writes a table given as rows one at a time (the whole dataset's rows
/// are made as they are written, never held together) into `out`, and
/// gives `out` back.
pub fn write_rows<W: std::io::Write, R: AsRef<[Cell]>>(
    columns: &[Column],
    rows: impl Iterator<Item = R>,
    flavour: Flavour,
    mut out: W,
) -> Result<W, CsvError> {
    if flavour == Flavour::Excel {
        out.write_all(BOM)
            .map_err(|e| CsvError::Finish(e.to_string()))?;
    }
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(flavour.delimiter())
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(columns.iter().map(|c| c.name))?;
    for row in rows {
        let row = row.as_ref();
        if row.len() != columns.len() {
            return Err(CsvError::RowLength {
                expected: columns.len(),
                got: row.len(),
            });
        }
        for cell in row {
            writer.write_field(cell.render(flavour).as_bytes())?;
        }
        // An empty record after the fields ends the row.
        writer.write_record(std::iter::empty::<&[u8]>())?;
    }
    writer
        .into_inner()
        .map_err(|e| CsvError::Finish(e.error().to_string()))
}

/// Two lists of columns as one, at compile time.
pub const fn concat_columns<const A: usize, const B: usize, const N: usize>(
    a: [Column; A],
    b: [Column; B],
) -> [Column; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        text("kommunkod", "Kommunkod", "kod"),
        text("namn", "Namn", "namn"),
        number("poang", "Poäng", "poäng"),
        integer("ar", "År", "år"),
    ];

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table::new(COLUMNS, rows)
    }

    fn render(t: &Table, f: Flavour) -> String {
        String::from_utf8(t.render(f).unwrap()).unwrap()
    }

    #[test]
    fn standard_is_rfc4180_with_a_decimal_point() {
        let t = table(vec![
            vec![
                Cell::text("0180"),
                Cell::text("Stockholm, \"huvudstaden\""),
                Cell::Score(Score::from_tenths(4265, 1)),
                Cell::Integer(2009),
            ],
            vec![
                Cell::text("1881"),
                Cell::text("Kumla"),
                Cell::Empty,
                Cell::Integer(2017),
            ],
        ]);
        assert_eq!(
            render(&t, Flavour::Standard),
            "kommunkod,namn,poang,ar\r\n\
             0180,\"Stockholm, \"\"huvudstaden\"\"\",426.5,2009\r\n\
             1881,Kumla,,2017\r\n"
        );
    }

    #[test]
    fn excel_has_a_bom_semicolons_and_decimal_commas() {
        let t = table(vec![vec![
            Cell::text("0180"),
            Cell::text("Örebro; Håbo"),
            Cell::Score(Score::from_tenths(4265, 1)),
            Cell::Integer(2009),
        ]]);
        let out = t.render(Flavour::Excel).unwrap();
        assert!(out.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(
            std::str::from_utf8(&out[3..]).unwrap(),
            "kommunkod;namn;poang;ar\r\n0180;\"Örebro; Håbo\";426,5;2009\r\n"
        );
    }

    #[test]
    fn text_that_looks_like_a_formula_is_neutralised_but_numbers_are_not() {
        for evil in ["=1+1", "+46", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(evil), format!("'{evil}"), "{evil:?}");
        }
        assert_eq!(neutralise("Kumla"), "Kumla");
        assert_eq!(neutralise("a=b"), "a=b");
        let down = Score::whole(60).minus(&Score::from_tenths(625, 1));
        let t = table(vec![vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::text("-"),
            Cell::Change(down),
            Cell::Integer(-1),
        ]]);
        let out = render(&t, Flavour::Standard);
        assert!(
            out.ends_with("'=HYPERLINK(\"\"x\"\")\",'-,-2.5,-1\r\n"),
            "{out}"
        );
        assert!(render(&t, Flavour::Excel).ends_with(";'-;-2,5;-1\r\n"));
    }

    #[test]
    fn a_row_of_the_wrong_length_is_an_error_not_a_shifted_file() {
        let t = table(vec![vec![Cell::Empty]]);
        assert!(matches!(
            t.render(Flavour::Standard),
            Err(CsvError::RowLength {
                expected: 4,
                got: 1
            })
        ));
    }
}
