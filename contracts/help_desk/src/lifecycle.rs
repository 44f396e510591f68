//! The ticket lifecycle: what customers, agents and community members do to tickets. Each
//! operation loads the ticket as of now (what became due on it performed first), checks, then
//! records and writes.

use crate::desk::{Desk, TicketList};
use crate::errors::{DeskError, Result};
use crate::events::*;
use crate::rewards::Effects;
use crate::settings::default_policy;
use crate::sla::SlaClocks;
use crate::ticket::{Actor, Priority, Status, Ticket, TicketId, MAX_LEVEL};
use helpdesk_common::Timestamp;
use ink::primitives::{AccountId, Hash};

impl Desk {
    /// A customer opens a ticket (a follow-up of `parent` when given). A customer the owner
    /// has not placed in a tier may open up to `Settings.unplaced_max_priority`.
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
        let placed = self.tiers.get(caller);
        let max = self.settings.unplaced_max_priority;
        if placed.is_none() && priority > max {
            return Err(DeskError::PriorityNotAllowed { max });
        }
        let id = self.last_id.checked_add(1).ok_or(DeskError::Overflow)?;
        let tier = placed.unwrap_or_default();
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
            resolved_by: None,
            closed_at: None,
            rating: None,
            accepted_answer: None,
            policy: self.policy(tier, priority),
            clocks: SlaClocks::started(now),
            schedule_version: 0,
            scheduled_due: None,
        };
        self.last_id = id;
        ticket.enqueue();
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
        let (mut ticket, performed) = self.load_settled(id, now)?;
        Self::ensure_active(&ticket)?;
        let is_customer = caller == ticket.customer;
        if is_customer && ticket.status == Status::Pending {
            Self::ensure_transition(&ticket, Status::Open, Actor::Customer)?;
        }
        let mut fx = Effects::default();
        let changed = !performed.is_empty();
        self.record(id, &ticket, performed, now, &mut fx);
        let role = if is_customer {
            if ticket.status == Status::Pending {
                ticket.clocks.leave_pending(now);
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
        // A community answer is a candidate, not a change to the ticket.
        if changed || role != ResponderRole::Community {
            self.save(id, &mut ticket, now);
        }
        fx.emit(DeskEvent::Responded(Responded {
            id,
            responder: caller,
            role,
            content,
        }));
        Ok(fx)
    }

    /// An agent claims a ticket (`agent == caller`) or a supervisor assigns it to an agent whose
    /// level is at least the ticket's queue level. A ticket another active agent holds is
    /// reassigned only by a supervisor.
    pub fn assign(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        agent: AccountId,
    ) -> Result<Effects> {
        let caller_level = self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let (mut ticket, performed) = self.load_settled(id, now)?;
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
        if let Some(holder) = ticket.assignee {
            if holder != agent && caller_level < MAX_LEVEL && self.agents.contains(holder) {
                return Err(DeskError::AlreadyAssigned);
            }
        }
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        if ticket.assignee != Some(agent) {
            self.push_list(TicketList::Assignee(agent), id);
        }
        ticket.assignee = Some(agent);
        ticket.queue = None;
        self.save(id, &mut ticket, now);
        fx.emit(DeskEvent::Assigned(Assigned {
            id,
            agent,
            by: caller,
        }));
        Ok(fx)
    }

    /// The ticket's agent (see [`Desk::ensure_handler`]) moves it between Open, Pending and
    /// OnHold, as the table allows. Pending needs an agent's answer since the customer last
    /// wrote: it stops the first-response clock.
    pub fn change_status(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        to: Status,
    ) -> Result<Effects> {
        self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let (mut ticket, performed) = self.load_settled(id, now)?;
        if !to.is_active() {
            // Resolved and Closed have their own messages (resolve, confirm, close_invalid).
            return Err(DeskError::TransitionNotAllowed {
                from: ticket.status,
                to,
            });
        }
        Self::ensure_transition(&ticket, to, Actor::Agent)?;
        self.ensure_handler(&ticket, caller)?;
        if to == Status::Pending && !ticket.clocks.responded {
            return Err(DeskError::NoAgentResponse);
        }
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        match to {
            Status::Pending => {
                ticket.clocks.pause_resolution(now);
                ticket.clocks.pending_since = Some(now);
            }
            _ => ticket.clocks.leave_pending(now),
        }
        Self::set_status(&mut ticket, id, to, &mut fx);
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The customer or the ticket's agent escalates one level (max 3); the ticket goes to that
    /// queue.
    pub fn escalate(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        reason: Hash,
    ) -> Result<Effects> {
        let (mut ticket, performed) = self.load_settled(id, now)?;
        if caller != ticket.customer {
            if self.agent_level(caller).is_none() {
                return Err(DeskError::NotTicketCustomer);
            }
            self.ensure_handler(&ticket, caller)?;
        }
        Self::ensure_active(&ticket)?;
        if ticket.escalation >= MAX_LEVEL {
            return Err(DeskError::MaxEscalationReached);
        }
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        ticket.escalate_one_level();
        self.counters.escalations = self.counters.escalations.saturating_add(1);
        fx.emit(DeskEvent::Escalated(Escalated {
            id,
            level: ticket.escalation,
            reason: EscalationReason::Manual(reason),
        }));
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
        let level = self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let (mut ticket, performed) = self.load_settled(id, now)?;
        if ticket.assignee != Some(caller) && level < MAX_LEVEL {
            return Err(DeskError::NotAssigneeOrSupervisor);
        }
        Self::ensure_transition(&ticket, Status::Resolved, Actor::Agent)?;
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        ticket.mark_resolved(now, Some(caller));
        fx.emit(DeskEvent::Resolved(Resolved {
            id,
            by: Some(caller),
            resolution: Some(resolution),
        }));
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// An agent closes an active ticket as invalid (spam, abuse): its assignee, a supervisor,
    /// or, while unassigned, an agent of its queue's level. No rewards come from it.
    pub fn close_invalid(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        reason: Hash,
    ) -> Result<Effects> {
        self.agent_level(caller).ok_or(DeskError::NotAgent)?;
        let (mut ticket, performed) = self.load_settled(id, now)?;
        Self::ensure_transition(&ticket, Status::Closed, Actor::Agent)?;
        self.ensure_handler(&ticket, caller)?;
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        ticket.mark_closed(now);
        self.record_closed(id, &ticket, CloseReason::Invalid(reason), now, &mut fx);
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The customer reopens a Resolved ticket within the reopen window. The response clock
    /// restarts, and escalation steps still to come count from now.
    pub fn reopen(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        content: Hash,
    ) -> Result<Effects> {
        let (mut ticket, performed) = self.load_settled(id, now)?;
        Self::ensure_customer(&ticket, caller)?;
        if ticket.status != Status::Resolved {
            // (The table's Pending → Open by the customer is `respond`, not a reopen.)
            return Err(DeskError::TransitionNotAllowed {
                from: ticket.status,
                to: Status::Open,
            });
        }
        Self::ensure_transition(&ticket, Status::Open, Actor::Customer)?;
        let resolved_at = ticket.resolved_at.unwrap_or(now);
        if now > resolved_at.saturating_add(self.settings.reopen_window_ms) {
            return Err(DeskError::ReopenWindowExpired);
        }
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        ticket.resolved_at = None;
        ticket.resolved_by = None;
        ticket.clocks.resume_resolution(now);
        ticket.clocks.restart_response(now);
        if ticket.clocks.first_breach_at.is_some() {
            ticket.clocks.first_breach_at = Some(now);
        }
        ticket.status = Status::Open;
        let still_agent = ticket.assignee.and_then(|a| self.agent_level(a)).is_some();
        if !still_agent {
            ticket.enqueue();
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
        let (mut ticket, performed) = self.load_settled(id, now)?;
        Self::ensure_customer(&ticket, caller)?;
        Self::ensure_transition(&ticket, Status::Closed, Actor::Customer)?;
        if rating.is_some_and(|r| !(1..=5).contains(&r)) {
            return Err(DeskError::InvalidRating);
        }
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        ticket.rating = rating;
        ticket.mark_closed(now);
        self.record_closed(id, &ticket, CloseReason::Confirmed, now, &mut fx);
        self.save(id, &mut ticket, now);
        Ok(fx)
    }

    /// The customer accepts a community member's answer (never the customer's own, never an
    /// agent's). The author is rewarded when the ticket closes after an agent resolved it.
    pub fn accept_answer(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
        responder: AccountId,
    ) -> Result<Effects> {
        let (mut ticket, performed) = self.load_settled(id, now)?;
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
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        ticket.accepted_answer = Some(responder);
        self.save(id, &mut ticket, now);
        fx.emit(DeskEvent::AnswerAccepted(AnswerAccepted { id, responder }));
        Ok(fx)
    }

    /// The customer raises the priority one step for `boost_price` tokens (returned for the
    /// contract to burn). The ticket moves to the new priority's policy (of the tier it was
    /// opened in); each running clock keeps the time it had left, cut to the new target, so a
    /// boost never makes a deadline retroactive.
    pub fn boost(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        id: TicketId,
    ) -> Result<(u128, Effects)> {
        let (mut ticket, performed) = self.load_settled(id, now)?;
        Self::ensure_customer(&ticket, caller)?;
        Self::ensure_active(&ticket)?;
        let to = ticket
            .priority
            .raised()
            .ok_or(DeskError::MaxPriorityReached)?;
        let mut fx = Effects::default();
        self.record(id, &ticket, performed, now, &mut fx);
        let price = self.settings.boost_price;
        let from = ticket.priority;
        let policy = self
            .policies
            .get((ticket.tier, to))
            .unwrap_or_else(|| default_policy(ticket.tier, to));
        ticket.clocks.rebase(&ticket.policy, &policy, now);
        ticket.policy = policy;
        ticket.priority = to;
        self.save(id, &mut ticket, now);
        fx.emit(DeskEvent::PriorityBoosted(PriorityBoosted {
            id,
            from,
            to,
            price,
        }));
        Ok((price, fx))
    }
}
