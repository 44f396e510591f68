//! The help desk as plain Rust: tickets, roles, SLA engine and rewards.
//!
//! Every operation takes the caller and the current time explicitly, checks everything first,
//! then writes, and returns [`Effects`]: the events to emit and the token payouts to make. The
//! contract in `lib.rs` only passes the environment in and carries the effects out, so all of
//! this runs natively in unit and property tests.

use crate::deadlines::DeadlineIndex;
use crate::errors::{DeskError, Result};
use crate::events::*;
use crate::settings::{default_policy, Settings, MAX_PAGE, MAX_SWEEP};
use crate::sla::{self, AutoAction, Metric, SlaClocks, SlaPolicy};
use crate::ticket::{may_transition, Actor, Priority, Status, Ticket, TicketId, Tier, MAX_LEVEL};
use helpdesk_common::ownership::Ownership;
use helpdesk_common::quota::EpochUsage;
use helpdesk_common::Timestamp;
use ink::prelude::collections::BTreeMap;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::storage::Mapping;

/// Tokens the contract should mint to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    pub to: AccountId,
    pub amount: u128,
    pub reason: RewardReason,
}

/// What an operation asks the contract to do after its state changes: emit these events, mint
/// these payouts.
#[derive(Default)]
pub struct Effects {
    pub events: Vec<DeskEvent>,
    pub payouts: Vec<Payout>,
}

impl Effects {
    fn emit(&mut self, event: DeskEvent) {
        self.events.push(event);
    }

    fn pay(&mut self, to: AccountId, amount: u128, reason: RewardReason) {
        if amount > 0 {
            self.payouts.push(Payout { to, amount, reason });
        }
    }

    /// The payouts summed per recipient, so the contract mints once per account however many
    /// rewards one call earned it (a sweep compensating 50 tickets of one customer is one mint).
    pub fn totals_by_recipient(&self) -> BTreeMap<AccountId, u128> {
        let mut totals = BTreeMap::new();
        for payout in &self.payouts {
            let total: &mut u128 = totals.entry(payout.to).or_default();
            *total = total.saturating_add(payout.amount);
        }
        totals
    }
}

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
    /// Whether due work may remain (the action limit or the scan budget ran out).
    pub more: bool,
}

/// Time left on each SLA clock, for progress bars (ms; negative when overdue).
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
/// `queue` is the level, so joining a queue costs no storage write.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum TicketList {
    Customer(AccountId),
    Assignee(AccountId),
    Queue(u8),
}

#[ink::storage_item]
#[derive(Debug)]
pub struct Desk {
    ownership: Ownership,
    paused: bool,
    last_id: TicketId,
    tickets: Mapping<TicketId, Ticket>,
    agents: Mapping<AccountId, u8>,
    tiers: Mapping<AccountId, Tier>,
    policies: Mapping<(Tier, Priority), SlaPolicy>,
    settings: Settings,
    candidates: Mapping<(TicketId, AccountId), ()>,
    list_entries: Mapping<(TicketList, u32), TicketId>,
    list_lens: Mapping<TicketList, u32>,
    reward_usage: Mapping<AccountId, EpochUsage>,
    owed: Mapping<AccountId, u128>,
    deadlines: DeadlineIndex,
    counters: Counters,
}

/// The scan budget of a sweep allowed `max` actions, in steps of the deadline walk (an entry read,
/// or a jump to the next bucket with entries or to the next page). Stale entries and idle hours
/// count too: 4 steps per action, plus 256 so that one call sees through ~10 idle days.
fn scan_budget(max: u32) -> u32 {
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
            paused: false,
            last_id: 0,
            tickets: Mapping::default(),
            agents: Mapping::default(),
            tiers: Mapping::default(),
            policies,
            settings: Settings::default(),
            candidates: Mapping::default(),
            list_entries: Mapping::default(),
            list_lens: Mapping::default(),
            reward_usage: Mapping::default(),
            owed: Mapping::default(),
            deadlines: DeadlineIndex::new(now),
            counters: Counters::default(),
        }
    }

    // ----- checks shared by the operations -------------------------------------------------

    fn ensure_running(&self) -> Result<()> {
        if self.paused {
            Err(DeskError::Paused)
        } else {
            Ok(())
        }
    }

    /// `Ok` if `caller` is the owner.
    pub fn ensure_owner(&self, caller: AccountId) -> Result<()> {
        Ok(self.ownership.ensure_owner(caller)?)
    }

    fn load(&self, id: TicketId) -> Result<Ticket> {
        self.tickets.get(id).ok_or(DeskError::TicketNotFound)
    }

    /// The ticket, unless it is closed (a closed ticket never changes).
    fn load_open(&self, id: TicketId) -> Result<Ticket> {
        let ticket = self.load(id)?;
        if ticket.status == Status::Closed {
            return Err(DeskError::TicketClosed);
        }
        Ok(ticket)
    }

    fn ensure_customer(ticket: &Ticket, caller: AccountId) -> Result<()> {
        if ticket.customer == caller {
            Ok(())
        } else {
            Err(DeskError::NotTicketCustomer)
        }
    }

    fn agent_level(&self, account: AccountId) -> Option<u8> {
        self.agents.get(account)
    }

    fn ensure_transition(ticket: &Ticket, to: Status, actor: Actor) -> Result<()> {
        if may_transition(ticket.status, to, actor) {
            Ok(())
        } else {
            Err(DeskError::TransitionNotAllowed {
                from: ticket.status,
                to,
            })
        }
    }

    fn ensure_active(ticket: &Ticket) -> Result<()> {
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
    fn save(&mut self, id: TicketId, ticket: &mut Ticket, now: Timestamp) {
        ticket.updated_at = now;
        let due = sla::next_action(ticket).map(|(due, _)| due);
        if let Some(at) = due {
            if ticket.scheduled_due != Some(at) {
                ticket.schedule_version = ticket.schedule_version.wrapping_add(1);
                self.deadlines.schedule(id, ticket.schedule_version, at);
            }
        }
        ticket.scheduled_due = due;
        self.tickets.insert(id, ticket);
    }

    fn push_list(&mut self, list: TicketList, id: TicketId) {
        let len = self.list_lens.get(list).unwrap_or(0);
        self.list_entries.insert((list, len), &id);
        self.list_lens.insert(list, &len.saturating_add(1));
    }

    /// Puts the ticket into its level's queue. Queues have no lists of their own: a queue page
    /// walks ticket ids (see [`Desk::list`]), which saves every open, escalation and reopen two
    /// storage writes and a read.
    fn enqueue(ticket: &mut Ticket) {
        ticket.assignee = None;
        ticket.queue = Some(ticket.queue_level());
    }

    /// A status change no other event of the call implies (`StatusChanged`).
    fn set_status(ticket: &mut Ticket, id: TicketId, to: Status, fx: &mut Effects) {
        fx.emit(DeskEvent::StatusChanged(StatusChanged {
            id,
            from: ticket.status,
            to,
        }));
        ticket.status = to;
    }

    fn mark_resolved(
        ticket: &mut Ticket,
        id: TicketId,
        now: Timestamp,
        by: Option<AccountId>,
        resolution: Option<Hash>,
        fx: &mut Effects,
    ) {
        ticket.clocks.pause_resolution(now);
        ticket.clocks.pending_since = None;
        ticket.resolved_at = Some(now);
        ticket.queue = None;
        ticket.status = Status::Resolved;
        fx.emit(DeskEvent::Resolved(Resolved { id, by, resolution }));
    }

    fn mark_closed(
        &mut self,
        ticket: &mut Ticket,
        id: TicketId,
        now: Timestamp,
        automatic: bool,
        fx: &mut Effects,
    ) {
        ticket.closed_at = Some(now);
        ticket.queue = None;
        ticket.status = Status::Closed;
        fx.emit(DeskEvent::Closed(Closed {
            id,
            automatic,
            rating: ticket.rating,
        }));
        self.counters.closed = self.counters.closed.saturating_add(1);
    }

    fn escalate_one_level(
        &mut self,
        ticket: &mut Ticket,
        id: TicketId,
        reason: EscalationReason,
        fx: &mut Effects,
    ) {
        ticket.escalation = ticket.escalation.saturating_add(1).min(MAX_LEVEL);
        Self::enqueue(ticket);
        self.counters.escalations = self.counters.escalations.saturating_add(1);
        fx.emit(DeskEvent::Escalated(Escalated {
            id,
            level: ticket.escalation,
            reason,
        }));
    }

    /// A community reward to `to`, clipped to what its per-epoch cap still allows.
    fn reward_community(
        &mut self,
        to: AccountId,
        amount: u128,
        reason: RewardReason,
        now: Timestamp,
        fx: &mut Effects,
    ) {
        let cap = self.settings.community_cap;
        let usage = self.reward_usage.get(to).unwrap_or_default();
        let amount = amount.min(cap.remaining(usage, now));
        if amount == 0 {
            return;
        }
        if let Ok(usage) = cap.take(usage, now, amount) {
            self.reward_usage.insert(to, &usage);
            fx.pay(to, amount, reason);
        }
    }

    // ----- ticket lifecycle -----------------------------------------------------------------

    /// A customer opens a ticket (a follow-up of `parent` when given).
    pub fn open(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        priority: Priority,
        category: u32,
        content: Hash,
        parent: Option<TicketId>,
    ) -> Result<(TicketId, Effects)> {
        self.ensure_running()?;
        if let Some(parent_id) = parent {
            let parent_ticket = self.load(parent_id)?;
            Self::ensure_customer(&parent_ticket, caller)?;
            if parent_ticket.status != Status::Closed {
                return Err(DeskError::ParentNotClosed);
            }
        }
        let id = self.last_id.checked_add(1).ok_or(DeskError::Overflow)?;
        let tier = self.tiers.get(caller).unwrap_or_default();
        let policy = self
            .policies
            .get((tier, priority))
            .unwrap_or_else(|| default_policy(tier, priority));
        let mut ticket = Ticket {
            customer: caller,
            tier,
            priority,
            category,
            content,
            status: Status::Open,
            escalation: 0,
            assignee: None,
            queue: None,
            parent,
            created_at: now,
            updated_at: now,
            resolved_at: None,
            closed_at: None,
            rating: None,
            accepted_answer: None,
            policy,
            clocks: SlaClocks::started(now),
            schedule_version: 0,
            scheduled_due: None,
        };
        self.last_id = id;
        Self::enqueue(&mut ticket);
        self.push_list(TicketList::Customer(caller), id);
        self.save(id, &mut ticket, now);
        self.counters.opened = self.counters.opened.saturating_add(1);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::TicketOpened(TicketOpened {
            id,
            customer: caller,
            priority,
            category,
            content,
            parent,
        }));
        Ok((id, fx))
    }

    /// The customer, an agent or a community member answers.
    pub fn respond(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        content: Hash,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let mut ticket = self.load_open(id)?;
        Self::ensure_active(&ticket)?;
        let mut fx = Effects::default();
        let role = if caller == ticket.customer {
            if ticket.status == Status::Pending {
                Self::ensure_transition(&ticket, Status::Open, Actor::Customer)?;
                ticket.clocks.pending_since = None;
                ticket.clocks.resume_resolution(now);
                ticket.clocks.restart_response(now);
                Self::set_status(&mut ticket, id, Status::Open, &mut fx);
            }
            ResponderRole::Customer
        } else if self.agent_level(caller).is_some() {
            ticket.clocks.responded = true;
            ResponderRole::Agent
        } else {
            self.candidates.insert((id, caller), &());
            ResponderRole::Community
        };
        self.save(id, &mut ticket, now);
        fx.emit(DeskEvent::Responded(Responded {
            id,
            responder: caller,
            role,
            content,
        }));
        Ok(fx)
    }

    /// An agent claims a ticket (`agent == caller`) or a supervisor assigns it to an agent whose
    /// level is at least the ticket's queue level.
    pub fn assign(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        agent: AccountId,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let caller_level = self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let mut ticket = self.load_open(id)?;
        Self::ensure_active(&ticket)?;
        if agent != caller && caller_level < MAX_LEVEL {
            return Err(DeskError::AgentLevelTooLow {
                required: MAX_LEVEL,
            });
        }
        let agent_level = self.agent_level(agent).ok_or(DeskError::AgentNotFound)?;
        let required = ticket.queue_level();
        if agent_level < required {
            return Err(DeskError::AgentLevelTooLow { required });
        }
        ticket.assignee = Some(agent);
        ticket.queue = None;
        self.push_list(TicketList::Assignee(agent), id);
        self.save(id, &mut ticket, now);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::Assigned(Assigned {
            id,
            agent,
            by: caller,
        }));
        Ok(fx)
    }

    /// An agent moves a ticket between Open, Pending and OnHold, as the table allows.
    pub fn change_status(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        to: Status,
    ) -> Result<Effects> {
        self.ensure_running()?;
        self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let mut ticket = self.load_open(id)?;
        if !to.is_active() {
            // Resolved and Closed have their own messages (resolve, confirm).
            return Err(DeskError::TransitionNotAllowed {
                from: ticket.status,
                to,
            });
        }
        Self::ensure_transition(&ticket, to, Actor::Agent)?;
        match to {
            Status::Pending => {
                ticket.clocks.pause_resolution(now);
                ticket.clocks.pending_since = Some(now);
            }
            _ => {
                ticket.clocks.pending_since = None;
                ticket.clocks.resume_resolution(now);
            }
        }
        let mut fx = Effects::default();
        Self::set_status(&mut ticket, id, to, &mut fx);
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The customer or an agent escalates one level (max 3); the ticket goes to that queue.
    pub fn escalate(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        reason: Hash,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let mut ticket = self.load_open(id)?;
        if caller != ticket.customer && self.agent_level(caller).is_none() {
            return Err(DeskError::NotTicketCustomer);
        }
        Self::ensure_active(&ticket)?;
        if ticket.escalation >= MAX_LEVEL {
            return Err(DeskError::MaxEscalationReached);
        }
        let mut fx = Effects::default();
        self.escalate_one_level(&mut ticket, id, EscalationReason::Manual(reason), &mut fx);
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The assigned agent or a supervisor resolves the ticket.
    pub fn resolve(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        resolution: Hash,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let level = self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let mut ticket = self.load_open(id)?;
        if ticket.assignee != Some(caller) && level < MAX_LEVEL {
            return Err(DeskError::NotAssigneeOrSupervisor);
        }
        Self::ensure_transition(&ticket, Status::Resolved, Actor::Agent)?;
        let mut fx = Effects::default();
        Self::mark_resolved(
            &mut ticket,
            id,
            now,
            Some(caller),
            Some(resolution),
            &mut fx,
        );
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The customer reopens a Resolved ticket within the reopen window.
    pub fn reopen(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        content: Hash,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let mut ticket = self.load_open(id)?;
        Self::ensure_customer(&ticket, caller)?;
        Self::ensure_transition(&ticket, Status::Open, Actor::Customer)?;
        let resolved_at = ticket.resolved_at.unwrap_or(now);
        if now > resolved_at.saturating_add(self.settings.reopen_window_ms) {
            return Err(DeskError::ReopenWindowExpired);
        }
        let mut fx = Effects::default();
        ticket.resolved_at = None;
        ticket.clocks.resume_resolution(now);
        ticket.clocks.restart_response(now);
        ticket.status = Status::Open;
        let still_agent = ticket.assignee.and_then(|a| self.agent_level(a)).is_some();
        if !still_agent {
            Self::enqueue(&mut ticket);
        }
        self.save(id, &mut ticket, now);
        fx.emit(DeskEvent::Reopened(Reopened { id, content }));
        Ok(fx)
    }

    /// The customer confirms a Resolved ticket (closing it), optionally rating it 1–5.
    pub fn confirm(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        rating: Option<u8>,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let mut ticket = self.load_open(id)?;
        Self::ensure_customer(&ticket, caller)?;
        Self::ensure_transition(&ticket, Status::Closed, Actor::Customer)?;
        if let Some(r) = rating {
            if !(1..=5).contains(&r) {
                return Err(DeskError::InvalidRating);
            }
        }
        let mut fx = Effects::default();
        ticket.rating = rating;
        self.mark_closed(&mut ticket, id, now, false, &mut fx);
        if rating.is_some() {
            let amount = self.settings.rating_reward;
            self.reward_community(caller, amount, RewardReason::Rating(id), now, &mut fx);
        }
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The customer accepts a community member's answer; the member is rewarded (never the
    /// customer, never an agent).
    pub fn accept_answer(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        responder: AccountId,
    ) -> Result<Effects> {
        self.ensure_running()?;
        let mut ticket = self.load_open(id)?;
        Self::ensure_customer(&ticket, caller)?;
        if ticket.accepted_answer.is_some() {
            return Err(DeskError::AnswerAlreadyAccepted);
        }
        if responder == ticket.customer
            || self.agent_level(responder).is_some()
            || !self.candidates.contains((id, responder))
        {
            return Err(DeskError::NotACandidateAnswer);
        }
        ticket.accepted_answer = Some(responder);
        self.save(id, &mut ticket, now);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::AnswerAccepted(AnswerAccepted { id, responder }));
        let amount = self.settings.answer_reward;
        self.reward_community(
            responder,
            amount,
            RewardReason::AcceptedAnswer(id),
            now,
            &mut fx,
        );
        Ok(fx)
    }

    /// The customer raises the priority one step for `boost_price` tokens (returned for the
    /// contract to burn). The ticket moves to the new priority's policy; time already used on
    /// its clocks is kept.
    pub fn boost(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
    ) -> Result<(u128, Effects)> {
        self.ensure_running()?;
        let mut ticket = self.load_open(id)?;
        Self::ensure_customer(&ticket, caller)?;
        Self::ensure_active(&ticket)?;
        let to = ticket
            .priority
            .raised()
            .ok_or(DeskError::MaxPriorityReached)?;
        let price = self.settings.boost_price;
        let from = ticket.priority;
        ticket.priority = to;
        ticket.policy = self
            .policies
            .get((ticket.tier, to))
            .unwrap_or_else(|| default_policy(ticket.tier, to));
        self.save(id, &mut ticket, now);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::PriorityBoosted(PriorityBoosted {
            id,
            from,
            to,
            price,
        }));
        Ok((price, fx))
    }

    // ----- SLA engine -----------------------------------------------------------------------

    /// Performs one automatic action on `ticket` (already known to be due).
    fn perform(
        &mut self,
        ticket: &mut Ticket,
        id: TicketId,
        now: Timestamp,
        action: AutoAction,
        fx: &mut Effects,
    ) {
        match action {
            AutoAction::Warn(metric) => {
                ticket.clocks.warned.set(metric, true);
                if let Some(deadline) = sla::deadline(ticket, metric) {
                    fx.emit(DeskEvent::SlaWarning(SlaWarning {
                        id,
                        metric,
                        deadline,
                    }));
                }
            }
            AutoAction::Breach(metric) => {
                let deadline = sla::deadline(ticket, metric).unwrap_or(now);
                ticket.clocks.breached.set(metric, true);
                ticket.clocks.warned.set(metric, true);
                if ticket.clocks.first_breach_at.is_none() {
                    ticket.clocks.first_breach_at = Some(deadline);
                }
                self.counters.breaches = self.counters.breaches.saturating_add(1);
                fx.emit(DeskEvent::SlaBreached(SlaBreached {
                    id,
                    metric,
                    deadline,
                }));
                if !ticket.clocks.compensated.get(metric) {
                    ticket.clocks.compensated.set(metric, true);
                    fx.pay(
                        ticket.customer,
                        ticket.policy.compensation,
                        RewardReason::Compensation(id, metric),
                    );
                }
            }
            AutoAction::Escalate => {
                ticket.clocks.auto_escalations = ticket.clocks.auto_escalations.saturating_add(1);
                self.escalate_one_level(ticket, id, EscalationReason::Automatic, fx);
            }
            AutoAction::AutoClose => self.mark_closed(ticket, id, now, true, fx),
            AutoAction::ResolveAbandoned => Self::mark_resolved(ticket, id, now, None, None, fx),
        }
        self.counters.automatic_actions = self.counters.automatic_actions.saturating_add(1);
    }

    /// Performs up to `max` due actions on one ticket, then stores and reschedules it. Returns
    /// the number performed.
    fn run_due(
        &mut self,
        id: TicketId,
        mut ticket: Ticket,
        now: Timestamp,
        max: u32,
        fx: &mut Effects,
    ) -> u32 {
        let mut done = 0;
        while done < max {
            match sla::next_action(&ticket) {
                Some((at, action)) if at <= now => {
                    // A warning whose deadline also passed is moot: go straight to the breach.
                    if let AutoAction::Warn(metric) = action {
                        if sla::deadline(&ticket, metric).is_some_and(|d| d <= now) {
                            ticket.clocks.warned.set(metric, true);
                            continue;
                        }
                    }
                    self.perform(&mut ticket, id, now, action, fx);
                    done = done.saturating_add(1);
                }
                _ => break,
            }
        }
        // Save when something changed, or when the ticket has a next action but no live index
        // entry (the sweep consumed it), so it is never lost from the index.
        let unscheduled = ticket.scheduled_due.is_none() && sla::next_action(&ticket).is_some();
        if done > 0 || unscheduled {
            self.save(id, &mut ticket, now);
        }
        done
    }

    fn pay_keeper(&self, keeper: AccountId, actions: u32, fx: &mut Effects) {
        let reward = self
            .settings
            .keeper_reward_per_action
            .saturating_mul(u128::from(actions))
            .min(self.settings.keeper_reward_max_per_call);
        fx.pay(keeper, reward, RewardReason::Keeper);
    }

    /// The keeper's sweep: performs at most `max` due automatic actions, walking the deadline
    /// index from its cursor. Anyone may call; useful work earns a capped reward.
    pub fn process_due(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        max: u32,
    ) -> Result<(SweepReport, Effects)> {
        self.ensure_running()?;
        if max == 0 || max > MAX_SWEEP {
            return Err(DeskError::InvalidLimit);
        }
        let mut fx = Effects::default();
        let mut report = SweepReport::default();
        let mut walk = self.deadlines.walk();
        let mut budget = scan_budget(max);
        while report.actions < max {
            let Some((_, entry)) = self.deadlines.next_due(&mut walk, now, &mut budget) else {
                break;
            };
            // Store the walk's position first: an action cut short by `max` reschedules its
            // ticket, and a past due time must land at or after this position to be found.
            self.deadlines.set_cursor(walk.cursor);
            let current = self
                .tickets
                .get(entry.ticket)
                .filter(|t| t.schedule_version == entry.version);
            let done = match current {
                Some(mut ticket) => {
                    // Its live entry was just consumed: what comes next needs a new one.
                    ticket.scheduled_due = None;
                    self.run_due(
                        entry.ticket,
                        ticket,
                        now,
                        max.saturating_sub(report.actions),
                        &mut fx,
                    )
                }
                None => 0,
            };
            if done == 0 {
                report.skipped = report.skipped.saturating_add(1);
            } else {
                report.actions = report.actions.saturating_add(done);
                report.tickets = report.tickets.saturating_add(1);
            }
        }
        self.deadlines.finish(&mut walk);
        report.more = report.actions >= max || budget == 0;
        self.pay_keeper(caller, report.actions, &mut fx);
        Ok((report, fx))
    }

    /// Performs the due automatic actions of one ticket. Anyone may call.
    pub fn poke(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
    ) -> Result<(SweepReport, Effects)> {
        self.ensure_running()?;
        let ticket = self.load(id)?;
        let mut fx = Effects::default();
        // Each action sets a flag or moves the status forward, so a handful is all there can be.
        let actions = self.run_due(id, ticket, now, 8, &mut fx);
        self.pay_keeper(caller, actions, &mut fx);
        let report = SweepReport {
            actions,
            tickets: u32::from(actions > 0),
            skipped: 0,
            more: false,
        };
        Ok((report, fx))
    }

    /// Tickets with an automatic action due now, as `process_due` would find them (read-only;
    /// the checkUpkeep of the keeper pattern).
    pub fn due_tickets(&self, now: Timestamp, limit: u32) -> Result<Vec<TicketId>> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(DeskError::InvalidLimit);
        }
        let mut found = Vec::new();
        let mut walk = self.deadlines.walk();
        let mut budget = scan_budget(limit);
        while found.len() < limit as usize {
            let Some((_, entry)) = self.deadlines.next_due(&mut walk, now, &mut budget) else {
                break;
            };
            let due = self
                .tickets
                .get(entry.ticket)
                .filter(|t| t.schedule_version == entry.version)
                .and_then(|t| sla::next_action(&t))
                .is_some_and(|(at, _)| at <= now);
            if due && !found.contains(&entry.ticket) {
                found.push(entry.ticket);
            }
        }
        Ok(found)
    }

    // ----- rewards owed ---------------------------------------------------------------------

    /// Records a payout the token refused, so it can be claimed later.
    pub fn record_owed(&mut self, to: AccountId, amount: u128) {
        let owed = self.owed.get(to).unwrap_or(0);
        self.owed.insert(to, &owed.saturating_add(amount));
    }

    /// Takes everything owed to `caller`, for the contract to mint again.
    pub fn take_owed(&mut self, caller: AccountId) -> Result<u128> {
        self.ensure_running()?;
        self.owed.take(caller).ok_or(DeskError::NothingOwed)
    }

    pub fn owed(&self, account: AccountId) -> u128 {
        self.owed.get(account).unwrap_or(0)
    }

    // ----- administration -------------------------------------------------------------------

    pub fn set_agent(&mut self, caller: AccountId, agent: AccountId, level: u8) -> Result<Effects> {
        self.ensure_owner(caller)?;
        if !(1..=MAX_LEVEL).contains(&level) {
            return Err(DeskError::InvalidAgentLevel);
        }
        self.agents.insert(agent, &level);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::AgentSet(AgentSet { agent, level }));
        Ok(fx)
    }

    pub fn remove_agent(&mut self, caller: AccountId, agent: AccountId) -> Result<Effects> {
        self.ensure_owner(caller)?;
        self.agents.take(agent).ok_or(DeskError::AgentNotFound)?;
        let mut fx = Effects::default();
        fx.emit(DeskEvent::AgentRemoved(AgentRemoved { agent }));
        Ok(fx)
    }

    pub fn set_tier(
        &mut self,
        caller: AccountId,
        customer: AccountId,
        tier: Tier,
    ) -> Result<Effects> {
        self.ensure_owner(caller)?;
        self.tiers.insert(customer, &tier);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::TierSet(TierSet { customer, tier }));
        Ok(fx)
    }

    pub fn set_policy(
        &mut self,
        caller: AccountId,
        tier: Tier,
        priority: Priority,
        policy: SlaPolicy,
    ) -> Result<Effects> {
        self.ensure_owner(caller)?;
        if !policy.is_valid() {
            return Err(DeskError::InvalidPolicy);
        }
        self.policies.insert((tier, priority), &policy);
        let mut fx = Effects::default();
        fx.emit(DeskEvent::PolicySet(PolicySet { tier, priority }));
        Ok(fx)
    }

    pub fn set_settings(&mut self, caller: AccountId, settings: Settings) -> Result<Effects> {
        self.ensure_owner(caller)?;
        if !settings.is_valid() {
            return Err(DeskError::InvalidEpochLength);
        }
        self.settings = settings;
        let mut fx = Effects::default();
        fx.emit(DeskEvent::SettingsChanged(SettingsChanged {}));
        Ok(fx)
    }

    pub fn set_paused(&mut self, caller: AccountId, paused: bool) -> Result<Effects> {
        self.ensure_owner(caller)?;
        if self.paused == paused {
            return Err(if paused {
                DeskError::Paused
            } else {
                DeskError::NotPaused
            });
        }
        self.paused = paused;
        let mut fx = Effects::default();
        fx.emit(DeskEvent::PauseChanged(PauseChanged { paused }));
        Ok(fx)
    }

    pub fn propose_owner(&mut self, caller: AccountId, new_owner: AccountId) -> Result<Effects> {
        let event = self.ownership.propose(caller, new_owner)?;
        let mut fx = Effects::default();
        fx.emit(DeskEvent::OwnershipTransferStarted(event));
        Ok(fx)
    }

    pub fn accept_owner(&mut self, caller: AccountId) -> Result<Effects> {
        let event = self.ownership.accept(caller)?;
        let mut fx = Effects::default();
        fx.emit(DeskEvent::OwnershipTransferred(event));
        Ok(fx)
    }

    // ----- queries --------------------------------------------------------------------------

    pub fn owner(&self) -> AccountId {
        self.ownership.owner()
    }

    pub fn pending_owner(&self) -> Option<AccountId> {
        self.ownership.pending_owner()
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    pub fn ticket(&self, id: TicketId) -> Option<Ticket> {
        self.tickets.get(id)
    }

    pub fn last_id(&self) -> TicketId {
        self.last_id
    }

    pub fn agent(&self, account: AccountId) -> Option<u8> {
        self.agent_level(account)
    }

    pub fn tier(&self, customer: AccountId) -> Tier {
        self.tiers.get(customer).unwrap_or_default()
    }

    pub fn policy(&self, tier: Tier, priority: Priority) -> SlaPolicy {
        self.policies
            .get((tier, priority))
            .unwrap_or_else(|| default_policy(tier, priority))
    }

    pub fn settings(&self) -> Settings {
        self.settings.clone()
    }

    pub fn counters(&self) -> Counters {
        self.counters
    }

    pub fn is_candidate(&self, id: TicketId, responder: AccountId) -> bool {
        self.candidates.contains((id, responder))
    }

    pub fn sla_status(&self, id: TicketId, now: Timestamp) -> Result<SlaStatus> {
        let ticket = self.load(id)?;
        Ok(SlaStatus {
            first_response_left_ms: sla::time_left(&ticket, Metric::FirstResponse, now),
            resolution_left_ms: sla::time_left(&ticket, Metric::Resolution, now),
            resolution_used_ms: ticket.clocks.resolution_used_at(now),
            breached: ticket.clocks.breached,
            next_action: sla::next_action(&ticket),
        })
    }

    /// One page of a ticket list: ids at positions `from..` that still belong to the list,
    /// at most `limit`, and the position to continue from (`None` at the end).
    pub fn list(
        &self,
        list: TicketList,
        from: u32,
        limit: u32,
    ) -> Result<(Vec<TicketId>, Option<u32>)> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(DeskError::InvalidLimit);
        }
        let len = match list {
            // A queue walks ticket ids: position `p` is ticket `p + 1`.
            TicketList::Queue(_) => u32::try_from(self.last_id).unwrap_or(u32::MAX),
            _ => self.list_lens.get(list).unwrap_or(0),
        };
        // Examine at most `limit` positions: entries of tickets that left the list (reassigned,
        // dequeued) are skipped, so a page may hold fewer than `limit` ids; `next` continues.
        let end = from.saturating_add(limit).min(len);
        let mut ids = Vec::new();
        let mut at = from;
        while at < end {
            let entry = match list {
                TicketList::Queue(_) => Some(TicketId::from(at).saturating_add(1)),
                _ => self.list_entries.get((list, at)),
            };
            if let Some(id) = entry {
                let belongs = match list {
                    TicketList::Customer(_) => true,
                    TicketList::Assignee(agent) => self
                        .tickets
                        .get(id)
                        .is_some_and(|t| t.assignee == Some(agent)),
                    TicketList::Queue(level) => {
                        self.tickets.get(id).is_some_and(|t| t.queue == Some(level))
                    }
                };
                if belongs && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            at = at.saturating_add(1);
        }
        Ok((ids, (at < len).then_some(at)))
    }
}
