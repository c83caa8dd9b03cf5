//! The rows of every table, as diesel reads them (`Queryable` +
//! `Selectable`, fields by name, never by position) and writes them
//! (`Insertable`, borrowing from the domain value), with the conversions to
//! and from the domain's values. Columns hold the domain's own types (see
//! `sql_types`); only line numbers and small counts are converted here.

mod evaluation;
mod place;
mod reference;

pub use evaluation::*;
pub use place::*;
pub use reference::*;

use super::DbError;

/// A line number as stored (SQLite integers are signed).
fn stored_line(line: Option<u32>) -> Option<i32> {
    line.and_then(|l| i32::try_from(l).ok())
}

fn read_line(line: Option<i32>) -> Option<u32> {
    line.and_then(|l| u32::try_from(l).ok())
}

fn small(what: &str, value: i32) -> Result<u8, DbError> {
    u8::try_from(value).map_err(|_| DbError::Corrupt(format!("{what} {value}")))
}
