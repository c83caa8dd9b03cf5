//! Whether a form was sent from another site: what a browser says of
//! where a request comes from (`Sec-Fetch-Site`, else `Origin`), against
//! this host and the public address.

use actix_web::HttpRequest;
use actix_web::http::header;

use super::super::config::PublicUrl;

/// The origin of an address: `https://kompass.example.se/portal` ->
/// `https://kompass.example.se`.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// Whether a browser sent this form from another site: its
/// `Sec-Fetch-Site` says so, or (an older browser) its `Origin` is neither
/// this host nor the public address. A client that sends neither header is
/// no browser on another site's page.
pub fn cross_site(req: &HttpRequest, public: &PublicUrl) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let same_host = origin
        .split_once("://")
        .is_some_and(|(_, rest)| host.is_some_and(|h| rest.eq_ignore_ascii_case(h)));
    let public_origin = origin.eq_ignore_ascii_case(origin_of(public.as_str()));
    !(same_host || public_origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn public() -> PublicUrl {
        PublicUrl::parse("https://kompass.example.se/portal").unwrap()
    }

    #[test]
    fn a_form_from_another_site_is_told_apart() {
        let req = |headers: &[(&str, &str)]| {
            let mut r = TestRequest::post().insert_header(("host", "127.0.0.1:8080"));
            for h in headers {
                r = r.insert_header(*h);
            }
            r.to_http_request()
        };
        let p = public();
        assert!(!cross_site(&req(&[]), &p), "no browser headers: a script");
        assert!(!cross_site(&req(&[("sec-fetch-site", "same-origin")]), &p));
        assert!(cross_site(&req(&[("sec-fetch-site", "cross-site")]), &p));
        assert!(cross_site(&req(&[("sec-fetch-site", "same-site")]), &p));
        assert!(!cross_site(
            &req(&[("origin", "http://127.0.0.1:8080")]),
            &p
        ));
        assert!(!cross_site(
            &req(&[("origin", "https://kompass.example.se")]),
            &p
        ));
        assert!(cross_site(&req(&[("origin", "https://evil.example")]), &p));
        assert!(cross_site(&req(&[("origin", "null")]), &p));
        // Sec-Fetch-Site decides when both are there.
        assert!(cross_site(
            &req(&[
                ("origin", "http://127.0.0.1:8080"),
                ("sec-fetch-site", "cross-site")
            ]),
            &p
        ));
        assert_eq!(
            origin_of("https://kompass.example.se/portal"),
            "https://kompass.example.se"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
