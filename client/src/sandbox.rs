//! The drink sandbox as a [`Backend`]: an in-process chain with pallet-contracts, whose clock and
//! blocks the caller moves. Calls are `bare_call`s; their events come from the call's own result.

use crate::backend::{Backend, Emitted, Gas, Reply, Returned};
use drink::minimal::{MinimalSandbox, MinimalSandboxRuntime, RuntimeEvent};
use drink::pallet_contracts::{self, Determinism};
use drink::sandbox_api::prelude::{BalanceAPI, ContractAPI, SystemAPI, TimestampAPI};
use drink::{AccountId32, Sandbox as _};
use ink::primitives::{AccountId, Hash};

/// Native balance [`SandboxChain::fund`] gives an account, to pay for gas and storage.
const FUNDS: u128 = 1_000_000_000_000_000;

/// The sandbox chain.
pub struct SandboxChain {
    /// The drink sandbox itself (for what the client does not cover).
    pub sandbox: MinimalSandbox,
    /// The gas limit every call and instantiation gets.
    pub gas_limit: drink::Weight,
}

impl Default for SandboxChain {
    fn default() -> Self {
        Self {
            sandbox: MinimalSandbox::default(),
            gas_limit: MinimalSandbox::default_gas_limit(),
        }
    }
}

/// The sandbox's form of an account.
pub fn sandbox_account(account: &AccountId) -> AccountId32 {
    AccountId32::new(*account.as_ref())
}

impl SandboxChain {
    /// Gives `who` native tokens for fees and deposits.
    pub fn fund(&mut self, who: &AccountId) {
        // Minting into an account cannot fail in the sandbox but for an overflow after ~1e20
        // calls; a failure would show up as the next call's failure.
        let _ = self.sandbox.mint_into(&sandbox_account(who), FUNDS);
    }

    /// Sets the block timestamp (ms). A new block resets it, so set it after building one.
    pub fn set_time(&mut self, now_ms: u64) {
        self.sandbox.set_timestamp(now_ms);
    }

    /// Builds a new block and sets its timestamp to `now_ms`.
    pub fn advance_to(&mut self, now_ms: u64) {
        self.sandbox.build_block();
        self.set_time(now_ms);
    }

    /// Sends pallet-contracts' `remove_code(code_hash)` as `signer` (who must have uploaded
    /// the code; code in use stays): why it was refused, if it was.
    pub fn remove_code(&mut self, signer: &AccountId, code_hash: Hash) -> Result<(), String> {
        let origin = MinimalSandbox::convert_account_to_origin(sandbox_account(signer));
        // The runtime's hash type (H256) from the same 32 bytes.
        let hash = ink::scale::Decode::decode(&mut code_hash.as_ref())
            .map_err(|error| format!("not a code hash: {error}"))?;
        self.sandbox
            .execute_with(|| {
                pallet_contracts::Pallet::<MinimalSandboxRuntime>::remove_code(origin, hash)
            })
            .map(drop)
            .map_err(|refused| format!("{:?}", refused.error))
    }
}

fn gas_of<R, B>(result: &pallet_contracts::ContractResult<R, B, EventRecord>) -> Gas {
    Gas {
        ref_time: result.gas_consumed.ref_time(),
        proof_size: result.gas_consumed.proof_size(),
        required_ref_time: result.gas_required.ref_time(),
        required_proof_size: result.gas_required.proof_size(),
    }
}

type EventRecord = ink_sandbox::EventRecordOf<MinimalSandboxRuntime>;

fn deposit_of(deposit: &pallet_contracts::StorageDeposit<u128>) -> i128 {
    match deposit {
        pallet_contracts::StorageDeposit::Charge(v) => i128::try_from(*v).unwrap_or(i128::MAX),
        pallet_contracts::StorageDeposit::Refund(v) => i128::try_from(*v).map_or(i128::MIN, |v| -v),
    }
}

/// The contract events among `events` (what pallet-contracts collected: the whole block's so
/// far) after the first `before`, which were there before the call.
fn emitted_of(events: &Option<Vec<EventRecord>>, before: usize) -> Vec<Emitted> {
    events
        .iter()
        .flatten()
        .skip(before)
        .filter_map(|record| match &record.event {
            RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted {
                contract,
                data,
            }) => Some(Emitted {
                contract: AccountId::from(<[u8; 32]>::from(contract.clone())),
                topics: record.topics.iter().map(|t| t.0).collect(),
                data: data.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// The new contract's address and what its constructor did.
fn instantiated(result: &InstantiateResult, before: usize) -> (AccountId, Reply) {
    let (address, returned) = match &result.result {
        Ok(done) => (
            AccountId::from(<[u8; 32]>::from(done.account_id.clone())),
            Ok(Returned {
                data: done.result.data.clone(),
                reverted: done.result.did_revert(),
            }),
        ),
        Err(error) => (AccountId::from([0; 32]), Err(format!("{error:?}"))),
    };
    let reply = Reply {
        result: returned,
        gas: gas_of(result),
        deposit: deposit_of(&result.storage_deposit),
        events: emitted_of(&result.events, before),
    };
    (address, reply)
}

type InstantiateResult =
    pallet_contracts::ContractInstantiateResult<AccountId32, u128, EventRecord>;

impl SandboxChain {
    /// Uploads `code` and instantiates it in one extrinsic (`instantiate_with_code`), as a
    /// first deployment does: the new address and what it cost, code upload included.
    pub fn instantiate_with_code(
        &mut self,
        signer: &AccountId,
        code: Vec<u8>,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> (AccountId, Reply) {
        let before = self.sandbox.events().len();
        let result = self.sandbox.deploy_contract(
            code,
            0,
            input,
            salt,
            sandbox_account(signer),
            self.gas_limit,
            None,
        );
        instantiated(&result, before)
    }
}

impl Backend for SandboxChain {
    type Signer = AccountId;
    type Error = String;

    fn account_of(&self, signer: &AccountId) -> AccountId {
        *signer
    }

    fn upload(&mut self, signer: &AccountId, code: Vec<u8>) -> Result<Hash, String> {
        self.sandbox
            .upload_contract(code, sandbox_account(signer), None, Determinism::Enforced)
            .map(|uploaded| Hash::from(uploaded.code_hash.0))
            .map_err(|error| format!("the code was not stored: {error:?}"))
    }

    fn instantiate(
        &mut self,
        signer: &AccountId,
        code_hash: Hash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> Result<(AccountId, Reply), String> {
        let before = self.sandbox.events().len();
        let result = self.sandbox.instantiate_contract(
            code_hash.as_ref().to_vec(),
            0,
            input,
            salt,
            sandbox_account(signer),
            self.gas_limit,
            None,
        );
        Ok(instantiated(&result, before))
    }

    fn call(
        &mut self,
        signer: &AccountId,
        contract: AccountId,
        value: u128,
        input: Vec<u8>,
        commit: bool,
    ) -> Result<Reply, String> {
        let before = self.sandbox.events().len();
        let gas_limit = self.gas_limit;
        let call = |sandbox: &mut MinimalSandbox| {
            sandbox.call_contract(
                sandbox_account(&contract),
                value,
                input,
                sandbox_account(signer),
                gas_limit,
                None,
                Determinism::Enforced,
            )
        };
        let result = if commit {
            call(&mut self.sandbox)
        } else {
            self.sandbox.dry_run(call)
        };
        Ok(Reply {
            result: result
                .result
                .as_ref()
                .map(|done| Returned {
                    data: done.data.clone(),
                    reverted: done.did_revert(),
                })
                .map_err(|error| format!("{error:?}")),
            gas: gas_of(&result),
            deposit: deposit_of(&result.storage_deposit),
            events: emitted_of(&result.events, before),
        })
    }
}
