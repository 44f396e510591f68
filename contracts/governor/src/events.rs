//! The governor's events: one list, one emission path.

use crate::action::Action;
use crate::params::Params;
use crate::proposal::{ProposalId, Support};
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};

/// Tokens moved into escrow: voting weight.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    #[ink(topic)]
    pub account: AccountId,
    /// Tokens added.
    pub amount: u128,
    /// The account's escrow now.
    pub escrow: u128,
}

/// Tokens moved out of escrow back to their holder.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlocked {
    #[ink(topic)]
    pub account: AccountId,
    /// Tokens returned.
    pub amount: u128,
    /// The account's escrow now.
    pub escrow: u128,
}

/// A proposal was made: its actions, exactly as they will run, and its schedule.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCreated {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub proposer: AccountId,
    pub actions: Vec<Action>,
    /// BLAKE2b-256 of the proposal's text, kept off chain.
    pub description_hash: Hash,
    /// Voting opens.
    pub vote_start: Timestamp,
    /// Voting closes (later if quorum is first reached late).
    pub vote_end: Timestamp,
    /// For + Abstain needed: `quorum_bps` of the supply now.
    pub quorum: u128,
}

/// A vote was cast with the voter's whole escrow.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteCast {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub voter: AccountId,
    pub support: Support,
    pub weight: u128,
}

/// Quorum was first reached late: voting goes on until `vote_end`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VotingExtended {
    #[ink(topic)]
    pub id: ProposalId,
    pub vote_end: Timestamp,
}

/// A passed proposal was queued: executable from `eta`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalQueued {
    #[ink(topic)]
    pub id: ProposalId,
    pub eta: Timestamp,
}

/// A proposal's actions all ran.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalExecuted {
    #[ink(topic)]
    pub id: ProposalId,
}

/// A proposal was canceled by its proposer or the guardian.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCanceled {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub by: AccountId,
}

/// The governor's parameters changed (by a proposal).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsChanged {
    pub params: Params,
}

/// The guardian changed (by a proposal).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardianChanged {
    pub guardian: Option<AccountId>,
}

helpdesk_common::event_enum! {
    /// Any event of the governor.
    #[derive(Clone, PartialEq, Eq)]
    pub enum GovernorEvent {
        Locked,
        Unlocked,
        ProposalCreated,
        VoteCast,
        VotingExtended,
        ProposalQueued,
        ProposalExecuted,
        ProposalCanceled,
        ParamsChanged,
        GuardianChanged,
    }
}
