//! The "Om uppgifterna" sheet: what the table is, its source, licence,
//! data version and newest evaluation, how to cite it, then each column of
//! the data sheet with its heading, its name in the CSV, what it holds and
//! its type; the columns left out (empty in every row) are named.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::{A4, ABOUT_SHEET, About, col_index};
use crate::views::csv::{Column, Kind};

/// Swedish name of a column's type, for the column list.
fn kind_sv(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Integer => "heltal",
        Kind::Number => "tal",
    }
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

/// "Senaste utvärdering i datan": "2024 · dataversion 2024.c640f0".
pub fn newest_line(about: &About) -> String {
    format!("{} · dataversion {}", about.newest, about.version)
}

/// The sheet. `columns`: the data sheet's, each with its heading there;
/// `dropped`: those left out.
pub fn about_sheet(
    sheet: &mut Worksheet,
    columns: &[(&Column, &str)],
    dropped: &[&Column],
    about: &About,
) -> Result<(), XlsxError> {
    sheet.set_name(ABOUT_SHEET)?;
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    let title = Format::new().set_bold().set_font_size(14);
    let label = Format::new().set_bold().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 22)?;
    sheet.set_column_width(2, TEXT_COLUMN_CHARS)?;
    sheet.set_column_width(3, 10)?;
    sheet.write_string_with_format(0, 0, &about.title, &title)?;
    let newest = newest_line(about);
    let facts = [
        ("Innehåll", &about.description),
        ("Källa", &about.source),
        ("Licens", &about.licence),
        ("Senaste utvärdering i datan", &newest),
        ("Dataversion", &about.version),
        ("Citera så här", &about.citation),
    ];
    let mut row = 2;
    for (name, text) in facts {
        sheet.write_string_with_format(row, 0, name, &label)?;
        sheet.merge_range(row, 1, row, 2, text, &wrapped)?;
        sheet.set_row_height(row, wrapped_height(text))?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(
        row,
        0,
        "Saknade siffror är tomma celler, aldrig 0. Kommunkoder är text med fyra tecken (0114). Kolumnnamnen i CSV-filen står i andra kolumnen nedan.",
        &Format::new(),
    )?;
    row += 2;
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (c, name) in ["Kolumn", "Namn i CSV-filen", "Innehåll", "Typ"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(row, col_index(c), name, &header)?;
    }
    for (column, heading) in columns {
        row += 1;
        sheet.write_string_with_format(row, 0, *heading, &label)?;
        sheet.write_string_with_format(row, 1, column.name, &top)?;
        sheet.write_string_with_format(row, 2, column.description, &wrapped)?;
        sheet.set_row_height(row, wrapped_height(column.description))?;
        sheet.write_string_with_format(row, 3, kind_sv(column.kind), &wrapped)?;
    }
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|c| c.name).collect();
        let text = format!(
            "Kolumner som är tomma i varje rad av den här tabellen är inte med (de finns i CSV-filen): {}.",
            names.join(", ")
        );
        row += 2;
        sheet.merge_range(row, 0, row, 2, &text, &wrapped)?;
        sheet.set_row_height(row, wrapped_height(&text))?;
    }
    Ok(())
}
