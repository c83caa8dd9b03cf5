//! What a source says about a change whose two figures it does not both
//! print: kumla.se calls Kumla's 557 points of 2020 "+137" against 2017,
//! whose figures were never published. Such a statement is kept as data
//! (`[[stated_changes]]` in the evaluation file), shown as the source's
//! words with the source, and never turned into a figure.

use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

use super::code::AreaNumber;
use super::provenance::Line;
use super::score::Change;

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

/// "total" or "area 3", as evaluation files and the API name a figure.
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
            Figure::Area(n) => f.write_str(&n.figure()),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A change the source states for one of this evaluation's figures,
/// against an earlier evaluation of the same municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatedChange {
    pub figure: Figure,
    /// This evaluation's figure minus the earlier one, as the source says.
    pub change: Change,
    /// The year of the earlier evaluation.
    pub since: i32,
    /// The address of the page that says so.
    pub source: String,
    /// The source's own words, when recorded.
    pub quote: Option<String>,
    #[serde(skip)]
    pub line: Line,
}

impl StatedChange {
    /// The source named as people say it: "kumla.se" for
    /// `https://www.kumla.se/...`.
    pub fn source_name(&self) -> String {
        site_name(&self.source)
    }
}

/// A web address's host without `www.`: "kumla.se".
pub fn site_name(url: &str) -> String {
    let rest = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    rest.strip_prefix("www.").unwrap_or(rest).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn sources_are_named_by_their_site() {
        assert_eq!(
            site_name("https://www.kumla.se/kommun-och-politik/nyheter.html"),
            "kumla.se"
        );
        assert_eq!(
            site_name("https://blogg.orebro.se/enklarevardag/2013"),
            "blogg.orebro.se"
        );
        assert_eq!(site_name("http://Enkoping.se?x=1"), "enkoping.se");
    }
}
