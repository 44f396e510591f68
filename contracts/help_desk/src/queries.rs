//! Read-only views of the desk for front ends: tickets, lists and queues, SLA status as of now,
//! roles, settings and counters.

use crate::automation::{self, MAX_ACTIONS_PER_TICKET};
use crate::desk::{Counters, Desk, PendingUpgrade, SlaStatus, TicketList};
use crate::due;
use crate::errors::{DeskError, Result};
use crate::settings::{default_policy, Settings, MAX_PAGE};
use crate::sla::{Metric, SlaPolicy};
use crate::ticket::{Priority, Ticket, TicketId, Tier};
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

impl Desk {
    pub fn owner(&self) -> AccountId {
        self.ownership.owner()
    }

    pub fn pending_owner(&self) -> Option<AccountId> {
        self.ownership.pending_owner()
    }

    pub fn is_paused(&self) -> bool {
        self.clock.is_paused()
    }

    pub fn pending_upgrade(&self) -> Option<PendingUpgrade> {
        self.upgrade
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

    /// Whether the owner placed `customer` in a tier (compensation is paid only to those).
    pub fn is_placed(&self, customer: AccountId) -> bool {
        self.tiers.contains(customer)
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

    /// The ticket's clocks as of `now`, with what became due since its last change already
    /// performed (as the next change or sweep will record it).
    pub fn sla_status(&self, id: TicketId, now: Timestamp) -> Result<SlaStatus> {
        let mut ticket = self.load(id)?;
        automation::catch_up(&mut ticket, now, MAX_ACTIONS_PER_TICKET);
        Ok(SlaStatus {
            first_response_left_ms: due::time_left(&ticket, Metric::FirstResponse, now),
            resolution_left_ms: due::time_left(&ticket, Metric::Resolution, now),
            resolution_used_ms: ticket.clocks.resolution_used_at(now),
            breached: ticket.clocks.breached,
            next_action: due::next_action(&ticket),
        })
    }

    /// Whether `ticket` belongs to `list` now.
    fn belongs(&self, list: TicketList, id: TicketId) -> bool {
        match list {
            TicketList::Customer(_) => true,
            TicketList::Assignee(agent) => self
                .tickets
                .get(id)
                .is_some_and(|t| t.assignee == Some(agent)),
            // A ticket whose agent was removed counts as queued at its level again.
            TicketList::Queue(level) => self.tickets.get(id).is_some_and(|t| {
                t.queue == Some(level)
                    || (t.status.is_active()
                        && t.queue_level() == level
                        && t.assignee.is_some_and(|a| !self.agents.contains(a)))
            }),
        }
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
                if self.belongs(list, id) && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            at = at.saturating_add(1);
        }
        Ok((ids, (at < len).then_some(at)))
    }
}
