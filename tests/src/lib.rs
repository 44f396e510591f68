//! The sandbox harness shared by the sandbox tests and the lab: the suite's contracts (from
//! `helpdesk_bundles`), named accounts, and the typed client (`helpdesk_client`) on a drink
//! sandbox chain.

pub use helpdesk_bundles::{message_label, Code, Contract};
pub use helpdesk_client::sandbox::SandboxChain;
pub use helpdesk_client::{
    desk_at, events, governor_at, token_at, CallError, Client, Constructor, DeskCalls, Emitted,
    GovernorCalls, Message, Prepared, TokenCalls,
};
pub use ink::primitives::{AccountId, Hash};

pub mod suite;

/// The typed client on a sandbox chain.
pub type Chain = Client<SandboxChain>;

/// A deterministic account for a role in a test (`account(2)` is "Bob" and so on).
pub fn account(seed: u8) -> AccountId {
    AccountId::from([seed; 32])
}

/// What the harness adds to the typed client on the sandbox.
pub trait ChainExt {
    /// Stores `code` (its cold blob first) as `deployer` and returns the hash of its blob.
    fn upload_code(&mut self, deployer: &AccountId, code: &Code) -> Hash;
    /// Uploads `code` and instantiates it with `constructor` as `deployer` (funded first).
    fn deploy_code(
        &mut self,
        deployer: &AccountId,
        code: &Code,
        constructor: impl Constructor,
    ) -> AccountId;
    /// [`ChainExt::deploy_code`] with a contract of the suite.
    fn deploy(
        &mut self,
        deployer: &AccountId,
        contract: Contract,
        constructor: impl Constructor,
    ) -> AccountId {
        self.deploy_code(deployer, &contract.code(), constructor)
    }
    /// Every contract event the last call or deployment emitted, in order.
    fn emitted(&self) -> &[Emitted];
    /// Events of type `E` the last call or deployment emitted, in order.
    fn events<E: ink::env::Event + ink::scale::Decode>(&self) -> Vec<E> {
        events::of_type(self.emitted())
    }
    /// ref_time the last call or deployment consumed.
    fn last_gas(&self) -> u64;
}

impl ChainExt for Chain {
    fn upload_code(&mut self, deployer: &AccountId, code: &Code) -> Hash {
        self.backend.fund(deployer);
        if let Some(cold) = &code.cold {
            self.upload(deployer, cold.clone())
                .expect("the cold blob is valid code");
        }
        self.upload(deployer, code.wasm.clone())
            .expect("the contract's blob is valid code")
    }

    fn deploy_code(
        &mut self,
        deployer: &AccountId,
        code: &Code,
        constructor: impl Constructor,
    ) -> AccountId {
        let hash = self.upload_code(deployer, code);
        self.instantiate(deployer, hash, constructor, Vec::new())
            .unwrap_or_else(|e| panic!("the constructor runs: {e}"))
    }

    fn emitted(&self) -> &[Emitted] {
        self.last().map_or(&[], |reply| &reply.events[..])
    }

    fn last_gas(&self) -> u64 {
        self.last().map_or(0, |reply| reply.gas.ref_time)
    }
}
