//! The rows of every table, as diesel reads them (`Queryable` +
//! `Selectable`, fields by name, never by position) and writes them
//! (`Insertable`, borrowing from the domain value), with the conversions to
//! and from the domain's values. Columns hold the domain's own types (see
//! `sql_types`); only line numbers and small counts are converted here.

mod evaluation;
mod place;
mod registers;

pub use evaluation::*;
pub use place::*;
pub use registers::*;

use diesel::sql_types::Integer;
use diesel::{AsExpression, FromSqlRow};

use super::DbError;

/// A stored evaluation's row id: the `evaluations.key` column (SQLite's
/// integer primary key, a name older than this type), which the rows of its
/// figures and texts name as `evaluation_key`. The database's own handle,
/// used by the import to replace and renumber what it stored; it is neither
/// the public `EvaluationId` nor the `EvaluationKey` that says which
/// evaluation a file describes (the one thing kompass calls a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Integer)]
pub struct RowId(pub(super) i32);

impl std::fmt::Display for RowId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

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
