//! The API's register parameters: a list's filters (`county`, `evaluated`,
//! `year`, `revision`, `scores`), its paging (`page`, `per_page`, with their limits),
//! an evaluation's id in the path and the one municipality of
//! `/api/v1/changes`. Each is read into plain values here; the handlers
//! only filter and page.

use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    find_municipality, optional_county, optional_revision, parse_code, unknown_evaluation, year,
};
use crate::domain::dataset::Dataset;
use crate::domain::identity::BadEvaluationId;
use crate::domain::{CountyCode, EvaluationId, Municipality, Revision};
use crate::web::AppError;

pub const DEFAULT_PER_PAGE: usize = 300;
pub const MAX_PER_PAGE: usize = 1000;
pub const MAX_PAGE: usize = 100_000;

/// `page` and `per_page` of a long list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// The page, from 1.
    #[param(minimum = 1, maximum = 100000, example = 1)]
    pub page: Option<usize>,
    /// Items per page, 1-1000 (default 300).
    #[param(minimum = 1, maximum = 1000, example = 100)]
    pub per_page: Option<usize>,
}

/// Which part of a list to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// From 1.
    pub page: usize,
    pub per_page: usize,
}

impl Paging {
    pub fn window(&self) -> Result<Window, AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if !(1..=MAX_PAGE).contains(&page) || !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(AppError::bad_request(format!(
                "page is 1-{MAX_PAGE} and per_page is 1-{MAX_PER_PAGE}"
            )));
        }
        Ok(Window { page, per_page })
    }
}

/// Filters of the municipality list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MunicipalityFilter {
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    pub county: Option<String>,
    /// `true`: only municipalities with at least one evaluation; `false`: only those never evaluated.
    pub evaluated: Option<bool>,
}

/// The municipality list's filters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MunicipalityListRequest {
    pub county: Option<CountyCode>,
    pub evaluated: Option<bool>,
}

impl MunicipalityFilter {
    pub fn parse(&self, data: &Dataset) -> Result<MunicipalityListRequest, AppError> {
        Ok(MunicipalityListRequest {
            county: optional_county(data, self.county.as_deref())?,
            evaluated: self.evaluated,
        })
    }
}

impl MunicipalityListRequest {
    /// The filters as query pairs, for `next` links.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(c) = self.county {
            out.push(("county", c.to_string()));
        }
        if let Some(e) = self.evaluated {
            out.push(("evaluated", e.to_string()));
        }
        out
    }
}

/// Filters of the evaluation list. The year's range is the domain's
/// `YEARS`; the attribute needs it as literals (a test holds them equal).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluationFilter {
    /// Only evaluations made this year.
    #[param(value_type = Option<i32>, minimum = 1990, maximum = 2100, example = 2020)]
    pub year: Option<String>,
    /// Only evaluations under this criteria revision.
    #[param(pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Option<String>,
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    pub county: Option<String>,
    /// `none`: only evaluations that published no score at all, the ones
    /// `/saknas` lists; `published`: only those that published one.
    #[param(pattern = "^(none|published)$", example = "none")]
    pub scores: Option<String>,
}

/// The evaluation list's filters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluationListRequest {
    pub year: Option<i32>,
    pub revision: Option<Revision>,
    pub county: Option<CountyCode>,
    /// Whether the evaluations listed published any score.
    pub scores_published: Option<bool>,
}

/// `scores=none` or `scores=published`.
fn scores(raw: &str) -> Result<bool, AppError> {
    match raw {
        "none" => Ok(false),
        "published" => Ok(true),
        other => Err(AppError::bad_request(format!(
            "scores is \"none\" or \"published\", not {other:?}"
        ))),
    }
}

impl EvaluationFilter {
    pub fn parse(&self, data: &Dataset) -> Result<EvaluationListRequest, AppError> {
        Ok(EvaluationListRequest {
            year: self.year.as_deref().map(year).transpose()?,
            revision: optional_revision(data, self.revision.as_deref())?,
            county: optional_county(data, self.county.as_deref())?,
            scores_published: self.scores.as_deref().map(scores).transpose()?,
        })
    }
}

impl EvaluationListRequest {
    /// The filters as query pairs, for `next` links.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(y) = self.year {
            out.push(("year", y.to_string()));
        }
        if let Some(r) = self.revision {
            out.push(("revision", r.to_string()));
        }
        if let Some(c) = self.county {
            out.push(("county", c.to_string()));
        }
        if let Some(p) = self.scores_published {
            out.push(("scores", if p { "published" } else { "none" }.to_string()));
        }
        out
    }
}

/// An evaluation id as the API documents it, `{code}-{year}` or
/// `{code}-{year}-{month}`: anything else is a 400; a well-formed id that
/// can name no evaluation (month 13) is, as the domain tells them apart,
/// the 404 of any id no evaluation has.
pub fn evaluation_id(raw: &str) -> Result<EvaluationId, AppError> {
    raw.parse().map_err(|e: BadEvaluationId| {
        if e.well_formed() {
            unknown_evaluation(raw)
        } else {
            AppError::bad_request(format!(
                "{raw:?} is not an evaluation id: \"{{code}}-{{year}}\", e.g. \"1881-2020\""
            ))
        }
    })
}

/// `kommun`: the municipality whose changes to show.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// One municipality code.
    #[param(required = true, pattern = "^[0-9]{4}$", example = "0115")]
    pub kommun: Option<String>,
}

impl ChangesQuery {
    /// The one municipality, required and known.
    pub fn municipality<'a>(&self, data: &'a Dataset) -> Result<&'a Municipality, AppError> {
        let raw = self.kommun.as_deref().ok_or_else(|| {
            AppError::bad_request("kommun is required: one municipality code, e.g. kommun=1881")
        })?;
        find_municipality(data, parse_code(raw)?)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::ResponseError;
    use actix_web::http::StatusCode;

    use super::*;
    use crate::domain::YEARS;

    #[test]
    fn evaluation_ids_have_a_shape() {
        assert!(evaluation_id("1881-2020").is_ok());
        assert!(evaluation_id("1881-2020-11").is_ok());
        for unknown in ["1881-2020-13", "1881-2020-00"] {
            let status = evaluation_id(unknown).unwrap_err().status_code();
            assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}: a 404, not a 400");
        }
        for bad in [
            "1881",
            "188-2020",
            "1881-20",
            "1881-2020-1",
            "x",
            "1881-2020-11-1",
        ] {
            let status = evaluation_id(bad).unwrap_err().status_code();
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }

    #[test]
    fn scores_is_none_or_published() {
        assert!(!scores("none").unwrap());
        assert!(scores("published").unwrap());
        assert!(scores("some").is_err());
        let request = EvaluationListRequest {
            scores_published: Some(false),
            ..Default::default()
        };
        assert_eq!(request.pairs(), vec![("scores", "none".to_string())]);
    }

    #[test]
    fn paging_has_limits() {
        let window = |page, per_page| Paging { page, per_page }.window();
        assert_eq!(
            window(None, None).unwrap(),
            Window {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            }
        );
        assert!(window(Some(0), None).is_err());
        assert!(window(None, Some(MAX_PER_PAGE + 1)).is_err());
        assert!(window(Some(MAX_PAGE), Some(MAX_PER_PAGE)).is_ok());
    }

    /// The OpenAPI document states the year range as literals; they must be
    /// the domain's.
    #[test]
    fn the_documented_year_range_is_the_domains() {
        let params = EvaluationFilter::into_params(|| None);
        let year = params.iter().find(|p| p.name == "year").unwrap();
        let schema = serde_json::to_value(&year.schema).unwrap();
        assert_eq!(schema["minimum"], *YEARS.start(), "{schema}");
        assert_eq!(schema["maximum"], *YEARS.end(), "{schema}");
    }
}
