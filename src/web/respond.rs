//! The middleware every request passes first: the response cache. HEAD is
//! routed as GET; only GET on an address within the cap is looked up (any
//! other method, and an address over the cap, marked `Oversized`, pass by
//! it to their route, which answers or refuses them: `route.rs`). A hit is
//! answered from memory without routing or rendering; a miss is rendered
//! once (single flight; the route waits for its render slot) and kept, with
//! the route's headers. Each coding of a body is compressed once (fast at
//! first, at the best level in the background); `If-None-Match` gets 304.

use std::future::{Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};

use super::AppState;
use super::cache::{Entry, Flight, Representation, exact, not_modified};
use super::compress::{self, Coding, Level};
use super::policy::CACHE_CONTROL;
use super::route::{self, Oversized, Work};

/// The longest address (path and query) answered; longer ones get 414.
/// Every parameter kompass takes fits easily (six codes, a name, filters).
pub const MAX_ADDRESS: usize = 2048;

/// The middleware's factory; wrap it outermost.
pub struct Respond {
    state: Arc<AppState>,
}

impl Respond {
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Respond
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Transform = RespondService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RespondService {
            service: Rc::new(service),
            state: self.state.clone(),
        }))
    }
}

pub struct RespondService<S> {
    service: Rc<S>,
    state: Arc<AppState>,
}

impl<S, B> Service<ServiceRequest> for RespondService<S>
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
        let state = self.state.clone();
        Box::pin(async move {
            let res = respond(service, &state, req).await?;
            tracing::debug!(
                method = %res.request().method(),
                path = %res.request().path(),
                status = res.status().as_u16(),
                "answered"
            );
            Ok(res)
        })
    }
}

/// The cache key: the path with repeated and trailing slashes dropped (as
/// the router sees it), and the query as sent.
fn cache_key(req: &ServiceRequest) -> String {
    let path = req.path();
    let mut key = String::with_capacity(path.len() + req.query_string().len() + 1);
    if path.contains("//") || (path.len() > 1 && path.ends_with('/')) {
        for part in path.split('/').filter(|p| !p.is_empty()) {
            key.push('/');
            key.push_str(part);
        }
        if key.is_empty() {
            key.push('/');
        }
    } else {
        key.push_str(path);
    }
    if let Some(q) = req.uri().query() {
        key.push('?');
        key.push_str(q);
    }
    key
}

async fn respond<S, B>(
    service: Rc<S>,
    state: &AppState,
    mut req: ServiceRequest,
) -> Result<ServiceResponse<BoxBody>, Error>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    // HEAD is GET without a body: route it as GET; the server drops the body.
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    let key = cache_key(&req);
    if key.len() > MAX_ADDRESS {
        req.extensions_mut().insert(Oversized);
        return pass_by_cache(service, req).await;
    }
    if req.method() != Method::GET {
        return pass_by_cache(service, req).await;
    }
    let coding = compress::negotiate(
        req.headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    let condition = req.headers().get(header::IF_NONE_MATCH).cloned();
    let (entry, http_req) = match state.cache.get(&key) {
        Some(entry) => (entry, req.into_parts().0),
        None => match render(service, state, req, &key).await? {
            Rendered::Entry(entry, http_req) => (entry, http_req),
            Rendered::Response(res) => return Ok(res),
        },
    };
    let (entry, coding) = representation(state, &key, entry, coding).await;
    Ok(ServiceResponse::new(
        http_req,
        answer(&entry, coding, condition.as_ref()),
    ))
}

enum Rendered {
    Entry(Arc<Entry>, HttpRequest),
    Response(ServiceResponse<BoxBody>),
}

/// What a render leaves behind besides the shared `Flight`: the request
/// (given to the handler, or kept by a waiter), an answer only this request
/// may send, or the application's error.
struct Slots {
    mine: Option<ServiceRequest>,
    returned: Option<HttpRequest>,
    own: Option<ServiceResponse<BoxBody>>,
    failure: Option<Error>,
}

/// The render itself, run by the first of the concurrent requests.
async fn compute<S, B>(
    service: &Rc<S>,
    state: &AppState,
    key: &str,
    generation: u64,
    slots: &mut Slots,
) -> Flight
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    if let Some(entry) = state.cache.get(key) {
        return Flight::Ready(entry);
    }
    let Some(req) = slots.mine.take() else {
        return Flight::Unshared;
    };
    let res = match service.call(req).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(e) => {
            slots.failure = Some(e);
            return Flight::Unshared;
        }
    };
    let (http_req, response) = res.into_parts();
    match into_entry(response, &http_req) {
        Ok(entry) => {
            slots.returned = Some(http_req);
            let entry = Arc::new(entry);
            if cacheable(entry.status) {
                state.cache.insert(key, generation, entry.clone());
            }
            Flight::Ready(entry)
        }
        Err(response) => {
            slots.own = Some(ServiceResponse::new(http_req, *response));
            Flight::Unshared
        }
    }
}

/// A miss: the handler runs once for all concurrent requests of the
/// address, after waiting for a render slot (503 when the wait is too long).
/// The request is handed to the handler whole (the router needs it to
/// itself) and taken back from its response.
async fn render<S, B>(
    service: Rc<S>,
    state: &AppState,
    req: ServiceRequest,
    key: &str,
) -> Result<Rendered, Error>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    let generation = state.cache.generation();
    let mut slots = Slots {
        mine: Some(req),
        returned: None,
        own: None,
        failure: None,
    };
    let flight = state
        .cache
        .single_flight(key, Coding::Identity, || {
            compute(&service, state, key, generation, &mut slots)
        })
        .await;
    let Slots {
        mine,
        returned,
        own,
        failure,
    } = slots;
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(res) = own {
        return Ok(Rendered::Response(res));
    }
    let http_req = match (returned, mine) {
        (Some(http_req), _) => http_req,
        (None, Some(req)) if !matches!(flight, Flight::Ready(_)) => {
            // The shared answer was a stream: compute this one alone.
            let res = service.call(req).await?.map_into_boxed_body();
            return Ok(Rendered::Response(res));
        }
        (None, Some(req)) => req.into_parts().0,
        (None, None) => {
            return Err(actix_web::error::ErrorInternalServerError(
                "the request was not given back",
            ));
        }
    };
    match flight {
        Flight::Ready(entry) => Ok(Rendered::Entry(entry, http_req)),
        Flight::Busy | Flight::Unshared => Err(actix_web::error::ErrorInternalServerError(
            "the render left no answer",
        )),
    }
}

/// Anything but a GET within the cap (a form sent with POST, a method or
/// address the route refuses): answered by its route alone, never cached
/// nor shared with another request (the handler bounds its own work).
async fn pass_by_cache<S, B>(
    service: Rc<S>,
    req: ServiceRequest,
) -> Result<ServiceResponse<BoxBody>, Error>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    let post = req.method() == Method::POST;
    let mut res = service.call(req).await?.map_into_boxed_body();
    if post {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// Server errors and "busy" are not kept: the next request tries again.
fn cacheable(status: StatusCode) -> bool {
    !status.is_server_error()
}

/// Headers the cache sets itself, or that belong to one connection.
fn is_own_header(name: &HeaderName) -> bool {
    [
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::TRANSFER_ENCODING,
        header::DATE,
        header::ETAG,
        header::VARY,
        header::CONNECTION,
    ]
    .contains(name)
}

/// The handler's answer, with its route's headers, as a cache entry; a
/// spooled file (`Work::Spool`: it has its codings and tags of its own) or
/// a 304 the handler answered itself (it depends on the request's
/// condition) is given back to be sent as it is.
fn into_entry(
    response: HttpResponse<BoxBody>,
    req: &HttpRequest,
) -> Result<Entry, Box<HttpResponse<BoxBody>>> {
    if response.status() == StatusCode::NOT_MODIFIED || route::kind_of(req).work == Work::Spool {
        return Err(Box::new(response));
    }
    let (head, body) = response.into_parts();
    let body = match body.try_into_bytes() {
        Ok(bytes) => bytes,
        Err(body) => return Err(Box::new(head.set_body(body))),
    };
    let status = head.status();
    let content_type = head
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let compressible = compress::worth_compressing(content_type, body.len());
    let mut headers: Vec<(HeaderName, HeaderValue)> = head
        .headers()
        .iter()
        .filter(|(name, _)| !is_own_header(name))
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    if status == StatusCode::OK && !head.headers().contains_key(header::CACHE_CONTROL) {
        headers.push((
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ));
    }
    // Every answer may come in several codings (a zip never does, but a
    // cache that sees one rule for all answers makes no mistake).
    headers.push((header::VARY, HeaderValue::from_static("Accept-Encoding")));
    Ok(Entry {
        status,
        headers,
        compressible,
        identity: Representation::new(exact(&body), true),
        compressed: [None, None, None],
    })
}

/// The entry with a body in `coding` when one is worth having (compressed
/// now at the fast level, once for concurrent requests, and queued for the
/// best level), else with the identity body.
async fn representation(
    state: &AppState,
    key: &str,
    entry: Arc<Entry>,
    coding: Coding,
) -> (Arc<Entry>, Coding) {
    if coding == Coding::Identity || !entry.compressible {
        return (entry, Coding::Identity);
    }
    if entry.representation(coding).is_some() {
        return (entry, coding);
    }
    let generation = state.cache.generation();
    let flight = state
        .cache
        .single_flight(key, coding, || async {
            if let Some(stored) = state.cache.get(key)
                && stored.representation(coding).is_some()
            {
                return Flight::Ready(stored);
            }
            let waited =
                tokio::time::timeout(state.settings.compress_wait, state.compress_gate.acquire());
            let Ok(Ok(_permit)) = waited.await else {
                return Flight::Busy;
            };
            let body = entry.identity.body.clone();
            let fast = actix_web::rt::task::spawn_blocking(move || {
                compress::compress(&body, coding, Level::Fast)
            })
            .await;
            let Ok(Ok(bytes)) = fast else {
                return Flight::Busy;
            };
            let rep = Representation::new(bytes, false);
            let identity = &entry.identity.body;
            match state
                .cache
                .upgrade(key, generation, identity, coding, rep.clone())
            {
                Some(stored) => {
                    state
                        .precompress
                        .queue(key, generation, coding, identity.clone());
                    Flight::Ready(stored)
                }
                // Not kept (too large, or the data changed): sent once.
                None => Flight::Ready(Arc::new(entry.with(coding, rep))),
            }
        })
        .await;
    match flight {
        Flight::Ready(done) if done.representation(coding).is_some() => (done, coding),
        // Compression is busy: the body goes out as it is rather than late.
        _ => (entry, Coding::Identity),
    }
}

/// The response for an entry in `coding` (which it has).
fn answer(entry: &Entry, coding: Coding, condition: Option<&HeaderValue>) -> HttpResponse {
    let rep = entry.representation(coding).unwrap_or(&entry.identity);
    let coding = if entry.representation(coding).is_some() {
        coding
    } else {
        Coding::Identity
    };
    let tagged = entry.status == StatusCode::OK;
    let mut res = if tagged && not_modified(condition, &rep.etag) {
        HttpResponse::NotModified().finish()
    } else {
        HttpResponse::with_body(entry.status, BoxBody::new(rep.body.clone()))
    };
    let headers = res.headers_mut();
    for (name, value) in &entry.headers {
        headers.append(name.clone(), value.clone());
    }
    if tagged {
        headers.insert(header::ETAG, rep.etag.clone());
    }
    if coding != Coding::Identity {
        headers.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static(coding.token()),
        );
    }
    res
}
