//! The HTTP server: state, routes (declared in `routes`, and the JSON API in
//! `api_routes`, whose handlers also make up the OpenAPI document), the
//! middleware (`respond`: methods, the response cache, compression and the
//! policy headers), and start-up. It only reads: the database is opened
//! read-only.

pub mod api;
pub mod api_analysis;
pub mod api_doc;
pub mod api_reference;
pub mod cache;
pub mod compress;
pub mod config;
pub mod contribute;
pub mod downloads;
pub mod error;
pub mod framing;
pub mod pages;
pub mod params;
pub mod policy;
pub mod precompress;
pub mod publish;
pub mod respond;
pub mod spool;
pub mod state;
pub mod upload;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{NormalizePath, TrailingSlash};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

pub use config::{PublicUrl, Settings};
pub use error::{AppError, Format};
pub use state::AppState;

/// Every route of the portal outside the JSON API, in one place: downloads
/// first (a page route such as `/kommun/{code}` would also match
/// `/kommun/1881.csv`), then the publishing routes, then the pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    download_routes(cfg);
    publishing_routes(cfg);
    page_routes(cfg);
    cfg.default_service(web::to(not_found));
}

/// Each table is a `.csv` and an `.xlsx`; the whole set also as a zip and a
/// data package.
fn download_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api", web::get().to(api_doc::page))
        .route(
            "/data/datapackage.json",
            web::get().to(downloads::datapackage),
        )
        .route("/data/kompass.zip", web::get().to(downloads::zip))
        .route(
            "/data/{name}.{ext:csv|xlsx}",
            web::get().to(downloads::resource_file),
        )
        .route(
            "/kommun/{code}.{ext:csv|xlsx}",
            web::get().to(downloads::municipality_file),
        )
        .route(
            "/jamfor.{ext:csv|xlsx}",
            web::get().to(downloads::compare_file),
        )
        .route(
            "/rankning.{ext:csv|xlsx}",
            web::get().to(downloads::total_ranking_file),
        )
        .route(
            "/saknas.{ext:csv|xlsx}",
            web::get().to(downloads::missing_file),
        )
        .route(
            "/omrade/{theme}.{ext:csv|xlsx}",
            web::get().to(downloads::theme_ranking_file),
        );
}

/// Chart files, social cards, embeds and feeds.
fn publishing_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        r"/kommun/{code:\d{4}}/diagram/{name:[a-z0-9-]+}.{ext:svg|png}",
        web::get().to(publish::municipality_chart),
    )
    .route(
        r"/kommun/{code:\d{4}}/bild.png",
        web::get().to(publish::municipality_card),
    )
    .route(
        r"/kommun/{code:\d{4}}/inbadda",
        web::get().to(publish::municipality_embed),
    )
    .route("/jamfor/inbadda", web::get().to(publish::compare_embed))
    .route("/nytt.atom", web::get().to(publish::site_feed))
    .route(
        r"/kommun/{code:\d{4}}/nytt.atom",
        web::get().to(publish::municipality_feed),
    )
    .route("/jamfor/bild.png", web::get().to(publish::compare_card))
    .route(
        "/jamfor/diagram.{ext:svg|png}",
        web::get().to(publish::compare_chart),
    )
    .route(
        "/rankning/bild.png",
        web::get().to(publish::total_ranking_card),
    )
    .route("/saknas/bild.png", web::get().to(publish::missing_card))
    .route(
        "/omrade/{slug:[a-z0-9-]+}/bild.png",
        web::get().to(publish::theme_ranking_card),
    );
}

/// The public pages and their assets.
fn page_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(pages::home))
        .route("/sok", web::get().to(pages::search))
        .route(
            r"/kommun/{key:\d{4}(-[^/.]+)?}",
            web::get().to(pages::municipality),
        )
        .route(
            "/kommun/{text:[^./]+}",
            web::get().to(pages::municipality_by_text),
        )
        .route("/jamfor", web::get().to(pages::compare_page))
        .route("/rankning", web::get().to(pages::ranking_total))
        .route(
            "/omrade/{slug:[a-z0-9-]+}",
            web::get().to(pages::ranking_theme),
        )
        .route("/kommuner", web::get().to(pages::municipality_list))
        .route("/saknas", web::get().to(pages::missing_page))
        .route("/om", web::get().to(pages::about_page))
        .configure(contribute::routes)
        .route("/assets/kompass.css", web::get().to(pages::stylesheet))
        .route("/assets/kompass.svg", web::get().to(pages::icon));
}

/// The JSON API under `/api/v1`. Handlers mounted with `service` enter the
/// OpenAPI document; `openapi.json` itself is a plain route.
pub fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::municipalities)
        .service(api::municipality)
        .service(api::evaluations)
        .service(api::evaluation)
        .service(api_reference::revisions)
        .service(api_reference::themes)
        .service(api_reference::benchmarks)
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

async fn not_found(req: HttpRequest) -> Result<HttpResponse, AppError> {
    Err(AppError::not_found(format!(
        "Det finns ingen sida på adressen {}.",
        req.path()
    )))
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
        .service(utoipa_actix_web::scope("/api/v1").configure(api_routes))
        .into_app()
        .app_data(spec)
        .wrap(actix_web::middleware::from_fn(error::error_format))
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
