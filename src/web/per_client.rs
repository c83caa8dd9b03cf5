//! A limit on how often one client (`client.rs`) may do something in an
//! hour (send to the inbox): a sliding window of the times each client did
//! it. Memory stays bounded: windows that emptied are dropped, and past
//! `MAX_CLIENTS` clients at once the limit refuses everyone new (as busy).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The window.
pub const HOUR: Duration = Duration::from_secs(3600);

/// Clients remembered at once.
const MAX_CLIENTS: usize = 100_000;

/// Why a client may not now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// This client did it as often as it may; it may again after this long.
    TooOften { retry_after: Duration },
    /// Too many clients at once to remember another.
    Busy,
}

#[derive(Debug)]
pub struct HourlyLimit {
    per_hour: usize,
    seen: Mutex<HashMap<Option<IpAddr>, VecDeque<Instant>>>,
}

impl HourlyLimit {
    pub fn new(per_hour: u32) -> Self {
        Self {
            per_hour: usize::try_from(per_hour).unwrap_or(usize::MAX),
            seen: Mutex::new(HashMap::new()),
        }
    }

    pub fn per_hour(&self) -> u32 {
        u32::try_from(self.per_hour).unwrap_or(u32::MAX)
    }

    /// Counts one for `client` at `now`, unless it already did it as often
    /// as it may within the hour before `now` (a refusal is not counted).
    pub fn count(&self, client: Option<IpAddr>, now: Instant) -> Result<(), Refused> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let recent = |times: &mut VecDeque<Instant>| {
            while times
                .front()
                .is_some_and(|t| now.saturating_duration_since(*t) >= HOUR)
            {
                times.pop_front();
            }
        };
        if !seen.contains_key(&client) && seen.len() >= MAX_CLIENTS {
            seen.retain(|_, times| {
                recent(times);
                !times.is_empty()
            });
            if seen.len() >= MAX_CLIENTS {
                return Err(Refused::Busy);
            }
        }
        let times = seen.entry(client).or_default();
        recent(times);
        if times.len() >= self.per_hour {
            let oldest = times.front().copied().unwrap_or(now);
            let retry_after = HOUR.saturating_sub(now.saturating_duration_since(oldest));
            return Err(Refused::TooOften {
                retry_after: retry_after.max(Duration::from_secs(1)),
            });
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_may_so_often_an_hour_and_is_told_when_it_may_again() {
        let limit = HourlyLimit::new(10);
        let a: Option<IpAddr> = Some("203.0.113.1".parse().unwrap());
        let b: Option<IpAddr> = Some("203.0.113.2".parse().unwrap());
        let start = Instant::now();
        let minute = Duration::from_secs(60);
        for i in 0..10 {
            limit.count(a, start + minute * i).unwrap();
        }
        let eleventh = start + minute * 30;
        assert_eq!(
            limit.count(a, eleventh),
            Err(Refused::TooOften {
                retry_after: minute * 30
            })
        );
        // Another client is counted apart.
        limit.count(b, eleventh).unwrap();
        // An hour after the first, one more.
        limit.count(a, start + HOUR).unwrap();
        assert!(limit.count(a, start + HOUR).is_err());
        // A refusal is not counted: after the second, one more again.
        limit.count(a, start + HOUR + minute).unwrap();
    }
}
