//! HTTP for public read-only data (`/api`, `/data/...`, every `.csv` and
//! `.xlsx`): anyone may fetch it from a browser (CORS `*`), caches may keep
//! it, and a client that has it already gets `304 Not Modified`.
//!
//! The strong `ETag` is derived from what decides the bytes: the data
//! version, the program run (a new build may render differently), the path
//! and query, and the content coding `Compress` chose (gzip and brotli
//! bodies are different representations). It is checked after the handler
//! ran, since the coding is only known then; the data is in memory, so the
//! work saved by checking earlier would be small.
//!
//! Every other address (the pages) gets the same methods: GET, HEAD as GET
//! without a body, anything else 405.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, EntityTag, Header, HeaderMap, HeaderValue, IfNoneMatch};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError, web};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{AppError, AppState, Format};

/// How long a cache may use a response without asking again. Imports are
/// rare; after one, a revalidation costs a 304 at most.
pub const MAX_AGE_SECONDS: u32 = 300;

/// Whether a path serves public data (and gets this module's headers).
pub fn is_public_data(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with("/data/")
        || path.ends_with(".csv")
        || path.ends_with(".xlsx")
}

/// This run of the program. A new build may render the same data
/// differently without a new version number, so tags from an earlier run
/// are not trusted: after a restart a client revalidates once and gets 200.
fn program_run() -> &'static str {
    static RUN: OnceLock<String> = OnceLock::new();
    RUN.get_or_init(|| {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        format!(
            "{}-{}-{started}",
            env!("CARGO_PKG_VERSION"),
            std::process::id()
        )
    })
}

/// The strong entity tag of one representation.
pub fn entity_tag(data_version: &str, path_and_query: &str, coding: &str) -> EntityTag {
    let mut hash = Sha256::new();
    for part in [program_run(), data_version, path_and_query, coding] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    EntityTag::new_strong(hex::encode(&digest[..16]))
}

/// Whether `If-None-Match` names the current representation (weak
/// comparison, as RFC 9110 asks for this header).
pub fn not_modified(condition: Option<&IfNoneMatch>, current: &EntityTag) -> bool {
    match condition {
        Some(IfNoneMatch::Any) => true,
        Some(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(current)),
        None => false,
    }
}

fn current_version(req: &actix_web::HttpRequest) -> Option<String> {
    req.app_data::<web::Data<AppState>>()
        .map(|s| s.dataset().data_version.clone())
}

fn add_vary_accept_encoding(headers: &mut HeaderMap) {
    let present = headers
        .get_all(header::VARY)
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains("accept-encoding"));
    if !present {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
}

fn add_shared_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Content-Disposition"),
    );
    add_vary_accept_encoding(headers);
}

pub const ALLOWED_METHODS: &str = "GET, HEAD";

/// Everything here is read-only: GET and HEAD pass; a CORS preflight (OPTIONS
/// with `Access-Control-Request-Method`) on public data gets its permission;
/// anything else 405.
fn refuse_or_preflight(req: &ServiceRequest, public: bool) -> Option<HttpResponse> {
    let method = req.method();
    if method == Method::GET || method == Method::HEAD {
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
    let format = if req.path().starts_with("/api/") {
        Format::Json
    } else {
        Format::Html
    };
    let refusal = AppError::MethodNotAllowed {
        method: method.to_string(),
        allow: ALLOWED_METHODS,
        format,
    };
    Some(refusal.error_response())
}

/// The middleware (`from_fn`); wrapped outside `Compress`.
pub async fn public_data(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let public = is_public_data(req.path());
    if let Some(early) = refuse_or_preflight(&req, public) {
        let mut res = req.into_response(early);
        if public {
            add_shared_headers(res.headers_mut());
        }
        return Ok(res);
    }
    // HEAD is GET without a body: route it as GET; the server drops the body.
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    if !public {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let condition = IfNoneMatch::parse(req.request()).ok();
    let version = current_version(req.request());
    let path_and_query = match req.query_string() {
        "" => req.path().to_string(),
        q => format!("{}?{q}", req.path()),
    };
    let mut res = next.call(req).await?.map_into_boxed_body();
    add_shared_headers(res.headers_mut());
    let unchanged = version.is_some() && version == current_version(res.request());
    let (Some(version), true, true) = (version, unchanged, res.status() == StatusCode::OK) else {
        return Ok(res);
    };
    let coding = res
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_string();
    let tag = entity_tag(&version, &path_and_query, &coding);
    let cache_control = format!("public, max-age={MAX_AGE_SECONDS}");
    if not_modified(condition.as_ref(), &tag) {
        let mut not_modified = HttpResponse::NotModified();
        not_modified
            .insert_header((header::ETAG, tag.to_string()))
            .insert_header((header::CACHE_CONTROL, cache_control));
        let mut response = not_modified.finish();
        add_shared_headers(response.headers_mut());
        let (request, _) = res.into_parts();
        return Ok(ServiceResponse::new(request, response));
    }
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag.to_string()) {
        headers.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&cache_control) {
        headers.insert(header::CACHE_CONTROL, v);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_differ_by_data_query_and_coding() {
        let a = entity_tag("v1", "/data/kompass.csv", "identity");
        assert!(!a.weak);
        assert_eq!(a, entity_tag("v1", "/data/kompass.csv", "identity"));
        for other in [
            entity_tag("v2", "/data/kompass.csv", "identity"),
            entity_tag("v1", "/data/kompass.csv?format=excel", "identity"),
            entity_tag("v1", "/data/kompass.csv", "gzip"),
        ] {
            assert_ne!(a, other);
        }
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_any() {
        let tag = entity_tag("v1", "/api", "br");
        let same = IfNoneMatch::Items(vec![EntityTag::new_weak(tag.tag().to_string())]);
        assert!(not_modified(Some(&same), &tag));
        assert!(not_modified(Some(&IfNoneMatch::Any), &tag));
        let other = IfNoneMatch::Items(vec![EntityTag::new_strong("x".into())]);
        assert!(!not_modified(Some(&other), &tag));
        assert!(!not_modified(None, &tag));
    }

    #[test]
    fn public_data_is_the_api_the_data_folder_and_every_csv() {
        for yes in [
            "/api",
            "/api/v1/themes",
            "/data/kompass.zip",
            "/kommun/1881.csv",
            "/jamfor.csv",
            "/jamfor.xlsx",
            "/kommun/1881.xlsx",
        ] {
            assert!(is_public_data(yes), "{yes}");
        }
        for no in [
            "/",
            "/kommun/1881",
            "/apis",
            "/database",
            "/kommun/1881.xlsx/x",
        ] {
            assert!(!is_public_data(no), "{no}");
        }
    }
}
