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

/// How a ticket closed.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CloseReason {
    /// The customer confirmed the resolution.
    Confirmed,
    /// The auto-close delay after resolution passed.
    AutoClosed,
    /// An agent closed it as invalid (spam or abuse), with the hash of the reason: no rewards.
    Invalid(Hash),
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
    /// Rewards credited earlier (`RewardCredited`), claimed with `claim_owed`.
    Owed,
}

/// A customer opened a ticket (a follow-up of `parent` when given).
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

/// Someone answered on a ticket; `content` is the salted hash of the answer's text.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responded {
    #[ink(topic)]
    pub id: TicketId,
    pub responder: AccountId,
    pub role: ResponderRole,
    pub content: Hash,
}

/// A ticket was assigned to `agent` (claimed when `by` is the agent itself).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    #[ink(topic)]
    pub id: TicketId,
    pub agent: AccountId,
    pub by: AccountId,
}

/// An agent or the customer moved a ticket between Open, Pending and OnHold.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChanged {
    #[ink(topic)]
    pub id: TicketId,
    pub from: Status,
    pub to: Status,
}

/// A ticket moved one escalation level up, into that level's queue, unassigned.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalated {
    #[ink(topic)]
    pub id: TicketId,
    /// The new escalation level; the ticket is now in that level's queue.
    pub level: u8,
    pub reason: EscalationReason,
}

/// A ticket was resolved; the customer may confirm or reopen it.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    #[ink(topic)]
    pub id: TicketId,
    /// The agent; `None` when the SLA engine resolved an abandoned Pending ticket.
    pub by: Option<AccountId>,
    pub resolution: Option<Hash>,
}

/// The customer reopened a Resolved ticket; the response clock restarts.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    #[ink(topic)]
    pub id: TicketId,
    pub content: Hash,
}

/// A ticket closed for good (confirmed, closed by itself, or closed as invalid).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    #[ink(topic)]
    pub id: TicketId,
    /// How it closed.
    pub reason: CloseReason,
    /// The customer's rating (1–5), if they gave one when confirming.
    pub rating: Option<u8>,
}

/// The customer accepted a community member's answer (rewarded when an agent-resolved
/// ticket closes).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerAccepted {
    #[ink(topic)]
    pub id: TicketId,
    pub responder: AccountId,
}

/// The customer paid to raise a ticket's priority one step.
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

/// An SLA deadline is near (`deadline` in desk time).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaWarning {
    #[ink(topic)]
    pub id: TicketId,
    pub metric: Metric,
    pub deadline: u64,
}

/// An SLA deadline passed (`deadline` in desk time), recorded whoever came first: a keeper's
/// sweep or the next change to the ticket.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaBreached {
    #[ink(topic)]
    pub id: TicketId,
    pub metric: Metric,
    pub deadline: u64,
}

/// Tokens were minted to `to`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardPaid {
    pub to: AccountId,
    pub amount: u128,
    pub reason: RewardReason,
}

/// A reward cap cut a reward: `to` earned `granted` of the `wanted` amount (see `Settings.caps`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardCapped {
    pub to: AccountId,
    pub wanted: u128,
    pub granted: u128,
    pub reason: RewardReason,
}

/// `amount` was credited to `to` in the desk (`owed`), to mint with `claim_owed`: every payout
/// to anyone but the caller (a sweep's compensations, a responder's answer reward), and any the
/// token refused (e.g. its epoch cap).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardCredited {
    pub to: AccountId,
    pub amount: u128,
    pub reason: RewardReason,
}

/// The owner added an agent or changed its level.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentSet {
    #[ink(topic)]
    pub agent: AccountId,
    pub level: u8,
}

/// The owner removed an agent; its tickets count as queued again.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRemoved {
    #[ink(topic)]
    pub agent: AccountId,
}

/// The owner placed a customer in a tier.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierSet {
    #[ink(topic)]
    pub customer: AccountId,
    pub tier: Tier,
}

/// The owner set the SLA policy of (tier, priority) for tickets opened or boosted afterwards.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySet {
    pub tier: Tier,
    pub priority: Priority,
}

/// The owner replaced the desk's settings.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChanged {
    /// The upgrade delay now in force (a lowered one applies to announcements only once the
    /// old delay has passed).
    pub upgrade_delay_ms: u64,
}

/// The desk was paused or resumed; desk time stands still while paused.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseChanged {
    pub paused: bool,
}

/// The contract's code was replaced (after its announcement and delay).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUpgraded {
    pub code_hash: Hash,
}

/// The owner announced an upgrade to `code_hash`; it can take effect from `not_before` (block
/// time).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeScheduled {
    pub code_hash: Hash,
    pub not_before: u64,
}

/// The owner withdrew the announced upgrade to `code_hash`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeCanceled {
    pub code_hash: Hash,
}

helpdesk_common::event_enum! {
    /// Any event of tickets, SLAs and rewards: what the messages of the hot path emit. The
    /// contract emits all of them through this one type, whose `Encode` and `Event` hand over to
    /// the event inside ([`helpdesk_common::event_enum`]): the same bytes on chain, one
    /// `emit_event` instance in the code.
    #[derive(Clone, PartialEq, Eq)]
    pub enum DeskEvent {
        TicketOpened,
        Responded,
        Assigned,
        StatusChanged,
        Escalated,
        Resolved,
        Reopened,
        Closed,
        AnswerAccepted,
        PriorityBoosted,
        SlaWarning,
        SlaBreached,
        RewardPaid,
        RewardCredited,
        RewardCapped,
    }
}

helpdesk_common::event_enum! {
    /// Any event of the owner's levers: what the administration messages emit. A separate
    /// type from [`DeskEvent`] so that the hot blob, which never emits these, carries none of
    /// their encoding.
    #[derive(Clone, PartialEq, Eq)]
    pub enum AdminEvent {
        AgentSet,
        AgentRemoved,
        TierSet,
        PolicySet,
        SettingsChanged,
        PauseChanged,
        CodeUpgraded,
        UpgradeScheduled,
        UpgradeCanceled,
        OwnershipTransferStarted,
        OwnershipTransferred,
    }
}
