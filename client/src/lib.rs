//! Typed calls to the help desk and the loyalty token: each message is called through ink!'s
//! generated call builder (`desk.resolve(id, hash)`), so its name, argument types and return
//! type come from the contract's own code; a [`Backend`] (the drink sandbox, a contracts node)
//! carries the call.

pub mod backend;
pub mod client;
#[cfg(feature = "node")]
pub mod contracts_api;
pub mod events;
pub mod message;
#[cfg(feature = "node")]
pub mod node;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod words;

pub use backend::{Backend, Emitted, Gas, Reply, Returned};
pub use client::{CallError, Client};
pub use message::{
    desk_at, governor_at, token_at, Constructor, DeskCalls, GovernorCalls, Message, Prepared,
    TokenCalls,
};
