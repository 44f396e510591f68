//! The ticket record, its priorities and statuses, and the one table of allowed status changes.

use crate::sla::{SlaClocks, SlaPolicy};
use helpdesk_common::Timestamp;
use ink::primitives::{AccountId, Hash};

/// Sequential ticket id, starting at 1.
pub type TicketId = u64;

/// Highest escalation level (and highest agent level: supervisors).
pub const MAX_LEVEL: u8 = 3;

/// How urgent a ticket is; SLA targets are set per priority and customer tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    /// The next priority up, or `None` at `Urgent`.
    pub fn raised(self) -> Option<Priority> {
        match self {
            Priority::Low => Some(Priority::Normal),
            Priority::Normal => Some(Priority::High),
            Priority::High => Some(Priority::Urgent),
            Priority::Urgent => None,
        }
    }
}

/// A customer's service tier; the owner sets it, new tickets take it over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Tier {
    #[default]
    Standard,
    Premium,
    Enterprise,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Standard, Tier::Premium, Tier::Enterprise];
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Status {
    /// Waiting on support.
    Open,
    /// Waiting on the customer; the resolution clock is paused.
    Pending,
    /// Waiting on a third party.
    OnHold,
    /// Support resolved it; the customer may confirm (close) or reopen.
    Resolved,
    /// Final. Later contact opens a follow-up ticket.
    Closed,
}

impl Status {
    /// Open, Pending or OnHold: support still owes an outcome.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Open | Status::Pending | Status::OnHold)
    }
}

/// Who asks for a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Actor {
    /// The ticket's customer.
    Customer,
    /// An agent (for `resolve`: the assignee or a supervisor).
    Agent,
    /// The SLA engine, run by a keeper's `process_due` or `poke`.
    Automation,
}

/// Every allowed status change: (from, to, who). Anything else is refused with
/// `TransitionNotAllowed`. The README prints the same table. An agent closes an active ticket
/// only as invalid (`close_invalid`: spam or abuse, no rewards).
pub const TRANSITIONS: &[(Status, Status, Actor)] = &[
    (Status::Open, Status::Pending, Actor::Agent),
    (Status::Open, Status::OnHold, Actor::Agent),
    (Status::Pending, Status::Open, Actor::Agent),
    (Status::Pending, Status::Open, Actor::Customer),
    (Status::Pending, Status::OnHold, Actor::Agent),
    (Status::OnHold, Status::Open, Actor::Agent),
    (Status::OnHold, Status::Pending, Actor::Agent),
    (Status::Open, Status::Resolved, Actor::Agent),
    (Status::Pending, Status::Resolved, Actor::Agent),
    (Status::OnHold, Status::Resolved, Actor::Agent),
    (Status::Pending, Status::Resolved, Actor::Automation),
    (Status::Resolved, Status::Open, Actor::Customer),
    (Status::Resolved, Status::Closed, Actor::Customer),
    (Status::Resolved, Status::Closed, Actor::Automation),
    (Status::Open, Status::Closed, Actor::Agent),
    (Status::Pending, Status::Closed, Actor::Agent),
    (Status::OnHold, Status::Closed, Actor::Agent),
];

/// Whether `actor` may move a ticket from `from` to `to`.
pub fn may_transition(from: Status, to: Status, actor: Actor) -> bool {
    TRANSITIONS
        .iter()
        .any(|&(f, t, a)| f == from && t == to && a == actor)
}

/// One support request. Only hashes of content are stored: no text, no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Ticket {
    pub customer: AccountId,
    pub tier: Tier,
    pub priority: Priority,
    pub category: u32,
    /// Hash of the request's content (kept off-chain).
    pub content: Hash,
    pub status: Status,
    /// 0 (not escalated) to [`MAX_LEVEL`].
    pub escalation: u8,
    pub assignee: Option<AccountId>,
    /// The agent level whose queue holds the ticket; `None` while assigned or finished.
    pub queue: Option<u8>,
    /// The closed ticket this one follows up.
    pub parent: Option<TicketId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub resolved_at: Option<Timestamp>,
    /// The agent who resolved it last (`None`: not resolved, or resolved by the SLA engine).
    pub resolved_by: Option<AccountId>,
    pub closed_at: Option<Timestamp>,
    /// 1–5, given when the customer confirms.
    pub rating: Option<u8>,
    /// The community member whose answer the customer accepted.
    pub accepted_answer: Option<AccountId>,
    /// The SLA the ticket was opened (or last boosted) under.
    pub policy: SlaPolicy,
    pub clocks: SlaClocks,
    /// Bumped whenever the ticket's next automatic action is rescheduled; deadline-index entries
    /// with an older stamp are stale and skipped.
    pub schedule_version: u32,
    /// When the deadline-index entry of the current version is due (`None`: no entry, or it was
    /// consumed). A save whose next action falls at the same time keeps that entry instead of
    /// writing a new one.
    pub scheduled_due: Option<Timestamp>,
}

impl Ticket {
    /// The queue level for an unassigned active ticket: its escalation level, at least 1.
    pub fn queue_level(&self) -> u8 {
        self.escalation.max(1)
    }

    /// Puts the ticket into its level's queue, unassigned.
    pub fn enqueue(&mut self) {
        self.assignee = None;
        self.queue = Some(self.queue_level());
    }

    /// One escalation level up (at most [`MAX_LEVEL`]), into that level's queue.
    pub fn escalate_one_level(&mut self) {
        self.escalation = self.escalation.saturating_add(1).min(MAX_LEVEL);
        self.enqueue();
    }

    /// Resolved at `now` by `by` (`None`: the SLA engine): clocks stop.
    pub fn mark_resolved(&mut self, now: Timestamp, by: Option<AccountId>) {
        self.clocks.pause_resolution(now);
        self.clocks.pending_since = None;
        self.resolved_at = Some(now);
        self.resolved_by = by;
        self.queue = None;
        self.status = Status::Resolved;
    }

    /// Closed at `now`: final.
    pub fn mark_closed(&mut self, now: Timestamp) {
        self.closed_at = Some(now);
        self.queue = None;
        self.status = Status::Closed;
    }
}
