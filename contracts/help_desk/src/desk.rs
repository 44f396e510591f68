//! The help desk as plain Rust: tickets, roles, SLA engine and rewards.
//!
//! Every operation takes the caller and the current desk time explicitly (block time minus the
//! time spent paused, see [`crate::time`]), checks everything first, then writes, and returns
//! [`Effects`]: the events to emit and the token payouts to make. Every operation that changes
//! a ticket first runs what became due on it up to now ([`automation::catch_up`]), so the
//! record is the same whether a keeper swept at the deadline or not. The contract in `lib.rs`
//! only passes the environment in and carries the effects out, so all of this runs natively in
//! unit and property tests.

use crate::automation::{self, Performed, MAX_ACTIONS_PER_TICKET};
use crate::deadlines::DeadlineIndex;
use crate::due::{self, AutoAction};
use crate::errors::{DeskError, Result};
use crate::events::*;
use crate::rewards::{Effects, RewardKind, RewardLedger};
use crate::settings::{default_policy, Settings};
use crate::sla::{self, SlaPolicy};
use crate::ticket::{may_transition, Actor, Priority, Status, Ticket, TicketId, Tier, MAX_LEVEL};
use crate::time::PauseClock;
use helpdesk_common::ownership::Ownership;
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::storage::Mapping;

/// What a sweep (`process_due` / `poke`) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct SweepReport {
    /// Automatic actions performed.
    pub actions: u32,
    /// Tickets whose actions were performed.
    pub tickets: u32,
    /// Index entries examined that were stale or had nothing due.
    pub skipped: u32,
    /// Deadline-index cells the walk was done with and removed (their deposit goes to the
    /// caller).
    pub cleared: u32,
    /// Whether due work may remain (the action limit or the scan budget ran out).
    pub more: bool,
}

/// What `due_tickets` found: the keeper pattern's check, with no false "nothing to do".
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct DueTickets {
    /// Tickets with an automatic action due now, in index order (at most the limit asked).
    pub ids: Vec<TicketId>,
    /// The walk reached now: no ticket beyond `ids` is due. `false`: its budget ran out on
    /// stale entries or idle time first, so a sweep (`process_due`) is worth running anyway.
    pub complete: bool,
    /// How far the sweeps' stored position lags behind now (ms of desk time).
    pub lag_ms: u64,
}

/// Time left on each SLA clock as of now, with what became due since the last sweep already
/// counted (ms; negative when overdue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct SlaStatus {
    pub first_response_left_ms: Option<i128>,
    pub resolution_left_ms: Option<i128>,
    pub resolution_used_ms: u64,
    pub breached: sla::PerMetric,
    pub next_action: Option<(Timestamp, AutoAction)>,
}

/// Totals for dashboards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Counters {
    pub opened: u64,
    pub closed: u64,
    pub breaches: u64,
    pub escalations: u64,
    pub automatic_actions: u64,
}

/// What paginated queries walk. A customer's and an assignee's tickets are lists: an entry is
/// appended when a ticket joins, and entries are filtered on read (a ticket leaves an assignee's
/// list by being reassigned). A queue has no list: its pages walk ticket ids and keep those whose
/// `queue` is the level (or whose assignee is no longer an agent), so joining a queue costs no
/// storage write.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum TicketList {
    Customer(AccountId),
    Assignee(AccountId),
    Queue(u8),
}

/// An announced upgrade: the code and the block time from which it may take effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PendingUpgrade {
    pub code_hash: Hash,
    pub not_before: Timestamp,
}

#[ink::storage_item]
#[derive(Debug)]
pub struct Desk {
    pub(crate) ownership: Ownership,
    pub(crate) clock: PauseClock,
    pub(crate) last_id: TicketId,
    pub(crate) tickets: Mapping<TicketId, Ticket>,
    pub(crate) agents: Mapping<AccountId, u8>,
    pub(crate) tiers: Mapping<AccountId, Tier>,
    pub(crate) policies: Mapping<(Tier, Priority), SlaPolicy>,
    pub(crate) settings: Settings,
    pub(crate) candidates: Mapping<(TicketId, AccountId), ()>,
    pub(crate) list_entries: Mapping<(TicketList, u32), TicketId>,
    pub(crate) list_lens: Mapping<TicketList, u32>,
    pub(crate) rewards: RewardLedger,
    pub(crate) deadlines: DeadlineIndex,
    pub(crate) counters: Counters,
    pub(crate) upgrade: Option<PendingUpgrade>,
    /// After the owner lowers the upgrade delay, the old delay still applies until this block
    /// time: (old delay, until).
    pub(crate) delay_floor: Option<(u64, Timestamp)>,
}

/// The scan budget of a sweep allowed `max` actions, in steps of the deadline walk (an entry read,
/// or a jump to the next bucket, page or group with entries). Stale entries and idle time count
/// too: 4 steps per action, plus 256 (idle time costs ~2 steps per 64 hours).
pub(crate) fn scan_budget(max: u32) -> u32 {
    max.saturating_mul(4).saturating_add(256)
}

impl Desk {
    /// A desk owned by `owner`, with the default policies and settings, its deadline index
    /// starting at `now`.
    pub fn new(owner: AccountId, now: Timestamp) -> Self {
        let mut policies = Mapping::default();
        for tier in Tier::ALL {
            for priority in Priority::ALL {
                policies.insert((tier, priority), &default_policy(tier, priority));
            }
        }
        Self {
            ownership: Ownership::new(owner),
            clock: PauseClock::default(),
            last_id: 0,
            tickets: Mapping::default(),
            agents: Mapping::default(),
            tiers: Mapping::default(),
            policies,
            settings: Settings::default(),
            candidates: Mapping::default(),
            list_entries: Mapping::default(),
            list_lens: Mapping::default(),
            rewards: RewardLedger::default(),
            deadlines: DeadlineIndex::new(now),
            counters: Counters::default(),
            upgrade: None,
            delay_floor: None,
        }
    }

    /// Desk time at block time `now`: what every other operation takes as its `now`.
    pub fn desk_time(&self, now: Timestamp) -> Timestamp {
        self.clock.desk_time(now)
    }

    // ----- checks shared by the operations -------------------------------------------------

    pub(crate) fn ensure_running(&self) -> Result<()> {
        if self.clock.is_paused() {
            Err(DeskError::Paused)
        } else {
            Ok(())
        }
    }

    /// `Ok` if `caller` is the owner.
    pub fn ensure_owner(&self, caller: AccountId) -> Result<()> {
        Ok(self.ownership.ensure_owner(caller)?)
    }

    pub(crate) fn load(&self, id: TicketId) -> Result<Ticket> {
        self.tickets.get(id).ok_or(DeskError::TicketNotFound)
    }

    /// The ticket as of `now`, with what became due on it since its last change performed (not
    /// yet recorded: [`Desk::record`] does that once the operation's checks pass). Refused
    /// while paused, and if the ticket is closed, or closed by itself in the meantime (a closed
    /// ticket never changes).
    pub(crate) fn load_settled(
        &self,
        id: TicketId,
        now: Timestamp,
    ) -> Result<(Ticket, Vec<Performed>)> {
        self.ensure_running()?;
        let mut ticket = self.load(id)?;
        if ticket.status == Status::Closed {
            return Err(DeskError::TicketClosed);
        }
        let performed = automation::catch_up(&mut ticket, now, MAX_ACTIONS_PER_TICKET);
        if ticket.status == Status::Closed {
            return Err(DeskError::TicketClosed);
        }
        Ok((ticket, performed))
    }

    pub(crate) fn ensure_customer(ticket: &Ticket, caller: AccountId) -> Result<()> {
        if ticket.customer == caller {
            Ok(())
        } else {
            Err(DeskError::NotTicketCustomer)
        }
    }

    pub(crate) fn agent_level(&self, account: AccountId) -> Option<u8> {
        self.agents.get(account)
    }

    /// The agent level of `caller`, if it may work on `ticket`: its assignee, a supervisor, or,
    /// while no active agent holds the ticket, an agent whose level reaches its queue.
    pub(crate) fn ensure_handler(&self, ticket: &Ticket, caller: AccountId) -> Result<u8> {
        let level = self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        if level >= MAX_LEVEL || ticket.assignee == Some(caller) {
            return Ok(level);
        }
        match ticket.assignee {
            Some(holder) if self.agents.contains(holder) => Err(DeskError::NotAssigneeOrSupervisor),
            _ if level < ticket.queue_level() => Err(DeskError::AgentLevelTooLow {
                required: ticket.queue_level(),
            }),
            _ => Ok(level),
        }
    }

    pub(crate) fn ensure_transition(ticket: &Ticket, to: Status, actor: Actor) -> Result<()> {
        if may_transition(ticket.status, to, actor) {
            Ok(())
        } else {
            Err(DeskError::TransitionNotAllowed {
                from: ticket.status,
                to,
            })
        }
    }

    pub(crate) fn ensure_active(ticket: &Ticket) -> Result<()> {
        if ticket.status.is_active() {
            Ok(())
        } else {
            Err(DeskError::TicketNotActive {
                status: ticket.status,
            })
        }
    }

    // ----- writes shared by the operations -------------------------------------------------

    /// Stores `ticket` and schedules its next automatic action (if any) under a new version, so
    /// the index entries of earlier saves become stale. When the next action is due exactly when
    /// the live entry is, that entry stands: no index write (each storage write costs ~131 M
    /// ref_time, more than the rest of a typical save).
    pub(crate) fn save(&mut self, id: TicketId, ticket: &mut Ticket, now: Timestamp) {
        ticket.updated_at = now;
        let due = due::next_action(ticket).map(|(due, _)| due);
        if let Some(at) = due {
            if ticket.scheduled_due != Some(at) {
                ticket.schedule_version = ticket.schedule_version.wrapping_add(1);
                self.deadlines.schedule(id, ticket.schedule_version, at);
            }
        }
        ticket.scheduled_due = due;
        self.tickets.insert(id, ticket);
    }

    pub(crate) fn push_list(&mut self, list: TicketList, id: TicketId) {
        let len = self.list_lens.get(list).unwrap_or(0);
        self.list_entries.insert((list, len), &id);
        self.list_lens.insert(list, &len.saturating_add(1));
    }

    /// A status change no other event of the call implies (`StatusChanged`).
    pub(crate) fn set_status(ticket: &mut Ticket, id: TicketId, to: Status, fx: &mut Effects) {
        fx.emit(DeskEvent::StatusChanged(StatusChanged {
            id,
            from: ticket.status,
            to,
        }));
        ticket.status = to;
    }

    /// Records a ticket closing (`Closed`, the counter) and pays what closing earns.
    pub(crate) fn record_closed(
        &mut self,
        id: TicketId,
        ticket: &Ticket,
        reason: CloseReason,
        now: Timestamp,
        fx: &mut Effects,
    ) {
        fx.emit(DeskEvent::Closed(Closed {
            id,
            reason,
            rating: ticket.rating,
        }));
        self.counters.closed = self.counters.closed.saturating_add(1);
        if !matches!(reason, CloseReason::Invalid(_)) {
            self.pay_close_rewards(id, ticket, now, fx);
        }
    }

    /// Community rewards are paid when a ticket closes, and only when an agent other than the
    /// customer resolved it: the accepted answer's author, and the customer's rating (unless
    /// the customer is an agent). No account or set of accounts earns them without an agent.
    fn pay_close_rewards(
        &mut self,
        id: TicketId,
        ticket: &Ticket,
        now: Timestamp,
        fx: &mut Effects,
    ) {
        let Some(resolver) = ticket.resolved_by else {
            return;
        };
        if resolver == ticket.customer {
            return;
        }
        let caps = self.settings.caps;
        if let Some(author) = ticket.accepted_answer {
            // Counted against the accepting customer's community cap too: however many puppet
            // accounts answer, one customer's tickets route at most that cap a day.
            let amount = self.settings.answer_reward;
            let reason = RewardReason::AcceptedAnswer(id);
            let customer = Some(ticket.customer);
            self.rewards
                .grant_with(&caps, author, customer, amount, reason, now, fx);
        }
        if ticket.rating.is_some() && !self.agents.contains(ticket.customer) {
            let amount = self.settings.rating_reward;
            let reason = RewardReason::Rating(id);
            self.rewards
                .grant(&caps, ticket.customer, amount, reason, now, fx);
        }
    }

    /// Whether `customer`'s tickets earn anything (its compensation, the keeper's pay): only a
    /// customer the owner placed in a tier who is not an agent (no agent profits from tickets
    /// it can hold itself).
    pub(crate) fn earns_for_its_tickets(&self, customer: AccountId) -> bool {
        self.tiers.contains(customer) && !self.agents.contains(customer)
    }

    /// Records what the SLA engine performed on `ticket` (its state after them): events,
    /// counters, compensation. Compensation goes only to placed customers who are not agents,
    /// within the compensation caps.
    pub(crate) fn record(
        &mut self,
        id: TicketId,
        ticket: &Ticket,
        performed: Vec<Performed>,
        now: Timestamp,
        fx: &mut Effects,
    ) {
        for done in performed {
            self.counters.automatic_actions = self.counters.automatic_actions.saturating_add(1);
            match done {
                Performed::Warned { metric, deadline } => {
                    fx.emit(DeskEvent::SlaWarning(SlaWarning {
                        id,
                        metric,
                        deadline,
                    }));
                }
                Performed::Breached {
                    metric,
                    deadline,
                    compensate,
                } => {
                    self.counters.breaches = self.counters.breaches.saturating_add(1);
                    fx.emit(DeskEvent::SlaBreached(SlaBreached {
                        id,
                        metric,
                        deadline,
                    }));
                    if compensate && self.earns_for_its_tickets(ticket.customer) {
                        let caps = self.settings.caps;
                        let reason = RewardReason::Compensation(id, metric);
                        let amount = ticket.policy.compensation;
                        self.rewards
                            .grant(&caps, ticket.customer, amount, reason, now, fx);
                    }
                }
                Performed::Escalated { level } => {
                    self.counters.escalations = self.counters.escalations.saturating_add(1);
                    fx.emit(DeskEvent::Escalated(Escalated {
                        id,
                        level,
                        reason: EscalationReason::Automatic,
                    }));
                }
                Performed::AutoClosed => {
                    self.record_closed(id, ticket, CloseReason::AutoClosed, now, fx);
                }
                Performed::AbandonResolved => {
                    fx.emit(DeskEvent::Resolved(Resolved {
                        id,
                        by: None,
                        resolution: None,
                    }));
                }
            }
        }
    }

    /// The reward kind's usage: (what `account` earned, what the desk minted) this epoch.
    pub fn reward_usage(
        &self,
        kind: RewardKind,
        account: AccountId,
        now: Timestamp,
    ) -> (u128, u128) {
        self.rewards.used(&self.settings.caps, kind, account, now)
    }
}
