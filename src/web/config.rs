//! How the server is set up for its deployment: the public address, HSTS,
//! the response cache's size, the bounds on concurrent work, and where
//! evaluations sent through `/bidra` go. Set from the command line
//! (`serve`, `export`); tests use the defaults.

use std::net::IpAddr;
use std::path::PathBuf;
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

/// Where evaluation files made on `/bidra` are sent in: a `mailto:` or
/// web address, shown on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributeTo(String);

impl ContributeTo {
    /// `mailto:name@host` or `https://...` (no spaces, quotes or angle brackets).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        let mail = text.strip_prefix("mailto:").is_some_and(|a| {
            let (user, host) = a.split_once('@').unwrap_or(("", ""));
            !user.is_empty()
                && host.contains('.')
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@.-_+%".contains(c))
        });
        let web =
            crate::domain::text::is_web_address(text) && !text.contains(['"', '\'', '<', '>', '`']);
        if mail || web {
            Ok(Self(text.to_string()))
        } else {
            Err(format!(
                "--contribute-to {raw:?}: give mailto:name@host or an https:// address"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What a person reads: the e-mail address, or the web address.
    pub fn label(&self) -> &str {
        self.0.strip_prefix("mailto:").unwrap_or(&self.0)
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
    /// How many PNGs may be drawn at once, apart from the renders (each
    /// holds its raster, tens of MB at the widest, while drawn).
    pub image_slots: usize,
    /// How many bodies may be compressed at once (besides the one
    /// background compression at the best level).
    pub compress_slots: usize,
    /// How long a render may wait for a slot before the answer is 503.
    pub max_wait: Duration,
    /// How long a compression may wait before the body goes out as it is.
    pub compress_wait: Duration,
    /// How many reports sent to `/bidra` are read at once (PDF, checks),
    /// taken once an upload is whole: a report takes one slot per 4 MB it
    /// holds, up to all of them (`contribute::report_weight`), since
    /// checking a text takes several times its size in memory.
    pub report_slots: usize,
    /// How many uploads may arrive at once from one client, and in all.
    pub upload_slots_per_client: usize,
    pub upload_slots: usize,
    /// The proxy whose last `X-Forwarded-For` hop names the client
    /// (`client.rs`); without one, the client is the peer.
    pub trusted_proxy: Option<IpAddr>,
    /// How long a report waits for its turn before the answer is 503.
    pub report_wait: Duration,
    /// How long `pdftotext` may run on a PDF sent to `/bidra`.
    pub pdf_time: Duration,
    /// Where a PDF's temporary folder is made (default: the system's).
    pub scratch_dir: Option<PathBuf>,
    /// Where evaluation files are sent in (`--contribute-to`); none: the inbox.
    pub contribute_to: Option<ContributeTo>,
    /// The inbox "Skicka in" sends to (unused with `contribute_to`).
    pub inbox: super::inbox::InboxSettings,
}

impl Default for Settings {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            public_url: PublicUrl::default(),
            hsts: false,
            cache_bytes: DEFAULT_CACHE_BYTES,
            render_slots: cores,
            image_slots: (cores / 2).max(1),
            compress_slots: cores,
            max_wait: Duration::from_secs(5),
            compress_wait: Duration::from_millis(500),
            report_slots: cores,
            report_wait: Duration::from_secs(3),
            upload_slots_per_client: super::upload::SLOTS_PER_CLIENT,
            upload_slots: super::upload::SLOTS,
            trusted_proxy: None,
            pdf_time: super::contribute::PDF_TIME,
            scratch_dir: None,
            contribute_to: None,
            inbox: super::inbox::InboxSettings::default(),
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
    /// Where evaluation files made on /bidra are to be sent: mailto:name@host
    /// or an https:// address (e.g. the project's new-issue page).
    #[arg(long, env = "KOMPASS_CONTRIBUTE_TO", value_name = "ADDRESS")]
    pub contribute_to: Option<String>,
    /// The address of the reverse proxy in front of kompass: a request from
    /// it is counted, in every per-client limit, for the last hop it added
    /// to X-Forwarded-For (else for the connection's own address).
    #[arg(long, env = "KOMPASS_TRUSTED_PROXY", value_name = "ADDR")]
    pub trusted_proxy: Option<IpAddr>,
    #[command(flatten)]
    pub inbox: super::inbox::InboxArgs,
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
            contribute_to: self
                .contribute_to
                .as_deref()
                .map(ContributeTo::parse)
                .transpose()?,
            trusted_proxy: self.trusted_proxy,
            inbox: self.inbox.settings(),
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

    #[test]
    fn contributions_go_to_an_e_mail_or_web_address() {
        let mail = ContributeTo::parse("mailto:data@kompass.example.se").unwrap();
        assert_eq!(mail.label(), "data@kompass.example.se");
        let web = ContributeTo::parse("https://example.org/kompass/issues/new").unwrap();
        assert_eq!(web.label(), "https://example.org/kompass/issues/new");
        for bad in [
            "data@kompass.example.se",
            "mailto:",
            "mailto:a@b",
            "mailto:a@b.se?subject=<x>",
            "javascript:alert(1)",
            "https://x/\"><script>",
        ] {
            assert!(ContributeTo::parse(bad).is_err(), "{bad}");
        }
    }
}
