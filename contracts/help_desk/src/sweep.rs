//! The keeper's side of the SLA engine: sweeping the deadline index (`process_due`), one
//! ticket at a time (`poke`), the read-only check (`due_tickets`), and the keeper's pay.

use crate::automation::{self, MAX_ACTIONS_PER_TICKET};
use crate::desk::{scan_budget, Desk, DueTickets, SweepReport};
use crate::due;
use crate::errors::{DeskError, Result};
use crate::events::RewardReason;
use crate::rewards::Effects;
use crate::settings::{MAX_PAGE, MAX_SWEEP};
use crate::ticket::{Ticket, TicketId};
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

impl Desk {
    /// Performs up to `max` due actions on one ticket, records them, then stores and
    /// reschedules it. Returns the number performed, and how many of them earn the keeper
    /// reward: those on tickets of placed customers who are not agents (tickets of unplaced
    /// accounts earn nobody anything, so opening tickets from many accounts farms nothing).
    fn run_due(
        &mut self,
        id: TicketId,
        mut ticket: Ticket,
        now: Timestamp,
        max: u32,
        fx: &mut Effects,
    ) -> (u32, u32) {
        let performed = automation::catch_up(&mut ticket, now, max);
        let done = u32::try_from(performed.len()).unwrap_or(u32::MAX);
        self.record(id, &ticket, performed, now, fx);
        // Save when something changed, or when the ticket has a next action but no live index
        // entry (the sweep consumed it), so it is never lost from the index.
        let unscheduled = ticket.scheduled_due.is_none() && due::next_action(&ticket).is_some();
        if done > 0 || unscheduled {
            self.save(id, &mut ticket, now);
        }
        let paid = if done > 0 && self.earns_for_its_tickets(ticket.customer) {
            done
        } else {
            0
        };
        (done, paid)
    }

    /// Pays the keeper for `units` of useful work, within the keeper caps.
    fn pay_keeper(&mut self, keeper: AccountId, units: u32, now: Timestamp, fx: &mut Effects) {
        let amount = self
            .settings
            .keeper_reward_per_action
            .saturating_mul(u128::from(units));
        let caps = self.settings.caps;
        self.rewards
            .grant(&caps, keeper, amount, RewardReason::Keeper, now, fx);
    }

    /// The keeper's sweep: performs at most `max` due automatic actions, walking the deadline
    /// index from its cursor, and removes the index cells it walked past (their storage deposit
    /// goes to the caller). Anyone may call; actions on placed customers' tickets earn the
    /// keeper reward, within the keeper caps.
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
        let mut paid = 0u32;
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
            let (done, earned) = match current {
                Some(mut ticket) => {
                    // Its live entry was just consumed: what comes next needs a new one.
                    ticket.scheduled_due = None;
                    let left = max.saturating_sub(report.actions);
                    self.run_due(entry.ticket, ticket, now, left, &mut fx)
                }
                None => (0, 0),
            };
            paid = paid.saturating_add(earned);
            if done == 0 {
                report.skipped = report.skipped.saturating_add(1);
            } else {
                report.actions = report.actions.saturating_add(done);
                report.tickets = report.tickets.saturating_add(1);
            }
        }
        report.cleared = self.deadlines.finish(&mut walk);
        report.more = report.actions >= max || budget == 0;
        self.pay_keeper(caller, paid, now, &mut fx);
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
        let (actions, paid) = self.run_due(id, ticket, now, MAX_ACTIONS_PER_TICKET, &mut fx);
        self.pay_keeper(caller, paid, now, &mut fx);
        let report = SweepReport {
            actions,
            tickets: u32::from(actions > 0),
            ..SweepReport::default()
        };
        Ok((report, fx))
    }

    /// Tickets with an automatic action due now, as `process_due` would find them (read-only;
    /// the checkUpkeep of the keeper pattern), and whether the walk got to now: when it did
    /// not, a sweep is due even if no ticket was found.
    pub fn due_tickets(&self, now: Timestamp, limit: u32) -> Result<DueTickets> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(DeskError::InvalidLimit);
        }
        let mut ids = Vec::new();
        let mut walk = self.deadlines.walk();
        let mut budget = scan_budget(limit);
        let mut complete = false;
        while ids.len() < limit as usize {
            let Some((_, entry)) = self.deadlines.next_due(&mut walk, now, &mut budget) else {
                complete = budget > 0;
                break;
            };
            let due = self
                .tickets
                .get(entry.ticket)
                .filter(|t| t.schedule_version == entry.version)
                .and_then(|t| due::next_action(&t))
                .is_some_and(|(at, _)| at <= now);
            if due && !ids.contains(&entry.ticket) {
                ids.push(entry.ticket);
            }
        }
        Ok(DueTickets {
            ids,
            complete,
            lag_ms: now.saturating_sub(self.deadlines.cursor_time()),
        })
    }

    // ----- rewards owed ---------------------------------------------------------------------

    /// Credits a payout, to be claimed with `claim_owed`.
    pub fn record_owed(&mut self, to: AccountId, amount: u128) {
        self.rewards.record_owed(to, amount);
    }

    /// Takes `amount` of what is owed to `caller` (all of it when `None`), for the contract to
    /// mint: a claim can be as small as what the token still allows.
    pub fn take_owed(&mut self, caller: AccountId, amount: Option<u128>) -> Result<u128> {
        self.ensure_running()?;
        if self.rewards.owed(caller) == 0 {
            return Err(DeskError::NothingOwed);
        }
        self.rewards
            .take_owed(caller, amount)
            .ok_or(DeskError::InvalidAmount)
    }

    pub fn owed(&self, account: AccountId) -> u128 {
        self.rewards.owed(account)
    }
}
