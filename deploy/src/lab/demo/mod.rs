//! The demo: the real contracts (optimized WASM) in an embedded drink sandbox, driven through the
//! whole help-desk story and narrated step by step with the events and gas of every call.

mod governance;
mod stage;
mod texts;

use anyhow::anyhow;
use help_desk::desk::{Counters, SlaStatus};
use help_desk::settings::Settings;
use help_desk::ticket::{Priority, Ticket, Tier};
use helpdesk_sandbox::suite::{hash, who, HOUR_MS, MINUTE_MS, PSP22};
use helpdesk_sandbox::Contract;
use stage::Stage;

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
        .desk(|d| d.sla_policy(Tier::Standard, Priority::Normal));
    println!("    policy on chain: {policy:?}");

    stage.say("Carol opens a ticket. Only a hash of her text goes on chain.");
    let id: u64 = stage.ok(
        &carol,
        stage.desk().open_ticket(Priority::Normal, 7, hash(1)),
    )?;
    let status: SlaStatus = stage
        .suite
        .desk(|d| d.sla_status(id))
        .map_err(|e| anyhow!("{e:?}"))?;
    println!(
        "    sla_status: first response due in {} min",
        status.first_response_left_ms.unwrap_or(0) / i128::from(MINUTE_MS)
    );

    stage.wait(46 * MINUTE_MS);
    stage.say("Nobody has answered. A keeper bot asks what is due, then sweeps.");
    stage.ok(&keeper, stage.desk().due_tickets(10))?;
    stage.ok(&keeper, stage.desk().process_due(10))?;
    stage.say("Sweeping again right away finds nothing and earns nothing: no action runs twice.");
    stage.ok(&keeper, stage.desk().process_due(10))?;

    stage.wait(15 * MINUTE_MS);
    stage.say(
        "The first-response deadline passed: breach, automatic escalation, and compensation \
         credited to Carol (a sweep mints only the keeper's own pay; everyone else claims).",
    );
    stage.ok(&keeper, stage.desk().process_due(10))?;
    stage.balances();

    stage.wait(30 * MINUTE_MS);
    stage.say("Still no answer: the next escalation step (breach + 30 min).");
    stage.ok(&keeper, stage.desk().process_due(10))?;
    stage.wait(30 * MINUTE_MS);
    stage.say("And the last one (breach + 60 min): the ticket is in the supervisors' queue.");
    stage.ok(&keeper, stage.desk().process_due(10))?;

    stage.say("Alice (level 1) tries to take it: a level-3 ticket needs a supervisor.");
    stage.refused(&alice, stage.desk().assign(id, alice))?;

    stage.wait(5 * MINUTE_MS);
    stage.say("Vera (supervisor) claims it, answers and resolves it.");
    stage.ok(&vera, stage.desk().assign(id, vera))?;
    stage.ok(&vera, stage.desk().respond(id, hash(2)))?;
    stage.ok(&vera, stage.desk().resolve(id, hash(3)))?;

    stage.say("Carol confirms and rates it 5/5; the rating earns her a small reward.");
    stage.ok(&carol, stage.desk().confirm(id, Some(5)))?;
    stage.refused(&carol, stage.desk().reopen(id, hash(1)))?;
    stage.balances();
    stage.say("Carol claims the compensation the desk credited her.");
    stage.ok(&carol, stage.desk().claim_owed(None))?;
    stage.balances();

    stage.say("Carol asks a how-to question; Erin from the community answers before any agent.");
    let question: u64 = stage.ok(&carol, stage.desk().open_ticket(Priority::Low, 3, hash(4)))?;
    stage.ok(&erin, stage.desk().respond(question, hash(5)))?;
    stage.say(
        "Carol accepts Erin's answer (never her own, never an agent's). Erin is rewarded when \
         the ticket closes after an agent resolved it: no reward without an agent.",
    );
    stage.refused(&carol, stage.desk().accept_answer(question, alice))?;
    stage.ok(&carol, stage.desk().accept_answer(question, erin))?;

    stage.say("Carol wants the question answered sooner and approves the desk to take 50 HELP.");
    let desk = stage.suite.desk;
    stage.ok(&carol, stage.token().approve(desk, 50))?;
    stage.say(
        "A boost costs 50 HELP and she holds 15: the token refuses to burn, so the desk \
               refuses the boost.",
    );
    stage.refused(&carol, stage.desk().boost_priority(question))?;
    stage.say("The business lowers the boost price to 10 HELP; Carol boosts Low -> Normal.");
    stage.ok(
        &owner,
        stage.desk().set_settings(
            Settings {
                boost_price: 10,
                ..Settings::default()
            }
            .clone(),
        ),
    )?;
    stage.ok(&carol, stage.desk().boost_priority(question))?;
    stage.say("Erin cannot boost a ticket that is not hers.");
    stage.refused(&erin, stage.desk().boost_priority(question))?;

    stage.say("Dave tries to mint HELP for himself: only minters may, and the error says so.");
    stage.refused(&who::dave(), stage.token().mint_to(who::dave(), 1000))?;

    stage.wait(HOUR_MS);
    stage.say(
        "Vera resolves the question an hour later: past the boosted first-response deadline, \
         so the same call records the breach and Carol's compensation first (a breach is a \
         fact of time, whether a keeper swept or not).",
    );
    stage.ok(&vera, stage.desk().resolve(question, hash(6)))?;
    stage.wait(24 * HOUR_MS + MINUTE_MS);
    stage.say(
        "Carol never confirmed: a day after resolution the keeper closes it, and Erin's \
         accepted answer earns her reward (credited: she claims it).",
    );
    stage.ok(&keeper, stage.desk().process_due(10))?;

    governance::chapter(&mut stage)?;
    texts::chapter(&mut stage)?;

    stage.say("Where everything stands (every step above is on chain for anyone to check).");
    let ticket: Option<Ticket> = stage.suite.desk(|d| d.ticket(id));
    if let Some(t) = ticket {
        println!(
            "    ticket {id}: {:?}, escalation level {}, rating {:?}, breached {:?}",
            t.status, t.escalation, t.rating, t.clocks.breached
        );
    }
    let counters: Counters = stage.suite.desk(|d| d.counters());
    println!("    counters: {counters:?}");
    stage.balances();
    let supply: u128 = stage.suite.token(|t| t.total_supply());
    println!("\nDone: {supply} HELP in circulation, every refusal a typed error, nothing lost.");
    Ok(())
}

fn wasm_size(contract: Contract) -> anyhow::Result<usize> {
    Ok(contract.code().wasm.len())
}
