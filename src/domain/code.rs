//! Identifiers parsed at the edge: municipality and county codes, area and
//! theme numbers, sub-area codes, and which of an evaluation's figures
//! (`Figure`).

use std::fmt;
use std::str::FromStr;

use diesel::sql_types::{Integer, Text};
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

/// A municipality's four-digit SCB code, kept as text ("0180" keeps its zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct MunicipalityCode([u8; 4]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a municipality code (four digits, e.g. \"0180\" or \"1881\")")]
pub struct BadMunicipalityCode(pub String);

impl MunicipalityCode {
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("0000")
    }

    /// The county (län) code: the first two digits.
    pub fn county_code(&self) -> CountyCode {
        CountyCode([self.0[0], self.0[1]])
    }
}

impl FromStr for MunicipalityCode {
    type Err = BadMunicipalityCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.len() == 4 && bytes.iter().all(u8::is_ascii_digit) {
            Ok(Self([bytes[0], bytes[1], bytes[2], bytes[3]]))
        } else {
            Err(BadMunicipalityCode(s.to_string()))
        }
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for MunicipalityCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A county's (län's) two-digit SCB code, which its municipalities' codes
/// begin with ("01" Stockholms län, "18" Örebro län).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct CountyCode([u8; 2]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a county code (two digits, e.g. \"18\")")]
pub struct BadCountyCode(pub String);

impl CountyCode {
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("00")
    }
}

impl FromStr for CountyCode {
    type Err = BadCountyCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Ok(Self([*a, *b])),
            _ => Err(BadCountyCode(s.to_string())),
        }
    }
}

impl fmt::Display for CountyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountyCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for CountyCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// One of the eight areas of every revision, 1-8 (a canonical theme is
/// numbered as the v2020 area it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Integer)]
pub struct AreaNumber(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not an area number (1-8)")]
pub struct BadAreaNumber(pub i64);

impl AreaNumber {
    /// The eight areas in order.
    pub const ALL: [AreaNumber; 8] = [
        AreaNumber(1),
        AreaNumber(2),
        AreaNumber(3),
        AreaNumber(4),
        AreaNumber(5),
        AreaNumber(6),
        AreaNumber(7),
        AreaNumber(8),
    ];

    pub fn new(n: i64) -> Result<Self, BadAreaNumber> {
        match u8::try_from(n) {
            Ok(v @ 1..=8) => Ok(Self(v)),
            _ => Err(BadAreaNumber(n)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// "1" ... "8": the digit alone, as headings and tables print it.
impl FromStr for AreaNumber {
    type Err = BadAreaNumber;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.as_bytes() {
            [d @ b'1'..=b'8'] => Ok(Self(d - b'0')),
            _ => Err(BadAreaNumber(s.parse().unwrap_or(-1))),
        }
    }
}

impl TryFrom<u8> for AreaNumber {
    type Error = BadAreaNumber;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Self::new(i64::from(n))
    }
}

impl From<AreaNumber> for u8 {
    fn from(n: AreaNumber) -> u8 {
        n.0
    }
}

impl PartialEq<u8> for AreaNumber {
    fn eq(&self, other: &u8) -> bool {
        self.0 == *other
    }
}

/// As the number itself, honouring width and alignment.
impl fmt::Display for AreaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for AreaNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

/// One of the eight canonical themes, 1-8, numbered as the v2020 area each
/// is. Not an `AreaNumber`: through the crosswalk an area of an older
/// revision stands for a theme of another number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Integer)]
pub struct ThemeNumber(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not a theme number 1-8")]
pub struct BadThemeNumber(pub i64);

impl ThemeNumber {
    /// The eight themes in order.
    pub const ALL: [ThemeNumber; 8] = [
        ThemeNumber(1),
        ThemeNumber(2),
        ThemeNumber(3),
        ThemeNumber(4),
        ThemeNumber(5),
        ThemeNumber(6),
        ThemeNumber(7),
        ThemeNumber(8),
    ];

    pub fn new(n: i64) -> Result<Self, BadThemeNumber> {
        match u8::try_from(n) {
            Ok(v @ 1..=8) => Ok(Self(v)),
            _ => Err(BadThemeNumber(n)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for ThemeNumber {
    type Error = BadThemeNumber;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Self::new(i64::from(n))
    }
}

impl From<ThemeNumber> for i64 {
    fn from(n: ThemeNumber) -> i64 {
        i64::from(n.0)
    }
}

impl PartialEq<u8> for ThemeNumber {
    fn eq(&self, other: &u8) -> bool {
        self.0 == *other
    }
}

/// As the number itself, honouring width and alignment.
impl fmt::Display for ThemeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for ThemeNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

/// A sub-area code such as "3.4": area number and position within the area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct SubareaCode {
    pub area: AreaNumber,
    pub item: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a sub-area code (area 1-8, a dot and a number, e.g. \"3.4\")")]
pub struct BadSubareaCode(pub String);

impl FromStr for SubareaCode {
    type Err = BadSubareaCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadSubareaCode(s.to_string());
        let (area, item) = s.trim().split_once('.').ok_or_else(bad)?;
        let digits =
            |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(area) || !digits(item) {
            return Err(bad());
        }
        let area: u8 = area.parse().map_err(|_| bad())?;
        let item: u8 = item.parse().map_err(|_| bad())?;
        let area = AreaNumber::try_from(area).map_err(|_| bad())?;
        if item == 0 {
            return Err(bad());
        }
        Ok(Self { area, item })
    }
}

impl fmt::Display for SubareaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.area, self.item)
    }
}

impl Serialize for SubareaCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One published figure of an evaluation: the total or an area's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum Figure {
    Total,
    Area(AreaNumber),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a figure (\"total\" or \"area 1\" ... \"area 8\")")]
pub struct BadFigure(pub String);

/// "total" or "area 3", as evaluation files (a stated change's or a printed
/// difference's figure) and the API name a figure.
impl FromStr for Figure {
    type Err = BadFigure;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s == "total" {
            return Ok(Figure::Total);
        }
        s.strip_prefix("area ")
            .and_then(|n| n.parse::<AreaNumber>().ok())
            .map(Figure::Area)
            .ok_or_else(|| BadFigure(s.to_string()))
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Total => f.write_str("total"),
            Figure::Area(n) => write!(f, "area {n}"),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipality_code_keeps_leading_zero() {
        let code: MunicipalityCode = "0180".parse().unwrap();
        assert_eq!(code.as_str(), "0180");
        assert_eq!(code.county_code().as_str(), "01");
    }

    #[test]
    fn county_codes_are_two_digits() {
        let code: CountyCode = "18".parse().unwrap();
        assert_eq!(code.to_string(), "18");
        for bad in ["1", "180", "1a", "", " 18", "１８"] {
            assert!(bad.parse::<CountyCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn municipality_code_rejects_non_codes() {
        for bad in ["180", "01800", "18a1", "", " 1881", "１８８１"] {
            assert!(bad.parse::<MunicipalityCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn area_numbers_are_one_to_eight() {
        let numbers: Vec<u8> = AreaNumber::ALL.iter().map(|n| n.get()).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
        for n in [0, 9, -1, 256] {
            assert_eq!(
                AreaNumber::new(n).unwrap_err().to_string(),
                format!("{n} is not an area number (1-8)")
            );
        }
        assert_eq!(format!("[{:<3}]", AreaNumber::ALL[0]), "[1  ]");
    }

    #[test]
    fn theme_numbers_are_one_to_eight() {
        assert_eq!(ThemeNumber::new(5).map(ThemeNumber::get), Ok(5));
        for n in [0, 9, -1] {
            assert_eq!(
                ThemeNumber::new(n).unwrap_err().to_string(),
                format!("{n} is not a theme number 1-8")
            );
        }
    }

    #[test]
    fn subarea_code_parses_and_orders() {
        let a: SubareaCode = "3.4".parse().unwrap();
        let b: SubareaCode = "3.10".parse().unwrap();
        assert_eq!((a.area.get(), a.item), (3, 4));
        assert!(a < b);
        assert_eq!(b.to_string(), "3.10");
        for bad in ["9.1", "0.1", "3.", ".4", "3.0", "3,4", "a.b", "3.4.1"] {
            assert!(bad.parse::<SubareaCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn figures_read_and_write_as_files_name_them() {
        assert_eq!("total".parse::<Figure>().unwrap(), Figure::Total);
        let area = "area 3".parse::<Figure>().unwrap();
        assert_eq!(area, Figure::Area(AreaNumber::ALL[2]));
        assert_eq!(area.to_string(), "area 3");
        for bad in ["area 9", "Total", "area", "3", ""] {
            assert!(bad.parse::<Figure>().is_err(), "{bad}");
        }
    }
}
