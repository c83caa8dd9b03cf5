//! Who may show a page in a frame, decided in one place. The embeddable
//! addresses (`/kommun/{code}/inbadda`, `/jamfor/inbadda`) may be framed by
//! any site; everything else by none (`frame-ancestors 'none'`), so no other
//! site can dress kompass's pages up as its own or trick a click on them.
//!
//! The security-header middleware (the site's full Content-Security-Policy)
//! asks `frame_ancestors` for the directive; until a response carries a CSP
//! of its own, `frame_headers` sends the directive alone.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FramePolicy {
    /// Made to be embedded: any site may frame it.
    Anyone,
    /// Never inside another site's frame.
    Nobody,
}

/// Whether `path` is an embed: `/jamfor/inbadda`, `/kommun/{4 digits}/inbadda`.
pub fn frame_policy(path: &str) -> FramePolicy {
    let path = path.trim_end_matches('/');
    let municipality_embed = path
        .strip_prefix("/kommun/")
        .and_then(|rest| rest.strip_suffix("/inbadda"))
        .is_some_and(|code| code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()));
    if municipality_embed || path == "/jamfor/inbadda" {
        FramePolicy::Anyone
    } else {
        FramePolicy::Nobody
    }
}

/// The `frame-ancestors` directive of `path`'s Content-Security-Policy.
pub fn frame_ancestors(path: &str) -> &'static str {
    match frame_policy(path) {
        FramePolicy::Anyone => "frame-ancestors *",
        FramePolicy::Nobody => "frame-ancestors 'none'",
    }
}

/// Sends `path`'s frame-ancestors directive as the CSP when the response
/// has no CSP yet. Never `X-Frame-Options`: it cannot say "anyone" and would
/// override the embeds' policy in older browsers.
pub async fn frame_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let directive = frame_ancestors(req.path());
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(directive),
        );
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_embeds_may_be_framed() {
        for yes in [
            "/kommun/1881/inbadda",
            "/jamfor/inbadda",
            "/kommun/0115/inbadda/",
        ] {
            assert_eq!(frame_policy(yes), FramePolicy::Anyone, "{yes}");
            assert_eq!(frame_ancestors(yes), "frame-ancestors *");
        }
        for no in [
            "/",
            "/kommun/1881",
            "/kommun/1881-kumla",
            "/kommun/18810/inbadda",
            "/kommun/abcd/inbadda",
            "/kommun/1881/inbadda/x",
            "/jamfor",
            "/api/v1/themes",
            "/kommun/1881/diagram/omraden.png",
        ] {
            assert_eq!(frame_policy(no), FramePolicy::Nobody, "{no}");
            assert_eq!(frame_ancestors(no), "frame-ancestors 'none'");
        }
    }
}
