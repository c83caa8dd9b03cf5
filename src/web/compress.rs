//! Content codings: which one a client accepts (`Accept-Encoding`), which
//! bodies are worth compressing, and the compression itself at two levels:
//! `Best` once per cached body (in the background), `Fast` for a body's
//! first answer and for answers that are not cached.
//!
//! The encoders' windows follow the body's size, so the memory one
//! compression takes is proportional to the body, not a fixed 16-32 MB.

use std::io::Write;

use bytes::Bytes;

/// A content coding kompass sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coding {
    Identity,
    Brotli,
    Zstd,
    Gzip,
}

impl Coding {
    /// The compressed codings, in order of preference when a client accepts
    /// several equally: brotli first (smallest for text, and what a static
    /// server with precompressed `.br` files sends), then zstd, then gzip.
    pub const COMPRESSED: [Coding; 3] = [Coding::Brotli, Coding::Zstd, Coding::Gzip];

    /// The `Content-Encoding` token.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Identity => "identity",
            Coding::Brotli => "br",
            Coding::Zstd => "zstd",
            Coding::Gzip => "gzip",
        }
    }

    /// Index among `COMPRESSED` (identity has none).
    pub fn slot(self) -> Option<usize> {
        Coding::COMPRESSED.iter().position(|c| *c == self)
    }
}

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A few milliseconds for a page: first answers, uncached answers.
    Fast,
    /// The smallest body, once per cached body and coding.
    Best,
}

/// The coding to send for an `Accept-Encoding` value: the most preferred
/// compressed coding with a non-zero quality (ties go by `COMPRESSED`
/// order), else identity. `*` stands for any coding not named.
pub fn negotiate(accept_encoding: Option<&str>) -> Coding {
    let Some(header) = accept_encoding else {
        return Coding::Identity;
    };
    let mut best: Option<(u16, usize, Coding)> = None;
    for (preference, coding) in Coding::COMPRESSED.iter().enumerate() {
        let q = quality(header, coding.token());
        if q == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((best_q, _, _)) => q > best_q,
        };
        if better {
            best = Some((q, preference, *coding));
        }
    }
    best.map_or(Coding::Identity, |(_, _, c)| c)
}

/// The quality (0-1000) the header gives `token`: its own entry, else `*`'s,
/// else 0.
fn quality(header: &str, token: &str) -> u16 {
    let mut wildcard = 0;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| {
                let p = p.trim();
                p.strip_prefix("q=").or_else(|| p.strip_prefix("Q="))
            })
            .map_or(1000, parse_quality);
        if name.eq_ignore_ascii_case(token) {
            return q;
        }
        if name == "*" {
            wildcard = q;
        }
    }
    wildcard
}

/// "0.5" -> 500; malformed values count as 0 (not acceptable).
fn parse_quality(text: &str) -> u16 {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = match whole {
        "0" => 0u16,
        "1" => 1000,
        _ => return 0,
    };
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let mut digits = fraction.bytes().map(|b| u16::from(b - b'0'));
    let thousandths = digits.next().unwrap_or(0) * 100
        + digits.next().unwrap_or(0) * 10
        + digits.next().unwrap_or(0);
    (whole + thousandths).min(1000)
}

/// Bodies smaller than this are sent as they are: the saving would not pay
/// for the work (and a static server's precompressed copies start there too).
pub const MIN_COMPRESSED_SIZE: usize = 1024;

/// Whether a body of this type and size is worth compressing: text, JSON,
/// SVG, CSV; never a zip or an image that is compressed already.
pub fn worth_compressing(content_type: Option<&str>, len: usize) -> bool {
    if len < MIN_COMPRESSED_SIZE {
        return false;
    }
    let Some(ct) = content_type else {
        return false;
    };
    let essence = ct.split(';').next().unwrap_or("").trim();
    essence.starts_with("text/")
        || matches!(
            essence,
            "application/json" | "image/svg+xml" | "application/xml" | "application/javascript"
        )
}

/// The window (log2 bytes) an encoder needs for a body of `len` bytes.
fn window_bits(len: usize, min: u32, max: u32) -> u32 {
    let needed = usize::BITS - len.max(1).leading_zeros();
    needed.clamp(min, max)
}

/// `body` in `coding` at `level`. Identity returns the body itself.
pub fn compress(body: &Bytes, coding: Coding, level: Level) -> std::io::Result<Bytes> {
    let out = Vec::with_capacity(body.len() / 3 + 64);
    let compressed = match coding {
        Coding::Identity => return Ok(body.clone()),
        Coding::Gzip => {
            let level = match level {
                Level::Fast => 1,
                Level::Best => 9,
            };
            let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::new(level));
            encoder.write_all(body)?;
            encoder.finish()?
        }
        Coding::Brotli => {
            let quality = match level {
                Level::Fast => 4,
                Level::Best => 11,
            };
            let mut encoder =
                brotli::CompressorWriter::new(out, 4096, quality, window_bits(body.len(), 16, 22));
            encoder.write_all(body)?;
            encoder.flush()?;
            encoder.into_inner()
        }
        Coding::Zstd => {
            let level = match level {
                Level::Fast => 3,
                Level::Best => 19,
            };
            // `bulk` knows the size, so zstd sizes its window and tables to it.
            zstd::bulk::compress(body, level)?
        }
    };
    // The buffer was sized for a poor ratio; what the cache keeps is what
    // it counts (a kept body holds its whole allocation).
    let mut compressed = compressed;
    compressed.shrink_to_fit();
    Ok(Bytes::from(compressed))
}

/// Copies `reader` into `out` in `coding`, a chunk at a time: for the
/// dataset's files (tens of MB), compressed once per data version at a
/// middle level (a few hundred milliseconds for 40 MB, within a few per cent
/// of the best size for tabular text), with windows of 1 MB, which keep the
/// encoder's memory near 10 MB.
pub fn compress_stream(
    mut reader: impl std::io::Read,
    out: &mut impl Write,
    coding: Coding,
) -> std::io::Result<()> {
    match coding {
        Coding::Identity => {
            std::io::copy(&mut reader, out)?;
        }
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::new(6));
            std::io::copy(&mut reader, &mut encoder)?;
            encoder.finish()?;
        }
        Coding::Brotli => {
            let mut encoder = brotli::CompressorWriter::new(out, 64 * 1024, 5, 20);
            std::io::copy(&mut reader, &mut encoder)?;
            encoder.flush()?;
        }
        Coding::Zstd => {
            let mut encoder = zstd::stream::write::Encoder::new(out, 6)?;
            encoder.window_log(20)?;
            std::io::copy(&mut reader, &mut encoder)?;
            encoder.finish()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_browser_gets_brotli_and_qualities_are_respected() {
        let browser = Some("gzip, deflate, br, zstd");
        assert_eq!(negotiate(browser), Coding::Brotli);
        assert_eq!(negotiate(Some("gzip")), Coding::Gzip);
        assert_eq!(negotiate(Some("zstd, gzip")), Coding::Zstd);
        assert_eq!(negotiate(Some("br;q=0, gzip")), Coding::Gzip);
        assert_eq!(negotiate(Some("br;q=0.5, gzip;q=0.8")), Coding::Gzip);
        assert_eq!(negotiate(Some("*")), Coding::Brotli);
        assert_eq!(negotiate(Some("*;q=0, gzip;q=0.1")), Coding::Gzip);
        assert_eq!(negotiate(Some("identity")), Coding::Identity);
        assert_eq!(negotiate(Some("br;q=bogus")), Coding::Identity);
        assert_eq!(negotiate(Some("")), Coding::Identity);
        assert_eq!(negotiate(None), Coding::Identity);
        assert_eq!(negotiate(Some("GZIP;Q=1.0")), Coding::Gzip);
    }

    #[test]
    fn qualities_parse_to_thousandths() {
        assert_eq!(parse_quality("1"), 1000);
        assert_eq!(parse_quality("1.000"), 1000);
        assert_eq!(parse_quality("0.5"), 500);
        assert_eq!(parse_quality("0.001"), 1);
        assert_eq!(parse_quality("0"), 0);
        for bad in ["2", "0.0001", "x", "-1", ".5"] {
            assert_eq!(parse_quality(bad), 0, "{bad}");
        }
    }

    #[test]
    fn only_text_of_some_size_is_compressed() {
        assert!(worth_compressing(Some("text/html; charset=utf-8"), 5000));
        assert!(worth_compressing(Some("application/json"), 5000));
        assert!(worth_compressing(
            Some("image/svg+xml; charset=utf-8"),
            5000
        ));
        assert!(!worth_compressing(Some("application/zip"), 5000));
        assert!(!worth_compressing(Some("text/html"), 100));
        assert!(!worth_compressing(None, 5000));
    }

    #[test]
    fn every_coding_round_trips_at_both_levels() {
        let text: String = (0..2000).map(|i| format!("rad {i};Kumla;557\n")).collect();
        let body = Bytes::from(text.clone());
        for level in [Level::Fast, Level::Best] {
            let gz = compress(&body, Coding::Gzip, level).unwrap();
            let mut out = String::new();
            flate2::read::GzDecoder::new(gz.as_ref())
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, text);
            let br = compress(&body, Coding::Brotli, level).unwrap();
            let mut out = Vec::new();
            brotli::Decompressor::new(br.as_ref(), 4096)
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, text.as_bytes());
            let zs = compress(&body, Coding::Zstd, level).unwrap();
            assert_eq!(zstd::decode_all(zs.as_ref()).unwrap(), text.as_bytes());
            assert!(br.len() * 4 < body.len());
        }
        for coding in Coding::COMPRESSED {
            let mut streamed = Vec::new();
            compress_stream(text.as_bytes(), &mut streamed, coding).unwrap();
            let mut out = Vec::new();
            match coding {
                Coding::Gzip => {
                    flate2::read::GzDecoder::new(streamed.as_slice())
                        .read_to_end(&mut out)
                        .unwrap();
                }
                Coding::Brotli => {
                    brotli::Decompressor::new(streamed.as_slice(), 4096)
                        .read_to_end(&mut out)
                        .unwrap();
                }
                _ => out = zstd::decode_all(streamed.as_slice()).unwrap(),
            }
            assert_eq!(out, text.as_bytes(), "{coding:?}");
        }
        // Deterministic: the same input gives the same bytes (exports and
        // replicas agree, and so do their tags).
        assert_eq!(
            compress(&body, Coding::Brotli, Level::Best).unwrap(),
            compress(&body, Coding::Brotli, Level::Best).unwrap()
        );
    }
}
