//! The headers every response carries, chosen by its route's declared kind
//! (`route::Kind`): the security policy (CSP, nosniff, referrer,
//! permissions, optional HSTS) and, for public data (the API, `/data`, every
//! `.csv` and `.xlsx`), CORS.
//!
//! Pages have no inline script or style, so the CSP allows only the site's
//! own files; `frame-ancestors 'none'` keeps them out of other sites' frames.
//! The embeds (`Framing::Anyone`) may be framed by any site. Never
//! `X-Frame-Options`: it cannot say "anyone" and would override the embeds'
//! policy in older browsers.

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
/// The policy headers of one route, in the order they are sent.
pub type Headers = Vec<(HeaderName, HeaderValue)>;

/// Who may show a route in a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Made to be embedded: any site may frame it.
    Anyone,
    /// Never inside another site's frame.
    Nobody,
}

/// The headers a response carries whatever its status, by what its route
/// declares (`route::Kind`): who may frame it, whether it is public data.
pub fn headers(framing: Framing, public_data: bool, hsts: bool) -> Headers {
    let csp = match framing {
        Framing::Anyone => EMBED_CSP,
        Framing::Nobody => CSP,
    };
    let mut out: Headers = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
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
    if public_data {
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

    fn has(h: &Headers, name: &HeaderName) -> bool {
        h.iter().any(|(n, _)| n == name)
    }

    #[test]
    fn every_route_gets_the_security_headers_and_data_gets_cors() {
        for framing in [Framing::Anyone, Framing::Nobody] {
            let h = headers(framing, false, false);
            assert!(has(&h, &header::CONTENT_SECURITY_POLICY));
            assert!(!has(&h, &header::ACCESS_CONTROL_ALLOW_ORIGIN));
            assert!(!has(&h, &header::STRICT_TRANSPORT_SECURITY));
        }
        let h = headers(Framing::Nobody, true, true);
        assert!(has(&h, &header::ACCESS_CONTROL_ALLOW_ORIGIN));
        assert!(has(&h, &header::STRICT_TRANSPORT_SECURITY));
    }

    #[test]
    fn only_the_embeds_may_be_framed() {
        let csp = |framing| {
            headers(framing, false, false)
                .into_iter()
                .find(|(n, _)| n == header::CONTENT_SECURITY_POLICY)
                .map(|(_, v)| v)
                .unwrap()
        };
        assert_eq!(csp(Framing::Anyone), EMBED_CSP);
        assert!(EMBED_CSP.ends_with("frame-ancestors *"));
        assert_eq!(csp(Framing::Nobody), CSP);
    }

    #[test]
    fn the_policy_allows_no_inline_code_or_framing() {
        assert!(!CSP.contains("unsafe-inline"));
        assert!(CSP.contains("frame-ancestors 'none'"));
        assert!(CSP.starts_with("default-src 'self'"));
    }
}
