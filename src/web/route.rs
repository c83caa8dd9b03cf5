//! What kind of address a route is, declared with the route in the route
//! table (`web::routes`: `web::resource(..).wrap(Kind::EMBED)`, the API's
//! scope `.wrap(Kind::API)`), never worked out again from the path. A route's
//! `Kind` says how its errors are shown (JSON for the API), whether it is
//! public data (CORS, preflight), whether it takes a form sent with POST,
//! whether other sites may frame it (the embeds), and what work answering
//! it is (a render on a render slot, or a dataset file the spool writes).
//!
//! The kind's middleware runs after routing, before the handler: it applies
//! the method rule (GET, HEAD as GET, POST where a form is read, a CORS
//! preflight on public data, else 405 with `Allow`), refuses an address
//! over the cap (414, marked `Oversized` by `respond`), waits for a render
//! or image slot (503 after `max_wait`), shows errors in the route's format and adds
//! the route's policy headers (`policy.rs`). It leaves the kind in the
//! request's extensions, where `respond` and `kompass export` read it
//! (`kind_of`). Where routes nest (an address under the API's scope that no
//! route takes), the outer declaration holds; an address no route takes is
//! a page (`fallback`).

use std::future::{Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::Method;
use actix_web::http::header::{self};
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse, web};

use super::policy::{self, Framing};
use super::{AppError, AppState, ErrorFormat};

/// The methods every route answers.
pub const ALLOWED_METHODS: &str = "GET, HEAD";
/// Addresses that also take a form sent with POST: they read what is sent
/// and answer, changing nothing (no CSRF to guard against), never cached.
pub const FORM_METHODS: &str = "GET, HEAD, POST";

/// The work answering a route is, and so the gate it waits at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Rendered once per address on a render slot, kept in the response
    /// cache.
    Render,
    /// A PNG drawn on an image slot: a share of its own, small (rasterising
    /// takes tens to hundreds of milliseconds of CPU), so that a stream of
    /// new chart addresses never queues pages behind it.
    Image,
    /// One of the dataset's files (`spool.rs`): written once per data
    /// version behind the spool's own gate, sent from its file with its own
    /// codings and tags, never held in the response cache.
    Spool,
}

/// What a route is; declared with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// How its errors are shown.
    pub errors: ErrorFormat,
    /// Public data: CORS, and a preflight is granted.
    pub public_data: bool,
    /// Also takes a form sent with POST (read, answered, nothing changed).
    pub form: bool,
    /// Who may frame it: any site for the embeds (`frame-ancestors *`),
    /// none for every other address, so no site can dress kompass's pages up
    /// as its own.
    pub framing: Framing,
    pub work: Work,
}

impl Kind {
    /// A page, and everything not declared otherwise.
    pub const PAGE: Kind = Kind {
        errors: ErrorFormat::Html,
        public_data: false,
        form: false,
        framing: Framing::Nobody,
        work: Work::Render,
    };
    /// Made to be shown in other sites' frames.
    pub const EMBED: Kind = Kind {
        framing: Framing::Anyone,
        ..Kind::PAGE
    };
    /// A page that also reads a form sent with POST (`/bidra`).
    pub const FORM: Kind = Kind {
        form: true,
        ..Kind::PAGE
    };
    /// A PNG drawn for its address (charts, social cards).
    pub const IMAGE: Kind = Kind {
        work: Work::Image,
        ..Kind::PAGE
    };
    /// A table or description of the data (`.csv`, `.xlsx`, the data
    /// package, the API's documentation): anyone's scripts may read it.
    pub const DATA: Kind = Kind {
        public_data: true,
        ..Kind::PAGE
    };
    /// One of the dataset's own files under `/data/`.
    pub const SPOOLED: Kind = Kind {
        work: Work::Spool,
        ..Kind::DATA
    };
    /// The JSON API: public data whose errors are JSON too.
    pub const API: Kind = Kind {
        errors: ErrorFormat::Json,
        ..Kind::DATA
    };

    /// The `Allow` header of the route.
    pub fn allowed_methods(self) -> &'static str {
        if self.form {
            FORM_METHODS
        } else {
            ALLOWED_METHODS
        }
    }
}

/// The kind of the route that answered `req` (a page where none did: an
/// answer from the response cache was not routed).
pub fn kind_of(req: &HttpRequest) -> Kind {
    req.extensions()
        .get::<Kind>()
        .copied()
        .unwrap_or(Kind::PAGE)
}

/// Set by `respond` on an address longer than it answers: the route
/// refuses it with 414 in its own format.
#[derive(Debug, Clone, Copy)]
pub struct Oversized;

impl<S, B> Transform<S, ServiceRequest> for Kind
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Transform = KindService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(KindService {
            service: Rc::new(service),
            kind: *self,
        }))
    }
}

pub struct KindService<S> {
    service: Rc<S>,
    kind: Kind,
}

impl<S, B> Service<ServiceRequest> for KindService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let service = self.service.clone();
        let kind = self.kind;
        Box::pin(serve(kind, req, move |req| async move {
            Ok(service.call(req).await?.map_into_boxed_body())
        }))
    }
}

/// The default service: an address no route takes is a page that is not
/// there (or, under a scope that declared its kind, an error in its format).
pub async fn fallback(req: ServiceRequest) -> Result<ServiceResponse, Error> {
    serve(Kind::PAGE, req, |req| async move {
        let (req, _) = req.into_parts();
        Ok(ServiceResponse::from_err(missing(&req), req))
    })
    .await
}

/// A handler for an address that is known to hold nothing.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, AppError> {
    Err(missing(&req))
}

fn missing(req: &HttpRequest) -> AppError {
    AppError::not_found(format!("Det finns ingen sida på adressen {}.", req.path()))
}

/// The route's rules around `next` (the route's handler).
async fn serve<F, Fut>(kind: Kind, req: ServiceRequest, next: F) -> Result<ServiceResponse, Error>
where
    F: FnOnce(ServiceRequest) -> Fut,
    Fut: Future<Output = Result<ServiceResponse, Error>>,
{
    if req.extensions().get::<Kind>().is_some() {
        return next(req).await;
    }
    req.extensions_mut().insert(kind);
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Err(actix_web::error::ErrorInternalServerError(
            "the application has no state",
        ));
    };
    let mut res = if let Some(refusal) = refusal(kind, &req) {
        req.into_response(refusal)
    } else {
        let gate = match kind.work {
            Work::Render => Some(&state.render_gate),
            Work::Image => Some(&state.image_gate),
            Work::Spool => None,
        };
        let _permit = if let Some(gate) = gate.filter(|_| req.method() == Method::GET) {
            let waited = tokio::time::timeout(state.settings.max_wait, gate.acquire()).await;
            let Ok(Ok(permit)) = waited else {
                let busy = AppError::Busy.response(kind.errors);
                return Ok(with_policy(req.into_response(busy), kind, &state));
            };
            Some(permit)
        } else {
            None
        };
        in_format(next(req).await?, kind.errors)
    };
    res = with_policy(res, kind, &state);
    Ok(res)
}

/// The method rule, then the address cap: `None` when the route answers.
fn refusal(kind: Kind, req: &ServiceRequest) -> Option<HttpResponse> {
    let method = req.method();
    if method == Method::GET || (method == Method::POST && kind.form) {
        if req.extensions().get::<Oversized>().is_some() {
            return Some(AppError::UriTooLong.response(kind.errors));
        }
        return None;
    }
    let preflight = kind.public_data
        && method == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        return Some(
            HttpResponse::NoContent()
                .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS))
                .insert_header((
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    "If-None-Match, Accept",
                ))
                .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
                .finish(),
        );
    }
    let refusal = AppError::MethodNotAllowed {
        method: method.to_string(),
        allow: kind.allowed_methods(),
    };
    Some(refusal.response(kind.errors))
}

/// Shows an `AppError` the handler, an extractor or the default service
/// returned in `format` (a page is how actix already shows it).
fn in_format(res: ServiceResponse, format: ErrorFormat) -> ServiceResponse {
    if format == ErrorFormat::Html {
        return res;
    }
    let Some(shown) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .map(|e| e.response(format))
    else {
        return res;
    };
    // The head and body are replaced; the error stays attached to the
    // response, for the request's log.
    let (shown_head, body) = shown.into_parts();
    res.map_body(|head, _| {
        head.status = shown_head.status();
        *head.headers_mut() = shown_head.headers().clone();
        BoxBody::new(body)
    })
}

/// Adds the route's policy headers.
fn with_policy(mut res: ServiceResponse, kind: Kind, state: &AppState) -> ServiceResponse {
    let headers = res.headers_mut();
    for (name, value) in policy::headers(kind.framing, kind.public_data, state.settings.hsts) {
        headers.insert(name, value);
    }
    res
}
