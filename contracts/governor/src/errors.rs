//! Every way a governor message refuses: a typed error, and nothing changed.

use crate::params::Param;
use crate::proposal::{ProposalId, ProposalState};
use help_desk::DeskError;
use helpdesk_common::Timestamp;
use loyalty_token::TokenError;
use psp22::PSP22Error;

/// Why an action of an executed proposal failed.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ActionError {
    /// The desk refused, with its own error.
    Desk(DeskError),
    /// The token refused, with its own error.
    Token(TokenError),
    /// The contract did not dispatch the call (`LangError`: wrong code at its address).
    NotDispatched,
    /// The call did not return (the callee trapped, ran out of gas, or is not a contract).
    CallFailed,
    /// A `SetParams` action outside the bounds (checked when proposed; kept for safety).
    ParametersOutOfBounds,
}

/// Why a governor message refused.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum GovernorError {
    /// A parameter is outside its bounds (see `Params`).
    ParameterOutOfBounds(Param),
    /// A proposal needs at least one action.
    NoActions,
    /// A proposal carries at most `MAX_ACTIONS` actions.
    TooManyActions,
    /// The proposer's escrow is below the proposal threshold.
    BelowThreshold { held: u128, needed: u128 },
    /// The proposer already has a proposal Pending or Active.
    ProposerHasLiveProposal(ProposalId),
    /// `MAX_LIVE` proposals are Pending or Active already.
    TooManyLiveProposals,
    /// No proposal has this id.
    ProposalNotFound,
    /// The proposal is not in the state this message needs; it is in this one.
    WrongState(ProposalState),
    /// The caller voted on this proposal already.
    AlreadyVoted,
    /// The caller has no tokens in escrow.
    NoVotingWeight,
    /// The proposal's timelock ends at `eta`.
    TimelockNotOver { eta: Timestamp },
    /// The escrow backs a vote or proposal until `until`.
    EscrowLocked { until: Timestamp },
    /// The escrow holds only `held`.
    InsufficientEscrow { held: u128 },
    /// An amount of zero.
    ZeroAmount,
    /// Only the proposer (while Pending) or the guardian (until executed) may cancel.
    NotAllowedToCancel,
    /// The token refused a transfer into or out of escrow.
    TokenRefused(PSP22Error),
    /// The token could not be asked (its total supply, for the quorum).
    TokenUnreachable,
    /// Action `index` of the proposal failed: nothing of the execution happened, and the
    /// proposal stays Queued until its grace period ends.
    ActionFailed { index: u8, error: ActionError },
    /// The desk or the token refused a hand-over or upgrade call, with this.
    CallRefused(ActionError),
    /// The desk has no upgrade scheduled.
    NoUpgradeScheduled,
    /// A count or tally would overflow.
    Overflow,
}

/// The governor's result type.
pub type Result<T> = core::result::Result<T, GovernorError>;
