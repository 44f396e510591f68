//! Events of the loyalty token beyond the standard PSP22 `Transfer` and `Approval`.

pub use helpdesk_common::ownership::{OwnershipTransferStarted, OwnershipTransferred};
use ink::primitives::AccountId;

/// The owner granted the minter role to `account`.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct MinterGranted {
    /// The new minter.
    #[ink(topic)]
    pub account: AccountId,
}

/// The owner revoked the minter role of `account`.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct MinterRevoked {
    /// The former minter.
    #[ink(topic)]
    pub account: AccountId,
}

/// The owner changed the per-minter mint allowance.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct MintLimitChanged {
    /// Length of one epoch in milliseconds.
    pub epoch_length_ms: u64,
    /// Tokens each minter may mint per epoch.
    pub amount_per_epoch: u128,
}

/// The standard PSP22 events, as the token's hot path (transfers, approvals, mints, burns)
/// emits them. The contract emits both through this one type, whose `Encode` and `Event` hand
/// over to the event inside ([`helpdesk_common::event_path`]): the same bytes on chain, one
/// `emit_event` instance.
pub struct TokenEvent(pub psp22::PSP22Event);

helpdesk_common::event_path!(
    TokenEvent,
    e,
    [
        TokenEvent(psp22::PSP22Event::Transfer(e)),
        TokenEvent(psp22::PSP22Event::Approval(e)),
    ]
);

helpdesk_common::event_enum! {
    /// Any event of the owner's levers over minting and ownership: what the administration
    /// messages (the cold blob) emit, a separate type so the hot blob carries none of it.
    #[derive(PartialEq, Eq)]
    pub enum MinterEvent {
        MinterGranted,
        MinterRevoked,
        MintLimitChanged,
        OwnershipTransferStarted,
        OwnershipTransferred,
    }
}
