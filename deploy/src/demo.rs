//! The demo: the real contracts in an embedded drink sandbox, narrated step by step.

use drink::minimal::MinimalSandbox;
use drink::sandbox_api::prelude::{BalanceAPI, SystemAPI, TimestampAPI};
use drink::session::{Session, NO_ENDOWMENT, NO_SALT};
use drink::AccountId32;
use helpdesk_sandbox::Contract;
use ink::scale::Decode;
use loyalty_token::TokenError;
use psp22::PSP22Error;
use std::fmt::Debug;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// The demo's clock starts on 2026-01-01 00:00 UTC.
const START_MS: u64 = 1_767_225_600_000;
/// Native funds for each actor, to pay gas and storage deposits.
const FUNDS: u128 = 1_000_000_000_000_000;

/// A named participant of the story.
struct Actor {
    name: &'static str,
    account: AccountId32,
}

impl Actor {
    fn new(name: &'static str, seed: u8) -> Self {
        Self {
            name,
            account: AccountId32::new([seed; 32]),
        }
    }

    fn arg(&self) -> String {
        self.account.to_string()
    }
}

/// The sandbox plus the narration around every call.
struct Stage {
    session: Session<MinimalSandbox>,
    step: u32,
    now_ms: u64,
}

impl Stage {
    fn new() -> Self {
        let mut stage = Self {
            session: Session::default(),
            step: 0,
            now_ms: START_MS,
        };
        stage.session.sandbox().set_timestamp(START_MS);
        stage
    }

    fn say(&mut self, text: &str) {
        self.step += 1;
        println!("\n{:>2}. {text}", self.step);
    }

    fn act_as(&mut self, actor: &Actor) -> Result<(), String> {
        self.session
            .sandbox()
            .mint_into(&actor.account, FUNDS)
            .map_err(|e| format!("funding {}: {e:?}", actor.name))?;
        self.session.set_actor(actor.account.clone());
        Ok(())
    }

    /// Moves the clock forward, in a new block.
    fn advance(&mut self, ms: u64) {
        self.now_ms += ms;
        self.session.sandbox().build_block();
        self.session.sandbox().set_timestamp(self.now_ms);
    }

    fn deploy(
        &mut self,
        bundle: Contract,
        constructor: &str,
        args: &[String],
    ) -> Result<AccountId32, String> {
        let bundle = bundle
            .bundle()
            .map_err(|e| format!("loading bundle: {e}"))?;
        let size = bundle.wasm.len();
        let address = self
            .session
            .deploy_bundle(bundle, constructor, args, NO_SALT, NO_ENDOWMENT)
            .map_err(|e| format!("deploying: {e}"))?;
        println!("    deployed at {address} ({size} bytes of WASM)");
        Ok(address)
    }

    /// Calls `message` on `contract` and returns its value; a revert is an error of the demo.
    fn call<V: Decode + Debug>(
        &mut self,
        contract: &AccountId32,
        message: &str,
        args: &[String],
    ) -> Result<V, String> {
        let value = self
            .session
            .call_with_address::<_, V>(contract.clone(), message, args, NO_ENDOWMENT)
            .map_err(|e| format!("{message}: {e}"))?
            .map_err(|e| format!("{message}: {e:?}"))?;
        let gas = self.session.record().last_call_result().gas_consumed;
        println!(
            "    {message}({}) -> {value:?}   [gas: {} ref_time, {} proof_size]",
            args.join(", "),
            gas.ref_time(),
            gas.proof_size()
        );
        Ok(value)
    }

    /// Calls `message`, which must be refused, and shows the typed error it reverted with.
    fn refused<E: Decode + Debug>(
        &mut self,
        contract: &AccountId32,
        message: &str,
        args: &[String],
    ) -> Result<E, String> {
        let error = match self.session.call_with_address::<_, Result<(), E>>(
            contract.clone(),
            message,
            args,
            NO_ENDOWMENT,
        ) {
            Ok(_) => return Err(format!("{message} was expected to be refused")),
            Err(reverted) => reverted
                .decode_revert::<Result<(), E>>()
                .map_err(|e| format!("{message}: {e}"))?
                .map_err(|e| format!("{message}: {e:?}"))?
                .err()
                .ok_or_else(|| format!("{message} reverted without an error"))?,
        };
        println!("    {message}({}) refused: {error:?}", args.join(", "));
        Ok(error)
    }

    fn balance(&mut self, token: &AccountId32, actor: &Actor) -> Result<u128, String> {
        let balance = self
            .session
            .call_with_address::<_, u128>(
                token.clone(),
                "PSP22::balance_of",
                &[actor.arg()],
                NO_ENDOWMENT,
            )
            .map_err(|e| format!("balance_of: {e}"))?
            .map_err(|e| format!("balance_of: {e:?}"))?;
        println!("    {} holds {balance} HELP", actor.name);
        Ok(balance)
    }
}

/// Runs the demo story.
pub fn run() -> Result<(), String> {
    println!("On-chain help desk: demo on an embedded drink sandbox (pallet-contracts in-process)");
    let owner = Actor::new("the business (owner)", 1);
    let desk = Actor::new("the help desk (minter)", 2);
    let customer = Actor::new("Carol (customer)", 3);
    let mallory = Actor::new("Mallory (not a minter)", 4);
    let mut stage = Stage::new();

    stage.say("The business deploys the loyalty token: HELP, 2 decimals, supply cap 1 000 000.");
    stage.act_as(&owner)?;
    let token = stage.deploy(
        Contract::LoyaltyToken,
        "new",
        &[
            "Some(\"Help Points\")".into(),
            "Some(\"HELP\")".into(),
            "2".into(),
            "Some(1000000)".into(),
        ],
    )?;

    stage.say("It makes the help desk a minter, allowed 500 HELP per day.");
    stage.call::<Result<(), TokenError>>(&token, "grant_minter", &[desk.arg()])?;
    stage.call::<Result<(), TokenError>>(
        &token,
        "set_mint_limit",
        &[DAY_MS.to_string(), "500".into()],
    )?;

    stage.say("The help desk rewards Carol with 120 HELP for an accepted answer.");
    stage.act_as(&desk)?;
    stage.call::<Result<(), TokenError>>(&token, "mint_to", &[customer.arg(), "120".into()])?;
    stage.balance(&token, &customer)?;

    stage.say("Mallory tries to mint for herself: the token refuses with a typed error.");
    stage.act_as(&mallory)?;
    stage.refused::<TokenError>(&token, "mint_to", &[mallory.arg(), "1000".into()])?;

    stage.say("A bug in the desk tries to mint 400 more today: the epoch cap stops it.");
    stage.act_as(&desk)?;
    stage.refused::<TokenError>(&token, "mint_to", &[customer.arg(), "400".into()])?;

    stage.say("Carol approves the desk to take 50 HELP and spends them on a perk (burn_from).");
    stage.act_as(&customer)?;
    stage.call::<Result<(), PSP22Error>>(&token, "PSP22::approve", &[desk.arg(), "50".into()])?;
    stage.act_as(&desk)?;
    stage.call::<Result<(), TokenError>>(&token, "burn_from", &[customer.arg(), "50".into()])?;
    stage.balance(&token, &customer)?;

    stage.say("A day later the desk's allowance is fresh again: 400 HELP go through.");
    stage.advance(DAY_MS);
    stage.call::<Result<(), TokenError>>(&token, "mint_to", &[customer.arg(), "400".into()])?;
    stage.balance(&token, &customer)?;
    let supply = stage.call::<u128>(&token, "PSP22::total_supply", &[])?;
    println!("\nDone: total supply {supply} HELP, every refusal a typed error, nothing lost.");
    Ok(())
}
