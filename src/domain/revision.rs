//! `Revision`: which edition of the Kommunkompassen criteria an evaluation used.

use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

/// The years an evaluation may carry, and a revision be named by.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// A criteria revision, named by the year it was introduced: "v2010".
/// Which revisions exist is the catalogue's business (`data-import/catalogue.toml`);
/// this type only guarantees the shape of the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Revision {
    year: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a revision name (\"v\" and the year of the criteria, e.g. \"v2020\")")]
pub struct BadRevision(pub String);

impl Revision {
    pub const fn new(year: u16) -> Self {
        Self { year }
    }

    pub fn year(&self) -> u16 {
        self.year
    }
}

impl FromStr for Revision {
    type Err = BadRevision;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s
            .strip_prefix('v')
            .ok_or_else(|| BadRevision(s.to_string()))?;
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BadRevision(s.to_string()));
        }
        let year: u16 = digits.parse().map_err(|_| BadRevision(s.to_string()))?;
        if !YEARS.contains(&i32::from(year)) {
            return Err(BadRevision(s.to_string()));
        }
        Ok(Self { year })
    }
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.year)
    }
}

impl Serialize for Revision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_revisions() {
        let a: Revision = "v2010".parse().unwrap();
        let b: Revision = "v2020".parse().unwrap();
        assert!(a < b);
        assert_eq!(b.to_string(), "v2020");
        for bad in ["2020", "V2020", "v20", "v20200", "vabcd", "v1200"] {
            assert!(bad.parse::<Revision>().is_err(), "{bad}");
        }
    }
}
