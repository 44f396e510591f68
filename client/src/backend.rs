//! What a chain must do for the typed client: upload code, instantiate, call (committed or
//! dry-run), and report what a call returned, cost and emitted. The drink sandbox and a
//! contracts node implement it.

use ink::primitives::{AccountId, Hash};

/// Weight a call consumed and required (ref_time, proof_size).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Gas {
    /// ref_time the call consumed.
    pub ref_time: u64,
    /// proof_size the call consumed.
    pub proof_size: u64,
    /// ref_time the call needs as its limit (at least `ref_time`: the engine's peak).
    pub required_ref_time: u64,
    /// proof_size the call needs as its limit.
    pub required_proof_size: u64,
}

/// An event a contract emitted during a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emitted {
    /// The emitting contract.
    pub contract: AccountId,
    /// Its topics; the first is the event's signature topic (ink! 5), if not anonymous.
    pub topics: Vec<[u8; 32]>,
    /// The SCALE-encoded event.
    pub data: Vec<u8>,
}

impl Emitted {
    /// The signature topic, which names the event's type.
    pub fn signature(&self) -> Option<[u8; 32]> {
        self.topics.first().copied()
    }
}

/// What the contract's code returned, unless the call failed below it (a trap, out of gas).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returned {
    /// The output buffer: `MessageResult<R>` SCALE-encoded for an ink! message.
    pub data: Vec<u8>,
    /// Whether the contract reverted (nothing it did is kept).
    pub reverted: bool,
}

/// What a call or instantiation did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The contract's output, or the dispatch error (debug text) it failed with.
    pub result: Result<Returned, String>,
    /// The weight it took.
    pub gas: Gas,
    /// Storage deposit charged (negative: refunded).
    pub deposit: i128,
    /// Contract events, in order (empty for a dry run on a node, which does not report them).
    pub events: Vec<Emitted>,
}

/// A chain the client can talk to.
pub trait Backend {
    /// Who signs calls (a sandbox account, a node keypair).
    type Signer;
    /// A failure to talk to the chain at all (never a contract's refusal).
    type Error: std::fmt::Display + std::fmt::Debug;

    /// The account of `signer`.
    fn account_of(&self, signer: &Self::Signer) -> AccountId;

    /// Stores `code` on chain (a no-op if it is there) and returns its hash.
    fn upload(&mut self, signer: &Self::Signer, code: Vec<u8>) -> Result<Hash, Self::Error>;

    /// Instantiates `code_hash` with the constructor call `input` and `salt`: the new
    /// contract's address and what the constructor did.
    fn instantiate(
        &mut self,
        signer: &Self::Signer,
        code_hash: Hash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> Result<(AccountId, Reply), Self::Error>;

    /// Calls `contract` with `input`, transferring `value`. With `commit` false, nothing is
    /// kept (a dry run).
    fn call(
        &mut self,
        signer: &Self::Signer,
        contract: AccountId,
        value: u128,
        input: Vec<u8>,
        commit: bool,
    ) -> Result<Reply, Self::Error>;
}
