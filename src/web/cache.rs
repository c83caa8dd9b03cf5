//! The response cache: between two imports every answer is a pure function
//! of the address and the content coding, so each answered address is
//! kept once, with its status, the headers that matter, its body and, once
//! per coding, its compressed bodies, each with a strong `ETag` that is a
//! hash of the bytes (the same on every replica and in an export).
//!
//! Bounded by bytes (least recently used out first); cleared when the data
//! version changes (a generation number keeps an answer rendered from the
//! old data out). Concurrent misses for one address, or for one coding of
//! it, are computed once: the others wait for that result (`single_flight`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use bytes::Bytes;
use lru::LruCache;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use super::compress::Coding;

/// One body as sent, with its tag.
#[derive(Debug, Clone)]
pub struct Representation {
    pub body: Bytes,
    /// `"…"`: the first 128 bits of the body's SHA-256.
    pub etag: HeaderValue,
    /// Compressed at the best level (or not compressed at all).
    pub best: bool,
}

impl Representation {
    pub fn new(body: Bytes, best: bool) -> Self {
        let etag = HeaderValue::from_str(&entity_tag(&body))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        Self { body, etag, best }
    }
}

/// A body in an allocation of its exact size. A body as a handler gives it
/// (a `String` grown while rendering) may hold up to twice its length;
/// kept as it is, the cache would hold about twice its cap.
pub fn exact(body: &Bytes) -> Bytes {
    Bytes::copy_from_slice(body)
}

/// The strong entity tag of a body: it changes exactly when the bytes do.
pub fn entity_tag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// One answered address.
#[derive(Debug, Clone)]
pub struct Entry {
    pub status: StatusCode,
    /// The handler's headers (type, disposition, location, ...) and the
    /// route's policy headers, in the order they are sent.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// Whether the body is worth compressing (text of some size).
    pub compressible: bool,
    pub identity: Representation,
    /// By `Coding::slot`.
    pub compressed: [Option<Representation>; 3],
}

/// What an entry costs besides its key, headers and bodies (the entry, its
/// `Arc`, the LRU's node and map slot).
const ENTRY_OVERHEAD: usize = 256;
/// What a header costs besides its name's and value's bytes.
const HEADER_OVERHEAD: usize = 64;

impl Entry {
    /// The bytes the entry holds. Counted as it really is: a body is kept
    /// in an allocation of its exact size (`exact`, and compression's
    /// buffers shrunk), so the cache's memory is its cap, not a multiple.
    pub fn weight(&self, key: &str) -> usize {
        ENTRY_OVERHEAD
            + key.len()
            + self
                .headers
                .iter()
                .map(|(n, v)| HEADER_OVERHEAD + n.as_str().len() + v.len())
                .sum::<usize>()
            + self.identity.body.len()
            + self
                .compressed
                .iter()
                .flatten()
                .map(|r| r.body.len())
                .sum::<usize>()
    }

    pub fn representation(&self, coding: Coding) -> Option<&Representation> {
        match coding.slot() {
            None => Some(&self.identity),
            Some(i) => self.compressed[i].as_ref(),
        }
    }

    /// The same entry with `rep` as its body in `coding`.
    pub fn with(&self, coding: Coding, rep: Representation) -> Entry {
        let mut next = self.clone();
        if let Some(i) = coding.slot() {
            next.compressed[i] = Some(rep);
        }
        next
    }
}

/// What a single flight ended with, shared by everyone who waited for it.
#[derive(Debug, Clone)]
pub enum Flight {
    Ready(Arc<Entry>),
    /// The work waited too long for its turn: answer 503.
    Busy,
    /// The answer could not be shared (a streamed body): each computes its own.
    Unshared,
}

type FlightKey = (Box<str>, Coding);

struct Inner {
    lru: LruCache<Box<str>, Arc<Entry>>,
    bytes: usize,
    generation: u64,
}

pub struct ResponseCache {
    inner: Mutex<Inner>,
    flights: Mutex<HashMap<FlightKey, Arc<OnceCell<Flight>>>>,
    capacity: usize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl ResponseCache {
    /// A cache holding at most `capacity` bytes (0 turns it off).
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                lru: LruCache::unbounded(),
                bytes: 0,
                generation: 0,
            }),
            flights: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The largest entry kept: a quarter of the cap, so that one answer
    /// cannot push out everything else.
    pub fn max_entry(&self) -> usize {
        self.capacity / 4
    }

    /// Changes whenever the data does; an answer computed under an older
    /// generation is not stored.
    pub fn generation(&self) -> u64 {
        lock(&self.inner).generation
    }

    pub fn get(&self, key: &str) -> Option<Arc<Entry>> {
        lock(&self.inner).lru.get(key).cloned()
    }

    /// The entry without counting it as a use.
    pub fn peek(&self, key: &str) -> Option<Arc<Entry>> {
        lock(&self.inner).lru.peek(key).cloned()
    }

    /// Stores `entry` unless the data changed since `generation` or it is
    /// too large; evicts the least recently used entries to stay in the cap.
    pub fn insert(&self, key: &str, generation: u64, entry: Arc<Entry>) -> bool {
        let weight = entry.weight(key);
        if weight > self.max_entry() {
            return false;
        }
        let mut inner = lock(&self.inner);
        if inner.generation != generation {
            return false;
        }
        if let Some(old) = inner.lru.put(key.into(), entry) {
            inner.bytes -= old.weight(key);
        }
        inner.bytes += weight;
        while inner.bytes > self.capacity {
            match inner.lru.pop_lru() {
                Some((k, old)) => inner.bytes -= old.weight(&k),
                None => break,
            }
        }
        true
    }

    /// Adds a coding to a stored entry, if it is still the one whose body
    /// was compressed (same generation, same identity bytes).
    pub fn upgrade(
        &self,
        key: &str,
        generation: u64,
        identity: &Bytes,
        coding: Coding,
        rep: Representation,
    ) -> Option<Arc<Entry>> {
        let current = {
            let inner = lock(&self.inner);
            if inner.generation != generation {
                return None;
            }
            inner.lru.peek(key).cloned()?
        };
        if current.identity.body != *identity {
            return None;
        }
        let next = Arc::new(current.with(coding, rep));
        self.insert(key, generation, next.clone()).then_some(next)
    }

    /// Forgets every entry (the data changed).
    pub fn clear(&self) {
        let mut inner = lock(&self.inner);
        inner.lru.clear();
        inner.bytes = 0;
        inner.generation += 1;
    }

    /// (entries, bytes) held now.
    pub fn usage(&self) -> (usize, usize) {
        let inner = lock(&self.inner);
        (inner.lru.len(), inner.bytes)
    }

    /// Runs `compute` once for concurrent callers with the same key and
    /// coding; the others wait and get the same `Flight`.
    pub async fn single_flight<F, Fut>(&self, key: &str, coding: Coding, compute: F) -> Flight
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Flight>,
    {
        let flight_key: FlightKey = (key.into(), coding);
        let cell = lock(&self.flights)
            .entry(flight_key.clone())
            .or_insert_with(|| Arc::new(OnceCell::new()))
            .clone();
        let result = cell.get_or_init(compute).await.clone();
        let mut flights = lock(&self.flights);
        if flights
            .get(&flight_key)
            .is_some_and(|c| Arc::ptr_eq(c, &cell))
        {
            flights.remove(&flight_key);
        }
        result
    }
}

/// Whether `If-None-Match` names `etag` (weak comparison, RFC 9110).
pub fn not_modified(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(Ok(condition)) = if_none_match.map(|v| v.to_str()) else {
        return false;
    };
    let tag = etag.as_bytes();
    condition.trim() == "*"
        || condition
            .split(',')
            .map(|t| t.trim())
            .map(|t| t.strip_prefix("W/").unwrap_or(t))
            .any(|t| t.as_bytes() == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: usize) -> Arc<Entry> {
        Arc::new(Entry {
            status: StatusCode::OK,
            headers: vec![],
            compressible: true,
            identity: Representation::new(Bytes::from(vec![b'x'; size]), true),
            compressed: [None, None, None],
        })
    }

    #[test]
    fn least_recently_used_entries_go_first_when_the_cap_is_reached() {
        let cache = ResponseCache::new(4 * (ENTRY_OVERHEAD + 1002));
        let g = cache.generation();
        for key in ["/a", "/b", "/c", "/d"] {
            assert!(cache.insert(key, g, entry(1000)));
        }
        assert!(cache.get("/a").is_some());
        assert!(cache.insert("/e", g, entry(1000)));
        assert!(cache.get("/b").is_none(), "the least recently used went");
        assert!(cache.get("/a").is_some());
        let (n, bytes) = cache.usage();
        assert_eq!(n, 4);
        assert!(bytes <= cache.capacity());
    }

    #[test]
    fn an_entry_larger_than_a_quarter_of_the_cap_is_not_kept() {
        let cache = ResponseCache::new(10_000);
        assert!(!cache.insert("/big", cache.generation(), entry(5_000)));
        assert!(cache.get("/big").is_none());
        let off = ResponseCache::new(0);
        assert!(!off.insert("/a", off.generation(), entry(1)));
    }

    #[test]
    fn answers_from_old_data_are_not_stored_after_a_clear() {
        let cache = ResponseCache::new(1 << 20);
        let old = cache.generation();
        assert!(cache.insert("/a", old, entry(10)));
        cache.clear();
        assert!(cache.get("/a").is_none());
        assert!(!cache.insert("/b", old, entry(10)));
        assert_eq!(cache.usage(), (0, 0));
    }

    #[test]
    fn an_upgrade_adds_a_coding_and_counts_its_bytes() {
        let cache = ResponseCache::new(1 << 20);
        let g = cache.generation();
        let e = entry(2000);
        cache.insert("/a", g, e.clone());
        let before = cache.usage().1;
        let rep = Representation::new(Bytes::from_static(b"compressed"), true);
        let up = cache
            .upgrade("/a", g, &e.identity.body, Coding::Brotli, rep)
            .unwrap();
        assert_eq!(
            up.representation(Coding::Brotli).unwrap().body.as_ref(),
            b"compressed"
        );
        assert!(up.representation(Coding::Gzip).is_none());
        assert_eq!(cache.usage().1, before + 10);
        // A stale body (the entry was replaced meanwhile) is not upgraded.
        let other = Bytes::from_static(b"other");
        let rep = Representation::new(Bytes::from_static(b"z"), true);
        assert!(cache.upgrade("/a", g, &other, Coding::Gzip, rep).is_none());
    }

    #[test]
    fn tags_are_hashes_of_the_bytes() {
        let a = Representation::new(Bytes::from_static(b"abc"), true);
        let b = Representation::new(Bytes::from_static(b"abc"), false);
        let c = Representation::new(Bytes::from_static(b"abd"), true);
        assert_eq!(a.etag, b.etag);
        assert_ne!(a.etag, c.etag);
        let tag = a.etag.to_str().unwrap();
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34);
    }

    #[test]
    fn concurrent_callers_share_one_computation() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache = Arc::new(ResponseCache::new(1 << 20));
        let runs = Arc::new(AtomicUsize::new(0));
        let rt = actix_web::rt::System::new();
        rt.block_on(async {
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            let first = {
                let (cache, runs) = (cache.clone(), runs.clone());
                actix_web::rt::spawn(async move {
                    cache
                        .single_flight("/x", Coding::Identity, || async move {
                            runs.fetch_add(1, Ordering::SeqCst);
                            let _ = rx.await;
                            Flight::Ready(entry(3))
                        })
                        .await
                })
            };
            actix_web::rt::task::yield_now().await;
            let second = {
                let (cache, runs) = (cache.clone(), runs.clone());
                actix_web::rt::spawn(async move {
                    cache
                        .single_flight("/x", Coding::Identity, || async move {
                            runs.fetch_add(1, Ordering::SeqCst);
                            Flight::Busy
                        })
                        .await
                })
            };
            actix_web::rt::task::yield_now().await;
            let _ = tx.send(());
            let (a, b) = (first.await.unwrap(), second.await.unwrap());
            assert!(matches!(a, Flight::Ready(_)) && matches!(b, Flight::Ready(_)));
        });
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_any() {
        let tag = HeaderValue::from_static("\"abc\"");
        let check = |v: &'static str| not_modified(Some(&HeaderValue::from_static(v)), &tag);
        assert!(check("\"abc\""));
        assert!(check("W/\"abc\""));
        assert!(check("\"x\", \"abc\""));
        assert!(check("*"));
        assert!(!check("\"abcd\""));
        assert!(!check("abc"));
        assert!(!not_modified(None, &tag));
    }
}
