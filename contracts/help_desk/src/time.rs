//! Time units (milliseconds, like the block timestamp) and desk time: block time minus the time
//! the desk spent paused, so a pause stops every SLA clock, window and timer.

use helpdesk_common::Timestamp;

pub use helpdesk_common::time::{DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MINUTE};

/// Longest reopen window, SLA duration and upgrade delay the desk accepts: a year.
pub const MAX_DURATION_MS: u64 = 365 * DAY;

/// The desk's pause state and the paused time it subtracts from block time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PauseClock {
    /// Block time the current pause began (`None`: running).
    pub paused_at: Option<Timestamp>,
    /// Total length of the pauses that ended.
    pub paused_total_ms: u64,
}

impl PauseClock {
    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// Desk time at block time `now`: `now` minus the time spent paused. While paused it stands
    /// still at the moment the pause began.
    pub fn desk_time(&self, now: Timestamp) -> Timestamp {
        self.paused_at
            .unwrap_or(now)
            .min(now)
            .saturating_sub(self.paused_total_ms)
    }

    /// Pauses at block time `now`.
    pub fn pause(&mut self, now: Timestamp) {
        if self.paused_at.is_none() {
            self.paused_at = Some(now);
        }
    }

    /// Resumes at block time `now`: the pause's length is added to the total.
    pub fn resume(&mut self, now: Timestamp) {
        if let Some(since) = self.paused_at.take() {
            self.paused_total_ms = self
                .paused_total_ms
                .saturating_add(now.saturating_sub(since));
        }
    }
}
