//! The SLA engine's actions on one ticket, as pure functions: which due actions run up to a
//! given time and what each did. The desk records what they did (events, counters, rewards); a
//! keeper's sweep and every message that changes a ticket run the same catch-up, so a breach is
//! a fact of time whoever comes first.

use crate::due::{self, AutoAction};
use crate::sla::Metric;
use crate::ticket::Ticket;
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;

/// Most actions one ticket can have due at once (each sets a flag or moves the status forward:
/// two warnings, two breaches, three escalations, a close or an abandonment).
pub const MAX_ACTIONS_PER_TICKET: u32 = 8;

/// One automatic action performed on a ticket, with what the desk needs to record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Performed {
    /// The warning before `deadline` was sent.
    Warned { metric: Metric, deadline: Timestamp },
    /// `metric` breached at `deadline`; `compensate` when this is the metric's first breach on
    /// the ticket (compensation is paid at most once per metric).
    Breached {
        metric: Metric,
        deadline: Timestamp,
        compensate: bool,
    },
    /// One automatic escalation step, to `level`.
    Escalated { level: u8 },
    /// The Resolved ticket closed by itself.
    AutoClosed,
    /// The Pending ticket the customer abandoned was resolved.
    AbandonResolved,
}

/// Performs one action that is due on `ticket` at `now`.
fn perform(ticket: &mut Ticket, now: Timestamp, action: AutoAction) -> Performed {
    match action {
        AutoAction::Warn(metric) => {
            ticket.clocks.warned.set(metric, true);
            let deadline = due::deadline(ticket, metric).unwrap_or(now);
            Performed::Warned { metric, deadline }
        }
        AutoAction::Breach(metric) => {
            let deadline = due::deadline(ticket, metric).unwrap_or(now);
            let clocks = &mut ticket.clocks;
            clocks.breached.set(metric, true);
            clocks.warned.set(metric, true);
            if clocks.first_breach_at.is_none() {
                clocks.first_breach_at = Some(deadline);
            }
            let compensate = !clocks.compensated.get(metric);
            clocks.compensated.set(metric, true);
            Performed::Breached {
                metric,
                deadline,
                compensate,
            }
        }
        AutoAction::Escalate => {
            ticket.clocks.auto_escalations = ticket.clocks.auto_escalations.saturating_add(1);
            ticket.escalate_one_level();
            Performed::Escalated {
                level: ticket.escalation,
            }
        }
        AutoAction::AutoClose => {
            ticket.mark_closed(now);
            Performed::AutoClosed
        }
        AutoAction::ResolveAbandoned => {
            ticket.mark_resolved(now, None);
            Performed::AbandonResolved
        }
    }
}

/// Performs, in time order, every action due on `ticket` up to `now`, at most `max` of them.
/// A warning whose deadline also passed is moot: it is marked sent and the breach follows.
pub fn catch_up(ticket: &mut Ticket, now: Timestamp, max: u32) -> Vec<Performed> {
    let mut done = Vec::new();
    let mut performed = 0u32;
    let mut steps = 0u32;
    // Each iteration sets a flag or moves the status forward; the step bound is a safety net.
    while performed < max && steps < max.saturating_mul(2) {
        steps = steps.saturating_add(1);
        match due::next_action(ticket) {
            Some((at, action)) if at <= now => {
                if let AutoAction::Warn(metric) = action {
                    if due::deadline(ticket, metric).is_some_and(|d| d <= now) {
                        ticket.clocks.warned.set(metric, true);
                        continue;
                    }
                }
                done.push(perform(ticket, now, action));
                performed = performed.saturating_add(1);
            }
            _ => break,
        }
    }
    done
}
