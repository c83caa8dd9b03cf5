//! Who a request comes from, for every per-client limit in kompass (the
//! uploads to `/bidra` today): the peer's address, or, when the peer is the
//! proxy named with `--trusted-proxy ADDR`, the last hop that proxy added
//! to `X-Forwarded-For`. Only that last hop is vouched for: the ones before
//! it are whatever the client wrote, and a client that talks to kompass
//! directly cannot name itself anyone else. One definition, so every limit
//! counts the same client.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;

/// The client of `req` (none only where the connection has no peer
/// address, as in a request made inside the process).
pub fn of(req: &HttpRequest, trusted_proxy: Option<IpAddr>) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    Some(behind(peer, req.headers(), trusted_proxy))
}

/// The client of a connection from `peer` with `headers`.
pub fn behind(peer: IpAddr, headers: &HeaderMap, trusted_proxy: Option<IpAddr>) -> IpAddr {
    if trusted_proxy.is_none_or(|proxy| !same(proxy, peer)) {
        return peer;
    }
    // The proxy appends its hop to the last header line it sends.
    headers
        .get_all("x-forwarded-for")
        .last()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|hop| parse_hop(hop.trim()))
        .unwrap_or(peer)
}

/// An address as a proxy writes it: `1.2.3.4`, `2001:db8::1`, `[2001:db8::1]`,
/// or with a port (`1.2.3.4:5678`, `[2001:db8::1]:5678`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .and_then(|h| h.parse().ok())
}

/// The same address, an IPv4 one also as IPv6-mapped (`::ffff:127.0.0.1`).
fn same(a: IpAddr, b: IpAddr) -> bool {
    a.to_canonical() == b.to_canonical()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(lines: &[&'static str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for line in lines {
            map.append(
                HeaderName::from_static("x-forwarded-for"),
                HeaderValue::from_static(line),
            );
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_client_is_the_peer_unless_the_peer_is_the_trusted_proxy() {
        let forwarded = headers(&["10.0.0.9, 203.0.113.7"]);
        let proxy = Some(ip("127.0.0.1"));
        // No proxy trusted: the header is the client's own words.
        assert_eq!(
            behind(ip("198.51.100.2"), &forwarded, None),
            ip("198.51.100.2")
        );
        // Another peer than the proxy: the same.
        assert_eq!(
            behind(ip("198.51.100.2"), &forwarded, proxy),
            ip("198.51.100.2")
        );
        // The proxy: the last hop it added, not the first the client wrote.
        assert_eq!(
            behind(ip("127.0.0.1"), &forwarded, proxy),
            ip("203.0.113.7")
        );
        assert_eq!(
            behind(ip("::ffff:127.0.0.1"), &forwarded, proxy),
            ip("203.0.113.7")
        );
        let lines = headers(&["1.1.1.1", "[2001:db8::1]:4711"]);
        assert_eq!(behind(ip("127.0.0.1"), &lines, proxy), ip("2001:db8::1"));
        // The proxy without a usable header: the proxy itself.
        for broken in [headers(&[]), headers(&["unknown"]), headers(&["1.2.3.4, "])] {
            assert_eq!(behind(ip("127.0.0.1"), &broken, proxy), ip("127.0.0.1"));
        }
    }
}
