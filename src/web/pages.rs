//! Handlers of the public HTML pages and their SVG charts. Thin: parse the
//! request, take the current snapshot, build the view model, render.

use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use super::params::{self, ComparePageQuery, RankingPageQuery, SearchQuery};
use super::{AppError, AppState};
use crate::domain::MunicipalityCode;
use crate::domain::analysis::Metric;
use crate::domain::answer::compare::compare as comparison;
use crate::domain::answer::missing::missing;
use crate::domain::answer::profile::profile;
use crate::domain::answer::ranking::rank;
use crate::domain::dataset::ReportTexts;
use crate::domain::search::cap_query;
use crate::domain::snapshot::Snapshot;
use crate::views::pages::municipality::summary;
use crate::views::pages::{
    about, compare, home, missing as missing_view, municipalities, municipality, ranking, search,
};

const STYLESHEET: &str = include_str!("../../assets/kompass.css");
const ICON: &str = include_str!("../../assets/kompass.svg");

fn html(page: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(page.into_string())
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .finish()
}

/// The absolute address of `path` on the site, for canonical links and
/// Open Graph (`og:url` must be absolute): from the configured public
/// address, never from the request's `Host` or forwarded headers.
fn absolute(state: &AppState, path: &str) -> Option<String> {
    Some(state.settings.public_url.join(path))
}

/// The request's own address (path and query) on the site.
fn here(state: &AppState, req: &HttpRequest) -> Option<String> {
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.path(), |pq| pq.as_str());
    absolute(state, path)
}

pub async fn home(state: web::Data<AppState>) -> HttpResponse {
    let data = state.dataset();
    html(home::render(&home::model(&data), absolute(&state, "/")))
}

pub async fn search(state: web::Data<AppState>, query: web::Query<SearchQuery>) -> HttpResponse {
    let data = state.dataset();
    match search::model(&data, query.text()) {
        search::SearchOutcome::Redirect(href) => see_other(&href),
        // One canonical address for every search: the results are not a page to index.
        search::SearchOutcome::Page(page) => html(search::render(&page, absolute(&state, "/sok"))),
    }
}

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(STYLESHEET)
}

/// `/favicon.ico`: the icon as browsers ask for it on any page that names
/// none (an embed in another site's frame, a file opened on its own); drawn
/// once from the same SVG.
pub async fn favicon() -> Result<HttpResponse, AppError> {
    static ICO: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let bytes = match ICO.get() {
        Some(b) => b.clone(),
        None => {
            let made = crate::views::chart::raster::ico(ICON, 32).map_err(AppError::internal)?;
            ICO.get_or_init(|| made).clone()
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("image/x-icon")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(bytes))
}

pub async fn icon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(ICON)
}

/// What `build` makes of the profile of `code` and the report texts it
/// shows, on one data version: the profile names the evaluation whose texts
/// are read; when the texts are of a newer data version, the data is
/// reloaded and the profile built again on it. `None`: no municipality has
/// the code.
async fn with_profile<T>(
    state: &std::sync::Arc<AppState>,
    code: Option<MunicipalityCode>,
    build: impl Fn(
        &Snapshot,
        &crate::domain::answer::profile::MunicipalityProfile<'_>,
        &ReportTexts,
    ) -> T,
) -> Result<Result<T, std::sync::Arc<Snapshot>>, AppError> {
    let mut reloaded = false;
    loop {
        let data = state.dataset();
        let Some(p) = code.and_then(|c| profile(&data, c)) else {
            return Ok(Err(data));
        };
        let texts = match p.detail() {
            None => ReportTexts::none(),
            Some(d) => {
                let (texts, current) = state.report_texts(&data, &d.id).await?;
                if !current && !reloaded {
                    reloaded = true;
                    continue;
                }
                texts
            }
        };
        return Ok(Ok(build(&data, &p, &texts)));
    }
}

/// `/kommun/{code}` or `/kommun/{code}-{slug}`. A wrong slug redirects to the
/// right one, so old or hand-typed links keep working.
pub async fn municipality(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = path.into_inner();
    let (code_text, slug) = key.split_at(key.len().min(4));
    let code = code_text.parse::<MunicipalityCode>().ok();
    let state = state.into_inner();
    let page = match with_profile(&state, code, municipality::model).await? {
        Ok(page) => page,
        Err(data) => return Err(unknown_municipality(&data, &key)),
    };
    if !slug.is_empty() && format!("/kommun/{key}") != page.href {
        return Ok(HttpResponse::PermanentRedirect()
            .insert_header((header::LOCATION, page.href.clone()))
            .finish());
    }
    Ok(html(municipality::render(
        &page,
        absolute(&state, &page.href),
    )))
}

/// `/kommun/{code}/sammanfattning`: the municipality on one A4 page.
pub async fn municipality_summary(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = path.into_inner();
    let code = key.parse::<MunicipalityCode>().ok();
    let state = state.into_inner();
    let page = match with_profile(&state, code, summary::model).await? {
        Ok(page) => page,
        Err(data) => return Err(unknown_municipality(&data, &key)),
    };
    let url = absolute(&state, &format!("/kommun/{key}/sammanfattning"));
    let page_url = absolute(&state, &page.href);
    Ok(html(summary::render(&page, url, page_url)))
}

/// `/kommun/{anything else}`: a 404 that suggests names close to the text.
pub async fn municipality_by_text(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    Err(unknown_municipality(&state.dataset(), cap_query(&path)))
}

pub(crate) fn unknown_municipality(data: &Snapshot, text: &str) -> AppError {
    let words = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    let suggestions = search::suggestions(data, if words.is_empty() { text } else { words });
    AppError::not_found(format!(
        "Det finns ingen kommun med koden eller namnet ”{text}”."
    ))
    .with_suggestions(suggestions)
}

pub async fn compare_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let request = ComparePageQuery::from_pairs(&query).parse(&data)?;
    let answer = comparison(&data, &request.choices);
    match compare::model(&data, &request, &answer) {
        compare::CompareOutcome::Redirect(href) => Ok(see_other(&href)),
        compare::CompareOutcome::Page(page) => Ok(html(compare::render(&page, here(&state, &req)))),
    }
}

fn ranking_page(
    state: &AppState,
    req: &HttpRequest,
    slug: Option<&str>,
    query: &RankingPageQuery,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let metric = match slug {
        None => Metric::Total,
        Some(s) => Metric::Theme(params::ranking::page_theme(&data, s)?.number),
    };
    let request = query.request(&data, metric)?;
    let page = ranking::model(&data, &rank(&data, &request));
    Ok(html(ranking::render(&page, here(state, req))))
}

pub async fn ranking_total(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RankingPageQuery>,
) -> Result<HttpResponse, AppError> {
    ranking_page(&state, &req, None, &query)
}

pub async fn ranking_theme(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<RankingPageQuery>,
) -> Result<HttpResponse, AppError> {
    ranking_page(&state, &req, Some(&path), &query)
}

/// `/kommuner?visa=utvarderade`: which municipalities the list shows.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    visa: Option<String>,
}

pub async fn municipality_list(
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> HttpResponse {
    let data = state.dataset();
    let show = municipalities::Show::from_word(query.visa.as_deref());
    html(municipalities::render(
        &municipalities::model(&data, show),
        absolute(&state, &show.href()),
    ))
}

pub async fn about_page(state: web::Data<AppState>) -> HttpResponse {
    let data = state.dataset();
    html(about::render(&about::model(&data), absolute(&state, "/om")))
}

/// `/saknas`: the evaluations kompass knows without figures.
pub async fn missing_page(state: web::Data<AppState>) -> HttpResponse {
    let data = state.dataset();
    let page = missing_view::model(&data, &missing(&data));
    html(missing_view::render(
        &page,
        absolute(&state, missing_view::PATH),
    ))
}
