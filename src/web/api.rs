//! JSON API handlers (`/api/v1/...`): read-only, stable names, municipality
//! codes always as four-character strings.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{AppError, AppState, Format};
use crate::domain::MunicipalityCode;
use crate::views::json;

fn parse_code(raw: &str) -> Result<MunicipalityCode, AppError> {
    raw.parse::<MunicipalityCode>().map_err(|_| {
        AppError::bad_request(
            Format::Json,
            format!("{raw:?} is not a municipality code: four digits, e.g. \"1881\" or \"0180\""),
        )
    })
}

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

#[derive(Debug, Deserialize)]
pub struct Paging {
    page: Option<usize>,
    per_page: Option<usize>,
}

pub const DEFAULT_PER_PAGE: usize = 300;
pub const MAX_PER_PAGE: usize = 1000;

/// A page of a list, with the total count and the address of the next page.
#[derive(Debug, Serialize)]
pub struct Page<T: Serialize> {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub next: Option<String>,
    pub items: Vec<T>,
}

impl Paging {
    pub fn apply<T: Serialize>(&self, path: &str, items: Vec<T>) -> Result<Page<T>, AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 || per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(AppError::bad_request(
                Format::Json,
                format!("page starts at 1 and per_page is 1-{MAX_PER_PAGE}"),
            ));
        }
        let total = items.len();
        let start = (page - 1).saturating_mul(per_page);
        let next = (start.saturating_add(per_page) < total)
            .then(|| format!("{path}?page={}&per_page={per_page}", page + 1));
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

pub async fn municipalities(
    state: web::Data<AppState>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let items: Vec<_> = data
        .municipalities
        .iter()
        .map(|m| json::municipality_item(m, &data))
        .collect();
    Ok(HttpResponse::Ok().json(paging.apply("/api/v1/municipalities", items)?))
}

pub async fn municipality(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = parse_code(&path)?;
    let data = state.dataset();
    let m = data.municipality(code).ok_or_else(|| {
        AppError::not_found(Format::Json, format!("no municipality has the code {code}"))
    })?;
    Ok(HttpResponse::Ok().json(json::municipality_detail(m, &data)))
}

pub async fn evaluation(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if !well_formed_evaluation_id(&id) {
        return Err(AppError::bad_request(
            Format::Json,
            format!("{id:?} is not an evaluation id: \"{{code}}-{{year}}\", e.g. \"1881-2020\""),
        ));
    }
    let data = state.dataset();
    let stored = data.evaluation(&id).ok_or_else(|| {
        AppError::not_found(Format::Json, format!("no evaluation has the id {id}"))
    })?;
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
}
