//! Who may show a page in a frame, decided in one place. The embeddable
//! addresses (`/kommun/{code}/inbadda`, `/jamfor/inbadda`) may be framed by
//! any site; everything else by none (`frame-ancestors 'none'`), so no other
//! site can dress kompass's pages up as its own or trick a click on them.
//!
//! `policy` asks `frame_policy` which Content-Security-Policy a route gets.
//! Never `X-Frame-Options`: it cannot say "anyone" and would override the
//! embeds' policy in older browsers.

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
