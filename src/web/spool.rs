//! The dataset's own files (`/data/*.csv`, `.xlsx`, `kompass.zip`): at ten
//! times today's data the CSV is 38 MB and the workbook took 800 MB to
//! build in memory, too large for the response cache and too costly to make
//! per request. Each is written once per data version, by the first request
//! that wants it (the others wait for it: single flight), row by row into a
//! temporary file, and sent from that file in chunks; a compressed coding
//! of it is made once too, from file to file. Memory stays a few chunks per
//! connection whatever the data's size.
//!
//! The files are anonymous (unlinked at birth): the system removes them when
//! the last answer sending one is done, after the data changed.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::os::unix::fs::FileExt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::{OnceCell, Semaphore};

use super::AppError;
use super::cache::not_modified;
use super::compress::{self, Coding};
use super::policy::CACHE_CONTROL;

/// How much of a file one read sends.
const CHUNK: usize = 64 * 1024;

/// One written file with its length and strong `ETag` (a hash of its bytes,
/// the same rule as the response cache's, so replicas and exports agree).
pub struct Spooled {
    file: File,
    len: u64,
    etag: HeaderValue,
    /// A small file's bytes, sent from memory like a cached answer (a
    /// read per request would only add a copy).
    small: Option<Bytes>,
}

/// Files up to this size are also kept in memory (at today's data, all of
/// them but the zip).
const SMALL: u64 = 256 * 1024;

impl Spooled {
    /// Takes a finished file: its length and the hash of its bytes.
    fn finish(mut file: File) -> std::io::Result<Spooled> {
        file.flush()?;
        file.rewind()?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0; CHUNK];
        let mut len = 0u64;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            len += n as u64;
        }
        let digest = hasher.finalize();
        let etag = HeaderValue::from_str(&format!("\"{}\"", hex::encode(&digest[..16])))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        let mut spooled = Spooled {
            file,
            len,
            etag,
            small: None,
        };
        if len <= SMALL {
            let mut bytes = Vec::new();
            spooled.reader().read_to_end(&mut bytes)?;
            spooled.small = Some(Bytes::from(bytes));
        }
        Ok(spooled)
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn etag(&self) -> &HeaderValue {
        &self.etag
    }

    /// The file's bytes from the start (each reader has its own position).
    pub fn reader(&self) -> impl Read + '_ {
        ChunkReader { file: self, at: 0 }
    }
}

/// A spooled file as a response body, read a chunk at a time as the
/// connection takes it. The reads are plain `pread`s of a file the system
/// keeps in its page cache (as a static server without AIO does).
pub struct FileBody {
    file: Arc<Spooled>,
    at: u64,
}

impl MessageBody for FileBody {
    type Error = std::io::Error;

    fn size(&self) -> BodySize {
        BodySize::Sized(self.file.len - self.at)
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        let left = this.file.len - this.at;
        if left == 0 {
            return Poll::Ready(None);
        }
        let n = usize::try_from(left).map_or(CHUNK, |l| l.min(CHUNK));
        let mut buf = vec![0; n];
        if let Err(e) = this.file.file.read_exact_at(&mut buf, this.at) {
            return Poll::Ready(Some(Err(e)));
        }
        this.at += n as u64;
        Poll::Ready(Some(Ok(Bytes::from(buf))))
    }
}

type Slot = Arc<OnceCell<Arc<Spooled>>>;

struct Slots {
    /// The data version the files are of.
    version: String,
    files: HashMap<(String, Coding), Slot>,
}

/// The files written for the current data version.
pub struct Spool {
    slots: Mutex<Slots>,
    /// One file is written (or compressed) at a time: the memory they take
    /// does not add up, and the cores stay free for answering.
    writing: Semaphore,
}

impl Default for Spool {
    fn default() -> Self {
        Self {
            slots: Mutex::new(Slots {
                version: String::new(),
                files: HashMap::new(),
            }),
            writing: Semaphore::new(1),
        }
    }
}

fn lock(m: &Mutex<Slots>) -> MutexGuard<'_, Slots> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Spool {
    /// The slot of `name` in `coding` for data `version`; the files of any
    /// other version are forgotten (answers sending one keep it open).
    fn slot(&self, version: &str, name: &str, coding: Coding) -> Slot {
        let mut slots = lock(&self.slots);
        if slots.version != version {
            slots.version = version.to_string();
            slots.files.clear();
        }
        slots
            .files
            .entry((name.to_string(), coding))
            .or_default()
            .clone()
    }

    /// How many files are held (for tests).
    pub fn len(&self) -> usize {
        lock(&self.slots)
            .files
            .values()
            .filter(|s| s.initialized())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file `name` of data `version`: written by `write` on the
    /// blocking pool the first time, shared by every request after (and by
    /// those that came while it was written).
    pub async fn file<F>(
        &self,
        version: &str,
        name: &str,
        write: F,
    ) -> Result<Arc<Spooled>, AppError>
    where
        F: FnOnce(&mut BufWriter<File>) -> Result<(), String> + Send + 'static,
    {
        self.once(version, name, Coding::Identity, write).await
    }

    /// `identity` (the file `name`) in `coding`, compressed once from file
    /// to file.
    pub async fn coded(
        &self,
        version: &str,
        name: &str,
        identity: &Arc<Spooled>,
        coding: Coding,
    ) -> Result<Arc<Spooled>, AppError> {
        let source = identity.clone();
        self.once(version, name, coding, move |out| {
            compress::compress_stream(source.reader(), out, coding).map_err(|e| e.to_string())
        })
        .await
    }

    async fn once<F>(
        &self,
        version: &str,
        name: &str,
        coding: Coding,
        write: F,
    ) -> Result<Arc<Spooled>, AppError>
    where
        F: FnOnce(&mut BufWriter<File>) -> Result<(), String> + Send + 'static,
    {
        let slot = self.slot(version, name, coding);
        let made = slot
            .get_or_try_init(|| async move {
                let _turn = self.writing.acquire().await.map_err(AppError::internal)?;
                let made = actix_web::web::block(move || {
                    let mut out = BufWriter::with_capacity(CHUNK, tempfile::tempfile()?);
                    write(&mut out).map_err(std::io::Error::other)?;
                    let file = out.into_inner().map_err(|e| e.into_error())?;
                    Spooled::finish(file)
                })
                .await;
                // Writing a dataset file held its rows: given back soon.
                super::memory::large_work_done();
                match made {
                    Ok(Ok(spooled)) => Ok(Arc::new(spooled)),
                    Ok(Err(e)) => Err(AppError::internal(e)),
                    Err(e) => Err(AppError::internal(e)),
                }
            })
            .await?;
        Ok(made.clone())
    }

    /// The answer for a spooled file: in the coding the client prefers
    /// when the file is text worth compressing, with its tag, the
    /// handler's `headers` (type, file name), the cache headers the
    /// response cache gives, and 304 for a tag the client has.
    pub async fn respond(
        &self,
        req: &HttpRequest,
        version: &str,
        name: &str,
        identity: Arc<Spooled>,
        headers: &[(HeaderName, HeaderValue)],
    ) -> Result<HttpResponse, AppError> {
        let content_type = headers
            .iter()
            .find(|(n, _)| n == header::CONTENT_TYPE)
            .and_then(|(_, v)| v.to_str().ok());
        let wanted = compress::negotiate(
            req.headers()
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok()),
        );
        let len = usize::try_from(identity.len).unwrap_or(usize::MAX);
        let (file, coding) =
            if wanted != Coding::Identity && compress::worth_compressing(content_type, len) {
                (self.coded(version, name, &identity, wanted).await?, wanted)
            } else {
                (identity, Coding::Identity)
            };
        let fresh = !not_modified(req.headers().get(header::IF_NONE_MATCH), &file.etag);
        let mut res = if !fresh {
            HttpResponse::NotModified().finish()
        } else if let Some(bytes) = &file.small {
            HttpResponse::Ok().body(bytes.clone())
        } else {
            HttpResponse::Ok().body(FileBody {
                file: file.clone(),
                at: 0,
            })
        };
        let out = res.headers_mut();
        for (n, v) in headers {
            out.insert(n.clone(), v.clone());
        }
        out.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        );
        out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        out.insert(header::ETAG, file.etag.clone());
        if coding != Coding::Identity && fresh {
            out.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(coding.token()),
            );
        }
        Ok(res)
    }
}

/// A spooled file as a reader (for compressing it).
struct ChunkReader<'a> {
    file: &'a Spooled,
    at: u64,
}

impl Read for ChunkReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.file.len - self.at;
        let n = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
        let n = self.file.file.read_at(&mut buf[..n], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spooled(bytes: &[u8]) -> Spooled {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        Spooled::finish(file).unwrap()
    }

    #[test]
    fn the_tag_is_the_response_caches_and_the_body_reads_back_in_chunks() {
        let bytes: Vec<u8> = (0..CHUNK * 2 + 17).map(|i| (i % 251) as u8).collect();
        let file = Arc::new(spooled(&bytes));
        assert_eq!(file.len(), bytes.len() as u64);
        assert_eq!(
            file.etag().to_str().unwrap(),
            super::super::cache::entity_tag(&bytes)
        );
        let mut body = FileBody {
            file: file.clone(),
            at: 0,
        };
        assert!(matches!(body.size(), BodySize::Sized(n) if n == bytes.len() as u64));
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut read = Vec::new();
        while let Poll::Ready(Some(chunk)) = Pin::new(&mut body).poll_next(&mut cx) {
            let chunk = chunk.unwrap();
            assert!(chunk.len() <= CHUNK);
            read.extend_from_slice(&chunk);
        }
        assert_eq!(read, bytes);
        let mut again = Vec::new();
        ChunkReader { file: &file, at: 0 }
            .read_to_end(&mut again)
            .unwrap();
        assert_eq!(again, bytes);
    }

    #[test]
    fn a_file_is_written_once_per_data_version() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let spool = Arc::new(Spool::default());
        let writes = Arc::new(AtomicUsize::new(0));
        let rt = actix_web::rt::System::new();
        rt.block_on(async {
            let get = |version: &'static str| {
                let (spool, writes) = (spool.clone(), writes.clone());
                async move {
                    spool
                        .file(version, "kompass.csv", move |out| {
                            writes.fetch_add(1, Ordering::SeqCst);
                            out.write_all(version.as_bytes()).map_err(|e| e.to_string())
                        })
                        .await
                        .unwrap()
                }
            };
            let (a, b) = futures_join(get("v1"), get("v1")).await;
            assert!(Arc::ptr_eq(&a, &b));
            assert_eq!(writes.load(Ordering::SeqCst), 1);
            let c = get("v2").await;
            assert_eq!(c.len(), 2);
            assert_ne!(a.etag(), c.etag());
            assert_eq!(writes.load(Ordering::SeqCst), 2);
            assert_eq!(spool.len(), 1, "the old version's file is let go");
        });
    }

    /// Both futures, polled together.
    async fn futures_join<A: Future, B: Future + 'static>(a: A, b: B) -> (A::Output, B::Output) {
        let b = actix_web::rt::spawn(async move {
            actix_web::rt::task::yield_now().await;
            b.await
        });
        let a = a.await;
        (a, b.await.unwrap())
    }
}
