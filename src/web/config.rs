//! How the server is set up for its deployment: the public address, HSTS,
//! the response cache's size and the bounds on concurrent work. Set from
//! the command line (`serve`, `export`); tests use the defaults.

use std::time::Duration;

/// Where the portal is published, e.g. `https://kompass.example.se`:
/// canonical and Open Graph addresses are built from it, never from the
/// request's `Host` or forwarded headers, so every client gets the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

/// The address `serve` listens on by default, and so the default public one.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

impl PublicUrl {
    /// `http(s)://host[:port][/prefix]`, without a query, fragment or
    /// characters that would need escaping; a trailing `/` is dropped.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim().trim_end_matches('/');
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or_else(|| format!("--public-url {raw:?}: must start with http:// or https://"))?;
        let host = rest.split('/').next().unwrap_or("");
        let clean = |c: char| c.is_ascii_alphanumeric() || "-._~:/%[]@!$&'()*+,;=".contains(c);
        if host.is_empty() || !rest.chars().all(clean) || rest.contains(['\'', '(', ')']) {
            return Err(format!(
                "--public-url {raw:?}: give the address as https://host[:port][/path], without a query"
            ));
        }
        Ok(Self(text.to_string()))
    }

    /// The absolute address of a path (`/kommun/1881-kumla`) on the site.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for PublicUrl {
    fn default() -> Self {
        Self(DEFAULT_PUBLIC_URL.to_string())
    }
}

/// The default cap on the response cache: fits a small VPS.
pub const DEFAULT_CACHE_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Settings {
    pub public_url: PublicUrl,
    /// Send `Strict-Transport-Security` (only behind TLS).
    pub hsts: bool,
    /// The response cache's cap in bytes (0: no cache).
    pub cache_bytes: usize,
    /// How many answers may be rendered at once.
    pub render_slots: usize,
    /// How many bodies may be compressed at once (besides the one
    /// background compression at the best level).
    pub compress_slots: usize,
    /// How long a render may wait for a slot before the answer is 503.
    pub max_wait: Duration,
    /// How long a compression may wait before the body goes out as it is.
    pub compress_wait: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            public_url: PublicUrl::default(),
            hsts: false,
            cache_bytes: DEFAULT_CACHE_BYTES,
            render_slots: cores,
            compress_slots: cores,
            max_wait: Duration::from_secs(5),
            compress_wait: Duration::from_millis(500),
        }
    }
}

/// The command-line options of `serve` (and `export`) that shape what the
/// server sends.
#[derive(Debug, Clone, clap::Args)]
pub struct ServerArgs {
    /// The site's public address (https://host[/prefix]) for canonical and
    /// Open Graph links. Default: http:// and the listening address.
    #[arg(long, env = "KOMPASS_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Send Strict-Transport-Security (only when served over TLS).
    #[arg(long, env = "KOMPASS_HSTS")]
    pub hsts: bool,
    /// The response cache's cap in MiB (0 turns it off).
    #[arg(
        long,
        env = "KOMPASS_CACHE_MB",
        default_value_t = 32,
        value_name = "MIB"
    )]
    pub cache_mb: usize,
}

impl ServerArgs {
    /// The settings, with `fallback` as the public address when none is given.
    pub fn settings(&self, fallback: &str) -> Result<Settings, String> {
        let public_url = match &self.public_url {
            Some(raw) => PublicUrl::parse(raw)?,
            None => PublicUrl::parse(fallback)?,
        };
        Ok(Settings {
            public_url,
            hsts: self.hsts,
            cache_bytes: self.cache_mb.saturating_mul(1024 * 1024),
            ..Settings::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_plain_http_addresses() {
        let u = PublicUrl::parse("https://kompass.example.se/").unwrap();
        assert_eq!(u.join("/om"), "https://kompass.example.se/om");
        assert_eq!(
            PublicUrl::parse("http://127.0.0.1:8080/portal")
                .unwrap()
                .join("/"),
            "http://127.0.0.1:8080/portal/"
        );
        for bad in [
            "kompass.example.se",
            "javascript://evil.example/%0aalert(1)",
            "https://",
            "https://a b",
            "https://x/\"><script>",
            "ftp://x",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
