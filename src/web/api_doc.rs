//! The API's description: the OpenAPI 3 document, assembled from the
//! handlers' `#[utoipa::path]` annotations as they are mounted (so it cannot
//! drift from the routes), served at `/api/v1/openapi.json`, and the human
//! page at `/api`.

use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, web};
use utoipa::OpenApi;

use super::AppState;
use crate::views::api_page;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kompass API",
        version = "1",
        description = "Kommunkompassen results as data: municipalities, evaluations, criteria revisions, themes and the crosswalk, comparisons, rankings and changes. Read-only; municipality codes are four-character strings; missing figures are null, never zero. The same data as CSV: /data/kompass.csv, described in /data/datapackage.json.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/"),
    ),
    tags(
        (name = "register", description = "Municipalities and their evaluations"),
        (name = "reference", description = "Criteria revisions, themes and the crosswalk, benchmarks"),
        (name = "comparisons", description = "Compare, rankings and changes, as the pages show them"),
    )
)]
pub struct ApiDoc;

/// The finished document, serialized once per worker.
pub struct ApiSpec {
    pub json: String,
    /// (path, summary) of every operation, for the human page.
    pub operations: Vec<(String, String)>,
}

impl ApiSpec {
    pub fn new(doc: &utoipa::openapi::OpenApi) -> Self {
        let json = doc.to_pretty_json().unwrap_or_else(|e| {
            tracing::error!(error = %e, "could not serialize the OpenAPI document");
            String::from("{}")
        });
        let operations = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let summary = item
                    .get
                    .as_ref()
                    .and_then(|op| op.summary.clone().or(op.description.clone()))
                    .unwrap_or_default();
                (path.clone(), summary)
            })
            .collect();
        Self { json, operations }
    }
}

pub async fn openapi_json(spec: web::Data<ApiSpec>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(spec.json.clone())
}

pub async fn page(spec: web::Data<ApiSpec>, state: web::Data<AppState>) -> HttpResponse {
    let data = state.dataset();
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(api_page::render(&spec.operations, &data).into_string())
}
