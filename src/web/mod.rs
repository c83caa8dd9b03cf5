//! The HTTP server: state, routes (declared in `routes`, and the JSON API in
//! `api_routes`, whose handlers also make up the OpenAPI document), the
//! middleware, and start-up. It only reads: the database is opened read-only.

pub mod api;
pub mod api_analysis;
pub mod api_doc;
pub mod api_reference;
pub mod downloads;
pub mod error;
pub mod framing;
pub mod pages;
pub mod params;
pub mod public_data;
pub mod publish;
pub mod state;

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, NormalizePath, TrailingSlash};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

pub use error::{AppError, Format};
pub use state::AppState;

/// Every route of the portal outside the JSON API, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    // Downloads first: a page route such as `/kommun/{code}` would also
    // match `/kommun/1881.csv`. Each table is a `.csv` and an `.xlsx`.
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
            "/omrade/{theme}.{ext:csv|xlsx}",
            web::get().to(downloads::theme_ranking_file),
        )
        // The public pages.
        .route("/", web::get().to(pages::home))
        .route("/sok", web::get().to(pages::search))
        .route(
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
            "/rankning/bild.png",
            web::get().to(publish::total_ranking_card),
        )
        .route(
            "/omrade/{slug:[a-z0-9-]+}/bild.png",
            web::get().to(publish::theme_ranking_card),
        )
        .route(
            r"/kommun/{key:\d{4}(-[^/.]+)?}",
            web::get().to(pages::municipality),
        )
        .route(
            "/kommun/{text:[^./]+}",
            web::get().to(pages::municipality_by_text),
        )
        .route("/jamfor", web::get().to(pages::compare_page))
        .route(
            "/jamfor/diagram.{ext:svg|png}",
            web::get().to(publish::compare_chart),
        )
        .route("/rankning", web::get().to(pages::ranking_total))
        .route(
            "/omrade/{slug:[a-z0-9-]+}",
            web::get().to(pages::ranking_theme),
        )
        .route("/kommuner", web::get().to(pages::municipality_list))
        .route("/om", web::get().to(pages::about_page))
        .route("/assets/kompass.css", web::get().to(pages::stylesheet))
        .route("/assets/kompass.svg", web::get().to(pages::icon))
        .default_service(web::to(not_found));
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
    let format = if req.path().starts_with("/api") {
        Format::Json
    } else {
        Format::Html
    };
    Err(AppError::not_found(
        format,
        format!("Det finns ingen sida på adressen {}.", req.path()),
    ))
}

/// Starts the server on an already bound listener (tests bind port 0).
pub fn run(listener: TcpListener, state: web::Data<AppState>) -> std::io::Result<Server> {
    let spec = web::Data::new(api_doc::ApiSpec::new(&openapi(), &state.dataset()));
    let server = HttpServer::new(move || {
        App::new()
            .into_utoipa_app()
            .openapi(api_doc::ApiDoc::openapi())
            .service(utoipa_actix_web::scope("/api/v1").configure(api_routes))
            .into_app()
            .app_data(spec.clone())
            .wrap(Compress::default())
            .wrap(actix_web::middleware::from_fn(public_data::public_data))
            .wrap(actix_web::middleware::from_fn(framing::frame_headers))
            .wrap(NormalizePath::new(TrailingSlash::Trim))
            .wrap(TracingLogger::default())
            .app_data(state.clone())
            .app_data(web::PathConfig::default().error_handler(|err, req| {
                let format = if req.path().starts_with("/api") {
                    Format::Json
                } else {
                    Format::Html
                };
                AppError::bad_request(format, err.to_string()).into()
            }))
            .app_data(web::QueryConfig::default().error_handler(|err, req| {
                let format = if req.path().starts_with("/api") {
                    Format::Json
                } else {
                    Format::Html
                };
                // The API speaks English to programs, the pages Swedish to people.
                let message = match format {
                    Format::Json => format!("invalid query parameter: {err}"),
                    Format::Html => "Adressen innehåller en ogiltig parameter.".to_string(),
                };
                AppError::bad_request(format, message).into()
            }))
            .configure(routes)
    })
    .listen(listener)?
    .run();
    Ok(server)
}
