//! A proposal, its tally and its state, which follows from the tally and the time alone.
//!
//! Pending → Active → Defeated | Succeeded → Queued → Executed | Expired; Canceled from
//! Pending (the proposer) or from any state before Executed (the guardian).

use crate::action::Action;
use crate::params::GRACE_PERIOD_MS;
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};

/// Proposals are numbered from 1.
pub type ProposalId = u32;

/// A vote's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Support {
    Against,
    For,
    /// Counts toward quorum, not toward passing.
    Abstain,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ProposalState {
    /// Made; voting has not started.
    Pending,
    /// Voting is open.
    Active,
    /// Withdrawn by the proposer or the guardian.
    Canceled,
    /// Voting ended without quorum or with Against ≥ For.
    Defeated,
    /// Voting passed; not queued yet.
    Succeeded,
    /// Queued; executable from its `eta` until the grace period ends.
    Queued,
    /// Not queued or not executed within the grace period.
    Expired,
    /// Its actions ran.
    Executed,
}

/// Votes so far, weighted by escrow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    pub against: u128,
    pub for_: u128,
    pub abstain: u128,
}

impl Tally {
    /// What counts toward quorum: For + Abstain.
    pub fn turnout(&self) -> u128 {
        self.for_.saturating_add(self.abstain)
    }

    /// The tally with `weight` more on `support`, or `None` on overflow.
    pub fn with(self, support: Support, weight: u128) -> Option<Self> {
        let mut next = self;
        let side = match support {
            Support::Against => &mut next.against,
            Support::For => &mut next.for_,
            Support::Abstain => &mut next.abstain,
        };
        *side = side.checked_add(weight)?;
        Some(next)
    }

    /// Whether it passes a vote with this quorum: For + Abstain reach it and For > Against.
    pub fn passes(&self, quorum: u128) -> bool {
        self.turnout() >= quorum && self.for_ > self.against
    }
}

/// A proposal as stored: what it does, its schedule fixed at creation, its tally.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    pub proposer: AccountId,
    pub actions: Vec<Action>,
    /// BLAKE2b-256 of the proposal's text, kept off chain.
    pub description_hash: Hash,
    pub vote_start: Timestamp,
    /// When voting closes; moved once, by at most `extension_ms`, if quorum is first reached
    /// within `extension_ms` of it.
    pub vote_end: Timestamp,
    /// The late-quorum extension in force when it was made.
    pub extension_ms: u64,
    pub extended: bool,
    /// For + Abstain needed, from the total supply when it was made.
    pub quorum: u128,
    /// Its timelock, from the parameters when it was made (the longest for an upgrade).
    pub timelock_ms: u64,
    pub tally: Tally,
    /// When it becomes executable, once queued.
    pub eta: Option<Timestamp>,
    pub canceled: bool,
    pub executed: bool,
}

impl Proposal {
    /// The latest `vote_end` can become: escrow that backs a vote on it stays locked until
    /// then, so a late extension can never let a voter move tokens and vote again.
    pub fn latest_end(&self) -> Timestamp {
        if self.extended {
            self.vote_end
        } else {
            self.vote_end.saturating_add(self.extension_ms)
        }
    }

    /// Its state at `now`.
    pub fn state(&self, now: Timestamp) -> ProposalState {
        if self.canceled {
            ProposalState::Canceled
        } else if self.executed {
            ProposalState::Executed
        } else if now < self.vote_start {
            ProposalState::Pending
        } else if now < self.vote_end {
            ProposalState::Active
        } else if !self.tally.passes(self.quorum) {
            ProposalState::Defeated
        } else {
            match self.eta {
                None if now < self.vote_end.saturating_add(GRACE_PERIOD_MS) => {
                    ProposalState::Succeeded
                }
                Some(eta) if now < eta.saturating_add(GRACE_PERIOD_MS) => ProposalState::Queued,
                _ => ProposalState::Expired,
            }
        }
    }

    /// Whether it still takes votes or is yet to: it counts against the proposer's one and
    /// against `MAX_LIVE`.
    pub fn is_live(&self, now: Timestamp) -> bool {
        matches!(
            self.state(now),
            ProposalState::Pending | ProposalState::Active
        )
    }

    /// Counts a vote of `weight` on `support` at `now`; if that first reaches quorum within
    /// the extension window, moves the end to `now + extension_ms` and returns it.
    pub fn count(
        &mut self,
        now: Timestamp,
        support: Support,
        weight: u128,
    ) -> Option<Option<Timestamp>> {
        let before = self.tally;
        self.tally = before.with(support, weight)?;
        let first_quorum = before.turnout() < self.quorum && self.tally.turnout() >= self.quorum;
        let late = self.vote_end.saturating_sub(now) < self.extension_ms;
        if first_quorum && late && !self.extended {
            self.extended = true;
            self.vote_end = now.saturating_add(self.extension_ms);
            return Some(Some(self.vote_end));
        }
        Some(None)
    }
}
