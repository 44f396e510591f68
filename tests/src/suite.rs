//! The whole suite deployed in one sandbox: the loyalty token, the help desk as its minter, and
//! typed calls to either contract as any account at any time.

use crate::{
    account, desk_at, events, token_at, AccountId, CallError, Chain, ChainExt, Code, Contract,
    DeskCalls, Emitted, Hash, Message, Prepared, SandboxChain, TokenCalls,
};
use help_desk::settings::Settings;
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Tier};
use help_desk::{DeskError, HelpDeskRef};
use ink::scale::Decode;
use loyalty_token::LoyaltyTokenRef;
pub use psp22::PSP22;

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
    pub fn owner() -> AccountId {
        account(1)
    }
    /// A customer.
    pub fn carol() -> AccountId {
        account(3)
    }
    /// Another customer.
    pub fn dave() -> AccountId {
        account(4)
    }
    /// A community member (neither customer nor agent).
    pub fn erin() -> AccountId {
        account(5)
    }
    /// Runs a keeper bot.
    pub fn keeper() -> AccountId {
        account(6)
    }
    /// A level-1 agent.
    pub fn agent() -> AccountId {
        account(10)
    }
    /// A level-2 agent.
    pub fn senior() -> AccountId {
        account(11)
    }
    /// A level-3 agent (supervisor).
    pub fn supervisor() -> AccountId {
        account(12)
    }
}

/// A 32-byte content hash derived from `n`.
pub fn hash(n: u8) -> Hash {
    Hash::from([n; 32])
}

/// The SLA policy the sandbox stories use for (Standard, Normal), short enough to watch every
/// automatic action within a few simulated hours: first response 1 h, resolution 8 h, warning 15
/// min before, escalation at breach + 0 / 30 / 60 min, auto-close after 1 day, abandoned Pending
/// tickets resolved after 2 days, 10 HELP compensation per breached metric.
pub fn story_policy() -> SlaPolicy {
    SlaPolicy {
        first_response_ms: HOUR_MS,
        resolution_ms: 8 * HOUR_MS,
        warning_lead_ms: 15 * MINUTE_MS,
        escalation_delays_ms: vec![0, 30 * MINUTE_MS, HOUR_MS],
        auto_close_ms: DAY_MS,
        abandon_after_ms: 2 * DAY_MS,
        compensation: 10,
    }
}

/// The suite in a sandbox.
pub struct Suite {
    /// The typed client on the sandbox chain.
    pub chain: Chain,
    /// The loyalty token's address.
    pub token: AccountId,
    /// The help desk's address.
    pub desk: AccountId,
    /// The current block time (ms).
    pub now_ms: u64,
    /// Who sends the next calls.
    pub actor: AccountId,
    /// The selector of the last message sent.
    last_selector: Option<[u8; 4]>,
}

impl Suite {
    /// Deploys the token (`HELP`, no supply cap) and the help desk at [`START_MS`] as
    /// [`who::owner`], makes the desk a minter allowed [`DESK_DAILY_MINT`] per day, adds the
    /// three agents (levels 1, 2, 3), places the customers carol and dave in the Standard tier
    /// and sets [`story_policy`] for (Standard, Normal). The owner stays the actor.
    pub fn new() -> Self {
        Self::with_desk_code(&Contract::HelpDesk.code())
    }

    /// [`Suite::new`] with the help desk deployed from `desk_code` (e.g. an earlier release's
    /// bundle kept as a test fixture).
    pub fn with_desk_code(desk_code: &Code) -> Self {
        let owner = who::owner();
        let mut chain = Chain::new(SandboxChain::default());
        chain.backend.set_time(START_MS);
        let token = chain.deploy(
            &owner,
            Contract::LoyaltyToken,
            LoyaltyTokenRef::new(Some("Help Points".into()), Some("HELP".into()), 0, None),
        );
        let desk = chain.deploy_code(&owner, desk_code, HelpDeskRef::new(token));
        let mut suite = Self {
            chain,
            token,
            desk,
            now_ms: START_MS,
            actor: owner,
            last_selector: None,
        };
        suite.token(|t| t.grant_minter(desk)).expect("owner grants");
        suite
            .token(|t| t.set_mint_limit(DAY_MS, DESK_DAILY_MINT))
            .expect("owner sets the limit");
        for (agent, level) in [
            (who::agent(), 1),
            (who::senior(), 2),
            (who::supervisor(), 3),
        ] {
            suite
                .desk(|d| d.set_agent(agent, level))
                .expect("owner adds agents");
        }
        for customer in [who::carol(), who::dave()] {
            suite
                .desk(|d| d.set_customer_tier(customer, Tier::Standard))
                .expect("owner places customers");
        }
        suite
            .desk(|d| d.set_sla_policy(Tier::Standard, Priority::Normal, story_policy()))
            .expect("owner sets the story policy");
        suite
    }

    /// Stores `contract`'s code (its cold blob first; a no-op for code on chain) and returns
    /// the hash of its blob, which `upgrade` and `set_code` take.
    pub fn code_hash(&mut self, contract: Contract) -> Hash {
        let actor = self.actor;
        self.chain.upload_code(&actor, &contract.code())
    }

    /// Replaces the desk's settings as the owner (the owner stays the actor).
    pub fn set_settings(&mut self, settings: &Settings) {
        self.as_(&who::owner());
        self.desk(|d| d.set_settings(settings.clone()))
            .expect("owner sets valid settings");
    }

    /// What `due_tickets(limit)` reports now.
    pub fn due(&mut self, limit: u32) -> help_desk::desk::DueTickets {
        self.desk(|d| d.due_tickets(limit))
            .expect("due_tickets succeeds")
    }

    /// Makes `who` the caller of the next calls (funded with native tokens for fees).
    pub fn as_(&mut self, who: &AccountId) -> &mut Self {
        self.chain.backend.fund(who);
        self.actor = *who;
        self
    }

    /// Moves the clock forward by `ms`, in a new block.
    pub fn advance(&mut self, ms: u64) -> &mut Self {
        self.now_ms = self.now_ms.saturating_add(ms);
        self.chain.backend.advance_to(self.now_ms);
        self
    }

    /// Sends a help-desk message as the current actor and returns what it returned (a
    /// refusal is the message's own `Err`). Panics if the call fails below the contract.
    pub fn desk<M: Message>(&mut self, message: impl FnOnce(&mut DeskCalls) -> M) -> M::Output {
        let message = message(&mut desk_at(self.desk));
        self.call(message)
    }

    /// Sends a loyalty-token message as the current actor (see [`Suite::desk`]).
    pub fn token<M: Message>(&mut self, message: impl FnOnce(&mut TokenCalls) -> M) -> M::Output {
        let message = message(&mut token_at(self.token));
        self.call(message)
    }

    /// Sends any message as the current actor and returns what it returned. Panics if the call
    /// fails below the contract (a trap) or ink! does not dispatch it.
    pub fn call<M: Message>(&mut self, message: M) -> M::Output {
        self.try_call(message)
            .unwrap_or_else(|e| panic!("the call failed: {e}"))
    }

    /// Sends any message as the current actor: what it returned, or why it did not return.
    pub fn try_call<M: Message>(&mut self, message: M) -> Result<M::Output, CallError<String>> {
        let actor = self.actor;
        let message = Prepared::of(message);
        self.last_selector = Some(message.selector());
        self.chain.call(&actor, message)
    }

    /// The selector of the last message sent.
    pub fn last_selector(&self) -> Option<[u8; 4]> {
        self.last_selector
    }

    /// The label of the last message sent (`respond`, `PSP22::transfer`), from the metadata.
    pub fn last_message(&self) -> &'static str {
        self.last_selector
            .and_then(crate::message_label)
            .unwrap_or("unknown message")
    }

    /// The loyalty-token balance of `who`.
    pub fn balance(&mut self, who: &AccountId) -> u128 {
        let who = *who;
        self.token(|t| t.balance_of(who))
    }

    /// What `who` has been paid in rewards so far: its token balance plus what the desk has
    /// credited to it and it has not claimed yet (`owed`; see `RewardCredited`).
    pub fn earned(&mut self, who: &AccountId) -> u128 {
        let who = *who;
        let owed = self.desk(|d| d.owed(who));
        self.balance(&who) + owed
    }

    /// The ticket `id` as the desk stores it.
    pub fn ticket(&mut self, id: u64) -> help_desk::ticket::Ticket {
        self.desk(|d| d.ticket(id))
            .unwrap_or_else(|| panic!("ticket {id} exists"))
    }

    /// Opens a ticket (category 7) as the current actor and returns its id.
    pub fn open(&mut self, priority: Priority, content: u8) -> u64 {
        self.desk(|d| d.open_ticket(priority, 7, hash(content)))
            .expect("open_ticket succeeds")
    }

    /// Events of type `E` that the last call emitted (from either contract).
    pub fn events<E: ink::env::Event + Decode>(&self) -> Vec<E> {
        self.chain.events::<E>()
    }

    /// Every contract event the last call emitted, in order.
    pub fn emitted(&self) -> &[Emitted] {
        self.chain.emitted()
    }

    /// ref_time the last call consumed.
    pub fn last_gas(&self) -> u64 {
        self.chain.last_gas()
    }

    /// The last call's events from both contracts, each as `Name { fields }` (Debug form).
    pub fn event_log(&self) -> Vec<String> {
        self.emitted().iter().map(events::describe).collect()
    }
}

/// One help-desk message as a row of a table test: sent as the current actor, its value dropped.
pub type Step = Box<dyn Fn(&mut Suite) -> Result<(), DeskError>>;

/// The help-desk message `message` builds, as a [`Step`].
pub fn step<M, T>(message: impl Fn(&mut DeskCalls) -> M + 'static) -> Step
where
    M: Message<Output = Result<T, DeskError>>,
{
    Box::new(move |suite| suite.desk(&message).map(drop))
}

impl Default for Suite {
    fn default() -> Self {
        Self::new()
    }
}
