//! A per-client rate limit: a token bucket per account (signed requests) or per address
//! (unsigned ones), refilled at a steady rate up to a burst.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

/// The most clients tracked before idle (full) buckets are forgotten.
const TRACKED: usize = 100_000;

/// Token buckets keyed by `K`.
pub struct RateLimiter<K> {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

impl<K: Hash + Eq> RateLimiter<K> {
    /// `per_second` requests a second on average, `burst` at once.
    pub fn new(per_second: u32, burst: u32) -> Self {
        Self {
            per_second: f64::from(per_second),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::default(),
        }
    }

    /// Takes one token from `key`'s bucket at `now`: false if it is empty.
    pub fn admit(&self, key: K, now: Instant) -> bool {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= TRACKED {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        let refilled = *tokens + now.saturating_duration_since(*at).as_secs_f64() * self.per_second;
        *tokens = refilled.min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_is_admitted_then_refused_then_admitted_again_as_tokens_refill() {
        let limiter = RateLimiter::new(10, 3);
        let start = Instant::now();
        assert!((0..3).all(|_| limiter.admit("alice", start)));
        assert!(!limiter.admit("alice", start));
        assert!(
            limiter.admit("bob", start),
            "another client has its own bucket"
        );
        assert!(limiter.admit("alice", start + Duration::from_millis(100)));
        assert!(!limiter.admit("alice", start + Duration::from_millis(100)));
    }
}
