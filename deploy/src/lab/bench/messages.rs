//! Per-message cost: what one call cost as drink recorded it, the reference PSP22 `transfer`
//! every message is set against, and the recorder the token and desk runs push their rows with.

use anyhow::anyhow;
use helpdesk_client::message::{psp22_reference_new, Message, Prepared};
use helpdesk_sandbox::suite::{who, Suite, PSP22};
use helpdesk_sandbox::{token_at, Chain, ChainExt, Constructor, Contract, SandboxChain};
use serde::Serialize;

/// The reference figure the issue measured for `PSP22::transfer` of the `psp22` 2.0.0 example
/// token (drink 0.18, contract-build 5.0.3, Rust 1.86): this run must reproduce it.
pub const REFERENCE_TRANSFER_REF_TIME: u64 = 1_399_267_132;

/// Salt of a second instance of a contract the suite already deployed (same code, same deployer).
const SECOND_INSTANCE: [u8; 1] = [2];

/// What one call cost.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Cost {
    pub ref_time: u64,
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative), in the sandbox's native units.
    pub storage_deposit: i128,
}

/// The cost of the last call or instantiation on `chain`.
pub(super) fn last_cost(chain: &Chain) -> Cost {
    chain.last().map_or(Cost::default(), |reply| Cost {
        ref_time: reply.gas.ref_time,
        proof_size: reply.gas.proof_size,
        storage_deposit: reply.deposit,
    })
}

/// The cost of the suite's last call.
pub(super) fn last_call(suite: &Suite) -> Cost {
    last_cost(&suite.chain)
}

/// One message (or the deployment) of one contract, measured in one situation.
#[derive(Debug, Serialize)]
pub struct MessageRow {
    #[serde(serialize_with = "contract_name")]
    pub contract: Contract,
    /// The message's selector, which rows are looked up by; `None` for the deployment.
    #[serde(skip)]
    pub selector: Option<[u8; 4]>,
    /// Its label in the metadata (`respond`, `PSP22::transfer`), or `new`.
    pub message: &'static str,
    pub case: &'static str,
    #[serde(flatten)]
    pub cost: Cost,
    /// ref_time over the reference `PSP22::transfer`'s.
    pub vs_reference_transfer: f64,
}

impl MessageRow {
    /// The row of `contract`'s deployment.
    pub(super) fn deployment(contract: Contract, cost: Cost) -> Self {
        Self {
            contract,
            selector: None,
            message: "new",
            case: "deploy (code upload included)",
            cost,
            vs_reference_transfer: 0.0,
        }
    }
}

/// Writes a contract as its crate name.
fn contract_name<S: serde::Serializer>(contract: &Contract, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(contract.name())
}

/// The selector of a typed message (`selector(desk.resolve(0, hash))`): how rows are found
/// without naming a message in text. The arguments do not matter.
pub(super) fn selector<M: Message>(message: M) -> [u8; 4] {
    Prepared::of(message).selector()
}

/// The worst (largest) ratio to the reference transfer among `rows` of `message` of
/// `contract`; 0 if there is none.
pub(super) fn worst_ratio(rows: &[MessageRow], contract: Contract, message: [u8; 4]) -> f64 {
    rows.iter()
        .filter(|row| row.contract == contract && row.selector == Some(message))
        .map(|row| row.vs_reference_transfer)
        .fold(0.0, f64::max)
}

/// Deploys the reference PSP22 token on a chain of its own and measures one `transfer`.
pub(super) fn reference_transfer() -> anyhow::Result<Cost> {
    let mut chain = Chain::new(SandboxChain::default());
    let owner = who::owner();
    let token = chain.deploy(
        &owner,
        Contract::Psp22Reference,
        psp22_reference_new(1_000_000_000, None, None, 12),
    );
    // Deployed without name and symbol, one transfer to an account that holds nothing yet: the
    // run that gives the figure to the unit (a 9-letter name and 3-letter symbol in the
    // root storage cell add 5.9 M ref_time and 28 proof_size bytes).
    chain
        .call(&owner, token_at(token).transfer(who::carol(), 100, vec![]))
        .map_err(|e| anyhow!("reference transfer: {e}"))?
        .map_err(|e| anyhow!("reference transfer refused: {e:?}"))?;
    Ok(last_cost(&chain))
}

/// Deploys a second instance of `contract` with `constructor` as the suite's actor, its code
/// uploaded in the same extrinsic (the code is on chain already: the suite's own instance),
/// and returns what that cost.
pub(super) fn second_instance(
    suite: &mut Suite,
    contract: Contract,
    constructor: impl Constructor,
) -> anyhow::Result<Cost> {
    let actor = suite.actor;
    let (_, reply) = suite.chain.backend.instantiate_with_code(
        &actor,
        contract.code().wasm,
        constructor.input(),
        SECOND_INSTANCE.to_vec(),
    );
    match &reply.result {
        Ok(returned) if !returned.reverted => Ok(Cost {
            ref_time: reply.gas.ref_time,
            proof_size: reply.gas.proof_size,
            storage_deposit: reply.deposit,
        }),
        other => Err(anyhow!("{contract:?} deployment: {other:?}")),
    }
}

/// Measures `$call` (a `Result` of a suite call) and pushes a row.
pub(super) struct Recorder<'a> {
    pub(super) rows: &'a mut Vec<MessageRow>,
    pub(super) contract: Contract,
}

impl Recorder<'_> {
    /// Records the suite's last call (the message `result` came from) in situation `case`.
    pub(super) fn push<T, E: std::fmt::Debug>(
        &mut self,
        suite: &Suite,
        case: &'static str,
        result: Result<T, E>,
    ) -> anyhow::Result<T> {
        let message = suite.last_message();
        let value = result.map_err(|e| anyhow!("{message} ({case}) was refused: {e:?}"))?;
        self.rows.push(MessageRow {
            contract: self.contract,
            selector: suite.last_selector(),
            message,
            case,
            cost: last_call(suite),
            vs_reference_transfer: 0.0,
        });
        Ok(value)
    }
}
