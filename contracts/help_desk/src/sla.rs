//! SLA policies and the clocks of a ticket: pure data a ticket stores, with the clock
//! transitions. What is due on a ticket, and when, is `due.rs`, which reads whole tickets; this
//! file imports nothing from them.
//!
//! Everything here is pure: times come in as arguments, nothing is stored or emitted.

use crate::time::MAX_DURATION_MS;
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;

/// Most escalation steps a policy may have (one per level above the first).
pub const MAX_ESCALATION_STEPS: usize = 3;

/// Service targets for one (customer tier, priority).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct SlaPolicy {
    /// Time allowed until an agent's first response.
    pub first_response_ms: u64,
    /// Active time allowed until resolution (Pending time does not count).
    pub resolution_ms: u64,
    /// How long before a deadline the `SlaWarning` fires (0: no warning).
    pub warning_lead_ms: u64,
    /// Automatic escalations after the first breach: step `i` fires at breach + `delays[i]`.
    /// At most [`MAX_ESCALATION_STEPS`].
    pub escalation_delays_ms: Vec<u64>,
    /// A Resolved ticket closes by itself this long after resolution.
    pub auto_close_ms: u64,
    /// A Pending ticket the customer abandons is resolved this long after it went Pending.
    pub abandon_after_ms: u64,
    /// Tokens minted to the customer per breached metric (once per metric per ticket).
    pub compensation: u128,
}

impl SlaPolicy {
    /// Whether the policy is usable: positive targets, a warning lead shorter than each target,
    /// at most three escalation steps in non-decreasing order, positive auto-close and
    /// abandon delays, and no duration over a year (a deadline is always swept in time).
    pub fn is_valid(&self) -> bool {
        let durations = [
            self.first_response_ms,
            self.resolution_ms,
            self.auto_close_ms,
            self.abandon_after_ms,
        ];
        durations.iter().all(|d| *d <= MAX_DURATION_MS)
            && self
                .escalation_delays_ms
                .iter()
                .all(|d| *d <= MAX_DURATION_MS)
            && self.first_response_ms > 0
            && self.resolution_ms > 0
            && self.warning_lead_ms < self.first_response_ms
            && self.warning_lead_ms < self.resolution_ms
            && self.escalation_delays_ms.len() <= MAX_ESCALATION_STEPS
            && self.escalation_delays_ms.windows(2).all(|w| w[0] <= w[1])
            && self.auto_close_ms > 0
            && self.abandon_after_ms > 0
    }
}

/// The two measured metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Metric {
    FirstResponse,
    Resolution,
}

/// A yes/no per metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PerMetric {
    pub first_response: bool,
    pub resolution: bool,
}

impl PerMetric {
    pub fn get(&self, metric: Metric) -> bool {
        match metric {
            Metric::FirstResponse => self.first_response,
            Metric::Resolution => self.resolution,
        }
    }

    pub fn set(&mut self, metric: Metric, value: bool) {
        match metric {
            Metric::FirstResponse => self.first_response = value,
            Metric::Resolution => self.resolution = value,
        }
    }
}

/// The SLA clocks of a ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct SlaClocks {
    /// When the current first-response clock started (opening, or the customer's reply).
    pub response_started_at: Timestamp,
    /// An agent answered since the response clock started.
    pub responded: bool,
    /// Resolution time used before `resolution_running_since`.
    pub resolution_used_ms: u64,
    /// The resolution clock runs since then; `None` while paused (Pending) or stopped.
    pub resolution_running_since: Option<Timestamp>,
    /// When the ticket went Pending (for abandonment).
    pub pending_since: Option<Timestamp>,
    /// The warning for the current clock was sent.
    pub warned: PerMetric,
    /// The current clock is breached.
    pub breached: PerMetric,
    /// Compensation was paid for this metric (ever, on this ticket).
    pub compensated: PerMetric,
    /// The first breach of any metric, which escalation steps count from (moved to the reopen
    /// time when the customer reopens).
    pub first_breach_at: Option<Timestamp>,
    /// Automatic escalation steps already taken.
    pub auto_escalations: u8,
}

impl SlaClocks {
    /// Clocks of a ticket opened at `now`: both running.
    pub fn started(now: Timestamp) -> Self {
        Self {
            response_started_at: now,
            resolution_running_since: Some(now),
            ..Self::default()
        }
    }

    /// Stops the resolution clock at `now`, banking the time used.
    pub fn pause_resolution(&mut self, now: Timestamp) {
        if let Some(since) = self.resolution_running_since.take() {
            self.resolution_used_ms = self
                .resolution_used_ms
                .saturating_add(now.saturating_sub(since));
        }
    }

    /// Leaves Pending at `now`: the resolution clock resumes, and escalation steps still to come
    /// move by the time spent waiting on the customer (they do not run while Pending).
    pub fn leave_pending(&mut self, now: Timestamp) {
        if let Some(since) = self.pending_since.take() {
            let waited = now.saturating_sub(since);
            self.first_breach_at = self.first_breach_at.map(|at| at.saturating_add(waited));
        }
        self.resume_resolution(now);
    }

    /// Restarts the resolution clock at `now`, keeping the time already used.
    pub fn resume_resolution(&mut self, now: Timestamp) {
        if self.resolution_running_since.is_none() {
            self.resolution_running_since = Some(now);
        }
    }

    /// A new first-response clock from `now` (the customer wrote again).
    pub fn restart_response(&mut self, now: Timestamp) {
        self.response_started_at = now;
        self.responded = false;
        self.warned.first_response = false;
        self.breached.first_response = false;
    }

    /// Moves the clocks to `policy` at `now` without making any deadline retroactive: each
    /// running clock keeps the time it had left, cut to the new target (a boost buys faster
    /// service from now on, never a breach for time already spent under the old target).
    pub fn rebase(&mut self, from: &SlaPolicy, to: &SlaPolicy, now: Timestamp) {
        if !self.breached.first_response {
            let due = self
                .response_started_at
                .saturating_add(from.first_response_ms);
            let left = due.saturating_sub(now).min(to.first_response_ms);
            self.response_started_at = now
                .saturating_add(left)
                .saturating_sub(to.first_response_ms);
        }
        if !self.breached.resolution {
            let left = from
                .resolution_ms
                .saturating_sub(self.resolution_used_at(now))
                .min(to.resolution_ms);
            let running = self.resolution_running_since.is_some();
            self.resolution_used_ms = to.resolution_ms.saturating_sub(left);
            self.resolution_running_since = running.then_some(now);
        }
    }

    /// Resolution time used up to `now`.
    pub fn resolution_used_at(&self, now: Timestamp) -> u64 {
        let running = self
            .resolution_running_since
            .map_or(0, |since| now.saturating_sub(since));
        self.resolution_used_ms.saturating_add(running)
    }
}
