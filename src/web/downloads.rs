//! Downloads: each table as CSV (two flavours) and as .xlsx, plus
//! `datapackage.json` and the zip. Thin: parse the request, build the table
//! once with `views::csv` from the same view models as the JSON and the
//! pages, and write it in the format the address ends with, under a
//! meaningful file name.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};

use super::params::file::{CompareFileQuery, FileType, FormatQuery};
use super::params::{self, RankingFileQuery};
use super::{AppError, AppState};
use crate::domain::analysis::Metric;
use crate::domain::answer::compare::compare as comparison;
use crate::domain::answer::profile::profile;
use crate::domain::answer::ranking::rank;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::slug;
use crate::views::csv::{Table, comparisons, tables};
use crate::views::{package, xlsx};

/// One table ready to send: its rows, its file name without the extension,
/// and what it is (for the workbook's "Om uppgifterna" sheet).
struct Download {
    table: Table,
    stem: String,
    title: String,
    description: String,
}

fn attachment(name: String) -> ContentDisposition {
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(name)],
    }
}

/// The table as `{stem}{-excel}.csv` or `{stem}.xlsx`.
fn send(download: Download, file: FileType, data: &Snapshot) -> Result<HttpResponse, AppError> {
    let Download {
        table,
        stem,
        title,
        description,
    } = download;
    let (body, content_type, name) = match file {
        FileType::Csv(flavour) => (
            table.render(flavour).map_err(AppError::internal)?,
            "text/csv; charset=utf-8; header=present",
            format!("{stem}{}.csv", flavour.file_suffix()),
        ),
        FileType::Xlsx => (
            xlsx::workbook(&table, &package::about(data, title, description))
                .map_err(AppError::internal)?,
            xlsx::CONTENT_TYPE,
            format!("{stem}.xlsx"),
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(attachment(name))
        .body(body))
}

/// `/data/{name}.csv` and `.xlsx`: a table of the described dataset.
pub async fn resource_file(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let (name, extension) = path.into_inner();
    let file = FileType::parse(&extension, query.format.as_deref())?;
    let resource = package::resource(&name).ok_or_else(|| {
        AppError::not_found(format!(
            "Det finns ingen fil {name}.{extension}. Se /data/datapackage.json."
        ))
    })?;
    let data = state.dataset();
    let download = Download {
        table: (resource.build)(&data),
        stem: resource.name.to_string(),
        title: resource.title.to_string(),
        description: resource.description.to_string(),
    };
    send(download, file, &data)
}

pub async fn datapackage(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(package::datapackage(&state.dataset()))
}

pub async fn zip(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let body = package::zip(&state.dataset()).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(attachment("kompass.zip".into()))
        .body(body))
}

/// `/kommun/{code}.csv` and `.xlsx`: the municipality's evaluations, long
/// format.
pub async fn municipality_file(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let (code, extension) = path.into_inner();
    let file = FileType::parse(&extension, query.format.as_deref())?;
    let code = params::parse_code(&code)?;
    let data = state.dataset();
    let p = profile(&data, code).ok_or_else(|| params::unknown_code(code))?;
    let m = p.municipality;
    let download = Download {
        table: tables::municipality(&data, &p),
        stem: format!("kompass-{}-{}", m.code, slug(&m.name)),
        title: format!("{} ({}): Kommunkompassens resultat", m.name, m.code),
        description: "Kommunens utvärderingar i långt format: en totalrad per utvärdering (även när inga poäng publicerats), en rad per publicerat område och en per publicerat delområde.".into(),
    };
    send(download, file, &data)
}

/// `/jamfor.csv?kommun=...` and `/jamfor.xlsx?kommun=...`: the compare table.
pub async fn compare_file(
    state: web::Data<AppState>,
    extension: web::Path<String>,
    query: web::Query<CompareFileQuery>,
) -> Result<HttpResponse, AppError> {
    let file = FileType::parse(&extension, query.format.as_deref())?;
    let data = state.dataset();
    let choices = params::compare::choices(&data, query.kommun.as_deref())?;
    let answer = comparison(&data, &choices);
    let codes: Vec<&str> = answer
        .compared
        .iter()
        .map(|c| c.municipality.code.as_str())
        .collect();
    let names: Vec<&str> = answer
        .compared
        .iter()
        .map(|c| c.municipality.name.as_str())
        .collect();
    let download = Download {
        table: comparisons::compare(&answer, &data.catalogue),
        stem: format!("kompass-jamfor-{}", codes.join("-")),
        title: format!("Jämförelse: {}", names.join(", ")),
        description: "En rad per kommun och mått (totalpoäng, sedan de åtta temana), från den utvärdering som angavs för kommunen, annars den som publicerat flest områden. Områden från äldre kriterier visas under sitt tema enligt korsnyckeln, med jämförbarheten angiven.".into(),
    };
    send(download, file, &data)
}

fn ranking_file(
    data: &Snapshot,
    metric: Metric,
    extension: &str,
    query: &RankingFileQuery,
) -> Result<HttpResponse, AppError> {
    let file = FileType::parse(extension, query.format.as_deref())?;
    let request = query.request(data, metric)?;
    let answer = rank(data, &request);
    let filter = &request.filter;
    let mut stem = format!("kompass-rankning-{}", metric.slug(&data.catalogue));
    let mut title = match metric {
        Metric::Total => "Rankning på totalpoäng".to_string(),
        Metric::Theme(n) => format!(
            "Rankning på temat {}",
            data.catalogue.theme(n).map_or("", |t| t.name.as_str())
        ),
    };
    if let Some(r) = filter.revision {
        stem.push_str(&format!("-{r}"));
        title.push_str(&format!(", kriterier {r}"));
    }
    if let Some(c) = &filter.county {
        stem.push_str(&format!("-lan-{c}"));
        let county = data.municipalities.iter().find(|m| &m.county_code == c);
        title.push_str(&format!(
            ", {}",
            county.map_or(c.as_str(), |m| m.county.as_str())
        ));
    }
    let download = Download {
        table: comparisons::ranking(&answer),
        stem,
        title,
        description: "Varje kommuns senaste utvärdering som publicerade siffran, högst först; lika poäng delar placering.".into(),
    };
    send(download, file, data)
}

/// `/rankning.csv` and `.xlsx`: the ranking on the total.
pub async fn total_ranking_file(
    state: web::Data<AppState>,
    extension: web::Path<String>,
    query: web::Query<RankingFileQuery>,
) -> Result<HttpResponse, AppError> {
    ranking_file(&state.dataset(), Metric::Total, &extension, &query)
}

/// `/omrade/{slug}.csv` and `.xlsx`: the ranking on one theme.
pub async fn theme_ranking_file(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<RankingFileQuery>,
) -> Result<HttpResponse, AppError> {
    let (theme, extension) = path.into_inner();
    let data = state.dataset();
    let metric = params::ranking::file_metric(&data, &theme)?;
    ranking_file(&data, metric, &extension, &query)
}
