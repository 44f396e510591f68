//! A contracts node as a [`Backend`], over subxt: every call, upload and instantiation is
//! dry-run through the runtime API first (`ContractsApi_*`), which returns the contract's output
//! and the weight it needs; it is submitted only if the dry run neither reverted nor failed, with
//! the weight the dry run required, and the block's events are read back. A node reports a
//! reverted extrinsic only as `ContractReverted`, so the dry run is where a refusal's typed
//! error comes from.
//!
//! The backend is synchronous: it owns a tokio runtime and blocks on it (callers inside a
//! multi-thread tokio runtime are served through `block_in_place`).

use crate::backend::{Backend, Emitted, Gas, Reply, Returned};
use crate::contracts_api::{
    CallRequest, Code, CodeUploadResult, ContractExecResult, ContractInstantiateResult,
    ContractResult, DispatchError, InstantiateRequest, UploadRequest,
};
use anyhow::{anyhow, bail, Context, Result};
use ink::primitives::{AccountId, Hash};
use ink::scale::{Decode, Encode};
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::RpcClient;
use subxt::blocks::ExtrinsicEvents;
use subxt::dynamic::Value;
use subxt::tx::TxStatus;
use subxt::{OnlineClient, SubstrateConfig};
use subxt_signer::sr25519::Keypair;

/// The node's configuration.
pub type Config = SubstrateConfig;

/// A connection to a contracts node.
pub struct NodeChain {
    runtime: tokio::runtime::Runtime,
    client: OnlineClient<Config>,
    rpc: LegacyRpcMethods<Config>,
}

fn weight_value(ref_time: u64, proof_size: u64) -> Value {
    Value::named_composite([
        ("ref_time", Value::u128(u128::from(ref_time))),
        ("proof_size", Value::u128(u128::from(proof_size))),
    ])
}

fn gas_of<R>(result: &ContractResult<R>) -> Gas {
    Gas {
        ref_time: result.gas_consumed.ref_time,
        proof_size: result.gas_consumed.proof_size,
        required_ref_time: result.gas_required.ref_time,
        required_proof_size: result.gas_required.proof_size,
    }
}

impl NodeChain {
    /// Connects to the node at `url` (`ws://127.0.0.1:9944`).
    pub fn connect(url: &str) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .context("starting the client's runtime")?;
        let (client, rpc) = runtime.block_on(async {
            let rpc_client = RpcClient::from_url(url)
                .await
                .with_context(|| format!("connecting to {url}"))?;
            let client = OnlineClient::<Config>::from_rpc_client(rpc_client.clone()).await?;
            anyhow::Ok((client, LegacyRpcMethods::new(rpc_client)))
        })?;
        Ok(Self {
            runtime,
            client,
            rpc,
        })
    }

    /// Runs `future` to completion on the client's runtime.
    fn block<F: std::future::Future>(&self, future: F) -> F::Output {
        match tokio::runtime::Handle::try_current() {
            Ok(_) => tokio::task::block_in_place(|| self.runtime.block_on(future)),
            Err(_) => self.runtime.block_on(future),
        }
    }

    /// The number of the node's best block.
    pub fn best_block(&self) -> Result<u64> {
        self.block(async {
            let block = self.client.blocks().at(self.best_hash().await?).await?;
            Ok(u64::from(block.number()))
        })
    }

    /// The hash of the node's best block. Reads go there, not to subxt's `at_latest` (the
    /// finalized block): a dev node finalizes late, so what the last extrinsic stored would
    /// not be seen yet.
    async fn best_hash(&self) -> Result<<Config as subxt::Config>::Hash> {
        self.rpc
            .chain_get_block_hash(None)
            .await
            .context("reading the best block's hash")?
            .ok_or_else(|| anyhow!("the node has no best block"))
    }

    /// Whether an account holds a contract (pallet-contracts has its info).
    pub fn is_contract(&self, address: &AccountId) -> Result<bool> {
        let key = subxt::dynamic::storage(
            "Contracts",
            "ContractInfoOf",
            vec![Value::from_bytes(<AccountId as AsRef<[u8]>>::as_ref(
                address,
            ))],
        );
        self.block(async {
            let storage = self.client.storage().at(self.best_hash().await?);
            Ok(storage.fetch(&key).await?.is_some())
        })
    }

    /// A runtime error in words: a pallet's error by its name in the node's metadata
    /// (`Contracts::CodeRejected`), anything else as sp-runtime names it.
    fn name(&self, error: DispatchError) -> String {
        let DispatchError::Module {
            index,
            error: bytes,
        } = error
        else {
            return format!("{error:?}");
        };
        let metadata = self.client.metadata();
        let pallet = metadata.pallet_by_index(index);
        match pallet.and_then(|p| Some((p.name(), p.error_variant_by_index(bytes[0])?))) {
            Some((pallet, variant)) => format!("{pallet}::{}", variant.name),
            None => format!("{error:?}"),
        }
    }

    async fn state_call<R: Decode>(&self, function: &str, args: impl Encode) -> Result<R> {
        let bytes = self
            .rpc
            .state_call(function, Some(&args.encode()), None)
            .await
            .with_context(|| format!("{function} on the node"))?;
        R::decode(&mut &bytes[..]).with_context(|| format!("decoding {function}'s answer"))
    }

    /// Signs and submits `call`, waits until it is in a block and returns its events (an error
    /// if it failed).
    async fn submit(
        &self,
        signer: &Keypair,
        call: subxt::tx::DynamicPayload,
    ) -> Result<ExtrinsicEvents<Config>> {
        // The nonce from the node's pool (`system_accountNextIndex`): the default reads the
        // finalized state, which lags a dev node's previous extrinsic ("Transaction is outdated").
        let account = subxt::utils::AccountId32::from(me(signer));
        let nonce = self
            .rpc
            .system_account_next_index(&account)
            .await
            .context("reading the signer's nonce")?;
        let params = subxt::config::DefaultExtrinsicParamsBuilder::<Config>::new()
            .nonce(nonce)
            .build();
        let mut progress = self
            .client
            .tx()
            .sign_and_submit_then_watch(&call, signer, params)
            .await
            .context("submitting the extrinsic")?;
        while let Some(status) = progress.next().await {
            match status? {
                TxStatus::InBestBlock(block) | TxStatus::InFinalizedBlock(block) => {
                    return block
                        .wait_for_success()
                        .await
                        .map_err(|e| anyhow!("the extrinsic failed: {e}"));
                }
                TxStatus::Error { message }
                | TxStatus::Invalid { message }
                | TxStatus::Dropped { message } => {
                    bail!("the extrinsic was not included: {message}")
                }
                _ => {}
            }
        }
        bail!("the node stopped reporting the extrinsic's progress")
    }
}

/// The contract events of an extrinsic.
fn emitted_in(events: &ExtrinsicEvents<Config>) -> Result<Vec<Emitted>> {
    let mut out = Vec::new();
    for event in events.iter() {
        let event = event?;
        if event.pallet_name() != "Contracts" || event.variant_name() != "ContractEmitted" {
            continue;
        }
        let (contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes())?;
        out.push(Emitted {
            contract: AccountId::from(contract),
            topics: event.topics().iter().map(|t| t.0).collect(),
            data,
        });
    }
    Ok(out)
}

fn me(signer: &Keypair) -> [u8; 32] {
    signer.public_key().0
}

impl Backend for NodeChain {
    type Signer = Keypair;
    type Error = anyhow::Error;

    fn account_of(&self, signer: &Keypair) -> AccountId {
        AccountId::from(me(signer))
    }

    fn upload(&mut self, signer: &Keypair, code: Vec<u8>) -> Result<Hash> {
        self.block(async {
            let request = UploadRequest {
                origin: me(signer),
                code: code.clone(),
                storage_deposit_limit: None,
                determinism: 0,
            };
            let dry_run: CodeUploadResult =
                self.state_call("ContractsApi_upload_code", request).await?;
            let hash = match dry_run {
                Ok(uploaded) => uploaded.code_hash,
                Err(error) => bail!("the node would not store the code: {}", self.name(error)),
            };
            let stored = self
                .client
                .storage()
                .at(self.best_hash().await?)
                .fetch(&subxt::dynamic::storage(
                    "Contracts",
                    "PristineCode",
                    vec![Value::from_bytes(hash)],
                ))
                .await?
                .is_some();
            if !stored {
                let call = subxt::dynamic::tx(
                    "Contracts",
                    "upload_code",
                    vec![
                        Value::from_bytes(code),
                        Value::unnamed_variant("None", []),
                        Value::unnamed_variant("Enforced", []),
                    ],
                );
                self.submit(signer, call).await?;
            }
            Ok(Hash::from(hash))
        })
    }

    fn instantiate(
        &mut self,
        signer: &Keypair,
        code_hash: Hash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> Result<(AccountId, Reply)> {
        self.block(async {
            let hash: [u8; 32] = code_hash.into();
            let request = InstantiateRequest {
                origin: me(signer),
                value: 0,
                gas_limit: None,
                storage_deposit_limit: None,
                code: Code::Existing(hash),
                data: input.clone(),
                salt: salt.clone(),
            };
            let dry_run: ContractInstantiateResult =
                self.state_call("ContractsApi_instantiate", request).await?;
            let mut reply = Reply {
                result: Err(String::new()),
                gas: gas_of(&dry_run),
                deposit: dry_run.storage_deposit.signed(),
                events: Vec::new(),
            };
            let address = match &dry_run.result {
                Err(error) => {
                    reply.result = Err(self.name(*error));
                    return Ok((AccountId::from([0; 32]), reply));
                }
                Ok(done) => {
                    reply.result = Ok(Returned {
                        data: done.result.data.clone(),
                        reverted: done.result.did_revert(),
                    });
                    if done.result.did_revert() {
                        return Ok((AccountId::from(done.account_id), reply));
                    }
                    done.account_id
                }
            };
            let call = subxt::dynamic::tx(
                "Contracts",
                "instantiate",
                vec![
                    Value::u128(0),
                    weight_value(reply.gas.required_ref_time, reply.gas.required_proof_size),
                    Value::unnamed_variant("None", []),
                    Value::from_bytes(hash),
                    Value::from_bytes(input),
                    Value::from_bytes(salt),
                ],
            );
            let events = self.submit(signer, call).await?;
            reply.events = emitted_in(&events)?;
            Ok((AccountId::from(address), reply))
        })
    }

    fn call(
        &mut self,
        signer: &Keypair,
        contract: AccountId,
        value: u128,
        input: Vec<u8>,
        commit: bool,
    ) -> Result<Reply> {
        self.block(async {
            let request = CallRequest {
                origin: me(signer),
                dest: *contract.as_ref(),
                value,
                gas_limit: None,
                storage_deposit_limit: None,
                input_data: input.clone(),
            };
            let dry_run: ContractExecResult = self.state_call("ContractsApi_call", request).await?;
            let mut reply = Reply {
                result: dry_run
                    .result
                    .as_ref()
                    .map(|done| Returned {
                        data: done.data.clone(),
                        reverted: done.did_revert(),
                    })
                    .map_err(|error| self.name(*error)),
                gas: gas_of(&dry_run),
                deposit: dry_run.storage_deposit.signed(),
                events: Vec::new(),
            };
            let ran = matches!(&reply.result, Ok(returned) if !returned.reverted);
            if commit && ran {
                let contract_bytes: [u8; 32] = *contract.as_ref();
                let call = subxt::dynamic::tx(
                    "Contracts",
                    "call",
                    vec![
                        Value::unnamed_variant("Id", [Value::from_bytes(contract_bytes)]),
                        Value::u128(value),
                        weight_value(reply.gas.required_ref_time, reply.gas.required_proof_size),
                        Value::unnamed_variant("None", []),
                        Value::from_bytes(input),
                    ],
                );
                let events = self.submit(signer, call).await?;
                reply.events = emitted_in(&events)?;
            }
            Ok(reply)
        })
    }
}
