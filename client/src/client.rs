//! The typed client: sends a message built with a contract's call builder through a backend,
//! decodes what it returned as the message's own return type, and keeps the last reply (gas,
//! deposit, events) for whoever measures or shows it.

use crate::backend::{Backend, Reply};
use crate::message::{Constructor, Message};
use ink::primitives::{AccountId, Hash};
use ink::scale::Decode;
use std::fmt;

/// Why a call did not return the message's value (a refusal is not here: it is the message's
/// own `Err`, inside its value).
#[derive(Debug)]
pub enum CallError<E> {
    /// The backend could not talk to the chain.
    Backend(E),
    /// The call failed below the contract (a trap, out of gas, a dispatch error): its text.
    Failed(String),
    /// ink! did not dispatch the input (`LangError`: unknown selector, undecodable input, value
    /// sent to a message that takes none).
    Lang(ink::LangError),
    /// The output does not decode as the message's return type (reverted or not).
    Undecodable { reverted: bool, data: Vec<u8> },
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Backend(e) => write!(f, "{e}"),
            CallError::Failed(e) => write!(f, "the call failed: {e}"),
            CallError::Lang(e) => write!(f, "the contract did not dispatch the call: {e:?}"),
            CallError::Undecodable { reverted, data } => write!(
                f,
                "the contract {} with output that is not the message's type (0x{})",
                if *reverted { "reverted" } else { "returned" },
                data.iter().map(|b| format!("{b:02x}")).collect::<String>()
            ),
        }
    }
}

impl<E: fmt::Display + fmt::Debug> std::error::Error for CallError<E> {}

/// Typed calls over a backend.
pub struct Client<B: Backend> {
    /// The chain.
    pub backend: B,
    last: Option<Reply>,
}

impl<B: Backend> Client<B> {
    /// A client of `backend`.
    pub fn new(backend: B) -> Self {
        Self {
            backend,
            last: None,
        }
    }

    /// What the last call, dry run or instantiation did.
    pub fn last(&self) -> Option<&Reply> {
        self.last.as_ref()
    }

    /// Sends `message` as `signer` and returns what it returned; on a node it is dry-run first
    /// and only submitted if the dry run neither reverted nor failed.
    pub fn call<M: Message>(
        &mut self,
        signer: &B::Signer,
        message: M,
    ) -> Result<M::Output, CallError<B::Error>> {
        self.send(signer, message, true)
    }

    /// Runs `message` as `signer` without keeping anything it did: a query, or the preview of
    /// a call.
    pub fn dry_run<M: Message>(
        &mut self,
        signer: &B::Signer,
        message: M,
    ) -> Result<M::Output, CallError<B::Error>> {
        self.send(signer, message, false)
    }

    fn send<M: Message>(
        &mut self,
        signer: &B::Signer,
        message: M,
        commit: bool,
    ) -> Result<M::Output, CallError<B::Error>> {
        let (contract, value, input) = message.into_parts();
        let reply = self
            .backend
            .call(signer, contract, value, input, commit)
            .map_err(CallError::Backend)?;
        let decoded = decode::<M::Output, B::Error>(&reply);
        self.last = Some(reply);
        decoded
    }

    /// Stores `code` (a no-op if it is on chain) and returns its hash.
    pub fn upload(&mut self, signer: &B::Signer, code: Vec<u8>) -> Result<Hash, B::Error> {
        self.backend.upload(signer, code)
    }

    /// Instantiates `code_hash` with `constructor` and `salt` and returns the new address.
    pub fn instantiate<C: Constructor>(
        &mut self,
        signer: &B::Signer,
        code_hash: Hash,
        constructor: C,
        salt: Vec<u8>,
    ) -> Result<AccountId, CallError<B::Error>> {
        let (address, reply) = self
            .backend
            .instantiate(signer, code_hash, constructor.input(), salt)
            .map_err(CallError::Backend)?;
        let decoded = constructed::<B::Error>(&reply);
        self.last = Some(reply);
        decoded.map(|()| address)
    }
}

/// Whether a constructor ran: ink! writes `ConstructorResult<..>` (`Ok` first), and reverts
/// when it refuses.
fn constructed<E>(reply: &Reply) -> Result<(), CallError<E>> {
    let returned = reply
        .result
        .as_ref()
        .map_err(|e| CallError::Failed(e.clone()))?;
    match returned.data.first() {
        Some(0) if !returned.reverted => Ok(()),
        _ => match ink::MessageResult::<()>::decode(&mut &returned.data[..]) {
            Ok(Err(lang)) => Err(CallError::Lang(lang)),
            _ => Err(CallError::Undecodable {
                reverted: returned.reverted,
                data: returned.data.clone(),
            }),
        },
    }
}

/// The message's value from a reply: ink! writes `MessageResult<R>`, and a message that refuses
/// reverts with its `Err` in it.
fn decode<R: Decode, E>(reply: &Reply) -> Result<R, CallError<E>> {
    let returned = reply
        .result
        .as_ref()
        .map_err(|e| CallError::Failed(e.clone()))?;
    let undecodable = || CallError::Undecodable {
        reverted: returned.reverted,
        data: returned.data.clone(),
    };
    let mut input = &returned.data[..];
    match ink::MessageResult::<R>::decode(&mut input) {
        Ok(_) if !input.is_empty() => Err(undecodable()),
        Ok(Ok(value)) => Ok(value),
        Ok(Err(lang)) => Err(CallError::Lang(lang)),
        Err(_) => Err(undecodable()),
    }
}
