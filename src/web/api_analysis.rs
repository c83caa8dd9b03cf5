//! JSON API handlers for comparisons: compare 2-6 municipalities, rankings
//! by theme or total, and the change between consecutive evaluations.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::api::{Page, page};
use super::params::list::{ChangesQuery, Paging};
use super::params::{self, CompareQuery, RankingQuery};
use super::{AppError, AppState};
use crate::domain::answer::changes::changes as changes_of;
use crate::domain::answer::compare::compare as comparison;
use crate::domain::answer::ranking::{Order, RankingRequest, rank};
use crate::views::json::ErrorBody;
use crate::views::json::analysis::{
    self as shapes, ChangesJson, CompareJson, RankingItem, ReferenceJson,
};

/// A page of a ranking, with the reference figure the ranking page shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankingPage {
    #[serde(flatten)]
    pub page: Page<RankingItem>,
    /// The reference figure shown beside the ranking, with its figure for
    /// the metric: one per criteria version ranked (today only when every
    /// place is of one version); empty when none is shown. The same on
    /// every page of the list.
    pub references: Vec<ReferenceJson>,
}

/// What the compare page shows: for each municipality the evaluation named
/// (`kommun=1880:2015,1881`), else the one with the most published areas
/// (the latest of those), else the latest with a total; per theme (through
/// the crosswalk) and in total. `kommun` may be repeated
/// (`kommun=1881&kommun=0115`) as well as comma-separated.
#[utoipa::path(
    tag = "comparisons",
    params(CompareQuery),
    responses(
        (status = 200, description = "The comparison", body = CompareJson),
        (status = 400, description = "Too few or too many codes, a repeated or malformed code", body = ErrorBody),
        (status = 404, description = "No municipality has one of the codes, or one has no evaluation of the year named (the message lists those it has)", body = ErrorBody),
    )
)]
#[get("/compare")]
pub async fn compare(
    state: web::Data<AppState>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let query = CompareQuery::from_pairs(&query);
    let choices = params::compare::choices(&data, query.kommun.as_deref())?;
    let answer = comparison(&data, &choices);
    Ok(HttpResponse::Ok().json(shapes::compare(&answer, &data)))
}

/// Every municipality's latest evaluation that published the figure (under
/// `revision`, when given), highest first. `total` ranks the published
/// totals; a theme slug ranks the areas mapped to that theme, each with its
/// crosswalk confidence. Totals of different revisions are not strictly
/// comparable: filter by `revision` for a like-for-like ranking.
#[utoipa::path(
    tag = "comparisons",
    params(
        ("metric" = String, Path, description = "`total` or a theme slug (see /api/v1/themes)", example = "total"),
        RankingQuery,
        Paging,
    ),
    responses(
        (status = 200, description = "A page of the ranking, with the reference figure beside it", body = RankingPage),
        (status = 400, description = "Unknown theme, revision or county, or bad paging", body = ErrorBody),
    )
)]
#[get("/rankings/{metric}")]
pub async fn ranking(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<RankingQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let metric = params::ranking::metric(&data, &path)?;
    let request = RankingRequest {
        metric,
        filter: query.filter(&data)?,
        order: Order::Rank,
    };
    let answer = rank(&data, &request);
    let path = format!("/api/v1/rankings/{}", metric.slug(&data.catalogue));
    let items = shapes::ranking_items(&answer, &data);
    Ok(HttpResponse::Ok().json(RankingPage {
        page: page(paging.window()?, &path, &query.pairs(), items),
        references: shapes::references(&answer.references),
    }))
}

/// The change between each pair of consecutive evaluations of a
/// municipality, per theme and in total, marked where it crosses a revision
/// and with how comparable the figures are (crosswalk confidence).
#[utoipa::path(
    tag = "comparisons",
    params(ChangesQuery),
    responses(
        (status = 200, description = "The changes, oldest first", body = ChangesJson),
        (status = 400, description = "A missing or malformed code", body = ErrorBody),
        (status = 404, description = "No municipality has the code", body = ErrorBody),
    )
)]
#[get("/changes")]
pub async fn changes(
    state: web::Data<AppState>,
    query: web::Query<ChangesQuery>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let m = query.municipality(&data)?;
    Ok(HttpResponse::Ok().json(shapes::changes(&changes_of(&data, m), &data)))
}
