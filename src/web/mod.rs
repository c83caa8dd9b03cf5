//! The HTTP server: state, routes (all declared in `routes`), and start-up.
//! It only reads: the database is opened read-only.

pub mod api;
pub mod error;
pub mod pages;
pub mod state;

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, NormalizePath, TrailingSlash};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use tracing_actix_web::TracingLogger;

pub use error::{AppError, Format};
pub use state::AppState;

/// Every route of the portal, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/municipalities", web::get().to(api::municipalities))
            .route("/municipalities/{code}", web::get().to(api::municipality))
            .route("/evaluations/{id}", web::get().to(api::evaluation)),
    )
    // The public pages (issue 4).
    .route("/", web::get().to(pages::home))
    .route("/sok", web::get().to(pages::search))
    .route(
        r"/kommun/{code:\d{4}}/diagram/{name:[a-z0-9-]+}.svg",
        web::get().to(pages::municipality_chart),
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
    .route("/jamfor/diagram.svg", web::get().to(pages::compare_chart))
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
    let server = HttpServer::new(move || {
        App::new()
            .wrap(Compress::default())
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
                AppError::bad_request(format, format!("Ogiltig parameter: {err}")).into()
            }))
            .configure(routes)
    })
    .listen(listener)?
    .run();
    Ok(server)
}
