//! JSON API handlers for the register (`/api/v1/municipalities`,
//! `/api/v1/evaluations`): read-only, stable names, municipality codes always
//! as four-character strings. Each handler is described by `#[utoipa::path]`
//! and mounted with `service`, which is how it enters the OpenAPI document.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::params::list::{EvaluationFilter, MunicipalityFilter, Paging, Window};
use super::params::{self, parse_code};
use super::{AppError, AppState};
use crate::domain::answer::profile::profile;
use crate::views::json::analysis::{self as shapes, EvaluationListItem};
use crate::views::json::{self, EvaluationDetail, MunicipalityDetail, MunicipalityListItem};

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

/// The `window` of `items`; `filters` are repeated in the `next` link.
pub fn page<T: Serialize + ToSchema>(
    window: Window,
    path: &str,
    filters: &[(&str, String)],
    items: Vec<T>,
) -> Page<T> {
    let Window { page, per_page } = window;
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
    Page {
        total,
        page,
        per_page,
        next,
        items,
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
    let request = filter.parse(&data)?;
    let window = paging.window()?;
    let items: Vec<_> = data
        .municipalities
        .iter()
        .filter(|m| request.county.is_none_or(|c| c == m.county_code))
        .map(|m| json::municipality_item(m, &data))
        .filter(|m| {
            request
                .evaluated
                .is_none_or(|e| e == (m.evaluation_count > 0))
        })
        .collect();
    let list = page(window, "/api/v1/municipalities", &request.pairs(), items);
    Ok(HttpResponse::Ok().json(list))
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
    Ok(HttpResponse::Ok().json(json::municipality_detail(&p, &data)))
}

/// Every stored evaluation, by municipality and then oldest first;
/// `scores=none` lists those that published no score (as `/saknas` does).
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
    let request = filter.parse(&data)?;
    let window = paging.window()?;
    let items: Vec<EvaluationListItem> = data
        .evaluations
        .iter()
        .filter(|s| request.year.is_none_or(|y| y == s.evaluation.year))
        .filter(|s| request.revision.is_none_or(|r| r == s.evaluation.revision))
        .filter(|s| {
            request
                .scores_published
                .is_none_or(|p| p == s.evaluation.has_published_scores())
        })
        .filter(|s| {
            request
                .county
                .is_none_or(|c| c == s.evaluation.municipality.county_code())
        })
        .map(|s| shapes::evaluation_item(s, &data))
        .collect();
    let list = page(window, "/api/v1/evaluations", &request.pairs(), items);
    Ok(HttpResponse::Ok().json(list))
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
    let id = params::list::evaluation_id(&path)?;
    let (data, texts) = state
        .into_inner()
        .snapshot_with_texts(|data| data.evaluation(&id).map(|s| s.id.clone()))
        .await?;
    let stored = data
        .evaluation(&id)
        .ok_or_else(|| params::unknown_evaluation(&id))?;
    Ok(HttpResponse::Ok().json(json::stored_detail(stored, &data, &texts)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_keep_the_filters() {
        let window = Window {
            page: 1,
            per_page: 2,
        };
        let page = page(
            window,
            "/x",
            &[("county", "18".into()), ("q", "a b".into())],
            vec![1, 2, 3],
        );
        assert_eq!(
            page.next.as_deref(),
            Some("/x?county=18&q=a%20b&page=2&per_page=2")
        );
        assert_eq!((page.total, page.items.len()), (3, 2));
    }
}
