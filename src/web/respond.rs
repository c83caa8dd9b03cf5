//! The middleware every request passes first: the method rule (GET, HEAD
//! as GET, a CORS preflight on public data, POST only where a form is read,
//! else 405), a cap on the address's length, then the response cache (a
//! POST passes by it: never cached): a hit is answered from
//! memory without routing or rendering; a miss is rendered once (single
//! flight, behind the render gate) and kept. Each coding of a body is
//! compressed once (fast at first, at the best level in the background);
//! `If-None-Match` gets 304. Every response gets the route's policy headers
//! (`policy.rs`).

use std::future::{Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{Error, HttpRequest, HttpResponse};

use super::cache::{Entry, Flight, Representation};
use super::compress::{self, Coding, Level};
use super::policy::{self, ALLOWED_METHODS, CACHE_CONTROL};
use super::spool;
use super::{AppError, AppState, Format};

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
    let public = policy::is_public_data(req.path());
    if let Some(early) = refuse_or_preflight(&req, public) {
        return Ok(finish_uncached(req.into_response(early), state));
    }
    // HEAD is GET without a body: route it as GET; the server drops the body.
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    let key = cache_key(&req);
    if key.len() <= MAX_ADDRESS && req.method() == Method::POST {
        return pass_by_cache(service, state, req).await;
    }
    if key.len() > MAX_ADDRESS {
        let refusal = AppError::UriTooLong.response(Format::of(req.path()));
        return Ok(finish_uncached(req.into_response(refusal), state));
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
    // A spooled file is written once, on the blocking pool, behind the
    // spool's own gate: waiting for it must not hold a render slot.
    let _permit = if spool::is_spooled(key) {
        None
    } else {
        let waited = tokio::time::timeout(state.settings.max_wait, state.render_gate.acquire());
        let Ok(Ok(permit)) = waited.await else {
            return Flight::Busy;
        };
        Some(permit)
    };
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
    match into_entry(response, http_req.path(), state) {
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
        return Ok(Rendered::Response(finish_uncached(res, state)));
    }
    let http_req = match (returned, mine) {
        (Some(http_req), _) => http_req,
        (None, Some(req)) if matches!(flight, Flight::Unshared) => {
            // The shared answer was a stream: compute this one alone.
            let res = service.call(req).await?.map_into_boxed_body();
            return Ok(Rendered::Response(finish_uncached(res, state)));
        }
        (None, Some(req)) => req.into_parts().0,
        (None, None) => {
            return Err(actix_web::error::ErrorInternalServerError(
                "the request was not given back",
            ));
        }
    };
    Ok(match flight {
        Flight::Ready(entry) => Rendered::Entry(entry, http_req),
        Flight::Busy | Flight::Unshared => {
            let busy = AppError::Busy.response(Format::of(http_req.path()));
            Rendered::Response(finish_uncached(ServiceResponse::new(http_req, busy), state))
        }
    })
}

/// A form sent with POST: answered by its handler alone, never cached nor
/// shared with another request (the handler bounds its own work).
async fn pass_by_cache<S, B>(
    service: Rc<S>,
    state: &AppState,
    req: ServiceRequest,
) -> Result<ServiceResponse<BoxBody>, Error>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    let mut res = service.call(req).await?.map_into_boxed_body();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(finish_uncached(res, state))
}

/// Everything here is read-only: GET and HEAD pass, and POST where a form
/// is read (`policy::takes_post`); a CORS preflight (OPTIONS with
/// `Access-Control-Request-Method`) on public data gets its permission;
/// anything else 405.
fn refuse_or_preflight(req: &ServiceRequest, public: bool) -> Option<HttpResponse> {
    let method = req.method();
    if method == Method::GET
        || method == Method::HEAD
        || (method == Method::POST && policy::takes_post(req.path()))
    {
        return None;
    }
    let preflight = public
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
        allow: policy::allowed_methods(req.path()),
    };
    Some(refusal.response(Format::of(req.path())))
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

/// The handler's answer as a cache entry; a spooled file (`spool.rs`: it
/// has its codings and tags of its own) or a 304 the handler answered
/// itself (it depends on the request's condition) is given back to be sent
/// as it is.
fn into_entry(
    response: HttpResponse<BoxBody>,
    path: &str,
    state: &AppState,
) -> Result<Entry, Box<HttpResponse<BoxBody>>> {
    if response.status() == StatusCode::NOT_MODIFIED || spool::is_spooled(path) {
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
    headers.extend(policy::policy_for(path, state.settings.hsts));
    Ok(Entry {
        status,
        headers,
        compressible,
        identity: Representation::new(body, true),
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

/// Whether `If-None-Match` names `etag` (weak comparison, RFC 9110).
pub fn not_modified(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(Ok(condition)) = if_none_match.map(|v| v.to_str()) else {
        return false;
    };
    let tag = etag.as_bytes();
    condition.trim() == "*"
        || condition
            .split(',')
            .map(|t| t.trim())
            .map(|t| t.strip_prefix("W/").unwrap_or(t))
            .any(|t| t.as_bytes() == tag)
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

/// Adds the route's policy headers to an answer that is not from the cache.
fn finish_uncached(
    mut res: ServiceResponse<BoxBody>,
    state: &AppState,
) -> ServiceResponse<BoxBody> {
    let policy = policy::policy_for(res.request().path(), state.settings.hsts);
    let headers = res.headers_mut();
    for (name, value) in policy {
        headers.insert(name, value);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_any() {
        let tag = HeaderValue::from_static("\"abc\"");
        let check = |v: &'static str| not_modified(Some(&HeaderValue::from_static(v)), &tag);
        assert!(check("\"abc\""));
        assert!(check("W/\"abc\""));
        assert!(check("\"x\", \"abc\""));
        assert!(check("*"));
        assert!(!check("\"abcd\""));
        assert!(!check("abc"));
        assert!(!not_modified(None, &tag));
    }
}
