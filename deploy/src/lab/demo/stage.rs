//! The demo's stage: the suite plus the narration (step numbers, the clock, readable names for
//! accounts and hashes) and the calls that print themselves, their result, gas and events.

use anyhow::anyhow;
use contract_transcode::ContractMessageTranscoder;
use helpdesk_sandbox::suite::{who, Suite, MINUTE_MS, START_MS};
use helpdesk_sandbox::{
    desk_at, token_at, AccountId, Contract, DeskCalls, Message, Prepared, TokenCalls,
};
use std::fmt::Debug;

/// The suite plus the narration: step numbers, the clock, readable names for accounts and hashes.
pub struct Stage {
    pub suite: Suite,
    step: u32,
    names: Vec<(String, &'static str)>,
}

impl Stage {
    pub fn new() -> Self {
        let suite = Suite::new();
        let mut names = vec![
            (debug_of(&suite.token), "Token"),
            (debug_of(&suite.desk), "HelpDesk"),
        ];
        for (account, name) in [
            (who::owner(), "Owner"),
            (who::carol(), "Carol"),
            (who::dave(), "Dave"),
            (who::erin(), "Erin"),
            (who::keeper(), "Keeper"),
            (who::agent(), "Alice(agent L1)"),
            (who::senior(), "Sam(agent L2)"),
            (who::supervisor(), "Vera(supervisor L3)"),
        ] {
            names.push((debug_of(&account), name));
            names.push((ss58(&account), name));
        }
        names.push((ss58(&suite.desk), "HelpDesk"));
        names.push((ss58(&suite.token), "Token"));
        for n in 1..=6u8 {
            let name = HASH_NAMES[usize::from(n)];
            names.push((format!("{:?}", ink::primitives::Hash::from([n; 32])), name));
            names.push((format!("0x{}", format!("{n:02x}").repeat(32)), name));
        }
        Self {
            suite,
            step: 0,
            names,
        }
    }

    /// Gives `account` a short name in what the demo prints.
    pub fn name(&mut self, account: &AccountId, name: &'static str) {
        self.names.push((debug_of(account), name));
        self.names.push((ss58(account), name));
    }

    pub fn readable(&self, text: String) -> String {
        self.names.iter().fold(text, |text, (long, short)| {
            text.replace(long.as_str(), short)
        })
    }

    pub fn say(&mut self, text: &str) {
        self.step += 1;
        let minutes = (self.suite.now_ms - START_MS) / MINUTE_MS;
        println!(
            "\n{:>2}. [t+{}h{:02}] {text}",
            self.step,
            minutes / 60,
            minutes % 60
        );
    }

    pub fn wait(&mut self, ms: u64) {
        self.suite.advance(ms);
    }

    /// The help desk's messages.
    pub fn desk(&self) -> DeskCalls {
        desk_at(self.suite.desk)
    }

    /// The token's messages.
    pub fn token(&self) -> TokenCalls {
        token_at(self.suite.token)
    }

    /// `message` as `who` sends it, readable: `Carol: open_ticket { priority: Normal, .. }`,
    /// decoded from its encoded input with the contract's metadata.
    pub fn shown<R>(&self, who: &AccountId, message: &Prepared<R>) -> String {
        let bundle = if message.contract == self.suite.token {
            Contract::LoyaltyToken
        } else if message.contract == self.suite.desk {
            Contract::HelpDesk
        } else {
            Contract::Governor
        };
        let call = ContractMessageTranscoder::load(bundle.bundle_path())
            .and_then(|transcoder| transcoder.decode_contract_message(&mut &message.input[..]))
            .map_or_else(|e| format!("(undecodable: {e})"), |value| value.to_string());
        format!("{}: {}", debug_of(who), call)
    }

    /// A call expected to succeed: prints the call, its result, gas and events.
    pub fn ok<M, T, E>(&mut self, who: &AccountId, message: M) -> anyhow::Result<T>
    where
        M: Message<Output = Result<T, E>>,
        Result<T, E>: ink::scale::Decode,
        T: Debug,
        E: Debug,
    {
        let message = Prepared::of(message);
        let shown = self.readable(self.shown(who, &message));
        self.suite.as_(who);
        match self.suite.call(message) {
            Ok(value) => {
                let gas = self
                    .suite
                    .chain
                    .last()
                    .map(|reply| reply.gas)
                    .unwrap_or_default();
                let value_text = self.readable(format!("{value:?}"));
                println!(
                    "    {shown} -> Ok({value_text})   [{} ref_time, {} proof_size]",
                    gas.ref_time, gas.proof_size
                );
                for event in self.suite.event_log() {
                    println!("        event {}", self.readable(event));
                }
                Ok(value)
            }
            Err(error) => Err(anyhow!("{shown} was refused unexpectedly: {error:?}")),
        }
    }

    /// A call expected to be refused: prints the typed error it reverted with.
    pub fn refused<M, T, E>(&mut self, who: &AccountId, message: M) -> anyhow::Result<String>
    where
        M: Message<Output = Result<T, E>>,
        Result<T, E>: ink::scale::Decode,
        E: Debug,
    {
        let message = Prepared::of(message);
        let shown = self.readable(self.shown(who, &message));
        self.suite.as_(who);
        let error = self
            .suite
            .call(message)
            .err()
            .map(|e| format!("{e:?}"))
            .ok_or_else(|| anyhow!("{shown} was expected to be refused"))?;
        println!("    {shown} -> refused: {error} (nothing changed)");
        Ok(error)
    }

    pub fn balances(&mut self) {
        let line: Vec<String> = [
            (who::carol(), "Carol"),
            (who::erin(), "Erin"),
            (who::keeper(), "Keeper"),
        ]
        .iter()
        .map(|(account, name)| {
            let held = self.suite.balance(account);
            let credited = self.suite.desk(|d| d.owed(*account));
            match credited {
                0 => format!("{name} {held}"),
                _ => format!("{name} {held} (+{credited} credited)"),
            }
        })
        .collect();
        println!("    HELP balances: {}", line.join(", "));
    }
}

/// Names for the demo's content hashes (only hashes go on chain; the texts stay off-chain).
const HASH_NAMES: [&str; 7] = [
    "",
    "hash(\"my invoice is wrong\")",
    "hash(\"we are on it\")",
    "hash(\"fixed: credit note issued\")",
    "hash(\"how do I export data?\")",
    "hash(\"Settings > Export\")",
    "hash(\"see the export guide\")",
];

/// The Debug form of an account as contract types print it.
fn debug_of(account: &AccountId) -> String {
    format!("{account:?}")
}

/// The SS58 form of an account (how the metadata decoder prints one).
fn ss58(account: &AccountId) -> String {
    use drink::Ss58Codec;
    drink::AccountId32::from(*<AccountId as AsRef<[u8; 32]>>::as_ref(account)).to_ss58check()
}
