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
    pub loyalty_token: usize,
    pub loyalty_token_cold: usize,
    pub loyalty_token_whole: usize,
    pub help_desk: usize,
    pub help_desk_cold: usize,
    pub help_desk_whole: usize,
    pub psp22_reference: usize,
    pub token_over_reference: f64,
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
    let size = |contract: Contract| Ok::<_, anyhow::Error>(contract.code().wasm.len());
    let cold = |contract: Contract| contract.code().cold.map_or(0, |code| code.len());
    let whole = |contract: Contract| {
        let path = contract.whole_path().unwrap_or(contract.bundle_path());
        Code::of_bundle(path)
            .map(|code| code.wasm.len())
            .map_err(|e| anyhow!("{contract:?} (whole): {e}"))
    };
    let loyalty_token = size(Contract::LoyaltyToken)?;
    let psp22_reference = size(Contract::Psp22Reference)?;
    Ok(CodeSizes {
        loyalty_token,
        loyalty_token_cold: cold(Contract::LoyaltyToken),
        loyalty_token_whole: whole(Contract::LoyaltyToken)?,
        help_desk: size(Contract::HelpDesk)?,
        help_desk_cold: cold(Contract::HelpDesk),
        help_desk_whole: whole(Contract::HelpDesk)?,
        psp22_reference,
        token_over_reference: loyalty_token as f64 / psp22_reference.max(1) as f64,
    })
}
