//! CSV, `datapackage.json` and zip downloads. Thin: parse the request, build
//! the table with `views::csv::tables` from the same view models as the JSON
//! and the pages, and send it with a meaningful file name.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};

use super::params::{self, FormatQuery, RankingQuery};
use super::{AppError, AppState, Format};
use crate::domain::analysis::{self, Metric};
use crate::domain::text::slug;
use crate::views::csv::{Flavour, Table, comparisons, tables};
use crate::views::json::analysis as shapes;
use crate::views::package;

fn flavour(query: &FormatQuery) -> Result<Flavour, AppError> {
    Flavour::parse(query.format.as_deref()).map_err(|m| AppError::bad_request(Format::Html, m))
}

fn attachment(name: String) -> ContentDisposition {
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(name)],
    }
}

/// A table as a CSV file named `{stem}{-excel}.csv`.
fn send_csv(table: &Table, flavour: Flavour, stem: &str) -> Result<HttpResponse, AppError> {
    let body = table
        .render(flavour)
        .map_err(|e| AppError::internal(Format::Html, e))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8; header=present")
        .insert_header(attachment(format!("{stem}{}.csv", flavour.file_suffix())))
        .body(body))
}

/// `/data/{name}.csv`: a table of the described dataset.
pub async fn resource_csv(
    state: web::Data<AppState>,
    name: web::Path<String>,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let flavour = flavour(&query)?;
    let resource = package::resource(&name).ok_or_else(|| {
        AppError::not_found(
            Format::Html,
            format!("Det finns ingen fil {name}.csv. Se /data/datapackage.json."),
        )
    })?;
    let data = state.dataset();
    send_csv(&(resource.build)(&data), flavour, resource.name)
}

pub async fn datapackage(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(package::datapackage(&state.dataset()))
}

pub async fn zip(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let body = package::zip(&state.dataset()).map_err(|e| AppError::internal(Format::Html, e))?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(attachment("kompass.zip".into()))
        .body(body))
}

/// `/kommun/{code}.csv`: the municipality's evaluations, long format.
pub async fn municipality_csv(
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let flavour = flavour(&query)?;
    let code = params::parse_code(&code, Format::Html)?;
    let data = state.dataset();
    let m = params::find_municipality(&data, code, Format::Html)?;
    let stem = format!("kompass-{}-{}", m.code, slug(&m.name));
    send_csv(&tables::municipality(&data, m.code), flavour, &stem)
}

#[derive(Debug, serde::Deserialize)]
pub struct CompareCsvQuery {
    kommun: Option<String>,
    format: Option<String>,
}

/// `/jamfor.csv?kommun=...`: the compare table.
pub async fn compare_csv(
    state: web::Data<AppState>,
    query: web::Query<CompareCsvQuery>,
) -> Result<HttpResponse, AppError> {
    let flavour = Flavour::parse(query.format.as_deref())
        .map_err(|m| AppError::bad_request(Format::Html, m))?;
    let data = state.dataset();
    let list = params::compared(&data, query.kommun.as_deref(), Format::Html)?;
    let codes: Vec<&str> = list.iter().map(|m| m.code.as_str()).collect();
    let stem = format!("kompass-jamfor-{}", codes.join("-"));
    send_csv(
        &comparisons::compare(&shapes::compare(&data, &list)),
        flavour,
        &stem,
    )
}

#[derive(Debug, serde::Deserialize)]
pub struct RankingCsvQuery {
    revision: Option<String>,
    /// The county code, named as on the page (`lan`) or as in the API (`county`),
    /// so that the page's address with `.csv` gives the page's table.
    #[serde(alias = "county")]
    lan: Option<String>,
    format: Option<String>,
}

fn ranking_csv(
    data: &crate::domain::dataset::Dataset,
    metric: Metric,
    query: &RankingCsvQuery,
) -> Result<HttpResponse, AppError> {
    let flavour = Flavour::parse(query.format.as_deref())
        .map_err(|m| AppError::bad_request(Format::Html, m))?;
    let filter_query = RankingQuery {
        revision: query.revision.clone(),
        county: query.lan.clone(),
    };
    let filter = filter_query.filter(data, Format::Html)?;
    let entries = analysis::ranking(data, metric, &filter);
    let items = shapes::ranking_items(&entries, metric, data);
    let mut stem = format!(
        "kompass-rankning-{}",
        shapes::metric_slug(metric, &data.catalogue)
    );
    if let Some(r) = filter.revision {
        stem.push_str(&format!("-{r}"));
    }
    if let Some(c) = &filter.county {
        stem.push_str(&format!("-lan-{c}"));
    }
    send_csv(&comparisons::ranking(&items), flavour, &stem)
}

/// `/rankning.csv`: the ranking on the total.
pub async fn total_ranking_csv(
    state: web::Data<AppState>,
    query: web::Query<RankingCsvQuery>,
) -> Result<HttpResponse, AppError> {
    ranking_csv(&state.dataset(), Metric::Total, &query)
}

/// `/omrade/{slug}.csv`: the ranking on one theme.
pub async fn theme_ranking_csv(
    state: web::Data<AppState>,
    theme: web::Path<String>,
    query: web::Query<RankingCsvQuery>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let metric = match data.catalogue.theme_by_slug(&theme) {
        Some(t) => Metric::Theme(t.number),
        None => {
            return Err(AppError::not_found(
                Format::Html,
                format!("Det finns inget tema {theme:?}."),
            ));
        }
    };
    ranking_csv(&data, metric, &query)
}
