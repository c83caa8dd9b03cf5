//! Compression at the best level, once per cached body and coding, on one
//! background thread: the first answer in a coding goes out compressed at
//! the fast level, and this thread replaces it with the smallest body while
//! the server goes on answering. One compression at a time bounds the CPU
//! and memory it takes; a full queue drops work (the fast body stays).

use std::sync::Weak;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use bytes::Bytes;

use super::cache::{Representation, ResponseCache};
use super::compress::{self, Coding, Level};

/// How many bodies may wait for the thread.
const QUEUE: usize = 64;

struct Job {
    key: Box<str>,
    generation: u64,
    coding: Coding,
    identity: Bytes,
}

pub struct Precompressor {
    jobs: Option<SyncSender<Job>>,
}

impl Precompressor {
    /// Starts the thread; it ends when the cache is dropped.
    pub fn start(cache: Weak<ResponseCache>) -> Self {
        let (tx, rx) = sync_channel(QUEUE);
        let spawned = std::thread::Builder::new()
            .name("kompass-precompress".into())
            .spawn(move || work(&cache, &rx));
        if let Err(e) = &spawned {
            tracing::warn!(error = %e, "no background compression: bodies stay at the fast level");
        }
        Self {
            jobs: spawned.ok().map(|_| tx),
        }
    }

    /// Asks for `identity` in `coding` at the best level, if there is room.
    pub fn queue(&self, key: &str, generation: u64, coding: Coding, identity: Bytes) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.try_send(Job {
                key: key.into(),
                generation,
                coding,
                identity,
            });
        }
    }
}

fn work(cache: &Weak<ResponseCache>, jobs: &Receiver<Job>) {
    for job in jobs {
        let Some(cache) = cache.upgrade() else {
            return;
        };
        let still_wanted = cache.generation() == job.generation
            && cache
                .peek(&job.key)
                .is_some_and(|e| e.identity.body == job.identity);
        if !still_wanted {
            continue;
        }
        match compress::compress(&job.identity, job.coding, Level::Best) {
            Ok(body) => {
                let rep = Representation::new(body, true);
                cache.upgrade(&job.key, job.generation, &job.identity, job.coding, rep);
            }
            Err(e) => tracing::warn!(error = %e, key = %job.key, "background compression failed"),
        }
    }
}
