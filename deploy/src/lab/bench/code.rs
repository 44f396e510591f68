//! Code: the optimized `.wasm` sizes of the suite's contracts and the reference PSP22, and what
//! pallet-contracts charges per byte of code, instruction, storage access, event and call.

use anyhow::anyhow;
use helpdesk_sandbox::{Code, Contract};
use serde::Serialize;

/// Optimized `.wasm` sizes. The suite's contracts are split (`helpdesk_common::split`): the
/// hot blob is what every call loads, the cold blob what calls to its messages load on top,
/// and "whole" the same contract built as one blob, the size the split is measured against.
#[derive(Debug, Serialize)]
pub struct CodeSizes {
    pub loyalty_token: Blobs,
    pub help_desk: Blobs,
    pub governor: Blobs,
    pub psp22_reference: usize,
    /// The token's hot blob over the reference PSP22's code.
    pub token_over_reference: f64,
}

/// One split contract's code, in bytes.
#[derive(Debug, Serialize)]
pub struct Blobs {
    /// What every call loads.
    pub hot: usize,
    /// Administration and queries.
    pub cold: usize,
    /// The contract built as one blob.
    pub whole: usize,
}

/// What pallet-contracts charges for the things a message does, read from the sandbox runtime's
/// own schedule (the same weights the contracts node uses): the profile the design follows.
#[derive(Debug, Serialize)]
pub struct CostModel {
    /// Loading the contract's code, per byte, on every call.
    pub code_load_per_byte: u64,
    /// One wasm instruction (wasmi fuel unit).
    pub per_instruction: u64,
    /// One storage read (`get_storage`), besides 583 per byte.
    pub storage_read: u64,
    /// One storage write (`set_storage`), besides ~530 per new and ~712 per old byte.
    pub storage_write: u64,
    /// One storage removal (`clear_storage`).
    pub storage_clear: u64,
    /// One event, besides its topics.
    pub event: u64,
    /// One event topic (indexed in storage: a read and a write). An event's signature is one.
    pub event_topic: u64,
    /// A call into another contract (the token), besides loading that contract's code.
    pub contract_call: u64,
}

/// The cost model, read from the sandbox runtime's `Schedule` and pallet-contracts' weights.
pub(super) fn cost_model() -> CostModel {
    use drink::pallet_contracts::{weights::WeightInfo, Schedule};
    let schedule = Schedule::<drink::minimal::MinimalSandboxRuntime>::default();
    let h = &schedule.host_fn_weights;
    let code = <() as WeightInfo>::call_with_code_per_byte(1)
        .saturating_sub(<() as WeightInfo>::call_with_code_per_byte(0));
    CostModel {
        code_load_per_byte: code.ref_time(),
        per_instruction: u64::from(schedule.instruction_weights.base),
        storage_read: h.get_storage.ref_time(),
        storage_write: h.set_storage.ref_time(),
        storage_clear: h.clear_storage.ref_time(),
        event: h.deposit_event.ref_time(),
        event_topic: h.deposit_event_per_topic.ref_time(),
        contract_call: h.call.ref_time(),
    }
}

/// The sizes of the built contracts: hot and cold blobs, and each split contract built whole.
pub(super) fn code_sizes() -> anyhow::Result<CodeSizes> {
    let blobs = |contract: Contract| {
        let code = contract.code();
        let path = contract.whole_path().unwrap_or(contract.bundle_path());
        let whole = Code::of_bundle(path)
            .map(|code| code.wasm.len())
            .map_err(|e| anyhow!("{contract:?} (whole): {e}"))?;
        Ok::<_, anyhow::Error>(Blobs {
            hot: code.wasm.len(),
            cold: code.cold.map_or(0, |cold| cold.len()),
            whole,
        })
    };
    let loyalty_token = blobs(Contract::LoyaltyToken)?;
    let psp22_reference = Contract::Psp22Reference.code().wasm.len();
    Ok(CodeSizes {
        token_over_reference: loyalty_token.hot as f64 / psp22_reference.max(1) as f64,
        loyalty_token,
        help_desk: blobs(Contract::HelpDesk)?,
        governor: blobs(Contract::Governor)?,
        psp22_reference,
    })
}
