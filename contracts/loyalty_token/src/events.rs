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

/// Any event the token's plain-Rust state can ask the contract to emit. The contract emits all of
/// them through this one type, whose `Encode` and `Event` hand over to the event inside
/// ([`helpdesk_common::event_path`]): the same bytes on chain, one `emit_event` instance.
pub enum TokenEvent {
    Psp22(psp22::PSP22Event),
    MinterGranted(MinterGranted),
    MinterRevoked(MinterRevoked),
    MintLimitChanged(MintLimitChanged),
    OwnershipTransferStarted(OwnershipTransferStarted),
    OwnershipTransferred(OwnershipTransferred),
}

helpdesk_common::event_path!(
    TokenEvent,
    e,
    [
        TokenEvent::Psp22(psp22::PSP22Event::Transfer(e)),
        TokenEvent::Psp22(psp22::PSP22Event::Approval(e)),
        TokenEvent::MinterGranted(e),
        TokenEvent::MinterRevoked(e),
        TokenEvent::MintLimitChanged(e),
        TokenEvent::OwnershipTransferStarted(e),
        TokenEvent::OwnershipTransferred(e),
    ]
);
