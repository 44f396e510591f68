//! The operator tool's connection to a node: the signing account and the typed client
//! (`helpdesk_client`) on a contracts node. Every call is dry-run first: a refusal comes back as
//! the contract's typed error, decoded, and nothing is submitted.

use anyhow::{anyhow, Context, Result};
use helpdesk_bundles::{message_label, Code};
use helpdesk_client::node::NodeChain;
use helpdesk_client::{events, Client, Constructor, Message, Prepared};
use ink::primitives::{AccountId, Hash};
use std::fmt::Debug;
use std::str::FromStr;
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

/// An account on the chain (SS58 in and out).
pub type Account = subxt::utils::AccountId32;

/// The node, the account that signs, and a connection made on first use (dropped by
/// [`Chain::disconnect`] after a failure, so the next call reconnects).
pub struct Chain {
    pub url: url::Url,
    pub signer: Keypair,
    client: Option<Client<NodeChain>>,
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

/// The contracts' form of an account.
pub fn ink(account: &Account) -> AccountId {
    AccountId::from(account.0)
}

/// The chain's form of a contract's account.
pub fn ss58(account: &AccountId) -> Account {
    Account::from(*<AccountId as AsRef<[u8; 32]>>::as_ref(account))
}

impl Chain {
    /// The node at `url`, signing with the secret URI `suri` (not connected yet).
    pub fn new(url: &str, suri: &str) -> Result<Self> {
        Ok(Self {
            url: url::Url::parse(url).with_context(|| format!("bad node URL {url}"))?,
            signer: keypair(suri)?,
            client: None,
        })
    }

    /// The signing account.
    pub fn me(&self) -> Account {
        self.signer.public_key().to_account_id()
    }

    /// The typed client, connecting first if needed.
    fn client(&mut self) -> Result<&mut Client<NodeChain>> {
        if self.client.is_none() {
            self.client = Some(Client::new(NodeChain::connect(self.url.as_str())?));
        }
        self.client.as_mut().context("the connection was just made")
    }

    /// Drops the connection (the next call reconnects).
    pub fn disconnect(&mut self) {
        self.client = None;
    }

    /// Stores `code` (its cold blob first) and returns the hash of its blob.
    pub fn upload(&mut self, code: &Code) -> Result<Hash> {
        let signer = self.signer.clone();
        let client = self.client()?;
        if let Some(cold) = &code.cold {
            let hash = client
                .upload(&signer, cold.clone())
                .context("uploading the cold blob")?;
            println!("      cold blob {hash:?} on chain");
        }
        client.upload(&signer, code.wasm.clone())
    }

    /// Instantiates `code_hash` with `constructor` and `salt`.
    pub fn instantiate(
        &mut self,
        code_hash: Hash,
        constructor: impl Constructor,
        salt: &[u8],
    ) -> Result<Account> {
        let signer = self.signer.clone();
        let address = self
            .client()?
            .instantiate(&signer, code_hash, constructor, salt.to_vec())
            .map_err(|e| anyhow!("instantiation: {e}"))?;
        Ok(ss58(&address))
    }

    /// Reads a query's value (dry run: nothing is submitted).
    pub fn query<M: Message>(&mut self, message: M) -> Result<M::Output> {
        let message = Prepared::of(message);
        let label = label_of(&message);
        let signer = self.signer.clone();
        self.client()?
            .dry_run(&signer, message)
            .map_err(|e| anyhow!("{label}: {e}"))
    }

    /// Dry-runs a message returning `Result<T, E>`, then submits it with the weight the dry run
    /// needed. A refusal is returned as the decoded `E` (as an error), and nothing is submitted.
    pub fn submit<M, T, E>(&mut self, message: M) -> Result<Submitted<T>>
    where
        M: Message<Output = Result<T, E>>,
        Result<T, E>: ink::scale::Decode,
        E: Debug,
    {
        let message = Prepared::of(message);
        let label = label_of(&message);
        let signer = self.signer.clone();
        let client = self.client()?;
        let value = client
            .call(&signer, message)
            .map_err(|e| anyhow!("{label}: {e}"))?
            .map_err(|refusal| anyhow!("{label} refused: {refusal:?}"))?;
        let reply = client.last().context("the call left no reply")?;
        Ok(Submitted {
            value,
            gas: (reply.gas.required_ref_time, reply.gas.required_proof_size),
            deposit: reply.deposit,
            events: reply
                .events
                .iter()
                .map(|event| with_ss58(&events::describe(event)))
                .collect(),
        })
    }

    /// Whether a contract lives at `address`.
    pub fn is_contract(&mut self, address: &Account) -> Result<bool> {
        self.client()?.backend.is_contract(&ink(address))
    }

    /// The number of the chain's best block.
    pub fn best_block(&mut self) -> Result<u64> {
        self.client()?.backend.best_block()
    }
}

/// A message's label from the contracts' metadata, for error messages.
fn label_of<R>(message: &Prepared<R>) -> &'static str {
    message_label(message.selector()).unwrap_or("the message")
}

/// `text` with every `AccountId([b0, b1, ..])` (ink!'s `Debug`) written as its SS58 address.
fn with_ss58(text: &str) -> String {
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
            Some((Account::from(raw).to_string(), end))
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
