//! `Score`: a published figure (points, max or percent), stored exactly.
//!
//! Figures are printed as whole numbers or with one decimal ("426,5"). A `Score`
//! keeps the value in tenths and how many decimals were printed, because the
//! printed precision decides how much rounding the figure may hide.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Score {
    tenths: i64,
    decimals: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadScore {
    #[error("{0:?} is not a number")]
    NotANumber(String),
    #[error("{0:?} has more than one decimal; published figures have at most one")]
    TooPrecise(String),
    #[error("{0:?} is negative; scores are never below zero")]
    Negative(String),
    #[error("{0:?} is too large to be a score")]
    TooLarge(String),
}

/// Scores above this are surely typos (the largest real figure is 800 points).
const LIMIT_TENTHS: i64 = 1_000_000;

impl Score {
    pub const fn whole(n: i64) -> Self {
        Self {
            tenths: n * 10,
            decimals: 0,
        }
    }

    pub fn from_tenths(tenths: i64, decimals: u8) -> Self {
        Self {
            tenths,
            decimals: decimals.min(1),
        }
    }

    pub fn tenths(&self) -> i64 {
        self.tenths
    }

    /// How many decimals the figure was printed with (0 or 1).
    pub fn decimals(&self) -> u8 {
        self.decimals
    }

    pub fn as_f64(&self) -> f64 {
        self.tenths as f64 / 10.0
    }

    /// Parses a figure as printed: "66", "426,5", "426.5", with stray spaces.
    pub fn parse_printed(text: &str) -> Result<Self, BadScore> {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let bad = || BadScore::NotANumber(text.to_string());
        if cleaned.starts_with('-') {
            return Err(BadScore::Negative(text.to_string()));
        }
        let (int_part, frac_part) = match cleaned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (cleaned.as_str(), None),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if int_part.len() > 7 {
            return Err(BadScore::TooLarge(text.to_string()));
        }
        let whole: i64 = int_part.parse().map_err(|_| bad())?;
        let (frac, decimals) = match frac_part {
            None => (0, 0),
            Some(f) if f.len() == 1 && f.bytes().all(|b| b.is_ascii_digit()) => {
                (i64::from(f.as_bytes()[0] - b'0'), 1)
            }
            Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
                // "66.0" and "66.00" are one decimal's worth of precision at most.
                if f.bytes().skip(1).all(|b| b == b'0') {
                    (i64::from(f.as_bytes()[0] - b'0'), 1)
                } else {
                    return Err(BadScore::TooPrecise(text.to_string()));
                }
            }
            Some(_) => return Err(bad()),
        };
        let tenths = whole * 10 + frac;
        if tenths > LIMIT_TENTHS {
            return Err(BadScore::TooLarge(text.to_string()));
        }
        Ok(Self { tenths, decimals })
    }

    /// Swedish display: decimal comma ("426,5").
    pub fn to_swedish(&self) -> String {
        self.to_string().replace('.', ",")
    }

    /// `self - other`, printed with the precision of the less precise figure.
    pub fn minus(&self, other: &Score) -> Change {
        Change {
            tenths: self.tenths - other.tenths,
            decimals: self.decimals.max(other.decimals),
        }
    }
}

impl FromStr for Score {
    type Err = BadScore;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_printed(s)
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.tenths, self.decimals).cmp(&(other.tenths, other.decimals))
    }
}

fn write_tenths(f: &mut fmt::Formatter<'_>, tenths: i64, decimals: u8) -> fmt::Result {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.abs();
    if decimals == 0 && abs % 10 == 0 {
        write!(f, "{sign}{}", abs / 10)
    } else {
        write!(f, "{sign}{}.{}", abs / 10, abs % 10)
    }
}

/// Point-decimal display ("426.5"), as in JSON, CSV and evaluation files.
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_tenths(f, self.tenths, self.decimals)
    }
}

fn serialize_tenths<S: Serializer>(s: S, tenths: i64, decimals: u8) -> Result<S::Ok, S::Error> {
    if decimals == 0 && tenths % 10 == 0 {
        s.serialize_i64(tenths / 10)
    } else {
        s.serialize_f64(tenths as f64 / 10.0)
    }
}

/// A JSON number: an integer when the figure is whole.
impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_tenths(s, self.tenths, self.decimals)
    }
}

/// A difference between two scores, which may be negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Change {
    tenths: i64,
    decimals: u8,
}

impl Change {
    pub fn tenths(&self) -> i64 {
        self.tenths
    }

    /// Parses a change as written: "137", "+137", "-4", "−4,5" (at most one
    /// decimal, as a figure).
    pub fn parse_signed(text: &str) -> Result<Self, BadScore> {
        let trimmed = text.trim();
        let (negative, rest) = if let Some(r) = trimmed.strip_prefix(['-', '\u{2212}']) {
            (true, r)
        } else {
            (false, trimmed.strip_prefix('+').unwrap_or(trimmed))
        };
        let size = Score::parse_printed(rest).map_err(|e| match e {
            BadScore::Negative(_) | BadScore::NotANumber(_) => {
                BadScore::NotANumber(text.to_string())
            }
            other => other,
        })?;
        let tenths = if negative { -size.tenths } else { size.tenths };
        Ok(Self {
            tenths,
            decimals: size.decimals,
        })
    }

    /// "+4", "−2", "±0" with a real minus sign, for pages.
    pub fn to_swedish_signed(&self) -> String {
        let plain = Score::from_tenths(self.tenths.abs(), self.decimals).to_swedish();
        match self.tenths.signum() {
            1 => format!("+{plain}"),
            -1 => format!("\u{2212}{plain}"),
            _ => format!("\u{b1}{plain}"),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_tenths(f, self.tenths, self.decimals)
    }
}

/// "137", "-4.5": what `Display` writes, read back (a leading "+" too).
impl FromStr for Change {
    type Err = BadScore;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_signed(s)
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_tenths(s, self.tenths, self.decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_figures() {
        assert_eq!(Score::parse_printed("66").unwrap(), Score::whole(66));
        assert_eq!(Score::parse_printed("426,5").unwrap().tenths(), 4265);
        assert_eq!(Score::parse_printed(" 426.5 ").unwrap().decimals(), 1);
        assert_eq!(
            Score::parse_printed("1\u{a0}000").unwrap(),
            Score::whole(1000)
        );
        assert_eq!(Score::parse_printed("66.0").unwrap().tenths(), 660);
    }

    #[test]
    fn refuses_what_is_not_a_figure() {
        assert!(matches!(
            Score::parse_printed("4.75"),
            Err(BadScore::TooPrecise(_))
        ));
        assert!(matches!(
            Score::parse_printed("-3"),
            Err(BadScore::Negative(_))
        ));
        assert!(matches!(
            Score::parse_printed("abc"),
            Err(BadScore::NotANumber(_))
        ));
        assert!(matches!(
            Score::parse_printed(""),
            Err(BadScore::NotANumber(_))
        ));
        assert!(matches!(
            Score::parse_printed(".5"),
            Err(BadScore::NotANumber(_))
        ));
        assert!(matches!(
            Score::parse_printed("99999999"),
            Err(BadScore::TooLarge(_))
        ));
    }

    #[test]
    fn displays_in_both_conventions() {
        let s = Score::from_tenths(4265, 1);
        assert_eq!(s.to_string(), "426.5");
        assert_eq!(s.to_swedish(), "426,5");
        assert_eq!(serde_json::to_string(&Score::whole(66)).unwrap(), "66");
        assert_eq!(serde_json::to_string(&s).unwrap(), "426.5");
    }

    #[test]
    fn changes_carry_their_sign() {
        let up = Score::whole(557).minus(&Score::whole(420));
        assert_eq!(up.to_swedish_signed(), "+137");
        let down = Score::whole(60).minus(&Score::from_tenths(625, 1));
        assert_eq!(down.to_swedish_signed(), "\u{2212}2,5");
        assert_eq!(down.to_string(), "-2.5");
        assert_eq!(
            Score::whole(5).minus(&Score::whole(5)).to_swedish_signed(),
            "\u{b1}0"
        );
    }

    #[test]
    fn changes_parse_as_written_and_as_displayed() {
        for (text, tenths, shown) in [
            ("137", 1370, "137"),
            ("+137", 1370, "137"),
            ("-4,5", -45, "-4.5"),
            ("\u{2212}4", -40, "-4"),
            (" +0 ", 0, "0"),
        ] {
            let c = Change::parse_signed(text).unwrap();
            assert_eq!(
                (c.tenths(), c.to_string().as_str()),
                (tenths, shown),
                "{text}"
            );
            assert_eq!(c.to_string().parse::<Change>().unwrap(), c);
        }
        for bad in ["", "+", "--4", "4.25", "abc", "+-3"] {
            assert!(Change::parse_signed(bad).is_err(), "{bad}");
        }
    }
}
