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
/// them through this one type: its `Encode` and `Event` impls hand over to the event inside, so
/// what lands on chain (signature topic, topics, data) is exactly what emitting the inner event
/// gives, but the contract holds one instance of `emit_event` instead of one per event type
/// (code is loaded, and paid for by the byte, on every call).
pub enum TokenEvent {
    Psp22(psp22::PSP22Event),
    MinterGranted(MinterGranted),
    MinterRevoked(MinterRevoked),
    MintLimitChanged(MintLimitChanged),
    OwnershipTransferStarted(OwnershipTransferStarted),
    OwnershipTransferred(OwnershipTransferred),
}

/// `$body` with `$e` bound to the event inside a [`TokenEvent`].
macro_rules! with_inner {
    ($event:expr, $e:ident => $body:expr) => {
        match $event {
            TokenEvent::Psp22(psp22::PSP22Event::Transfer($e)) => $body,
            TokenEvent::Psp22(psp22::PSP22Event::Approval($e)) => $body,
            TokenEvent::MinterGranted($e) => $body,
            TokenEvent::MinterRevoked($e) => $body,
            TokenEvent::MintLimitChanged($e) => $body,
            TokenEvent::OwnershipTransferStarted($e) => $body,
            TokenEvent::OwnershipTransferred($e) => $body,
        }
    };
}

impl ink::scale::Encode for TokenEvent {
    fn size_hint(&self) -> usize {
        with_inner!(self, e => e.size_hint())
    }

    fn encode_to<T: ink::scale::Output + ?Sized>(&self, dest: &mut T) {
        with_inner!(self, e => e.encode_to(dest))
    }
}

impl ink::env::Event for TokenEvent {
    /// Unused: `topics` builds each inner event's own topics, with that event's count.
    type RemainingTopics = ink::env::event::state::NoRemainingTopics;
    /// Each inner event's own signature is its first topic.
    const SIGNATURE_TOPIC: Option<[u8; 32]> = None;

    fn topics<E, B>(
        &self,
        builder: ink::env::event::TopicsBuilder<ink::env::event::state::Uninit, E, B>,
    ) -> <B as ink::env::event::TopicsBuilderBackend<E>>::Output
    where
        E: ink::env::Environment,
        B: ink::env::event::TopicsBuilderBackend<E>,
    {
        with_inner!(self, e => e.topics::<E, B>(builder))
    }
}
