//! The owner's operations: agents, customer tiers, SLA policies, settings, pause, ownership and
//! announced upgrades. These work while the desk is paused (incident response).

use crate::desk::{Desk, PendingUpgrade};
use crate::errors::{DeskError, Result};
use crate::events::*;
use crate::settings::Settings;
use crate::sla::SlaPolicy;
use crate::ticket::{Priority, Tier, MAX_LEVEL};
use helpdesk_common::Timestamp;
use ink::primitives::{AccountId, Hash};

/// What an administration operation asks the contract to emit.
pub type AdminEvents = ink::prelude::vec::Vec<AdminEvent>;

/// One event as the effects of an operation.
fn emitting(event: AdminEvent) -> AdminEvents {
    ink::prelude::vec![event]
}

impl Desk {
    pub fn set_agent(
        &mut self,
        caller: AccountId,
        agent: AccountId,
        level: u8,
    ) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        if !(1..=MAX_LEVEL).contains(&level) {
            return Err(DeskError::InvalidAgentLevel);
        }
        self.agents.insert(agent, &level);
        Ok(emitting(AdminEvent::AgentSet(AgentSet { agent, level })))
    }

    /// Removes an agent. Its tickets count as queued again (queue pages show them and any agent
    /// of the level may claim them): no ticket is orphaned.
    pub fn remove_agent(&mut self, caller: AccountId, agent: AccountId) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        self.agents.take(agent).ok_or(DeskError::AgentNotFound)?;
        Ok(emitting(AdminEvent::AgentRemoved(AgentRemoved { agent })))
    }

    pub fn set_tier(
        &mut self,
        caller: AccountId,
        customer: AccountId,
        tier: Tier,
    ) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        self.tiers.insert(customer, &tier);
        Ok(emitting(AdminEvent::TierSet(TierSet { customer, tier })))
    }

    pub fn set_policy(
        &mut self,
        caller: AccountId,
        tier: Tier,
        priority: Priority,
        policy: SlaPolicy,
    ) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        if !policy.is_valid() {
            return Err(DeskError::InvalidPolicy);
        }
        self.policies.insert((tier, priority), &policy);
        Ok(emitting(AdminEvent::PolicySet(PolicySet {
            tier,
            priority,
        })))
    }

    /// Replaces the settings at block time `now`. Once a ticket was opened, lowering the upgrade
    /// delay does not shorten the notice users get: the old delay still applies to
    /// announcements for as long as it lasts.
    pub fn set_settings(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        settings: Settings,
    ) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        if !settings.is_valid() {
            return Err(DeskError::InvalidSettings);
        }
        let old = self.upgrade_delay(now);
        // Before the first ticket the desk is still being set up and nobody relies on its
        // notice yet: a lowered delay applies at once.
        if settings.upgrade_delay_ms < old && self.last_id > 0 {
            self.delay_floor = Some((old, now.saturating_add(old)));
        }
        let upgrade_delay_ms = settings.upgrade_delay_ms;
        self.settings = settings;
        Ok(emitting(AdminEvent::SettingsChanged(SettingsChanged {
            upgrade_delay_ms,
        })))
    }

    /// The upgrade delay an announcement at block time `now` gets: the settings' delay, or a
    /// longer one the owner lowered less than that longer delay ago.
    pub fn upgrade_delay(&self, now: Timestamp) -> u64 {
        let floor = self
            .delay_floor
            .filter(|(_, until)| now < *until)
            .map_or(0, |(delay, _)| delay);
        self.settings.upgrade_delay_ms.max(floor)
    }

    /// Pauses or resumes at block time `now`. Desk time stands still while paused, so every
    /// deadline, window and timer moves by the pause's length.
    pub fn set_paused(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        paused: bool,
    ) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        match (self.clock.is_paused(), paused) {
            (true, true) => return Err(DeskError::Paused),
            (false, false) => return Err(DeskError::NotPaused),
            (false, true) => self.clock.pause(now),
            (true, false) => self.clock.resume(now),
        }
        Ok(emitting(AdminEvent::PauseChanged(PauseChanged { paused })))
    }

    pub fn propose_owner(
        &mut self,
        caller: AccountId,
        new_owner: AccountId,
    ) -> Result<AdminEvents> {
        let event = self.ownership.propose(caller, new_owner)?;
        Ok(emitting(AdminEvent::OwnershipTransferStarted(event)))
    }

    /// The proposed owner takes over; an upgrade the previous owner announced is withdrawn
    /// (the new owner announces its own).
    pub fn accept_owner(&mut self, caller: AccountId) -> Result<AdminEvents> {
        let event = self.ownership.accept(caller)?;
        let mut fx = emitting(AdminEvent::OwnershipTransferred(event));
        if let Some(pending) = self.upgrade.take() {
            fx.push(AdminEvent::UpgradeCanceled(UpgradeCanceled {
                code_hash: pending.code_hash,
            }));
        }
        Ok(fx)
    }

    /// Announces an upgrade to `code_hash`, which may take effect the upgrade delay after block
    /// time `now` (replacing any earlier announcement).
    pub fn schedule_upgrade(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        code_hash: Hash,
    ) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        let not_before = now.saturating_add(self.upgrade_delay(now));
        self.upgrade = Some(PendingUpgrade {
            code_hash,
            not_before,
        });
        Ok(emitting(AdminEvent::UpgradeScheduled(UpgradeScheduled {
            code_hash,
            not_before,
        })))
    }

    /// Withdraws the announced upgrade.
    pub fn cancel_upgrade(&mut self, caller: AccountId) -> Result<AdminEvents> {
        self.ensure_owner(caller)?;
        let pending = self.upgrade.take().ok_or(DeskError::UpgradeNotScheduled)?;
        Ok(emitting(AdminEvent::UpgradeCanceled(UpgradeCanceled {
            code_hash: pending.code_hash,
        })))
    }

    /// Takes the announced upgrade to `code_hash` once its delay has passed at block time
    /// `now`; the contract then checks the new code and switches to it.
    pub fn take_upgrade(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        code_hash: Hash,
    ) -> Result<()> {
        self.ensure_owner(caller)?;
        let pending = self
            .upgrade
            .filter(|p| p.code_hash == code_hash)
            .ok_or(DeskError::UpgradeNotScheduled)?;
        if now < pending.not_before {
            return Err(DeskError::UpgradeTooEarly {
                not_before: pending.not_before,
            });
        }
        self.upgrade = None;
        Ok(())
    }
}
