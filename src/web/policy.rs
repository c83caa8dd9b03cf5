//! The headers every response carries, chosen per route in one place: the
//! security policy (CSP, nosniff, referrer, permissions, optional HSTS) and,
//! for public data (`/api`, `/data`, every `.csv` and `.xlsx`), CORS.
//!
//! Pages have no inline script or style, so the CSP allows only the site's
//! own files; `frame-ancestors 'none'` keeps them out of other sites' frames.
//! The embeds (`framing`) may be framed by any site.

use actix_web::http::header::{self, HeaderName, HeaderValue};

/// The Content-Security-Policy, with a route's `frame-ancestors`.
macro_rules! csp {
    ($frame_ancestors:literal) => {
        concat!(
            "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; ",
            "object-src 'none'; base-uri 'none'; form-action 'self'; ",
            $frame_ancestors
        )
    };
}

/// The Content-Security-Policy of every page and file but the embeds.
pub const CSP: &str = csp!("frame-ancestors 'none'");
/// The embeds' policy: the same, but any site may frame them.
pub const EMBED_CSP: &str = csp!("frame-ancestors *");
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), \
     gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";
pub const HSTS: &str = "max-age=31536000";

/// How long a cache may use a response without asking again. Imports are
/// rare; after one, a revalidation costs a 304 at most.
pub const MAX_AGE_SECONDS: u32 = 300;
pub const CACHE_CONTROL: &str = "public, max-age=300";
pub const ALLOWED_METHODS: &str = "GET, HEAD";
/// Addresses that also take a form sent with POST: they read what is sent
/// and answer, changing nothing (no CSRF to guard against), never cached.
pub const FORM_METHODS: &str = "GET, HEAD, POST";

/// Whether a path takes POST (`/bidra` and the addresses under it).
pub fn takes_post(path: &str) -> bool {
    path == "/bidra" || path.starts_with("/bidra/")
}

/// The `Allow` header of a path.
pub fn allowed_methods(path: &str) -> &'static str {
    if takes_post(path) {
        FORM_METHODS
    } else {
        ALLOWED_METHODS
    }
}

/// Whether a path serves public data (and gets CORS).
pub fn is_public_data(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with("/data/")
        || path.ends_with(".csv")
        || path.ends_with(".xlsx")
}

/// The policy headers of one route, in the order they are sent.
pub type Headers = Vec<(HeaderName, HeaderValue)>;

/// Which CSP a route gets: who may frame it is `framing`'s one rule.
fn csp_for(path: &str) -> &'static str {
    match super::framing::frame_policy(path) {
        super::framing::FramePolicy::Nobody => CSP,
        super::framing::FramePolicy::Anyone => EMBED_CSP,
    }
}

/// The headers a response to `path` carries whatever its status.
pub fn policy_for(path: &str, hsts: bool) -> Headers {
    let mut out: Headers = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp_for(path)),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static(REFERRER_POLICY),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ),
    ];
    if hsts {
        out.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ));
    }
    if is_public_data(path) {
        out.push((
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ));
        out.push((
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("ETag, Content-Disposition"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_gets_the_security_headers_and_data_gets_cors() {
        for path in ["/", "/kommun/1881", "/assets/kompass.css", "/finns-inte"] {
            let h = policy_for(path, false);
            assert!(h.iter().any(|(n, _)| n == header::CONTENT_SECURITY_POLICY));
            assert!(
                !h.iter()
                    .any(|(n, _)| n == header::ACCESS_CONTROL_ALLOW_ORIGIN)
            );
            assert!(
                !h.iter()
                    .any(|(n, _)| n == header::STRICT_TRANSPORT_SECURITY)
            );
        }
        let h = policy_for("/data/kompass.csv", true);
        assert!(
            h.iter()
                .any(|(n, _)| n == header::ACCESS_CONTROL_ALLOW_ORIGIN)
        );
        assert!(
            h.iter()
                .any(|(n, _)| n == header::STRICT_TRANSPORT_SECURITY)
        );
    }

    #[test]
    fn the_policy_allows_no_inline_code_or_framing() {
        assert!(!CSP.contains("unsafe-inline"));
        assert!(CSP.contains("frame-ancestors 'none'"));
        assert!(CSP.starts_with("default-src 'self'"));
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
