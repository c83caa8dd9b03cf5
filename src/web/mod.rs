//! The HTTP server: state, routes (declared in `routes`, each with its kind,
//! and the JSON API in `api_routes`, whose handlers also make up the OpenAPI
//! document), the middleware (`respond`: the response cache and
//! compression; `route::Kind`: what the route declares: methods, error
//! format, policy headers, render slots), and start-up. It only reads: the
//! database is opened read-only; the inbox (`inbox.rs`, a file of its own)
//! is its one write.

pub mod api;
pub mod api_analysis;
pub mod api_doc;
pub mod api_registers;
pub mod cache;
pub mod client;
pub mod compress;
pub mod config;
pub mod contribute;
pub mod downloads;
pub mod error;
pub mod inbox;
pub mod memory;
pub mod pages;
pub mod params;
pub mod per_client;
pub mod policy;
pub mod precompress;
pub mod publish;
pub mod respond;
pub mod route;
pub mod spool;
pub mod state;
pub mod upload;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{NormalizePath, TrailingSlash};
use actix_web::{App, HttpServer, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

pub use config::{PublicUrl, Settings};
pub use error::{AppError, ErrorFormat};
pub use route::Kind;
pub use state::AppState;

/// Every route of the portal outside the JSON API, in one place, each with
/// its kind (`route::Kind`: a page, an embed, public data, a dataset file, a
/// form): downloads first (a page route such as `/kommun/{code}` would also
/// match `/kommun/1881.csv`), then the publishing routes, then the pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    download_routes(cfg);
    publishing_routes(cfg);
    page_routes(cfg);
    cfg.default_service(actix_web::dev::fn_service(route::fallback));
}

/// A route answering GET (and HEAD) with `handler`, of `kind`.
fn get<F, Args>(cfg: &mut web::ServiceConfig, pattern: &str, kind: Kind, handler: F)
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    cfg.service(web::resource(pattern).wrap(kind).get(handler));
}

/// Each table is a `.csv`, a `-excel.csv` (the CSV Swedish Excel opens:
/// a path of its own, first, as `{x}.csv` would also match it) and an
/// `.xlsx`; the whole set also as a zip and a data package.
#[rustfmt::skip]
fn download_routes(cfg: &mut web::ServiceConfig) {
    get(cfg, "/api", Kind::DATA, api_doc::page);
    // An address under `/api/` outside the API is the API's 404, in JSON.
    get(cfg, "/api/{rest:.*}", Kind::API, route::not_found);
    get(cfg, "/data/datapackage.json", Kind::DATA, downloads::datapackage);
    get(cfg, "/data/kompass.zip", Kind::SPOOLED, downloads::zip);
    table(cfg, "/data/{name}", Kind::SPOOLED, downloads::resource_file);
    table(cfg, "/kommun/{code}", Kind::DATA, downloads::municipality_file);
    table(cfg, "/jamfor", Kind::DATA, downloads::compare_file);
    table(cfg, "/rankning", Kind::DATA, downloads::total_ranking_file);
    table(cfg, "/saknas", Kind::DATA, downloads::missing_file);
    table(cfg, "/omrade/{theme}", Kind::DATA, downloads::theme_ranking_file);
    table(cfg, "/forandring", Kind::DATA, downloads::changes_file);
}

/// A table's three files, `{stem}-excel.csv` first, then `{stem}.csv` and
/// `{stem}.xlsx`, answered by one `handler`.
fn table<F, Args>(cfg: &mut web::ServiceConfig, stem: &str, kind: Kind, handler: F)
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    get(cfg, &format!("{stem}-excel.csv"), kind, handler.clone());
    get(cfg, &format!("{stem}.{{ext:csv|xlsx}}"), kind, handler);
}

/// Chart files, social cards, embeds and feeds. A chart's SVG is a render,
/// its PNG an image (drawn on slots of its own).
#[rustfmt::skip]
fn publishing_routes(cfg: &mut web::ServiceConfig) {
    let chart = r"/kommun/{code:\d{4}}/diagram/{name:[a-z0-9-]+}";
    get(cfg, &format!("{chart}.{{ext:svg}}"), Kind::PAGE, publish::municipality_chart);
    get(cfg, &format!("{chart}.{{ext:png}}"), Kind::IMAGE, publish::municipality_chart);
    get(cfg, r"/kommun/{code:\d{4}}/bild.png", Kind::IMAGE, publish::municipality_card);
    get(cfg, r"/kommun/{code:\d{4}}/inbadda", Kind::EMBED, publish::municipality_embed);
    get(cfg, "/jamfor/inbadda", Kind::EMBED, publish::compare_embed);
    get(cfg, "/nytt.atom", Kind::PAGE, publish::site_feed);
    get(cfg, r"/kommun/{code:\d{4}}/nytt.atom", Kind::PAGE, publish::municipality_feed);
    get(cfg, "/jamfor/bild.png", Kind::IMAGE, publish::compare_card);
    get(cfg, "/jamfor/diagram.{ext:svg}", Kind::PAGE, publish::compare_chart);
    get(cfg, "/jamfor/diagram.{ext:png}", Kind::IMAGE, publish::compare_chart);
    get(cfg, "/karta.{ext:svg}", Kind::PAGE, publish::coverage_map);
    get(cfg, "/karta.{ext:png}", Kind::IMAGE, publish::coverage_map);
    get(cfg, "/rankning/karta.{ext:svg}", Kind::PAGE, publish::ranking_map);
    get(cfg, "/rankning/karta.{ext:png}", Kind::IMAGE, publish::ranking_map);
    get(cfg, "/rankning/bild.png", Kind::IMAGE, publish::total_ranking_card);
    get(cfg, "/saknas/bild.png", Kind::IMAGE, publish::missing_card);
    get(cfg, "/omrade/{slug:[a-z0-9-]+}/bild.png", Kind::IMAGE, publish::theme_ranking_card);
    ranking_and_change_publishing(cfg);
}

/// The ranking pages' and the change page's charts, embeds and cards.
#[rustfmt::skip]
fn ranking_and_change_publishing(cfg: &mut web::ServiceConfig) {
    let theme = "/omrade/{slug:[a-z0-9-]+}";
    get(cfg, "/rankning/diagram.{ext:svg}", Kind::PAGE, publish::total_ranking_chart);
    get(cfg, "/rankning/diagram.{ext:png}", Kind::IMAGE, publish::total_ranking_chart);
    get(cfg, &format!("{theme}/diagram.{{ext:svg}}"), Kind::PAGE, publish::theme_ranking_chart);
    get(cfg, &format!("{theme}/diagram.{{ext:png}}"), Kind::IMAGE, publish::theme_ranking_chart);
    get(cfg, "/rankning/inbadda", Kind::EMBED, publish::total_ranking_embed);
    get(cfg, &format!("{theme}/inbadda"), Kind::EMBED, publish::theme_ranking_embed);
    get(cfg, "/forandring/diagram.{ext:svg}", Kind::PAGE, publish::changes_chart);
    get(cfg, "/forandring/diagram.{ext:png}", Kind::IMAGE, publish::changes_chart);
    get(cfg, "/forandring/bild.png", Kind::IMAGE, publish::changes_card);
    get(cfg, "/forandring/inbadda", Kind::EMBED, publish::changes_embed);
}

/// The public pages and their assets.
#[rustfmt::skip]
fn page_routes(cfg: &mut web::ServiceConfig) {
    get(cfg, "/", Kind::PAGE, pages::home);
    get(cfg, "/sok", Kind::PAGE, pages::search);
    get(cfg, r"/kommun/{key:\d{4}(-[^/.]+)?}", Kind::PAGE, pages::municipality);
    get(cfg, r"/kommun/{code:\d{4}}/sammanfattning", Kind::PAGE, pages::municipality_summary);
    get(cfg, "/kommun/{text:[^./]+}", Kind::PAGE, pages::municipality_by_text);
    get(cfg, "/jamfor", Kind::PAGE, pages::compare_page);
    get(cfg, "/rankning", Kind::PAGE, pages::ranking_total);
    get(cfg, "/omrade/{slug:[a-z0-9-]+}", Kind::PAGE, pages::ranking_theme);
    get(cfg, "/forandring", Kind::PAGE, pages::changes_page);
    get(cfg, "/kommuner", Kind::PAGE, pages::municipality_list);
    get(cfg, "/saknas", Kind::PAGE, pages::missing_page);
    get(cfg, "/om", Kind::PAGE, pages::about_page);
    contribute::routes(cfg);
    inbox::routes(cfg);
    get(cfg, "/assets/kompass.css", Kind::PAGE, pages::stylesheet);
    get(cfg, "/assets/kompass.svg", Kind::PAGE, pages::icon);
    get(cfg, "/favicon.ico", Kind::PAGE, pages::favicon);
}

/// The JSON API under `/api/v1`. Handlers mounted with `service` enter the
/// OpenAPI document; `openapi.json` itself is a plain route.
pub fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::municipalities)
        .service(api::municipality)
        .service(api::evaluations)
        .service(api::evaluation)
        .service(api_registers::revisions)
        .service(api_registers::themes)
        .service(api_registers::benchmarks)
        .service(api_analysis::compare)
        .service(api_analysis::ranking)
        .service(api_analysis::changes)
        .route("/openapi.json", web::get().to(api_doc::openapi_json));
}

/// The OpenAPI document, as the server mounts the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    App::new()
        .into_utoipa_app()
        .openapi(api_doc::ApiDoc::openapi())
        .service(utoipa_actix_web::scope("/api/v1").configure(api_routes))
        .split_for_parts()
        .1
}

/// The application: routes, the OpenAPI document, error handlers, and the
/// `respond` middleware around all of it. The server and `kompass export`
/// both answer through it, so their bytes are the same.
pub fn app(
    state: Arc<AppState>,
    spec: web::Data<api_doc::ApiSpec>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let data = web::Data::from(state.clone());
    App::new()
        .into_utoipa_app()
        .openapi(api_doc::ApiDoc::openapi())
        .service(
            utoipa_actix_web::scope("/api/v1")
                .wrap(Kind::API)
                .configure(api_routes),
        )
        .into_app()
        .app_data(spec)
        .wrap(NormalizePath::new(TrailingSlash::Trim))
        .wrap(respond::Respond::new(state))
        .app_data(data)
        .app_data(
            web::PathConfig::default()
                .error_handler(|err, _| AppError::bad_request(err.to_string()).into()),
        )
        .app_data(web::QueryConfig::default().error_handler(|err, _| {
            AppError::InvalidQuery {
                detail: err.to_string(),
            }
            .into()
        }))
        .configure(routes)
}

/// The API's description for this data, as `app` takes it.
pub fn api_spec(state: &AppState) -> web::Data<api_doc::ApiSpec> {
    web::Data::new(api_doc::ApiSpec::new(&openapi(), &state.dataset()))
}

/// Answers go out as soon as they are written: without `TCP_NODELAY` a
/// small compressed answer on a kept-alive connection waits ~40 ms for the
/// client's delayed ACK (Nagle).
fn no_delay(connection: &dyn std::any::Any, _: &mut actix_web::dev::Extensions) {
    if let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>()
        && let Err(e) = stream.set_nodelay(true)
    {
        tracing::debug!(error = %e, "could not set TCP_NODELAY");
    }
}

/// Starts the server on an already bound listener (tests bind port 0),
/// and the background writing of the dataset's files (`downloads::warm`).
pub fn run(listener: TcpListener, state: web::Data<AppState>) -> std::io::Result<Server> {
    let state = state.into_inner();
    let spec = api_spec(&state);
    actix_web::rt::spawn(downloads::warm(state.clone()));
    let server = HttpServer::new(move || app(state.clone(), spec.clone()))
        .on_connect(no_delay)
        .listen(listener)?
        .run();
    Ok(server)
}
