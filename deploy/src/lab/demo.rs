//! The demo: the real contracts (optimized WASM) in an embedded drink sandbox, driven through the
//! whole help-desk story and narrated step by step with the events and gas of every call.

use anyhow::anyhow;
use drink::AccountId32;
use help_desk::desk::{Counters, DueTickets, SlaStatus, SweepReport};
use help_desk::settings::Settings;
use help_desk::ticket::Ticket;
use help_desk::DeskError;
use helpdesk_sandbox::suite::{hash, settings_arg, who, Suite, HOUR_MS, MINUTE_MS, START_MS};
use helpdesk_sandbox::{arg, ink_account, Contract};
use ink::scale::Decode;
use loyalty_token::TokenError;
use std::fmt::Debug;

/// Which contract a narrated call goes to.
#[derive(Clone, Copy)]
enum To {
    Desk,
    Token,
}

/// The suite plus the narration: step numbers, the clock, readable names for accounts and hashes.
struct Stage {
    suite: Suite,
    step: u32,
    names: Vec<(String, &'static str)>,
}

impl Stage {
    fn new() -> Self {
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
            names.push((arg(&account), name));
        }
        names.push((arg(&suite.desk), "HelpDesk"));
        names.push((arg(&suite.token), "Token"));
        for n in 1..=6u8 {
            names.push((
                format!("{:?}", ink::primitives::Hash::from([n; 32])),
                HASH_NAMES[usize::from(n)],
            ));
        }
        Self {
            suite,
            step: 0,
            names,
        }
    }

    fn readable(&self, text: String) -> String {
        self.names.iter().fold(text, |text, (long, short)| {
            text.replace(long.as_str(), short)
        })
    }

    fn say(&mut self, text: &str) {
        self.step += 1;
        let minutes = (self.suite.now_ms - START_MS) / MINUTE_MS;
        println!(
            "\n{:>2}. [t+{}h{:02}] {text}",
            self.step,
            minutes / 60,
            minutes % 60
        );
    }

    fn wait(&mut self, ms: u64) {
        self.suite.advance(ms);
    }

    /// A call expected to succeed: prints the call, its result, gas and events.
    fn ok<T: Decode + Debug>(
        &mut self,
        who: &AccountId32,
        to: To,
        message: &str,
        args: &[String],
    ) -> anyhow::Result<T> {
        self.suite.as_(who);
        let result = match to {
            To::Desk => self
                .suite
                .desk::<T>(message, args)
                .map_err(|e| anyhow!("{e:?}")),
            To::Token => self
                .suite
                .token::<T>(message, args)
                .map_err(|e| anyhow!("{e:?}")),
        };
        let shown = self.readable(args.join(", "));
        let caller = self.readable(debug_of(who));
        match result {
            Ok(value) => {
                let gas = self.suite.session.record().last_call_result().gas_consumed;
                let value_text = self.readable(format!("{value:?}"));
                println!(
                    "    {caller}: {message}({shown}) -> Ok({value_text})   [{} ref_time, {} proof_size]",
                    gas.ref_time(),
                    gas.proof_size()
                );
                for event in self.suite.event_log() {
                    println!("        event {}", self.readable(event));
                }
                Ok(value)
            }
            Err(error) => Err(anyhow!("{message} was refused unexpectedly: {error}")),
        }
    }

    /// A call expected to be refused: prints the typed error it reverted with.
    fn refused(
        &mut self,
        who: &AccountId32,
        to: To,
        message: &str,
        args: &[String],
    ) -> anyhow::Result<String> {
        self.suite.as_(who);
        let error = match to {
            To::Desk => self
                .suite
                .desk::<()>(message, args)
                .err()
                .map(|e: DeskError| format!("{e:?}")),
            To::Token => self
                .suite
                .token::<()>(message, args)
                .err()
                .map(|e: TokenError| format!("{e:?}")),
        }
        .ok_or_else(|| anyhow!("{message} was expected to be refused"))?;
        let shown = self.readable(args.join(", "));
        let caller = self.readable(debug_of(who));
        println!("    {caller}: {message}({shown}) -> refused: {error} (nothing changed)");
        Ok(error)
    }

    fn balances(&mut self) {
        let line: Vec<String> = [
            (who::carol(), "Carol"),
            (who::erin(), "Erin"),
            (who::keeper(), "Keeper"),
        ]
        .iter()
        .map(|(account, name)| {
            let held = self.suite.balance(account);
            let credited: u128 = self.suite.desk_query("owed", &[arg(account)]);
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
fn debug_of(account: &AccountId32) -> String {
    format!("{:?}", ink_account(account))
}

/// Runs the demo story.
pub fn run() -> anyhow::Result<()> {
    println!("On-chain help desk: demo on an embedded drink sandbox (pallet-contracts in-process)");
    println!(
        "Contracts: {} ({} bytes of WASM), {} ({} bytes)",
        Contract::LoyaltyToken.bundle_path(),
        wasm_size(Contract::LoyaltyToken)?,
        Contract::HelpDesk.bundle_path(),
        wasm_size(Contract::HelpDesk)?
    );
    let mut stage = Stage::new();
    let (carol, erin, keeper) = (who::carol(), who::erin(), who::keeper());
    let (alice, vera, owner) = (who::agent(), who::supervisor(), who::owner());

    stage.say(
        "Set up: the business deployed the HELP token and the help desk, made the desk a minter \
         (at most 1 000 000 HELP a day), added agents Alice (L1), Sam (L2), Vera (L3) and set the \
         Standard/Normal SLA: first response 1 h, resolution 8 h, warning 15 min before, \
         escalation at breach +0/30/60 min, 10 HELP compensation per breached metric.",
    );
    let policy: help_desk::sla::SlaPolicy = stage
        .suite
        .desk_query("sla_policy", &["Standard".into(), "Normal".into()]);
    println!("    policy on chain: {policy:?}");

    stage.say("Carol opens a ticket. Only a hash of her text goes on chain.");
    let id: u64 = stage.ok(
        &carol,
        To::Desk,
        "open_ticket",
        &["Normal".into(), "7".into(), hash(1)],
    )?;
    let status: SlaStatus = stage
        .suite
        .desk("sla_status", &[id.to_string()])
        .map_err(|e| anyhow!("{e:?}"))?;
    println!(
        "    sla_status: first response due in {} min",
        status.first_response_left_ms.unwrap_or(0) / i128::from(MINUTE_MS)
    );

    stage.wait(46 * MINUTE_MS);
    stage.say("Nobody has answered. A keeper bot asks what is due, then sweeps.");
    stage.ok::<DueTickets>(&keeper, To::Desk, "due_tickets", &["10".into()])?;
    stage.ok::<SweepReport>(&keeper, To::Desk, "process_due", &["10".into()])?;
    stage.say("Sweeping again right away finds nothing and earns nothing: no action runs twice.");
    stage.ok::<SweepReport>(&keeper, To::Desk, "process_due", &["10".into()])?;

    stage.wait(15 * MINUTE_MS);
    stage.say(
        "The first-response deadline passed: breach, automatic escalation, and compensation \
         credited to Carol (a sweep mints only the keeper's own pay; everyone else claims).",
    );
    stage.ok::<SweepReport>(&keeper, To::Desk, "process_due", &["10".into()])?;
    stage.balances();

    stage.wait(30 * MINUTE_MS);
    stage.say("Still no answer: the next escalation step (breach + 30 min).");
    stage.ok::<SweepReport>(&keeper, To::Desk, "process_due", &["10".into()])?;
    stage.wait(30 * MINUTE_MS);
    stage.say("And the last one (breach + 60 min): the ticket is in the supervisors' queue.");
    stage.ok::<SweepReport>(&keeper, To::Desk, "process_due", &["10".into()])?;

    stage.say("Alice (level 1) tries to take it: a level-3 ticket needs a supervisor.");
    stage.refused(&alice, To::Desk, "assign", &[id.to_string(), arg(&alice)])?;

    stage.wait(5 * MINUTE_MS);
    stage.say("Vera (supervisor) claims it, answers and resolves it.");
    stage.ok::<()>(&vera, To::Desk, "assign", &[id.to_string(), arg(&vera)])?;
    stage.ok::<()>(&vera, To::Desk, "respond", &[id.to_string(), hash(2)])?;
    stage.ok::<()>(&vera, To::Desk, "resolve", &[id.to_string(), hash(3)])?;

    stage.say("Carol confirms and rates it 5/5; the rating earns her a small reward.");
    stage.ok::<()>(
        &carol,
        To::Desk,
        "confirm",
        &[id.to_string(), "Some(5)".into()],
    )?;
    stage.refused(&carol, To::Desk, "reopen", &[id.to_string(), hash(1)])?;
    stage.balances();
    stage.say("Carol claims the compensation the desk credited her.");
    stage.ok::<u128>(&carol, To::Desk, "claim_owed", &["None".into()])?;
    stage.balances();

    stage.say("Carol asks a how-to question; Erin from the community answers before any agent.");
    let question: u64 = stage.ok(
        &carol,
        To::Desk,
        "open_ticket",
        &["Low".into(), "3".into(), hash(4)],
    )?;
    stage.ok::<()>(&erin, To::Desk, "respond", &[question.to_string(), hash(5)])?;
    stage.say(
        "Carol accepts Erin's answer (never her own, never an agent's). Erin is rewarded when \
         the ticket closes after an agent resolved it: no reward without an agent.",
    );
    stage.refused(
        &carol,
        To::Desk,
        "accept_answer",
        &[question.to_string(), arg(&alice)],
    )?;
    stage.ok::<()>(
        &carol,
        To::Desk,
        "accept_answer",
        &[question.to_string(), arg(&erin)],
    )?;

    stage.say("Carol wants the question answered sooner and approves the desk to take 50 HELP.");
    let desk = stage.suite.desk.clone();
    stage.ok::<()>(
        &carol,
        To::Token,
        "PSP22::approve",
        &[arg(&desk), "50".into()],
    )?;
    stage.say(
        "A boost costs 50 HELP and she holds 15: the token refuses to burn, so the desk \
               refuses the boost.",
    );
    stage.refused(&carol, To::Desk, "boost_priority", &[question.to_string()])?;
    stage.say("The business lowers the boost price to 10 HELP; Carol boosts Low -> Normal.");
    stage.ok::<()>(
        &owner,
        To::Desk,
        "set_settings",
        &[settings_arg(&Settings {
            boost_price: 10,
            ..Settings::default()
        })],
    )?;
    stage.ok::<()>(&carol, To::Desk, "boost_priority", &[question.to_string()])?;
    stage.say("Erin cannot boost a ticket that is not hers.");
    stage.refused(&erin, To::Desk, "boost_priority", &[question.to_string()])?;

    stage.say("Dave tries to mint HELP for himself: only minters may, and the error says so.");
    stage.refused(
        &who::dave(),
        To::Token,
        "mint_to",
        &[arg(&who::dave()), "1000".into()],
    )?;

    stage.wait(HOUR_MS);
    stage.say(
        "Vera resolves the question an hour later: past the boosted first-response deadline, \
         so the same call records the breach and Carol's compensation first (a breach is a \
         fact of time, whether a keeper swept or not).",
    );
    stage.ok::<()>(&vera, To::Desk, "resolve", &[question.to_string(), hash(6)])?;
    stage.wait(24 * HOUR_MS + MINUTE_MS);
    stage.say(
        "Carol never confirmed: a day after resolution the keeper closes it, and Erin's \
         accepted answer earns her reward (credited: she claims it).",
    );
    stage.ok::<SweepReport>(&keeper, To::Desk, "process_due", &["10".into()])?;

    stage.say("Where everything stands (every step above is on chain for anyone to check).");
    let ticket: Option<Ticket> = stage.suite.desk_query("ticket", &[id.to_string()]);
    if let Some(t) = ticket {
        println!(
            "    ticket {id}: {:?}, escalation level {}, rating {:?}, breached {:?}",
            t.status, t.escalation, t.rating, t.clocks.breached
        );
    }
    let counters: Counters = stage.suite.desk_query("counters", &[]);
    println!("    counters: {counters:?}");
    stage.balances();
    let supply: u128 = stage.suite.token_query("PSP22::total_supply", &[]);
    println!("\nDone: {supply} HELP in circulation, every refusal a typed error, nothing lost.");
    Ok(())
}

fn wasm_size(contract: Contract) -> anyhow::Result<usize> {
    contract
        .bundle()
        .map(|bundle| bundle.wasm.len())
        .map_err(|e| anyhow!("loading {contract:?}: {e}"))
}
