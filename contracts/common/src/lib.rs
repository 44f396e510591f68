//! Plain-Rust building blocks shared by the help-desk contracts.
//!
//! Nothing here touches the contract environment: callers and times come in as arguments,
//! events and typed errors come out, so every piece is testable natively.
#![cfg_attr(not(feature = "std"), no_std)]

pub mod event_path;
pub mod ownership;
pub mod quota;
pub mod split;
pub mod time;

/// Milliseconds since the Unix epoch, as `block_timestamp()` returns them.
pub type Timestamp = u64;
