//! pallet-contracts' runtime API (`ContractsApi_call`, `_instantiate`, `_upload_code`) as SCALE
//! encodes it: the requests the node backend sends and the results it reads, mirrored from
//! pallet-contracts' `primitives` so the operator tool needs no contract-tooling crate (which
//! would bring contract-build and binaryen's C++ into its build).

/// A weight as the runtime encodes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct Weight {
    /// Computation time (picoseconds).
    #[codec(compact)]
    pub ref_time: u64,
    /// Proof size (bytes).
    #[codec(compact)]
    pub proof_size: u64,
}

/// `ContractsApi_call`'s arguments.
#[ink::scale_derive(Encode)]
pub struct CallRequest {
    pub origin: [u8; 32],
    pub dest: [u8; 32],
    pub value: u128,
    pub gas_limit: Option<Weight>,
    pub storage_deposit_limit: Option<u128>,
    pub input_data: Vec<u8>,
}

/// Code to instantiate: new (uploaded with the instantiation) or already on chain.
#[ink::scale_derive(Encode)]
pub enum Code {
    /// The code itself.
    Upload(Vec<u8>),
    /// The hash of code on chain.
    Existing([u8; 32]),
}

/// `ContractsApi_instantiate`'s arguments.
#[ink::scale_derive(Encode)]
pub struct InstantiateRequest {
    pub origin: [u8; 32],
    pub value: u128,
    pub gas_limit: Option<Weight>,
    pub storage_deposit_limit: Option<u128>,
    pub code: Code,
    pub data: Vec<u8>,
    pub salt: Vec<u8>,
}

/// `ContractsApi_upload_code`'s arguments.
#[ink::scale_derive(Encode)]
pub struct UploadRequest {
    pub origin: [u8; 32],
    pub code: Vec<u8>,
    pub storage_deposit_limit: Option<u128>,
    /// 0: `Determinism::Enforced`.
    pub determinism: u8,
}

/// The balance a call moved into (`Charge`) or out of (`Refund`) storage deposits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub enum StorageDeposit {
    /// Storage shrank: returned to the origin.
    Refund(u128),
    /// Storage grew: taken from the origin.
    Charge(u128),
}

impl StorageDeposit {
    /// Charged (positive) or refunded (negative) balance.
    pub fn signed(self) -> i128 {
        match self {
            StorageDeposit::Charge(v) => i128::try_from(v).unwrap_or(i128::MAX),
            StorageDeposit::Refund(v) => i128::try_from(v).map_or(i128::MIN, |v| -v),
        }
    }
}

/// What a contract returned: its flags (bit 0: reverted) and output.
#[derive(Clone, Debug, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub struct ExecReturnValue {
    pub flags: u32,
    pub data: Vec<u8>,
}

impl ExecReturnValue {
    /// Whether the contract reverted (its changes are dropped; its output is the refusal).
    pub fn did_revert(&self) -> bool {
        self.flags & 1 == 1
    }
}

/// What a constructor returned, and where the contract is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub struct InstantiateReturnValue {
    pub result: ExecReturnValue,
    pub account_id: [u8; 32],
}

/// Code stored by a dry-run upload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub struct CodeUploadReturnValue {
    pub code_hash: [u8; 32],
    pub deposit: u128,
}

/// A dry run's outcome. The runtime appends the events it collected, which the runtime API
/// never collects (always `None`), so decoding stops after `result`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub struct ContractResult<R> {
    pub gas_consumed: Weight,
    pub gas_required: Weight,
    pub storage_deposit: StorageDeposit,
    pub debug_message: Vec<u8>,
    pub result: R,
}

/// `ContractsApi_call`'s result.
pub type ContractExecResult = ContractResult<Result<ExecReturnValue, DispatchError>>;
/// `ContractsApi_instantiate`'s result.
pub type ContractInstantiateResult = ContractResult<Result<InstantiateReturnValue, DispatchError>>;
/// `ContractsApi_upload_code`'s result.
pub type CodeUploadResult = Result<CodeUploadReturnValue, DispatchError>;

/// Why the runtime refused (sp-runtime's `DispatchError`, variant for variant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub enum DispatchError {
    Other,
    CannotLookup,
    BadOrigin,
    /// A pallet's error: the pallet's index and the error's index (first byte) in its enum.
    Module {
        index: u8,
        error: [u8; 4],
    },
    ConsumerRemaining,
    NoProviders,
    TooManyConsumers,
    Token(u8),
    Arithmetic(u8),
    Transactional(u8),
    Exhausted,
    Corruption,
    Unavailable,
    RootNotAllowed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ink::scale::Decode;

    #[test]
    fn a_dry_run_result_decodes_as_the_runtime_encodes_it() {
        // gas 5/6, 7/8 (compact), Charge(9), no debug message, Ok(flags 1, data [42]), and the
        // trailing `events: None` left unread.
        let mut encoded = vec![20, 24, 28, 32, 1];
        encoded.extend(9u128.to_le_bytes());
        encoded.extend([0, 0]);
        encoded.extend(1u32.to_le_bytes());
        encoded.extend([4, 42, 0]);
        let mut bytes = &encoded[..];
        let decoded = ContractExecResult::decode(&mut bytes).expect("decodes");
        assert_eq!(decoded.gas_consumed.ref_time, 5);
        assert_eq!(decoded.gas_required.proof_size, 8);
        assert_eq!(decoded.storage_deposit.signed(), 9);
        let returned = decoded.result.expect("Ok");
        assert!(returned.did_revert());
        assert_eq!(returned.data, [42]);
        assert_eq!(bytes, [0], "only the events are left");
    }

    #[test]
    fn a_module_error_decodes_with_its_pallet_and_error_index() {
        let bytes = [1u8, 3, 8, 12, 0, 0, 0];
        let decoded = CodeUploadResult::decode(&mut &bytes[..]).expect("decodes");
        assert_eq!(
            decoded,
            Err(DispatchError::Module {
                index: 8,
                error: [12, 0, 0, 0]
            })
        );
    }
}
