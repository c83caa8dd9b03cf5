//! Every query and path parameter, parsed at the edge into the domain's
//! request types, in one place with its limits: the pages, the API and the
//! downloads take them from here. Every malformed value is a 400 with a
//! message that says what was expected (English for programs, Swedish on the
//! pages, as each has always spoken); a well-formed code nobody has is a 404.

pub mod change;
pub mod compare;
pub mod file;
pub mod list;
pub mod prefill;
pub mod ranking;

use serde::Deserialize;

use super::AppError;
use crate::domain::dataset::Dataset;
use crate::domain::place::GroupCode;
use crate::domain::{CountyCode, Municipality, MunicipalityCode, Revision, YEARS};

pub use compare::{ComparePageQuery, CompareQuery};
pub use ranking::{RankingFileQuery, RankingPageQuery, RankingQuery};

pub fn parse_code(raw: &str) -> Result<MunicipalityCode, AppError> {
    raw.trim().parse::<MunicipalityCode>().map_err(|_| {
        AppError::bad_request(format!(
            "{raw:?} is not a municipality code: four digits, e.g. \"1881\" or \"0180\""
        ))
    })
}

pub fn find_municipality(
    data: &Dataset,
    code: MunicipalityCode,
) -> Result<&Municipality, AppError> {
    data.municipality(code).ok_or_else(|| unknown_code(code))
}

/// The 404 of a well-formed code that no municipality has.
pub fn unknown_code(code: MunicipalityCode) -> AppError {
    AppError::not_found(format!("no municipality has the code {code}"))
}

/// The 404 of an evaluation id that no evaluation has.
pub fn unknown_evaluation(id: impl std::fmt::Display) -> AppError {
    AppError::not_found(format!("no evaluation has the id {id}"))
}

/// A revision the catalogue has.
pub fn known_revision(data: &Dataset, raw: &str) -> Option<Revision> {
    raw.parse::<Revision>()
        .ok()
        .filter(|r| data.catalogue.revision(*r).is_some())
}

pub fn revision(data: &Dataset, raw: &str) -> Result<Revision, AppError> {
    known_revision(data, raw).ok_or_else(|| {
        let known: Vec<String> = data
            .catalogue
            .revisions
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        AppError::bad_request(format!(
            "{raw:?} is not a revision: one of {}",
            known.join(", ")
        ))
    })
}

/// `raw` as a county code ("18") that some municipality has.
pub fn known_county(data: &Dataset, raw: &str) -> Option<CountyCode> {
    raw.parse::<CountyCode>()
        .ok()
        .filter(|c| data.municipalities.iter().any(|m| m.county_code == *c))
}

pub fn county(data: &Dataset, raw: &str) -> Result<CountyCode, AppError> {
    known_county(data, raw).ok_or_else(|| {
        AppError::bad_request(format!(
            "{raw:?} is not a county code: two digits, e.g. \"18\" for Örebro län"
        ))
    })
}

/// An optional `revision`, as strict as `revision`.
pub fn optional_revision(data: &Dataset, raw: Option<&str>) -> Result<Option<Revision>, AppError> {
    raw.map(|r| revision(data, r)).transpose()
}

/// An optional county code, as strict as `county`.
pub fn optional_county(data: &Dataset, raw: Option<&str>) -> Result<Option<CountyCode>, AppError> {
    raw.map(|c| county(data, c)).transpose()
}

/// A kommungrupp the data knows ("B3"), else the API's 400.
pub fn group(data: &Dataset, raw: &str) -> Result<GroupCode, AppError> {
    raw.parse::<GroupCode>()
        .ok()
        .filter(|g| data.places.group(*g).is_some())
        .ok_or_else(|| {
            AppError::bad_request(format!(
                "{raw:?} is not a kommungrupp: SKR's 2023 group codes A1-A2, B3-B5, C6-C9"
            ))
        })
}

/// An optional kommungrupp, as strict as `group`.
pub fn optional_group(data: &Dataset, raw: Option<&str>) -> Result<Option<GroupCode>, AppError> {
    raw.map(|g| group(data, g)).transpose()
}

/// A page's `kommungrupp=`: blank is every group; one the data does not
/// know is said in Swedish (the ranking and the change ranking alike).
pub fn page_group(data: &Dataset, raw: Option<&str>) -> Result<Option<GroupCode>, AppError> {
    let Some(g) = raw.map(str::trim).filter(|g| !g.is_empty()) else {
        return Ok(None);
    };
    group(data, g).map(Some).map_err(|_| {
        AppError::bad_request(format!(
            "”{g}” är ingen kommungrupp (A1–A2, B3–B5 eller C6–C9 i SKR:s indelning 2023)."
        ))
    })
}

/// A year an evaluation may carry (the domain's `YEARS`).
pub fn year(raw: &str) -> Result<i32, AppError> {
    raw.parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            AppError::bad_request(format!(
                "{raw:?} is not a year: {}-{}",
                YEARS.start(),
                YEARS.end()
            ))
        })
}

/// `/sok?q=...`: what was searched for.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
}

impl SearchQuery {
    /// The text searched for (cut to the search's cap); empty when none
    /// was given.
    pub fn text(&self) -> &str {
        crate::domain::search::cap_query(self.q.as_deref().unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_checked_for_shape_and_range() {
        assert_eq!(year("2020").ok(), Some(2020));
        for bad in ["20x0", "1500", "99999", "", "-2020"] {
            assert!(year(bad).is_err(), "{bad}");
        }
    }
}
