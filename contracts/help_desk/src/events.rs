//! Events of the help desk: one for every state change, at most one per ticket per change (a
//! status change that a specific event already implies, such as `Resolved`, `Reopened` or
//! `Closed`, is not repeated as `StatusChanged`). Only hashes of content appear.
//!
//! Topics: the event's signature and the ticket id; accounts are data, not topics. Each topic
//! costs ~128 M ref_time (pallet-contracts indexes it in storage: a read and a write), as much as
//! the rest of a small message's work, and the ticket id is what front ends subscribe to (they
//! find an account's tickets with `tickets_by_customer` / `tickets_by_assignee`; a reward's
//! recipient is also the `to` topic of the token's own `Transfer` event). Admin events, which
//! are rare, keep the account as a topic.

use crate::sla::Metric;
use crate::ticket::{Priority, Status, TicketId, Tier};
pub use helpdesk_common::ownership::{OwnershipTransferStarted, OwnershipTransferred};
use ink::primitives::{AccountId, Hash};

/// In which role an account answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ResponderRole {
    Customer,
    Agent,
    /// Neither the customer nor an agent: a candidate answer the customer may accept.
    Community,
}

/// Why a ticket escalated.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum EscalationReason {
    /// By the customer or an agent, with the hash of their reason.
    Manual(Hash),
    /// By the SLA engine after a breach.
    Automatic,
}

/// Why tokens were (or are owed to be) minted.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RewardReason {
    /// SLA compensation to the customer for a breached metric.
    Compensation(TicketId, Metric),
    /// A community answer the customer accepted.
    AcceptedAnswer(TicketId),
    /// The customer rated a closed ticket.
    Rating(TicketId),
    /// A keeper's `process_due`/`poke` did useful work.
    Keeper,
    /// Rewards the token refused earlier (`RewardDeferred`), claimed with `claim_owed`.
    Owed,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketOpened {
    #[ink(topic)]
    pub id: TicketId,
    pub customer: AccountId,
    pub priority: Priority,
    pub category: u32,
    pub content: Hash,
    pub parent: Option<TicketId>,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responded {
    #[ink(topic)]
    pub id: TicketId,
    pub responder: AccountId,
    pub role: ResponderRole,
    pub content: Hash,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    #[ink(topic)]
    pub id: TicketId,
    pub agent: AccountId,
    pub by: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChanged {
    #[ink(topic)]
    pub id: TicketId,
    pub from: Status,
    pub to: Status,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalated {
    #[ink(topic)]
    pub id: TicketId,
    /// The new escalation level; the ticket is now in that level's queue.
    pub level: u8,
    pub reason: EscalationReason,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    #[ink(topic)]
    pub id: TicketId,
    /// The agent; `None` when the SLA engine resolved an abandoned Pending ticket.
    pub by: Option<AccountId>,
    pub resolution: Option<Hash>,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    #[ink(topic)]
    pub id: TicketId,
    pub content: Hash,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    #[ink(topic)]
    pub id: TicketId,
    /// Closed by the auto-close delay rather than by the customer.
    pub automatic: bool,
    /// The customer's rating (1–5), if they gave one when confirming.
    pub rating: Option<u8>,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerAccepted {
    #[ink(topic)]
    pub id: TicketId,
    pub responder: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityBoosted {
    #[ink(topic)]
    pub id: TicketId,
    pub from: Priority,
    pub to: Priority,
    /// Tokens burned from the customer.
    pub price: u128,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaWarning {
    #[ink(topic)]
    pub id: TicketId,
    pub metric: Metric,
    pub deadline: u64,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaBreached {
    #[ink(topic)]
    pub id: TicketId,
    pub metric: Metric,
    pub deadline: u64,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardPaid {
    pub to: AccountId,
    pub amount: u128,
    pub reason: RewardReason,
}

/// The token refused the mint (e.g. its epoch cap); the amount is owed and `claim_owed` retries.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardDeferred {
    pub to: AccountId,
    pub amount: u128,
    pub reason: RewardReason,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentSet {
    #[ink(topic)]
    pub agent: AccountId,
    pub level: u8,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRemoved {
    #[ink(topic)]
    pub agent: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierSet {
    #[ink(topic)]
    pub customer: AccountId,
    pub tier: Tier,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySet {
    pub tier: Tier,
    pub priority: Priority,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChanged {}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseChanged {
    pub paused: bool,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUpgraded {
    pub code_hash: Hash,
}

/// Any event the desk emits. The contract emits all of them through this one type, whose
/// `Encode` and `Event` hand over to the event inside ([`helpdesk_common::event_path`]): the
/// same bytes on chain, one `emit_event` instance in the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskEvent {
    TicketOpened(TicketOpened),
    Responded(Responded),
    Assigned(Assigned),
    StatusChanged(StatusChanged),
    Escalated(Escalated),
    Resolved(Resolved),
    Reopened(Reopened),
    Closed(Closed),
    AnswerAccepted(AnswerAccepted),
    PriorityBoosted(PriorityBoosted),
    SlaWarning(SlaWarning),
    SlaBreached(SlaBreached),
    RewardPaid(RewardPaid),
    RewardDeferred(RewardDeferred),
    AgentSet(AgentSet),
    AgentRemoved(AgentRemoved),
    TierSet(TierSet),
    PolicySet(PolicySet),
    SettingsChanged(SettingsChanged),
    PauseChanged(PauseChanged),
    CodeUpgraded(CodeUpgraded),
    OwnershipTransferStarted(OwnershipTransferStarted),
    OwnershipTransferred(OwnershipTransferred),
}

helpdesk_common::event_path!(
    DeskEvent,
    e,
    [
        DeskEvent::TicketOpened(e),
        DeskEvent::Responded(e),
        DeskEvent::Assigned(e),
        DeskEvent::StatusChanged(e),
        DeskEvent::Escalated(e),
        DeskEvent::Resolved(e),
        DeskEvent::Reopened(e),
        DeskEvent::Closed(e),
        DeskEvent::AnswerAccepted(e),
        DeskEvent::PriorityBoosted(e),
        DeskEvent::SlaWarning(e),
        DeskEvent::SlaBreached(e),
        DeskEvent::RewardPaid(e),
        DeskEvent::RewardDeferred(e),
        DeskEvent::AgentSet(e),
        DeskEvent::AgentRemoved(e),
        DeskEvent::TierSet(e),
        DeskEvent::PolicySet(e),
        DeskEvent::SettingsChanged(e),
        DeskEvent::PauseChanged(e),
        DeskEvent::CodeUpgraded(e),
        DeskEvent::OwnershipTransferStarted(e),
        DeskEvent::OwnershipTransferred(e),
    ]
);
