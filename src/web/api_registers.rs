//! JSON API handlers for the registers: criteria revisions, the eight
//! canonical themes with the crosswalk, and published benchmarks.

use actix_web::{HttpResponse, get, web};

use super::AppState;
use crate::views::json::reference::{self, BenchmarkJson, ItemList, RevisionJson, ThemesJson};

/// The criteria revisions with their areas, aliases seen in print, each
/// area's theme and crosswalk confidence, and sub-areas with max points.
#[utoipa::path(
    tag = "reference",
    responses((status = 200, description = "All revisions", body = ItemList<RevisionJson>))
)]
#[get("/revisions")]
pub async fn revisions(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(reference::revisions(&state.dataset().catalogue))
}

/// The eight canonical themes (the v2020 areas), each with every earlier
/// area that maps to it and how well, and SKR's four headings.
#[utoipa::path(
    tag = "reference",
    responses((status = 200, description = "Themes and headings", body = ThemesJson))
)]
#[get("/themes")]
pub async fn themes(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(reference::themes(&state.dataset().catalogue))
}

/// Published reference series ("Sverigesnitt", national means), as printed,
/// each with its source.
#[utoipa::path(
    tag = "reference",
    responses((status = 200, description = "All benchmarks", body = ItemList<BenchmarkJson>))
)]
#[get("/benchmarks")]
pub async fn benchmarks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(reference::benchmarks(&state.dataset().benchmarks))
}
