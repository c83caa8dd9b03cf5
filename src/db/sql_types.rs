//! How the domain's value types are stored: scores, codes, revisions and the
//! other small values as the text they print as (a score as "66" or "426.5",
//! never a float), area numbers as integers. Reading a value that does not
//! parse is an error naming it, never a silent default.

use std::fmt::Display;
use std::str::FromStr;

use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Integer, Text};
use diesel::sqlite::{Sqlite, SqliteValue};

use super::rows::RowId;
use crate::domain::place::GroupCode;

use crate::domain::{
    AreaNumber, Change, Confidence, CountyCode, EvaluationId, Figure, MunicipalityCode, Origin,
    Revision, Score, SubareaCode, TextKind, ThemeNumber,
};

fn write_text<T: Display>(value: &T, out: &mut Output<'_, '_, Sqlite>) -> serialize::Result {
    out.set_value(value.to_string());
    Ok(IsNull::No)
}

fn read_text<T>(value: SqliteValue<'_, '_, '_>, what: &str) -> deserialize::Result<T>
where
    T: FromStr,
{
    let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
    text.parse()
        .map_err(|_| format!("the database holds {text:?}, which is not a {what}").into())
}

/// `ToSql`/`FromSql` as text, through `Display` and `FromStr`.
macro_rules! stored_as_text {
    ($($ty:ty => $what:literal),* $(,)?) => {$(
        impl ToSql<Text, Sqlite> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                write_text(self, out)
            }
        }

        impl FromSql<Text, Sqlite> for $ty {
            fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
                read_text(value, $what)
            }
        }
    )*};
}

stored_as_text! {
    MunicipalityCode => "municipality code",
    CountyCode => "county code",
    SubareaCode => "sub-area code",
    Revision => "revision",
    Score => "score",
    Change => "change",
    Figure => "figure (\"total\" or \"area N\")",
    Origin => "origin",
    Confidence => "confidence",
    EvaluationId => "evaluation id",
    GroupCode => "kommungrupp",
}

impl ToSql<Text, Sqlite> for TextKind {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.as_str());
        Ok(IsNull::No)
    }
}

impl FromSql<Text, Sqlite> for TextKind {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
        TextKind::parse(&text)
            .ok_or_else(|| format!("the database holds {text:?}, which is not a text kind").into())
    }
}

impl ToSql<Integer, Sqlite> for RowId {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.0);
        Ok(IsNull::No)
    }
}

impl FromSql<Integer, Sqlite> for RowId {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        Ok(RowId(<i32 as FromSql<Integer, Sqlite>>::from_sql(value)?))
    }
}

impl ToSql<Integer, Sqlite> for AreaNumber {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(i32::from(self.get()));
        Ok(IsNull::No)
    }
}

impl FromSql<Integer, Sqlite> for AreaNumber {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let n = <i32 as FromSql<Integer, Sqlite>>::from_sql(value)?;
        Ok(AreaNumber::new(i64::from(n))?)
    }
}

impl ToSql<Integer, Sqlite> for ThemeNumber {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(i32::from(self.get()));
        Ok(IsNull::No)
    }
}

impl FromSql<Integer, Sqlite> for ThemeNumber {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let n = <i32 as FromSql<Integer, Sqlite>>::from_sql(value)?;
        Ok(ThemeNumber::new(i64::from(n))?)
    }
}

#[cfg(test)]
mod tests {
    use diesel::RunQueryDsl;

    use crate::db::{open_in_memory, read};

    #[test]
    fn a_stored_value_that_does_not_parse_is_an_error_naming_it() {
        let mut conn = open_in_memory().unwrap();
        diesel::sql_query(
            "INSERT INTO municipalities (code, name, county_code, county) \
             VALUES ('18a1', 'Kumla', '18', 'Örebro län')",
        )
        .execute(&mut conn)
        .unwrap();
        let err = read::load_municipalities(&mut conn)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"18a1\", which is not a municipality code"),
            "{err}"
        );
    }
}
