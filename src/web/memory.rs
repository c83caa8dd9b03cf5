//! The serving process's memory given back. glibc's allocator keeps what was
//! freed: a large buffer freed once raises its threshold for mapping large
//! blocks of their own (up to 32 MB), so the next ones come from the heap
//! and stay there; and each thread's arena keeps what it once held. A chart
//! drawn (tens of MB while drawn) or a report checked (several times its
//! size) then leaves the server at its peak for as long as it runs.
//!
//! So, at start-up (`configure`): at most `ARENAS` arenas and blocks of
//! `MAP_FROM` bytes or more mapped on their own (given back when freed);
//! and after large work (`large_work_done`), a thread of its own trims the
//! heaps (`malloc_trim`) within `TRIM_EVERY`, at most that often, never
//! while a request waits on it. Elsewhere than glibc, all of this is
//! nothing. The two calls into glibc are this crate's only `unsafe` code.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Arenas: two cores' worth of threads allocate at once at most.
pub const ARENAS: i32 = 2;
/// Blocks this large or larger are mapped on their own.
pub const MAP_FROM: i32 = 1024 * 1024;
/// How soon after large work its memory is given back.
pub const TRIM_EVERY: Duration = Duration::from_secs(1);

/// Large work ended since the last trim.
static FREED: AtomicBool = AtomicBool::new(false);

/// Sets the allocator's bounds; call at start-up, before the server's
/// threads start. Returns whether the allocator took them.
pub fn configure() -> bool {
    sys::configure(ARENAS, MAP_FROM)
}

/// Says large work ended (its memory is free): it is given back soon.
pub fn large_work_done() {
    FREED.store(true, Ordering::Relaxed);
}

/// Gives back now what the allocator holds free. Returns whether anything
/// was given back.
pub fn trim() -> bool {
    sys::trim()
}

/// Starts the thread that trims after large work, at most every `every`.
pub fn spawn_trimmer(every: Duration) {
    let spawned = std::thread::Builder::new()
        .name("kompass-trim".into())
        .spawn(move || {
            loop {
                std::thread::sleep(every);
                if FREED.swap(false, Ordering::Relaxed) {
                    let given = trim();
                    tracing::debug!(given, "memory trimmed after large work");
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("no thread to give memory back: {e}");
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod sys {
    pub fn configure(arenas: i32, map_from: i32) -> bool {
        // SAFETY: mallopt takes plain integers and changes only the
        // allocator's parameters; glibc serialises it with allocations.
        #[expect(unsafe_code, reason = "glibc's mallopt has no safe binding")]
        let set = unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas) == 1
                && libc::mallopt(libc::M_MMAP_THRESHOLD, map_from) == 1
        };
        set
    }

    pub fn trim() -> bool {
        // SAFETY: malloc_trim takes no pointer; glibc serialises it with
        // every other allocator call.
        #[expect(unsafe_code, reason = "glibc's malloc_trim has no safe binding")]
        let given = unsafe { libc::malloc_trim(0) == 1 };
        given
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod sys {
    pub fn configure(_arenas: i32, _map_from: i32) -> bool {
        false
    }

    pub fn trim() -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resident_mb() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn blocks_freed_between_blocks_kept_are_given_back() {
        // A 4 MB block freed first: by default, glibc then takes blocks of
        // that size from the heap rather than mapping each on its own.
        drop(std::hint::black_box(vec![1u8; 4 * 1024 * 1024]));
        assert!(configure(), "glibc takes the bounds");
        // 128 MB in 4 MB blocks, each followed by a 100 kB block that stays
        // (too large for the lists of small free blocks): what is freed is
        // not at the top of the heap, which glibc would give back by
        // itself. Without the bounds and the trim, all of it stays. (Other
        // tests allocate meanwhile: the margin is wide.)
        let mut kept = Vec::new();
        let mut blocks = Vec::new();
        for i in 0..32u8 {
            blocks.push(vec![i; 4 * 1024 * 1024]);
            kept.push(vec![i; 100 * 1024]);
        }
        let held = resident_mb();
        drop(std::hint::black_box(blocks));
        trim();
        let after = resident_mb();
        assert!(
            held.saturating_sub(after) >= 96,
            "held {held} MB, after {after} MB"
        );
        assert_eq!(std::hint::black_box(kept).len(), 32);
    }
}
