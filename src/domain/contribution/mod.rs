//! Contributions: evaluations sent in through `/bidra` and kept in the inbox
//! until a curator accepts or rejects them. `ContributionRef` is what the sender
//! and the curator call one by ("B-2026-0007", formatted and parsed only
//! here); `Contribution` is what an accepted evaluation file says of where it
//! came from (its `[contribution]` table); `compare` says what a contribution
//! would change in the data held.

pub mod compare;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

pub use compare::{
    Comparison, FigureChange, FigureName, FigureValue, Held, SameFigures, YearRefusal, compare,
};

/// A contribution's reference: `B-ÅÅÅÅ-NNNN`, the year it was received and
/// its number in that year, from 1 (four digits at least; a year with more
/// than 9,999 contributions gets five).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContributionRef {
    year: i32,
    number: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a contribution reference (B-ÅÅÅÅ-NNNN, e.g. B-2026-0007)")]
pub struct BadReference(pub String);

impl ContributionRef {
    /// The reference of the `number`th contribution received in `year`;
    /// none for a number of 0 or a year outside 1000-9999.
    pub fn new(year: i32, number: u32) -> Option<Self> {
        ((1000..=9999).contains(&year) && number > 0).then_some(Self { year, number })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }
}

impl fmt::Display for ContributionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("B-{}-{:04}", self.year, self.number))
    }
}

impl FromStr for ContributionRef {
    type Err = BadReference;

    /// `B-2026-0007`; also `b-2026-7` as someone might type it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadReference(s.to_string());
        let text = s.trim();
        let rest = text
            .strip_prefix("B-")
            .or_else(|| text.strip_prefix("b-"))
            .ok_or_else(bad)?;
        let (year, number) = rest.split_once('-').ok_or_else(bad)?;
        let digits =
            |t: &str| !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || !digits(number) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number: u32 = number.parse().map_err(|_| bad())?;
        ContributionRef::new(year, number).ok_or_else(bad)
    }
}

impl Serialize for ContributionRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// An evaluation that came in through kompass's inbox: its reference and the
/// day a curator accepted it (the file's `[contribution]` table). The sender's
/// contact and message stay in the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Contribution {
    pub reference: ContributionRef,
    pub accepted: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_b_year_number_and_read_back() {
        let r = ContributionRef::new(2026, 7).unwrap();
        assert_eq!(r.to_string(), "B-2026-0007");
        assert_eq!("B-2026-0007".parse::<ContributionRef>().unwrap(), r);
        assert_eq!(" b-2026-7 ".parse::<ContributionRef>().unwrap(), r);
        assert_eq!(
            ContributionRef::new(2026, 12345).unwrap().to_string(),
            "B-2026-12345"
        );
        for bad in [
            "",
            "B-2026",
            "B-26-0007",
            "B-2026-0000",
            "A-2026-0007",
            "B-2026-00x7",
            "B-2026-",
            "B-20266-0007",
            "B-2026-9999999999",
        ] {
            assert!(bad.parse::<ContributionRef>().is_err(), "{bad}");
        }
        assert!(ContributionRef::new(999, 1).is_none());
        assert!(
            ContributionRef::new(2026, 1).unwrap() < ContributionRef::new(2026, 2).unwrap()
                && ContributionRef::new(2026, 9).unwrap() < ContributionRef::new(2027, 1).unwrap()
        );
    }
}
