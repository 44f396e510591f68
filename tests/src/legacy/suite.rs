//! The previous `Suite`, calling messages by name with transcoder text; see `legacy`.

use super::{account, arg, Contract, ContractExt, Sandbox, SandboxExt};
use drink::session::{error::SessionError, ContractBundle, NO_ENDOWMENT, NO_SALT};
use drink::AccountId32;
use help_desk::settings::Settings;
use help_desk::sla::SlaPolicy;
use help_desk::DeskError;
use ink::scale::Decode;
use loyalty_token::TokenError;
use std::fmt::Debug;

/// One minute, hour and day in milliseconds (the contracts' time unit).
pub use helpdesk_common::time::{DAY_MS, HOUR_MS, MINUTE_MS};
/// A fixed start time (2026-01-01 00:00 UTC), so every run sees the same epochs and buckets.
pub const START_MS: u64 = 1_767_225_600_000;
/// What the help desk may mint per day under the token's minter cap in a fresh suite.
pub const DESK_DAILY_MINT: u128 = 1_000_000;

/// The named accounts of a suite.
pub mod who {
    use super::*;

    /// Deploys both contracts and owns them.
    pub fn owner() -> AccountId32 {
        account(1)
    }
    /// A customer.
    pub fn carol() -> AccountId32 {
        account(3)
    }
    /// Another customer.
    pub fn dave() -> AccountId32 {
        account(4)
    }
    /// A community member (neither customer nor agent).
    pub fn erin() -> AccountId32 {
        account(5)
    }
    /// Runs a keeper bot.
    pub fn keeper() -> AccountId32 {
        account(6)
    }
    /// A level-1 agent.
    pub fn agent() -> AccountId32 {
        account(10)
    }
    /// A level-2 agent.
    pub fn senior() -> AccountId32 {
        account(11)
    }
    /// A level-3 agent (supervisor).
    pub fn supervisor() -> AccountId32 {
        account(12)
    }
}

/// A 32-byte content hash as the transcoder reads it (`0x` + 64 hex digits), derived from `n`.
pub fn hash(n: u8) -> String {
    format!("0x{}", format!("{n:02x}").repeat(32))
}

/// The ink! `Hash` that [`hash`] spells.
pub fn ink_hash(n: u8) -> ink::primitives::Hash {
    ink::primitives::Hash::from([n; 32])
}

/// The SLA policy the sandbox stories use for (Standard, Normal), short enough to watch every
/// automatic action within a few simulated hours: first response 1 h, resolution 8 h, warning 15
/// min before, escalation at breach + 0 / 30 / 60 min, auto-close after 1 day, abandoned Pending
/// tickets resolved after 2 days, 10 HELP compensation per breached metric.
pub fn story_policy() -> String {
    policy_arg(&SlaPolicy {
        first_response_ms: HOUR_MS,
        resolution_ms: 8 * HOUR_MS,
        warning_lead_ms: 15 * MINUTE_MS,
        escalation_delays_ms: vec![0, 30 * MINUTE_MS, HOUR_MS],
        auto_close_ms: DAY_MS,
        abandon_after_ms: 2 * DAY_MS,
        compensation: 10,
    })
}

/// A policy as the transcoder reads an `SlaPolicy` argument.
pub fn policy_arg(policy: &SlaPolicy) -> String {
    format!(
        "SlaPolicy {{ first_response_ms: {}, resolution_ms: {}, warning_lead_ms: {}, \
         escalation_delays_ms: {:?}, auto_close_ms: {}, abandon_after_ms: {}, compensation: {} }}",
        policy.first_response_ms,
        policy.resolution_ms,
        policy.warning_lead_ms,
        policy.escalation_delays_ms,
        policy.auto_close_ms,
        policy.abandon_after_ms,
        policy.compensation
    )
}

/// Settings as the transcoder reads a `Settings` argument.
pub fn settings_arg(s: &Settings) -> String {
    let cap = |c: help_desk::settings::Cap| {
        format!("Cap {{ per_account: {}, desk: {} }}", c.per_account, c.desk)
    };
    format!(
        "Settings {{ reopen_window_ms: {}, boost_price: {}, answer_reward: {}, rating_reward: {}, \
         keeper_reward_per_action: {}, unplaced_max_priority: {:?}, \
         caps: RewardCaps {{ epoch_length_ms: {}, compensation: {}, community: {}, keeper: {} }}, \
         upgrade_delay_ms: {} }}",
        s.reopen_window_ms,
        s.boost_price,
        s.answer_reward,
        s.rating_reward,
        s.keeper_reward_per_action,
        s.unplaced_max_priority,
        s.caps.epoch_length_ms,
        cap(s.caps.compensation),
        cap(s.caps.community),
        cap(s.caps.keeper),
        s.upgrade_delay_ms
    )
}

/// The suite in a sandbox.
pub struct Suite {
    pub session: Sandbox,
    pub token: AccountId32,
    pub desk: AccountId32,
    /// The current block time (ms).
    pub now_ms: u64,
}

impl Suite {
    /// Deploys the token (`HELP`, no supply cap) and the help desk at [`START_MS`] as
    /// [`who::owner`], makes the desk a minter allowed [`DESK_DAILY_MINT`] per day, adds the
    /// three agents (levels 1, 2, 3), places the customers carol and dave in the Standard tier
    /// and sets [`story_policy`] for (Standard, Normal). The owner stays the actor.
    pub fn new() -> Self {
        Self::with_desk_bundle(Contract::HelpDesk.bundle_path())
    }

    /// [`Suite::new`] with the help desk deployed from the `.contract` bundle at `path` (e.g. an
    /// earlier release kept as a test fixture), its cold blob uploaded first if it has one.
    pub fn with_desk_bundle(path: &str) -> Self {
        let mut session = Sandbox::default();
        session.act_as(&who::owner());
        session.set_time(START_MS);
        let token = session.deploy_contract(
            Contract::LoyaltyToken,
            "new",
            &[
                "Some(\"Help Points\")".into(),
                "Some(\"HELP\")".into(),
                "0".into(),
                "None".into(),
            ],
        );
        if let Some(cold) = super::cold_code_in(path).expect("the desk bundle is readable") {
            session
                .upload(cold)
                .expect("uploading the desk's cold blob");
        }
        let bundle = ContractBundle::load(path).expect("the desk bundle loads");
        let desk = session
            .deploy_bundle(bundle, "new", &[arg(&token)], NO_SALT, NO_ENDOWMENT)
            .expect("the desk deploys");
        let mut suite = Self {
            session,
            token,
            desk,
            now_ms: START_MS,
        };
        let desk_arg = arg(&suite.desk);
        suite
            .token::<()>("grant_minter", &[desk_arg])
            .expect("owner grants");
        suite
            .token::<()>(
                "set_mint_limit",
                &[DAY_MS.to_string(), DESK_DAILY_MINT.to_string()],
            )
            .expect("owner sets the limit");
        for (agent, level) in [
            (who::agent(), 1),
            (who::senior(), 2),
            (who::supervisor(), 3),
        ] {
            suite
                .desk::<()>("set_agent", &[arg(&agent), level.to_string()])
                .expect("owner adds agents");
        }
        for customer in [who::carol(), who::dave()] {
            suite
                .desk::<()>("set_customer_tier", &[arg(&customer), "Standard".into()])
                .expect("owner places customers");
        }
        suite
            .desk::<()>(
                "set_sla_policy",
                &["Standard".into(), "Normal".into(), story_policy()],
            )
            .expect("owner sets the story policy");
        suite
    }

    /// The code hash of `contract`'s bundle as the transcoder reads a `Hash`, uploading the code
    /// (and its cold blob) if it is not on chain yet (the suite's own contracts are: it just
    /// returns their hash).
    pub fn code_hash(&mut self, contract: super::Contract) -> String {
        self.session.upload_cold(contract);
        let bundle = contract.bundle().expect("contract bundle was built");
        format!("{:?}", self.session.upload_bundle(bundle).expect("upload"))
    }

    /// Replaces the desk's settings as the owner (the owner stays the actor).
    pub fn set_settings(&mut self, settings: &Settings) {
        self.as_(&who::owner());
        self.desk::<()>("set_settings", &[settings_arg(settings)])
            .expect("owner sets valid settings");
    }

    /// What `due_tickets(limit)` reports now.
    pub fn due(&mut self, limit: u32) -> help_desk::desk::DueTickets {
        self.desk::<help_desk::desk::DueTickets>("due_tickets", &[limit.to_string()])
            .expect("due_tickets succeeds")
    }

    /// Makes `who` the caller of the next calls (funded with native tokens for fees).
    pub fn as_(&mut self, who: &AccountId32) -> &mut Self {
        self.session.act_as(who);
        self
    }

    /// Moves the clock forward by `ms`, in a new block.
    pub fn advance(&mut self, ms: u64) -> &mut Self {
        self.now_ms = self.now_ms.saturating_add(ms);
        self.session.advance_to(self.now_ms);
        self
    }

    /// Calls a help-desk message returning `Result<T, DeskError>`: its `Ok` value, or the error
    /// it reverted with.
    pub fn desk<T: Decode + Debug>(
        &mut self,
        message: &str,
        args: &[String],
    ) -> Result<T, DeskError> {
        let address = self.desk.clone();
        self.call_fallible(address, message, args)
    }

    /// Calls a loyalty-token message returning `Result<T, TokenError>`.
    pub fn token<T: Decode + Debug>(
        &mut self,
        message: &str,
        args: &[String],
    ) -> Result<T, TokenError> {
        let address = self.token.clone();
        self.call_fallible(address, message, args)
    }

    /// Calls a help-desk message that cannot fail (a query) and returns its value.
    pub fn desk_query<T: Decode>(&mut self, message: &str, args: &[String]) -> T {
        let address = self.desk.clone();
        self.query(address, message, args)
    }

    /// Calls a token message that cannot fail (a query) and returns its value.
    pub fn token_query<T: Decode>(&mut self, message: &str, args: &[String]) -> T {
        let address = self.token.clone();
        self.query(address, message, args)
    }

    /// The loyalty-token balance of `who`.
    pub fn balance(&mut self, who: &AccountId32) -> u128 {
        self.token_query("PSP22::balance_of", &[arg(who)])
    }

    /// What `who` has been paid in rewards so far: its token balance plus what the desk has
    /// credited to it and it has not claimed yet (`owed`; see `RewardCredited`).
    pub fn earned(&mut self, who: &AccountId32) -> u128 {
        let owed: u128 = self.desk_query("owed", &[arg(who)]);
        self.balance(who) + owed
    }

    /// The ticket `id` as the desk stores it.
    pub fn ticket(&mut self, id: u64) -> help_desk::ticket::Ticket {
        self.desk_query::<Option<help_desk::ticket::Ticket>>("ticket", &[id.to_string()])
            .unwrap_or_else(|| panic!("ticket {id} exists"))
    }

    /// Opens a ticket as the current actor and returns its id.
    pub fn open(&mut self, priority: &str, content: u8) -> u64 {
        self.desk::<u64>("open_ticket", &[priority.into(), "7".into(), hash(content)])
            .expect("open_ticket succeeds")
    }

    /// Events of type `E` that the last call emitted (from either contract).
    pub fn events<E: ink::env::Event + Decode>(&self) -> Vec<E> {
        self.session.events::<E>()
    }

    /// The last call's events from both contracts, each as `Name { fields }` (Debug form).
    pub fn event_log(&self) -> Vec<String> {
        self.session
            .emitted()
            .into_iter()
            .map(|(topic, data)| describe_event(topic, &data))
            .collect()
    }

    /// Calls `message` on the contract at `address` as the current actor: its `Ok` value, or
    /// the typed error it reverted with. Panics on a trap or a `LangError` (never a refusal).
    pub fn call_fallible<T: Decode + Debug, E: Decode + Debug>(
        &mut self,
        address: AccountId32,
        message: &str,
        args: &[String],
    ) -> Result<T, E> {
        match self.session.call_with_address::<_, Result<T, E>>(
            address,
            message,
            args,
            NO_ENDOWMENT,
        ) {
            Ok(Ok(result)) => result,
            Ok(Err(lang_error)) => panic!("{message}: {lang_error:?}"),
            Err(error @ SessionError::CallReverted(_)) => {
                match error.decode_revert::<Result<T, E>>() {
                    Ok(Ok(Err(refusal))) => Err(refusal),
                    other => panic!("{message} reverted without a typed error: {other:?}"),
                }
            }
            Err(error) => panic!("{message}: {error}"),
        }
    }

    /// Calls a message that cannot fail (a query) on the contract at `address`.
    pub fn query<T: Decode>(&mut self, address: AccountId32, message: &str, args: &[String]) -> T {
        match self
            .session
            .call_with_address::<_, T>(address, message, args, NO_ENDOWMENT)
        {
            Ok(Ok(value)) => value,
            Ok(Err(lang_error)) => panic!("{message}: {lang_error:?}"),
            Err(error) => panic!("{message}: {error}"),
        }
    }
}

impl Default for Suite {
    fn default() -> Self {
        Self::new()
    }
}

/// Decodes an event of either contract by its signature topic into its Debug form (`unknown event`
/// for anything else): the desk's through its own event lists, the token's here.
pub fn describe_event(topic: Option<[u8; 32]>, data: &[u8]) -> String {
    if let Some(signature) = topic {
        let decoded = help_desk::events::DeskEvent::decode_emitted(&signature, data)
            .map(|event| format!("{event:?}"))
            .or_else(|| {
                help_desk::events::AdminEvent::decode_emitted(&signature, data)
                    .map(|event| format!("{event:?}"))
            })
            .or_else(|| {
                loyalty_token::events::MinterEvent::decode_emitted(&signature, data)
                    .map(|event| format!("{event:?}"))
            });
        if let Some(text) = decoded {
            return text;
        }
    }
    // The psp22 crate's events have no Debug.
    if topic.is_some() && topic == <psp22::Transfer as ink::env::Event>::SIGNATURE_TOPIC {
        if let Ok(e) = psp22::Transfer::decode(&mut &data[..]) {
            return format!(
                "Transfer {{ from: {:?}, to: {:?}, value: {} }}",
                e.from, e.to, e.value
            );
        }
    }
    if topic.is_some() && topic == <psp22::Approval as ink::env::Event>::SIGNATURE_TOPIC {
        if let Ok(e) = psp22::Approval::decode(&mut &data[..]) {
            return format!(
                "Approval {{ owner: {:?}, spender: {:?}, amount: {} }}",
                e.owner, e.spender, e.amount
            );
        }
    }
    format!("unknown event ({} bytes)", data.len())
}
