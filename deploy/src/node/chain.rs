//! Talking to a real node with cargo-contract's own libraries: contract-extrinsics builds, dry-runs
//! and submits the extrinsics, contract-transcode encodes the arguments from the contracts'
//! metadata, subxt carries them. Every call is dry-run first: a refusal comes back as the
//! contract's typed error, decoded, and nothing is submitted.

use anyhow::{anyhow, bail, Context, Result};
use contract_extrinsics::extrinsic_opts::ExtrinsicOpts;
use contract_extrinsics::pallet_contracts_primitives::ContractExecResult;
use contract_extrinsics::{
    CallCommandBuilder, CallExec, ErrorVariant, ExtrinsicOptsBuilder, InstantiateCommandBuilder,
    UploadCommandBuilder,
};
use helpdesk_sandbox::Contract;
use ink::env::DefaultEnvironment;
use ink::scale::Decode;
use std::fmt::Debug;
use std::path::PathBuf;
use std::str::FromStr;
use subxt::blocks::ExtrinsicEvents;
use subxt::config::SubstrateConfig;
use subxt::utils::{AccountId32, H256};
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

/// The chain's configuration (a Substrate node with pallet-contracts) and the contracts'
/// environment.
pub type Config = SubstrateConfig;
pub type Env = DefaultEnvironment;
/// An account on the chain (SS58 in and out).
pub type Account = AccountId32;

/// A connection target and the account that signs.
#[derive(Clone)]
pub struct Chain {
    pub url: url::Url,
    pub signer: Keypair,
}

/// What a submitted call did.
pub struct Submitted<T> {
    /// The value the dry run returned (the block may differ slightly; the events are final).
    pub value: T,
    /// ref_time and proof_size the dry run required, which the extrinsic was given.
    pub gas: (u64, u64),
    /// Storage deposit the dry run charged (negative: refunded).
    pub deposit: i128,
    /// Contract events of the block's extrinsic, described (`Name { fields }`).
    pub events: Vec<String>,
}

/// Wall-clock time in milliseconds (what a block sealed now carries as its timestamp).
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The keypair of a secret URI (`//Alice`, a mnemonic, `0x` seed...).
pub fn keypair(suri: &str) -> Result<Keypair> {
    let uri = SecretUri::from_str(suri).map_err(|e| anyhow!("bad secret URI: {e}"))?;
    Keypair::from_uri(&uri).map_err(|e| anyhow!("bad secret URI: {e}"))
}

/// An account given as SS58 or as a secret URI (`//Bob`, for dev chains).
pub fn account(text: &str) -> Result<Account> {
    if text.starts_with("//") {
        return Ok(keypair(text)?.public_key().to_account_id());
    }
    Account::from_str(text).map_err(|e| anyhow!("{text} is not an SS58 account: {e}"))
}

/// The contract's artifacts: `.contract` (code + metadata) to upload, `.json` (metadata only,
/// so instantiation uses the code already on chain) to call.
fn artifact(contract: Contract, with_code: bool) -> PathBuf {
    let bundle = PathBuf::from(contract.bundle_path());
    if with_code {
        bundle
    } else {
        bundle.with_extension("json")
    }
}

fn deposit_of<B: Into<u128> + Copy>(
    deposit: &contract_extrinsics::pallet_contracts_primitives::StorageDeposit<B>,
) -> i128 {
    use contract_extrinsics::pallet_contracts_primitives::StorageDeposit;
    match deposit {
        StorageDeposit::Charge(v) => i128::try_from((*v).into()).unwrap_or(i128::MAX),
        StorageDeposit::Refund(v) => i128::try_from((*v).into()).map_or(i128::MIN, |v| -v),
    }
}

impl Chain {
    pub fn new(url: &str, suri: &str) -> Result<Self> {
        Ok(Self {
            url: url::Url::parse(url).with_context(|| format!("bad node URL {url}"))?,
            signer: keypair(suri)?,
        })
    }

    /// The signing account.
    pub fn me(&self) -> Account {
        self.signer.public_key().to_account_id()
    }

    fn opts(&self, contract: Contract, with_code: bool) -> ExtrinsicOpts<Config, Env, Keypair> {
        self.opts_for(artifact(contract, with_code))
    }

    fn opts_for(&self, artifact: PathBuf) -> ExtrinsicOpts<Config, Env, Keypair> {
        ExtrinsicOptsBuilder::new(self.signer.clone())
            .file(Some(artifact))
            .url(self.url.clone())
            .done()
    }

    /// Uploads the contract's code (dry-run first). Returns its hash and whether it was new.
    pub async fn upload(&self, contract: Contract) -> Result<(H256, bool)> {
        self.upload_bundle(artifact(contract, true)).await
    }

    /// Uploads the code of a `.contract` bundle (dry-run first), and first the cold blob it
    /// carries if it is a split contract's (`helpdesk_common::split`): the hot blob runs it by
    /// code hash. Returns the (hot) code's hash and whether it was new.
    pub async fn upload_bundle(&self, bundle: PathBuf) -> Result<(H256, bool)> {
        let cold = helpdesk_sandbox::cold_code_in(&bundle)
            .with_context(|| format!("reading {}", bundle.display()))?;
        if let Some(code) = cold {
            let file =
                std::env::temp_dir().join(format!("helpdesk-cold-{}.wasm", std::process::id()));
            std::fs::write(&file, code).context("writing the cold blob to upload")?;
            let uploaded = self.upload_file(file.clone()).await;
            std::fs::remove_file(&file).ok();
            let (hash, new) = uploaded.context("uploading the cold blob")?;
            println!(
                "      cold blob {hash:?} {}",
                if new { "stored" } else { "already on chain" }
            );
        }
        self.upload_file(bundle).await
    }

    /// Uploads the code of a `.contract` bundle or a `.wasm` blob (dry-run first). Returns its
    /// hash and whether it was new.
    async fn upload_file(&self, bundle: PathBuf) -> Result<(H256, bool)> {
        let exec = UploadCommandBuilder::new(self.opts_for(bundle.clone()))
            .done()
            .await?;
        let dry_run = exec.upload_code_rpc().await?;
        let code_hash = match dry_run {
            Ok(result) => result.code_hash,
            Err(error) => bail!(
                "uploading {} would fail: {}",
                bundle.display(),
                ErrorVariant::from_dispatch_error(&error, &exec.client().metadata())?
            ),
        };
        let result = exec.upload_code().await.map_err(|e| anyhow!("{e}"))?;
        Ok((code_hash, result.code_stored.is_some()))
    }

    /// Instantiates the contract from its code on chain with `constructor(args)` and `salt`.
    pub async fn instantiate(
        &self,
        contract: Contract,
        constructor: &str,
        args: &[String],
        salt: &[u8],
    ) -> Result<Account> {
        let exec = InstantiateCommandBuilder::new(self.opts(contract, false))
            .constructor(constructor)
            .args(args.to_vec())
            .salt(Some(sp_core::Bytes(salt.to_vec())))
            .done()
            .await?;
        let dry_run = exec.instantiate_dry_run().await?;
        match &dry_run.result {
            Ok(result) if result.result.did_revert() => {
                bail!("{contract:?} constructor reverted")
            }
            Ok(_) => {}
            Err(error) => bail!(
                "instantiating {contract:?} would fail: {}",
                ErrorVariant::from_dispatch_error(error, &exec.client().metadata())?
            ),
        }
        let gas = dry_run.gas_required;
        let result = exec
            .instantiate(Some(gas))
            .await
            .map_err(|e| anyhow!("{e}"))?;
        Ok(result.contract_address)
    }

    async fn call_exec(
        &self,
        contract: Contract,
        address: &Account,
        message: &str,
        args: &[String],
    ) -> Result<CallExec<Config, Env, Keypair>> {
        CallCommandBuilder::new(address.clone(), message, self.opts(contract, false))
            .args(args.to_vec())
            .done()
            .await
    }

    /// Dry-runs `message(args)` and decodes what it returned as `T` (the message's return type,
    /// e.g. `Result<u64, DeskError>` or a plain query value).
    async fn dry_run<T: Decode>(
        &self,
        exec: &CallExec<Config, Env, Keypair>,
    ) -> Result<(T, ContractExecResult<u128>)> {
        let result = exec.call_dry_run().await?;
        let data = match &result.result {
            Ok(value) => value.data.clone(),
            Err(error) => bail!(
                "{} failed: {}",
                exec.message(),
                ErrorVariant::from_dispatch_error(error, &exec.client().metadata())?
            ),
        };
        let value = <Result<T, ink::LangError>>::decode(&mut &data[..])
            .with_context(|| format!("{}: unexpected return data", exec.message()))?
            .map_err(|e| anyhow!("{}: {e:?}", exec.message()))?;
        Ok((value, result))
    }

    /// Reads a query's value (a message that cannot fail).
    pub async fn query<T: Decode>(
        &self,
        contract: Contract,
        address: &Account,
        message: &str,
        args: &[String],
    ) -> Result<T> {
        let exec = self.call_exec(contract, address, message, args).await?;
        Ok(self.dry_run::<T>(&exec).await?.0)
    }

    /// Dry-runs a message returning `Result<T, E>`, then submits it with the gas the dry run
    /// needed. A refusal is returned as the decoded `E` (as an error), and nothing is submitted.
    pub async fn submit<T: Decode, E: Decode + Debug>(
        &self,
        contract: Contract,
        address: &Account,
        message: &str,
        args: &[String],
    ) -> Result<Submitted<T>> {
        let exec = self.call_exec(contract, address, message, args).await?;
        let (value, dry_run) = self.dry_run::<Result<T, E>>(&exec).await?;
        let value = value.map_err(|refusal| anyhow!("{message} refused: {refusal:?}"))?;
        let gas = dry_run.gas_required;
        let events = exec.call(Some(gas)).await.map_err(|e| anyhow!("{e}"))?;
        Ok(Submitted {
            value,
            gas: (gas.ref_time(), gas.proof_size()),
            deposit: deposit_of(&dry_run.storage_deposit),
            events: describe(&events)?,
        })
    }

    /// Whether a contract lives at `address` (its `owner()` query answers).
    pub async fn is_contract(&self, contract: Contract, address: &Account) -> bool {
        self.query::<Account>(contract, address, "owner", &[])
            .await
            .is_ok()
    }

    /// The number of the chain's best block.
    pub async fn best_block(&self) -> Result<u64> {
        let client = subxt::OnlineClient::<Config>::from_url(self.url.as_str()).await?;
        let block = client.blocks().at_latest().await?;
        Ok(block.number().into())
    }
}

/// The contract events of an extrinsic, each described by the suite's decoder.
fn describe(events: &ExtrinsicEvents<Config>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for event in events.iter() {
        let event = event?;
        if event.pallet_name() != "Contracts" || event.variant_name() != "ContractEmitted" {
            continue;
        }
        let (_contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes())?;
        let topic = event.topics().first().map(|t| t.0);
        out.push(with_ss58(&helpdesk_sandbox::suite::describe_event(
            topic, &data,
        )));
    }
    Ok(out)
}

/// `text` with every `AccountId([b0, b1, ..])` (ink!'s `Debug`) written as its SS58 address.
fn with_ss58(text: &str) -> String {
    use sp_core::crypto::Ss58Codec;
    const OPEN: &str = "AccountId([";
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let parsed = after.find("])").and_then(|end| {
            let bytes: Vec<u8> = after[..end]
                .split(", ")
                .map(|b| b.parse().ok())
                .collect::<Option<_>>()?;
            let raw: [u8; 32] = bytes.try_into().ok()?;
            Some((sp_core::crypto::AccountId32::from(raw).to_ss58check(), end))
        });
        match parsed {
            Some((address, end)) => {
                out.push_str(&address);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn account_ids_in_event_descriptions_read_as_ss58() {
        let alice = [
            212, 53, 147, 199, 21, 253, 211, 28, 97, 20, 26, 189, 4, 169, 159, 214, 130, 44, 133,
            88, 133, 76, 205, 227, 154, 86, 132, 231, 165, 109, 162, 125,
        ];
        let text = format!("RewardPaid {{ to: AccountId({alice:?}), amount: 2 }}");
        assert_eq!(
            super::with_ss58(&text),
            "RewardPaid { to: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY, amount: 2 }"
        );
        assert_eq!(super::with_ss58("AccountId([1, 2])"), "AccountId([1, 2])");
    }
}
