//! Handlers of what other sites and people republish: the charts as SVG and
//! PNG files, social cards, embeddable pages and Atom feeds. Thin, like the
//! pages: parse, take the snapshot, build, answer.

use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::pages::unknown_municipality;
use super::params::{self, ComparePageQuery, RankingPageQuery};
use super::{AppError, AppState};
use crate::domain::MunicipalityCode;
use crate::domain::analysis::Metric;
use crate::domain::answer::compare::{MIN_COMPARED, compare as comparison};
use crate::domain::answer::missing::missing;
use crate::domain::answer::profile::{MunicipalityProfile, profile};
use crate::domain::answer::ranking::rank;
use crate::domain::dataset::{ReportTexts, StoredEvaluation};
use crate::domain::snapshot::Snapshot;
use crate::views::chart::raster::{DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH};
use crate::views::pages::{self, compare, missing as missing_view, municipality, ranking};
use crate::views::publish::charts::{self, ChartFile};
use crate::views::publish::{card, embed, feed, map};

/// `?bredd=` of a PNG: pixels, 600-2400; 1200 when not given.
#[derive(Debug, Deserialize)]
pub struct ImageQuery {
    bredd: Option<String>,
}

impl ImageQuery {
    fn width(&self) -> Result<u32, AppError> {
        let Some(raw) = self.bredd.as_deref().map(str::trim) else {
            return Ok(DEFAULT_WIDTH);
        };
        raw.parse::<u32>()
            .ok()
            .filter(|w| (MIN_WIDTH..=MAX_WIDTH).contains(w))
            .ok_or_else(|| {
                AppError::bad_request(format!(
                    "Bredden ”{raw}” går inte att använda: ange bredd i pixlar, ett heltal från {MIN_WIDTH} till {MAX_WIDTH} (till exempel ?bredd={DEFAULT_WIDTH})."
                ))
            })
    }
}

/// A `bredd` spelled otherwise than its digits (`+1200`, `01200`, ` 1200`):
/// the same address with the digits, to move to for good (301), so that a
/// chart of one width has one address (and one entry in the cache). A
/// `bredd` that is no width at all is the handler's 400.
fn canonical_width(
    req: &HttpRequest,
    state: &AppState,
    bredd: Option<&str>,
) -> Option<HttpResponse> {
    let raw = bredd?;
    let width = raw
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|w| (MIN_WIDTH..=MAX_WIDTH).contains(w))?;
    let digits = width.to_string();
    if raw == digits {
        return None;
    }
    let query: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some(("bredd", _)) => format!("bredd={digits}"),
            _ => pair.to_string(),
        })
        .collect();
    let location = state
        .settings
        .public_url
        .join(&format!("{}?{}", req.path(), query.join("&")));
    Some(
        HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, location))
            .finish(),
    )
}

/// What a chart address asks for: the SVG, or a PNG of a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png(u32),
}

impl ImageFormat {
    fn parse(ext: &str, query: &ImageQuery) -> Result<Self, AppError> {
        match ext {
            "png" => Ok(Self::Png(query.width()?)),
            _ => Ok(Self::Svg),
        }
    }
}

/// A PNG is drawn on a blocking thread: rasterising takes milliseconds of
/// CPU that the server's event loop should not wait for.
async fn png_response(
    draw: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let drawn = web::block(draw).await;
    // Drawing took tens of MB, free now: given back soon.
    super::memory::large_work_done();
    let bytes = drawn
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().content_type("image/png").body(bytes))
}

async fn chart_response(file: ChartFile, format: ImageFormat) -> Result<HttpResponse, AppError> {
    match format {
        ImageFormat::Svg => Ok(HttpResponse::Ok()
            .content_type("image/svg+xml; charset=utf-8")
            .body(file.svg())),
        ImageFormat::Png(width) => {
            png_response(move || file.png(width).map_err(|e| e.to_string())).await
        }
    }
}

fn known_code(data: &Snapshot, text: &str) -> Result<MunicipalityCode, AppError> {
    text.parse::<MunicipalityCode>()
        .ok()
        .filter(|c| data.municipality(*c).is_some())
        .ok_or_else(|| unknown_municipality(data, text))
}

/// The profile of the municipality the text names, built once for what
/// the request shows of it.
fn known_profile<'a>(data: &'a Snapshot, text: &str) -> Result<MunicipalityProfile<'a>, AppError> {
    profile(data, known_code(data, text)?).ok_or_else(|| unknown_municipality(data, text))
}

/// `/kommun/{code}/diagram/{name}.{svg|png}`: a chart of the page as a file
/// with its title, source, licence and data version inside.
pub async fn municipality_chart(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    query: web::Query<ImageQuery>,
) -> Result<HttpResponse, AppError> {
    let (code_text, name, ext) = path.into_inner();
    if let Some(moved) = canonical_width(&req, &state, query.bredd.as_deref()) {
        return Ok(moved);
    }
    let format = ImageFormat::parse(&ext, &query)?;
    let data = state.dataset();
    let p = known_profile(&data, &code_text)?;
    let page = municipality::model(&data, &p, &ReportTexts::none());
    let file = charts::municipality(&data, &p, &page, &name).ok_or_else(|| {
        AppError::not_found(format!(
            "{} har inget diagram som heter ”{name}”.",
            page.name
        ))
    })?;
    chart_response(file, format).await
}

#[derive(Debug, Deserialize)]
pub struct CompareImageQuery {
    kommun: Option<String>,
    bredd: Option<String>,
}

/// A comparison of the address's municipalities, as the compare page shows
/// it, with the evaluations shown that published scores (the named ones
/// where the address names them). At least two municipalities, or `too_few`.
struct Shown<'a> {
    result: compare::CompareResult,
    evaluations: Vec<&'a StoredEvaluation>,
    /// The choices as `kommun` lists them.
    list: String,
}

fn shown<'a>(
    data: &'a Snapshot,
    kommun: Option<String>,
    too_few: &str,
) -> Result<Shown<'a>, AppError> {
    let request = ComparePageQuery {
        kommun,
        ..ComparePageQuery::default()
    }
    .parse(data)?;
    if request.choices.len() < MIN_COMPARED {
        return Err(AppError::not_found(too_few.to_string()));
    }
    let answer = comparison(data, &request.choices);
    let evaluations = answer
        .compared
        .iter()
        .flat_map(|c| [c.evaluation, c.areas_from])
        .flatten()
        .filter(|s| s.evaluation.has_published_scores())
        .collect();
    Ok(Shown {
        result: compare::result(data, &answer),
        evaluations,
        list: compare::list(&request.choices),
    })
}

/// `/jamfor/diagram.{svg|png}?kommun=...`: the comparison chart as a file.
pub async fn compare_chart(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<CompareImageQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    if let Some(moved) = canonical_width(&req, &state, query.bredd.as_deref()) {
        return Ok(moved);
    }
    let format = ImageFormat::parse(&path, &ImageQuery { bredd: query.bredd })?;
    let data = state.dataset();
    let shown = shown(
        &data,
        query.kommun,
        "Ett jämförelsediagram behöver minst två kommuner.",
    )?;
    let result = &shown.result;
    let file = charts::compare(&data, result, &shown.evaluations);
    chart_response(file, format).await
}

/// Marks a response as HTML (for the embeds and the error-free pages here).
pub fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(body)
}

/// `/kommun/{code}/bild.png`: the municipality's social card, 1200×630.
pub async fn municipality_card(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let card = card::municipality(&data, &known_profile(&data, &path)?);
    png_response(move || card.png().map_err(|e| e.to_string())).await
}

#[derive(Debug, Deserialize)]
pub struct CompareCardQuery {
    kommun: Option<String>,
}

/// `/jamfor/bild.png?kommun=...`: the comparison's social card.
pub async fn compare_card(
    state: web::Data<AppState>,
    query: web::Query<CompareCardQuery>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let shown = shown(
        &data,
        query.into_inner().kommun,
        "En jämförelse behöver minst två kommuner.",
    )?;
    let result = &shown.result;
    let card = card::compare(result, &shown.evaluations);
    png_response(move || card.png().map_err(|e| e.to_string())).await
}

#[derive(Debug, Deserialize)]
pub struct RankingCardQuery {
    revision: Option<String>,
    lan: Option<String>,
    kommungrupp: Option<String>,
}

fn ranking_card(
    data: &Snapshot,
    slug: Option<&str>,
    query: &RankingCardQuery,
) -> Result<card::Card, AppError> {
    let metric = match slug {
        None => Metric::Total,
        Some(s) => Metric::Theme(params::ranking::page_theme(data, s)?.number),
    };
    let request = RankingPageQuery {
        revision: query.revision.clone(),
        lan: query.lan.clone(),
        kommungrupp: query.kommungrupp.clone(),
        sortera: None,
    }
    .request(data, metric)?;
    Ok(card::ranking(&ranking::model(data, &rank(data, &request))))
}

/// `/saknas/bild.png`: the social card of what kompass does not know.
pub async fn missing_card(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let page = missing_view::model(&data, &missing(&data));
    let card = card::missing(&page);
    png_response(move || card.png().map_err(|e| e.to_string())).await
}

/// `/rankning/bild.png`: the total ranking's social card (filters as on the page).
pub async fn total_ranking_card(
    state: web::Data<AppState>,
    query: web::Query<RankingCardQuery>,
) -> Result<HttpResponse, AppError> {
    let card = ranking_card(&state.dataset(), None, &query)?;
    png_response(move || card.png().map_err(|e| e.to_string())).await
}

/// `/omrade/{slug}/bild.png`: a theme ranking's social card.
pub async fn theme_ranking_card(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<RankingCardQuery>,
) -> Result<HttpResponse, AppError> {
    let card = ranking_card(&state.dataset(), Some(&path), &query)?;
    png_response(move || card.png().map_err(|e| e.to_string())).await
}

/// `/kommun/{code}/inbadda`: the municipality's result for other sites'
/// frames (any site may frame it: `Kind::EMBED`).
pub async fn municipality_embed(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let p = known_profile(&data, &path)?;
    let page = municipality::model(&data, &p, &ReportTexts::none());
    let e = embed::municipality(&data, &p, &page);
    Ok(html(embed::render(&e, None).into_string()))
}

/// `/jamfor/inbadda?kommun=...`: a comparison for other sites' frames.
pub async fn compare_embed(
    state: web::Data<AppState>,
    query: web::Query<CompareCardQuery>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let shown = shown(
        &data,
        query.into_inner().kommun,
        "En jämförelse behöver minst två kommuner.",
    )?;
    let result = &shown.result;
    let e = embed::compare(&data, result, &shown.evaluations, &shown.list);
    Ok(html(embed::render(&e, None).into_string()))
}

/// The site's absolute address, for the ids and links of the feeds (Atom
/// needs absolute ones): the configured public address, never the request's
/// `Host`, so every client and every replica gets the same feed.
fn site_base(state: &AppState) -> String {
    state.settings.public_url.as_str().to_string()
}

fn atom(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(body)
}

/// `/nytt.atom`: every evaluation with published scores, newest first.
pub async fn site_feed(state: web::Data<AppState>) -> HttpResponse {
    let data = state.dataset();
    atom(feed::feed(&data, &site_base(&state), &feed::Scope::All))
}

/// `/kommun/{code}/nytt.atom`: one municipality's evaluations.
pub async fn municipality_feed(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let data = state.dataset();
    let code = known_code(&data, &path)?;
    let m = data
        .municipality(code)
        .ok_or_else(|| unknown_municipality(&data, &path))?;
    Ok(atom(feed::feed(
        &data,
        &site_base(&state),
        &feed::Scope::Municipality(m),
    )))
}

/// `/karta.{svg|png}`: the start page's map as a file.
pub async fn coverage_map(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ImageQuery>,
) -> Result<HttpResponse, AppError> {
    let format = ImageFormat::parse(&path, &query)?;
    let data = state.dataset();
    let file = map::file(&data, &pages::map::coverage(&data));
    chart_response(file, format).await
}

/// `/rankning/karta.{svg|png}`: the total ranking's map as a file, with the
/// page's filters (`revision`, `lan`, `kommungrupp`).
pub async fn ranking_map(
    state: web::Data<AppState>,
    path: web::Path<String>,
    filters: web::Query<RankingPageQuery>,
    query: web::Query<ImageQuery>,
) -> Result<HttpResponse, AppError> {
    let format = ImageFormat::parse(&path, &query)?;
    let data = state.dataset();
    let request = filters.request(&data, Metric::Total)?;
    let ranking = rank(&data, &request);
    let block = pages::map::ranking(&data, &ranking, String::new())
        .ok_or_else(|| AppError::not_found("Kartan visar bara totalpoängen.".to_string()))?;
    chart_response(map::file(&data, &block), format).await
}
