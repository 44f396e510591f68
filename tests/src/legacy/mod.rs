//! The previous harness, calling messages by name with transcoder text (drink's session), kept
//! for the two test files not yet moved to the typed client (`fuzz.rs`, `loyalty_token.rs`).
//! Everything else uses `crate::suite` and `helpdesk_client`; this module goes when they move.

use drink::minimal::{MinimalSandbox, MinimalSandboxRuntime, RuntimeEvent};
use drink::pallet_contracts;
use drink::sandbox_api::prelude::{BalanceAPI, SystemAPI, TimestampAPI};
use drink::session::{ContractBundle, Session, NO_ENDOWMENT, NO_SALT};
pub use drink::AccountId32;
use ink::scale::Decode;

pub mod suite;

pub use crate::Contract;

/// What the string-call harness needs of a contract of the suite.
pub trait ContractExt {
    /// The cold blob, which must be on chain before the contract is deployed.
    fn cold_code(self) -> Option<Vec<u8>>;
    /// Loads the bundle.
    fn bundle(self) -> drink::DrinkResult<ContractBundle>;
}

impl ContractExt for Contract {
    fn cold_code(self) -> Option<Vec<u8>> {
        self.code().cold
    }

    fn bundle(self) -> drink::DrinkResult<ContractBundle> {
        ContractBundle::load(self.bundle_path())
    }
}

/// The cold blob a `.contract` bundle carries as `user.cold_code` (hex), if it is a split
/// contract's (see `helpdesk_common::split`); `None` for a one-blob bundle.
pub fn cold_code_in(bundle: impl AsRef<std::path::Path>) -> std::io::Result<Option<Vec<u8>>> {
    let text = std::fs::read_to_string(bundle)?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let Some(hex) = json["user"]["cold_code"].as_str() else {
        return Ok(None);
    };
    let digits = hex.trim_start_matches("0x");
    let bytes = (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i.saturating_add(2)], 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(Some(bytes))
}

/// The sandbox session every test runs in.
pub type Sandbox = Session<MinimalSandbox>;

/// Native balance given to every account a test acts as, to pay for gas and storage.
const FUNDS: u128 = 1_000_000_000_000_000;

/// A deterministic account for a role in a test (`account(2)` is "Bob" and so on).
pub fn account(seed: u8) -> AccountId32 {
    AccountId32::new([seed; 32])
}

/// The SS58 form of an account, as the transcoder reads `AccountId` arguments.
pub fn arg(account: &AccountId32) -> String {
    account.to_string()
}

/// The ink! `AccountId` of a sandbox account, to compare with decoded events.
pub fn ink_account(account: &AccountId32) -> ink::primitives::AccountId {
    let bytes: [u8; 32] = *account.as_ref();
    ink::primitives::AccountId::from(bytes)
}

/// Extensions of the drink session that keep tests short.
pub trait SandboxExt {
    /// Uploads `contract`'s cold blob, if it has one (uploading twice is harmless).
    fn upload_cold(&mut self, contract: Contract);
    /// Deploys `bundle` with `constructor(args)` as the current actor, its cold blob first.
    fn deploy_contract(
        &mut self,
        bundle: Contract,
        constructor: &str,
        args: &[String],
    ) -> AccountId32;
    /// Makes `who` the caller of the next messages, funding it with native tokens.
    fn act_as(&mut self, who: &AccountId32);
    /// Sets the block timestamp (ms). New blocks reset it, so set it after building one.
    fn set_time(&mut self, now_ms: u64);
    /// Builds a new block and sets its timestamp to `now_ms`.
    fn advance_to(&mut self, now_ms: u64);
    /// Events of type `E` that the last call or deployment emitted, in order.
    fn events<E: ink::env::Event + Decode>(&self) -> Vec<E>;
    /// Every contract event the last call or deployment emitted: its signature topic (`None`
    /// for an anonymous event) and its data.
    fn emitted(&self) -> Vec<(Option<[u8; 32]>, Vec<u8>)>;
    /// The topics of every contract event the last call or deployment emitted, in order.
    fn emitted_topics(&self) -> Vec<Vec<[u8; 32]>>;
    /// ref_time consumed by the last call.
    fn last_gas(&self) -> u64;
}

impl SandboxExt for Sandbox {
    fn deploy_contract(
        &mut self,
        bundle: Contract,
        constructor: &str,
        args: &[String],
    ) -> AccountId32 {
        self.upload_cold(bundle);
        let bundle = bundle.bundle().expect("contract bundle was built");
        self.deploy_bundle(bundle, constructor, args, NO_SALT, NO_ENDOWMENT)
            .expect("deployment succeeds")
    }

    fn upload_cold(&mut self, contract: Contract) {
        if let Some(code) = contract.cold_code() {
            self.upload(code).expect("uploading a cold blob succeeds");
        }
    }

    fn act_as(&mut self, who: &AccountId32) {
        self.sandbox()
            .mint_into(who, FUNDS)
            .expect("funding an account works");
        self.set_actor(who.clone());
    }

    fn set_time(&mut self, now_ms: u64) {
        self.sandbox().set_timestamp(now_ms);
    }

    fn advance_to(&mut self, now_ms: u64) {
        self.sandbox().build_block();
        self.set_time(now_ms);
    }

    fn events<E: ink::env::Event + Decode>(&self) -> Vec<E> {
        let topic = E::SIGNATURE_TOPIC.expect("non-anonymous event");
        self.emitted()
            .into_iter()
            .filter(|(signature, _)| *signature == Some(topic))
            .map(|(_, data)| E::decode(&mut &data[..]).expect("event decodes as its type"))
            .collect()
    }

    fn emitted(&self) -> Vec<(Option<[u8; 32]>, Vec<u8>)> {
        self.record()
            .last_event_batch()
            .all_events()
            .iter()
            .filter_map(|record| match &record.event {
                RuntimeEvent::Contracts(
                    pallet_contracts::Event::<MinimalSandboxRuntime>::ContractEmitted {
                        data, ..
                    },
                ) => Some((record.topics.first().map(|t| t.0), data.clone())),
                _ => None,
            })
            .collect()
    }

    fn emitted_topics(&self) -> Vec<Vec<[u8; 32]>> {
        self.record()
            .last_event_batch()
            .all_events()
            .iter()
            .filter(|record| {
                matches!(
                    record.event,
                    RuntimeEvent::Contracts(
                        pallet_contracts::Event::<MinimalSandboxRuntime>::ContractEmitted { .. }
                    )
                )
            })
            .map(|record| record.topics.iter().map(|t| t.0).collect())
            .collect()
    }

    fn last_gas(&self) -> u64 {
        self.record().last_call_result().gas_consumed.ref_time()
    }
}
