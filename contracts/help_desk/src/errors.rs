//! Every way a help-desk call can be refused. A refused call changes nothing.

use crate::ticket::{Priority, Status};
use helpdesk_common::ownership::OwnershipError;

/// Why a help-desk message was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
// The SCALE derive casts the variant index; clippy's pedantic lint in contract-build trips on it.
#[allow(clippy::cast_possible_truncation)]
pub enum DeskError {
    /// Only the owner may do this.
    NotOwner,
    /// Only the account the owner proposed may accept ownership.
    NotPendingOwner,
    /// The desk is paused: no state changes until the owner unpauses it.
    Paused,
    /// The desk is not paused.
    NotPaused,
    /// No ticket has this id.
    TicketNotFound,
    /// Only the ticket's customer may do this.
    NotTicketCustomer,
    /// Only an agent may do this.
    NotAgent,
    /// The agent's level is below what the ticket's queue needs.
    AgentLevelTooLow { required: u8 },
    /// Only the assigned agent or a supervisor (level 3) may do this.
    NotAssigneeOrSupervisor,
    /// A follow-up can only be opened for a Closed ticket.
    ParentNotClosed,
    /// The transition table does not allow this status change for this caller.
    TransitionNotAllowed { from: Status, to: Status },
    /// The ticket is closed: it never changes again (open a follow-up instead).
    TicketClosed,
    /// The ticket is not Open, Pending or OnHold.
    TicketNotActive { status: Status },
    /// The ticket is already at the highest escalation level.
    MaxEscalationReached,
    /// The ticket is already Urgent.
    MaxPriorityReached,
    /// The reopen window after resolution has passed.
    ReopenWindowExpired,
    /// A rating must be between 1 and 5.
    InvalidRating,
    /// This account gave no answer on the ticket.
    NotACandidateAnswer,
    /// The ticket already has an accepted answer.
    AnswerAlreadyAccepted,
    /// Agent levels are 1 to 3.
    InvalidAgentLevel,
    /// The account is not an agent.
    AgentNotFound,
    /// The SLA policy is inconsistent (see `SlaPolicy::is_valid`).
    InvalidPolicy,
    /// The settings are out of bounds (see `Settings::is_valid`).
    InvalidSettings,
    /// A page or sweep size must be between 1 and the documented maximum.
    InvalidLimit,
    /// The loyalty token refused to burn the boost price (allowance or balance too low).
    PaymentFailed,
    /// The loyalty token refused to mint what is owed (try again later).
    TokenRefused,
    /// `upgrade` was given a code hash with no uploaded code behind it.
    UnknownCode,
    /// Nothing is owed to the caller.
    NothingOwed,
    /// The amount to claim is zero or more than is owed.
    InvalidAmount,
    /// Another agent holds the ticket; only a supervisor reassigns it.
    AlreadyAssigned,
    /// Pending (waiting on the customer) needs an agent's answer since the customer last wrote.
    NoAgentResponse,
    /// A customer the owner has not placed in a tier may open tickets up to `max` (boosting
    /// above it is paid).
    PriorityNotAllowed { max: Priority },
    /// No upgrade to this code hash was announced (`schedule_upgrade`).
    UpgradeNotScheduled,
    /// The announced upgrade may take effect only from `not_before` (block time, ms).
    UpgradeTooEarly { not_before: u64 },
    /// The new code cannot run on this desk's storage (its `storage_version` did not answer
    /// with this desk's version).
    IncompatibleCode,
    /// The desk's counters are exhausted (never in practice: 2^64 tickets).
    Overflow,
}

impl From<OwnershipError> for DeskError {
    fn from(error: OwnershipError) -> Self {
        match error {
            OwnershipError::NotOwner => DeskError::NotOwner,
            OwnershipError::NotPendingOwner => DeskError::NotPendingOwner,
        }
    }
}

/// Result of a help-desk message.
pub type Result<T> = core::result::Result<T, DeskError>;
