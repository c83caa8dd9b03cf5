//! JSON API handlers for the register (`/api/v1/municipalities`,
//! `/api/v1/evaluations`): read-only, stable names, municipality codes always
//! as four-character strings. Each handler is described by `#[utoipa::path]`
//! and mounted with `service`, which is how it enters the OpenAPI document.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::params::{self, parse_code};
use super::{AppError, AppState};
use crate::domain::answer::profile::profile;
use crate::views::json::analysis::{self as shapes, EvaluationListItem};
use crate::views::json::{self, EvaluationDetail, MunicipalityDetail, MunicipalityListItem};

/// `{code}-{year}` or `{code}-{year}-{month}`.
fn well_formed_evaluation_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [code, year] => digits(code, 4) && digits(year, 4),
        [code, year, month] => digits(code, 4) && digits(year, 4) && digits(month, 2),
        _ => false,
    }
}

/// `page` and `per_page` of a long list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// The page, from 1.
    #[param(minimum = 1, maximum = 100000, example = 1)]
    page: Option<usize>,
    /// Items per page, 1-1000 (default 300).
    #[param(minimum = 1, maximum = 1000, example = 100)]
    per_page: Option<usize>,
}

pub const DEFAULT_PER_PAGE: usize = 300;
pub const MAX_PER_PAGE: usize = 1000;
pub const MAX_PAGE: usize = 100_000;

/// A page of a list, with the total count and the address of the next page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: Serialize + ToSchema> {
    /// How many items the whole list has.
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    /// The next page's address (with the same filters), null on the last.
    pub next: Option<String>,
    pub items: Vec<T>,
}

impl Paging {
    /// The page of `items`; `filters` are repeated in the `next` link.
    pub fn apply<T: Serialize + ToSchema>(
        &self,
        path: &str,
        filters: &[(&str, String)],
        items: Vec<T>,
    ) -> Result<Page<T>, AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if !(1..=MAX_PAGE).contains(&page) || !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(AppError::bad_request(format!(
                "page is 1-{MAX_PAGE} and per_page is 1-{MAX_PER_PAGE}"
            )));
        }
        let total = items.len();
        let start = (page - 1).saturating_mul(per_page);
        let next = (start.saturating_add(per_page) < total).then(|| {
            let mut query: Vec<String> = filters
                .iter()
                .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
                .collect();
            query.push(format!("page={}", page + 1));
            query.push(format!("per_page={per_page}"));
            format!("{path}?{}", query.join("&"))
        });
        let items = items.into_iter().skip(start).take(per_page).collect();
        Ok(Page {
            total,
            page,
            per_page,
            next,
            items,
        })
    }
}

/// Percent-encodes what is not unreserved (filters are codes and slugs, but
/// a link must stay a link whatever was asked).
fn encode_query_value(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b',' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Filters of the municipality list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MunicipalityFilter {
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    county: Option<String>,
    /// `true`: only municipalities with at least one evaluation; `false`: only those never evaluated.
    evaluated: Option<bool>,
}

/// The 290 municipalities with their number of evaluations.
#[utoipa::path(
    tag = "register",
    params(MunicipalityFilter, Paging),
    responses(
        (status = 200, description = "A page of municipalities", body = Page<MunicipalityListItem>),
        (status = 400, description = "A malformed parameter", body = json::ErrorBody),
    )
)]
#[get("/municipalities")]
pub async fn municipalities(
    state: web::Data<AppState>,
    filter: web::Query<MunicipalityFilter>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let county = filter
        .county
        .as_deref()
        .map(|c| params::county(&data, c))
        .transpose()?;
    let items: Vec<_> = data
        .municipalities
        .iter()
        .filter(|m| county.as_ref().is_none_or(|c| *c == m.county_code))
        .map(|m| json::municipality_item(m, &data))
        .filter(|m| {
            filter
                .evaluated
                .is_none_or(|e| e == (m.evaluation_count > 0))
        })
        .collect();
    let mut filters = Vec::new();
    if let Some(c) = county {
        filters.push(("county", c));
    }
    if let Some(e) = filter.evaluated {
        filters.push(("evaluated", e.to_string()));
    }
    Ok(HttpResponse::Ok().json(paging.apply("/api/v1/municipalities", &filters, items)?))
}

/// One municipality with all its evaluations (oldest first).
#[utoipa::path(
    tag = "register",
    params(("code" = String, Path, description = "SCB municipality code, four digits", pattern = "^[0-9]{4}$", example = "1881")),
    responses(
        (status = 200, description = "The municipality", body = MunicipalityDetail),
        (status = 400, description = "Not a municipality code", body = json::ErrorBody),
        (status = 404, description = "No municipality has the code", body = json::ErrorBody),
    )
)]
#[get("/municipalities/{code}")]
pub async fn municipality(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = parse_code(&path)?;
    let data = state.dataset();
    let p = profile(&data, code).ok_or_else(|| params::unknown_code(code))?;
    Ok(HttpResponse::Ok().json(json::municipality_detail(&p, &data.catalogue)))
}

/// Filters of the evaluation list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluationFilter {
    /// Only evaluations made this year.
    #[param(value_type = Option<i32>, minimum = 1990, maximum = 2100, example = 2020)]
    year: Option<String>,
    /// Only evaluations under this criteria revision.
    #[param(pattern = "^v[0-9]{4}$", example = "v2020")]
    revision: Option<String>,
    /// Only municipalities in this county (two-digit county code).
    #[param(pattern = "^[0-9]{2}$", example = "18")]
    county: Option<String>,
}

/// Every stored evaluation, by municipality and then oldest first.
#[utoipa::path(
    tag = "register",
    params(EvaluationFilter, Paging),
    responses(
        (status = 200, description = "A page of evaluations", body = Page<EvaluationListItem>),
        (status = 400, description = "A malformed parameter", body = json::ErrorBody),
    )
)]
#[get("/evaluations")]
pub async fn evaluations(
    state: web::Data<AppState>,
    filter: web::Query<EvaluationFilter>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let year = filter.year.as_deref().map(params::year).transpose()?;
    let revision = filter
        .revision
        .as_deref()
        .map(|r| params::revision(&data, r))
        .transpose()?;
    let county = filter
        .county
        .as_deref()
        .map(|c| params::county(&data, c))
        .transpose()?;
    let items: Vec<EvaluationListItem> = data
        .evaluations
        .iter()
        .filter(|s| year.is_none_or(|y| y == s.evaluation.year))
        .filter(|s| revision.is_none_or(|r| r == s.evaluation.revision))
        .filter(|s| {
            county
                .as_deref()
                .is_none_or(|c| c == s.evaluation.municipality.county_code())
        })
        .map(|s| shapes::evaluation_item(s, &data))
        .collect();
    let mut filters = Vec::new();
    if let Some(y) = year {
        filters.push(("year", y.to_string()));
    }
    if let Some(r) = revision {
        filters.push(("revision", r.to_string()));
    }
    if let Some(c) = county {
        filters.push(("county", c));
    }
    Ok(HttpResponse::Ok().json(paging.apply("/api/v1/evaluations", &filters, items)?))
}

/// One evaluation with its sub-areas, notes, texts and provenance.
#[utoipa::path(
    tag = "register",
    params(("id" = String, Path, description = "`{code}-{year}`, or `{code}-{year}-{month}` when a municipality had two evaluations in a year", pattern = "^[0-9]{4}-[0-9]{4}(-[0-9]{2})?$", example = "1881-2020")),
    responses(
        (status = 200, description = "The evaluation", body = EvaluationDetail),
        (status = 400, description = "Not an evaluation id", body = json::ErrorBody),
        (status = 404, description = "No evaluation has the id", body = json::ErrorBody),
    )
)]
#[get("/evaluations/{id}")]
pub async fn evaluation(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if !well_formed_evaluation_id(&id) {
        return Err(AppError::bad_request(format!(
            "{id:?} is not an evaluation id: \"{{code}}-{{year}}\", e.g. \"1881-2020\""
        )));
    }
    let data = state.dataset();
    let stored = data
        .evaluation(&id)
        .ok_or_else(|| AppError::not_found(format!("no evaluation has the id {id}")))?;
    Ok(HttpResponse::Ok().json(json::stored_detail(stored, &data)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluation_ids_have_a_shape() {
        assert!(well_formed_evaluation_id("1881-2020"));
        assert!(well_formed_evaluation_id("1881-2020-11"));
        for bad in [
            "1881",
            "188-2020",
            "1881-20",
            "1881-2020-1",
            "x",
            "1881-2020-11-1",
        ] {
            assert!(!well_formed_evaluation_id(bad), "{bad}");
        }
    }

    #[test]
    fn next_links_keep_the_filters() {
        let paging = Paging {
            page: Some(1),
            per_page: Some(2),
        };
        let page = paging
            .apply(
                "/x",
                &[("county", "18".into()), ("q", "a b".into())],
                vec![1, 2, 3],
            )
            .unwrap();
        assert_eq!(
            page.next.as_deref(),
            Some("/x?county=18&q=a%20b&page=2&per_page=2")
        );
        assert_eq!((page.total, page.items.len()), (3, 2));
    }
}
