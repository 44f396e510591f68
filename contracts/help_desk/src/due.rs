//! What is due on a ticket, and when: the automatic actions of the SLA engine, each clock's
//! deadline, and the one function that says which action comes next. Reads a whole ticket
//! (status, escalation level, policy, clocks), so it sits above `sla.rs` and `ticket.rs`.
//!
//! Everything here is pure: times come in as arguments, nothing is stored or emitted.

use crate::sla::Metric;
use crate::ticket::{Status, Ticket, MAX_LEVEL};
use helpdesk_common::Timestamp;

/// An automatic action of the SLA engine.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum AutoAction {
    /// `SlaWarning` before a deadline.
    Warn(Metric),
    /// `SlaBreached`, compensation once per metric.
    Breach(Metric),
    /// One automatic escalation step.
    Escalate,
    /// Close a Resolved ticket after the auto-close delay.
    AutoClose,
    /// Resolve a Pending ticket the customer abandoned.
    ResolveAbandoned,
}

/// The deadline of `metric` on `ticket`, while that clock runs.
pub fn deadline(ticket: &Ticket, metric: Metric) -> Option<Timestamp> {
    let clocks = &ticket.clocks;
    match metric {
        Metric::FirstResponse => {
            let running =
                !clocks.responded && matches!(ticket.status, Status::Open | Status::OnHold);
            running.then(|| {
                clocks
                    .response_started_at
                    .saturating_add(ticket.policy.first_response_ms)
            })
        }
        Metric::Resolution => clocks.resolution_running_since.map(|since| {
            let left = ticket
                .policy
                .resolution_ms
                .saturating_sub(clocks.resolution_used_ms);
            since.saturating_add(left)
        }),
    }
}

/// Time left on each clock at `now` (negative: overdue), for front ends' progress bars.
pub fn time_left(ticket: &Ticket, metric: Metric, now: Timestamp) -> Option<i128> {
    deadline(ticket, metric).map(|due| i128::from(due).saturating_sub(i128::from(now)))
}

/// The next automatic action of `ticket` and when it is due, if any. The earliest wins; on a
/// tie, the order below (warnings, breaches, escalation, close, abandon) decides.
pub fn next_action(ticket: &Ticket) -> Option<(Timestamp, AutoAction)> {
    let clocks = &ticket.clocks;
    let policy = &ticket.policy;
    let mut best: Option<(Timestamp, AutoAction)> = None;
    let mut consider = |at: Timestamp, action: AutoAction| {
        if best.is_none_or(|(t, _)| at < t) {
            best = Some((at, action));
        }
    };
    match ticket.status {
        Status::Open | Status::Pending | Status::OnHold => {
            for metric in [Metric::FirstResponse, Metric::Resolution] {
                if let Some(due) = deadline(ticket, metric) {
                    if !clocks.breached.get(metric) {
                        if !clocks.warned.get(metric) && policy.warning_lead_ms > 0 {
                            consider(
                                due.saturating_sub(policy.warning_lead_ms),
                                AutoAction::Warn(metric),
                            );
                        }
                        consider(due, AutoAction::Breach(metric));
                    }
                }
            }
            // Escalation waits while the ticket waits on the customer (Pending).
            if let (Some(breach), false) =
                (clocks.first_breach_at, ticket.status == Status::Pending)
            {
                let step = usize::from(clocks.auto_escalations);
                if ticket.escalation < MAX_LEVEL {
                    if let Some(delay) = policy.escalation_delays_ms.get(step) {
                        consider(breach.saturating_add(*delay), AutoAction::Escalate);
                    }
                }
            }
            if let (Status::Pending, Some(since)) = (ticket.status, clocks.pending_since) {
                consider(
                    since.saturating_add(policy.abandon_after_ms),
                    AutoAction::ResolveAbandoned,
                );
            }
        }
        Status::Resolved => {
            if let Some(resolved) = ticket.resolved_at {
                consider(
                    resolved.saturating_add(policy.auto_close_ms),
                    AutoAction::AutoClose,
                );
            }
        }
        Status::Closed => {}
    }
    best
}
