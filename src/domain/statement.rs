//! What a source says about a change whose two figures it does not both
//! print: kumla.se calls Kumla's 557 points of 2020 "+137" against 2017,
//! whose figures were never published. Such a statement is kept as data
//! (`[[stated_changes]]` in the evaluation file), shown as the source's
//! words with the source, and never turned into a figure.

use serde::Serialize;

use super::code::Figure;
use super::provenance::Line;
use super::score::Change;

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
