//! Downloads: each table as CSV (two flavours) and as .xlsx, plus
//! `datapackage.json` and the zip. Thin: parse the request, build the table
//! once with `views::csv` from the same view models as the JSON and the
//! pages, and write it in the format the address ends with (`.xlsx`,
//! `.csv`, `-excel.csv`: each route serves a table's `.{ext}` and its
//! `-excel.csv`), under a meaningful file name. `.csv?format=excel`, the
//! Excel flavour's old address, is a redirect to its own.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::http::header::{
    self, ContentDisposition, DispositionParam, DispositionType, HeaderName, HeaderValue,
};
use actix_web::{HttpRequest, HttpResponse, web};

use super::compress::Coding;
use super::params::file::{Asked, CompareFileQuery, FileType, FormatQuery, excel_address};
use super::params::{self, RankingFileQuery};
use super::spool::Spooled;
use super::{AppError, AppState};
use crate::domain::analysis::Metric;
use crate::domain::answer::compare::compare as comparison;
use crate::domain::answer::missing::missing;
use crate::domain::answer::profile::profile;
use crate::domain::answer::ranking::rank;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::slug;
use crate::views::csv::{self, Flavour, Table, comparisons, tables};
use crate::views::package::{RESOURCES, Resource};
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

/// What the matched route asks for: a route without `{ext}` is the Excel
/// CSV's own (`...-excel.csv`); else the extension and `format` say.
fn asked(req: &HttpRequest, format: Option<&str>) -> Result<Asked, AppError> {
    FileType::parse(req.match_info().get("ext"), format)
}

/// The file `req` asks for, or (`.csv?format=excel`) the redirect to the
/// Excel CSV's own address, which a static copy of the site also holds.
fn file_or_moved(
    req: &HttpRequest,
    format: Option<&str>,
) -> Result<Result<FileType, HttpResponse>, AppError> {
    Ok(match asked(req, format)? {
        Asked::File(file) => Ok(file),
        Asked::Moved => Err(HttpResponse::MovedPermanently()
            .insert_header((
                header::LOCATION,
                excel_address(req.path(), req.query_string()),
            ))
            .finish()),
    })
}

/// A path segment of the matched route.
fn segment(req: &HttpRequest, name: &str) -> String {
    req.match_info().query(name).to_string()
}

/// `/data/{name}.csv`, `-excel.csv` and `.xlsx`: a table of the described
/// dataset, written once per data version into a file it is sent from
/// (`spool`).
pub async fn resource_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let file = match file_or_moved(&req, query.format.as_deref())? {
        Ok(file) => file,
        Err(moved) => return Ok(moved),
    };
    let name = segment(&req, "name");
    let resource = package::resource(&name).ok_or_else(|| {
        AppError::not_found(format!(
            "Det finns ingen fil {}. Se /data/datapackage.json.",
            req.path()
        ))
    })?;
    let data = state.dataset();
    let (spooled, written) = table_file(&state, &data, resource, file).await?;
    let content_type = match file {
        FileType::Csv(_) => "text/csv; charset=utf-8; header=present",
        FileType::Xlsx => xlsx::CONTENT_TYPE,
    };
    let headers = file_headers(content_type, spooled.clone());
    state
        .spool
        .respond(&req, &data.fingerprint, &spooled, written, &headers)
        .await
}

/// A table of the package as a spooled file, with its file name
/// (`kompass.csv`, `kompass-excel.csv`, `kompass.xlsx`).
async fn table_file(
    state: &AppState,
    data: &Arc<Snapshot>,
    resource: &'static Resource,
    file: FileType,
) -> Result<(String, Arc<Spooled>), AppError> {
    let name = match file {
        FileType::Csv(flavour) => format!("{}{}.csv", resource.name, flavour.file_suffix()),
        FileType::Xlsx => format!("{}.xlsx", resource.name),
    };
    let source = data.clone();
    let written = state
        .spool
        .file(&data.fingerprint, &name, move |out| {
            let (columns, rows) = (resource.columns, (resource.rows)(&source));
            match file {
                FileType::Csv(flavour) => csv::write_rows(columns, rows, flavour, out)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                FileType::Xlsx => {
                    let title = resource.title.to_string();
                    let about = package::about(&source, title, resource.description.into());
                    xlsx::write_workbook(columns, rows, &about, out).map_err(|e| e.to_string())
                }
            }
        })
        .await?;
    Ok((name, written))
}

/// A spooled file's type and name (`Content-Disposition: attachment`).
fn file_headers(content_type: &'static str, name: String) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = vec![(header::CONTENT_TYPE, HeaderValue::from_static(content_type))];
    if let Ok(value) = HeaderValue::from_str(&attachment(name).to_string()) {
        headers.push((header::CONTENT_DISPOSITION, value));
    }
    headers
}

pub async fn datapackage(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(package::datapackage(&state.dataset()))
}

/// `/data/kompass.zip`, spooled like the tables, from their spooled files
/// (each table is made once, whichever is asked for first).
pub async fn zip(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let mut tables = HashMap::new();
    for resource in RESOURCES {
        for file in [FileType::Csv(Flavour::Standard), FileType::Xlsx] {
            let (name, written) = table_file(&state, &data, resource, file).await?;
            tables.insert(name, written);
        }
    }
    let written = zip_file(&state, &data, tables).await?;
    let headers = file_headers("application/zip", "kompass.zip".into());
    state
        .spool
        .respond(&req, &data.fingerprint, "kompass.zip", written, &headers)
        .await
}

/// The zip as a spooled file, made from the tables' files.
async fn zip_file(
    state: &AppState,
    data: &Arc<Snapshot>,
    tables: HashMap<String, Arc<Spooled>>,
) -> Result<Arc<Spooled>, AppError> {
    let source = data.clone();
    state
        .spool
        .file(&data.fingerprint, "kompass.zip", move |out| {
            let made = |name: &str| {
                tables
                    .get(name)
                    .map(|t| Box::new(t.reader()) as Box<dyn std::io::Read + '_>)
            };
            package::write_zip_with(&source, out, made).map_err(|e| e.to_string())
        })
        .await
}

/// `/kommun/{code}.csv`, `-excel.csv` and `.xlsx`: the municipality's
/// evaluations, long format.
pub async fn municipality_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let file = match file_or_moved(&req, query.format.as_deref())? {
        Ok(file) => file,
        Err(moved) => return Ok(moved),
    };
    let code = params::parse_code(&segment(&req, "code"))?;
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

/// `/jamfor.csv?kommun=...` (and `-excel.csv`, `.xlsx`): the compare table.
pub async fn compare_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<CompareFileQuery>,
) -> Result<HttpResponse, AppError> {
    let file = match file_or_moved(&req, query.format.as_deref())? {
        Ok(file) => file,
        Err(moved) => return Ok(moved),
    };
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
        table: comparisons::compare(&answer, &data),
        stem: format!("kompass-jamfor-{}", codes.join("-")),
        title: format!("Jämförelse: {}", names.join(", ")),
        description: "En rad per kommun och mått (totalpoäng, sedan de åtta temana), från den utvärdering som angavs för kommunen, annars den som publicerat flest områden. Områden från äldre kriterier visas under sitt tema enligt korsnyckeln, med jämförbarheten angiven.".into(),
    };
    send(download, file, &data)
}

fn ranking_file(
    data: &Snapshot,
    metric: Metric,
    req: &HttpRequest,
    query: &RankingFileQuery,
) -> Result<HttpResponse, AppError> {
    let file = match file_or_moved(req, query.format.as_deref())? {
        Ok(file) => file,
        Err(moved) => return Ok(moved),
    };
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
    if let Some(c) = filter.county {
        stem.push_str(&format!("-lan-{c}"));
        let county = data.municipalities.iter().find(|m| m.county_code == c);
        title.push_str(&format!(
            ", {}",
            county.map_or(c.as_str(), |m| m.county.as_str())
        ));
    }
    let download = Download {
        table: comparisons::ranking(&answer, data),
        stem,
        title,
        description: "Varje kommuns senaste utvärdering som publicerade siffran, högst först; lika poäng delar placering.".into(),
    };
    send(download, file, data)
}

/// `/rankning.csv` (and `-excel.csv`, `.xlsx`): the ranking on the total.
pub async fn total_ranking_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RankingFileQuery>,
) -> Result<HttpResponse, AppError> {
    ranking_file(&state.dataset(), Metric::Total, &req, &query)
}

/// `/omrade/{slug}.csv` (and `-excel.csv`, `.xlsx`): the ranking on one
/// theme.
pub async fn theme_ranking_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RankingFileQuery>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let metric = params::ranking::file_metric(&data, &segment(&req, "theme"))?;
    ranking_file(&data, metric, &req, &query)
}

/// `/saknas.csv` (and `-excel.csv`, `.xlsx`): the evaluations known without
/// figures, each with the address of `/bidra` that names it.
pub async fn missing_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<FormatQuery>,
) -> Result<HttpResponse, AppError> {
    let file = match file_or_moved(&req, query.format.as_deref())? {
        Ok(file) => file,
        Err(moved) => return Ok(moved),
    };
    let data = state.dataset();
    let site = state.settings.public_url.join("");
    let download = Download {
        table: csv::missing::missing(&missing(&data), &site),
        stem: "kompass-utvarderingar-utan-siffror".into(),
        title: "Utvärderingar utan siffror".into(),
        description: "Utvärderingar med Kommunkompassen som kompass vet har gjorts men saknar publicerade poäng för, en rad per utvärdering: källan som säger att den gjordes och adressen där den som har siffrorna kan bidra med dem.".into(),
    };
    send(download, file, &data)
}

/// Writes the files a visitor most likely asks for (each table as CSV and
/// workbook, the zip, and the dataset's CSV in brotli) in the background,
/// one at a time, whenever the data version changes: the first visitor
/// finds them ready, as on a static server. A failure is logged; the file
/// is then written on request.
pub async fn warm(state: Arc<AppState>) {
    let mut warmed = String::new();
    loop {
        // First a pause: a server that just started answers its first
        // visitors before it writes files.
        actix_web::rt::time::sleep(std::time::Duration::from_secs(2)).await;
        let data = state.dataset();
        if data.fingerprint != warmed {
            match warm_version(&state, &data).await {
                Ok(()) => warmed = data.fingerprint.clone(),
                Err(e) => tracing::warn!(error = %e, "could not write the dataset's files ahead"),
            }
        }
    }
}

async fn warm_version(state: &AppState, data: &Arc<Snapshot>) -> Result<(), AppError> {
    for resource in RESOURCES {
        for file in [FileType::Csv(Flavour::Standard), FileType::Xlsx] {
            let (name, written) = table_file(state, data, resource, file).await?;
            if name == "kompass.csv" {
                let (version, br) = (&data.fingerprint, Coding::Brotli);
                state.spool.coded(version, &name, &written, br).await?;
            }
        }
    }
    let mut tables = HashMap::new();
    for resource in RESOURCES {
        for file in [FileType::Csv(Flavour::Standard), FileType::Xlsx] {
            let (name, written) = table_file(state, data, resource, file).await?;
            tables.insert(name, written);
        }
    }
    zip_file(state, data, tables).await.map(|_| ())
}
