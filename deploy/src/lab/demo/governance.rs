//! The demo's governance chapter: the business hands the desk and the token to a governor, and
//! token holders change an SLA policy by proposal, vote and execution.

use super::stage::Stage;
use governor::action::Action;
use governor::params::Params;
use governor::proposal::Support;
use governor::GovernorRef;
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Tier};
use helpdesk_client::words;
use helpdesk_sandbox::suite::{who, DAY_MS, HOUR_MS, MINUTE_MS, PSP22};
use helpdesk_sandbox::{governor_at, ChainExt, Contract, GovernorCalls, Hash};

/// Runs the chapter on the stage's suite.
pub fn chapter(stage: &mut Stage) -> anyhow::Result<()> {
    let (owner, carol, erin, dave, keeper) = (
        who::owner(),
        who::carol(),
        who::erin(),
        who::dave(),
        who::keeper(),
    );
    let (desk, token) = (stage.suite.desk, stage.suite.token);
    let params = Params {
        proposal_threshold: 100,
        ..Params::default()
    };
    stage.say(&format!(
        "The business hands the desk to its community: a governor where HELP holders vote. \
         Parameters: {}.",
        words::params(&params)
    ));
    let governor = stage.suite.chain.deploy(
        &owner,
        Contract::Governor,
        GovernorRef::new(desk, token, params, None),
    );
    stage.name(&governor, "Governor");
    let gov = || -> GovernorCalls { governor_at(governor) };
    stage.say("First a community airdrop: the owner mints 2 000 HELP each to Erin and Dave.");
    stage.ok(&owner, stage.token().grant_minter(owner))?;
    for holder in [erin, dave] {
        stage.ok(&owner, stage.token().mint_to(holder, 2_000))?;
    }
    stage.ok(&owner, stage.token().revoke_minter(owner))?;
    stage.say("The owner proposes the governor as owner of both contracts; anyone completes it.");
    stage.ok(&owner, stage.desk().transfer_ownership(governor))?;
    stage.ok(&owner, stage.token().transfer_ownership(governor))?;
    stage.ok(&keeper, gov().accept_desk_ownership())?;
    stage.ok(&keeper, gov().accept_token_ownership())?;

    stage.say("Erin and Dave lock HELP in the governor's escrow: their vote weight.");
    for (holder, amount) in [(erin, 1_500), (dave, 1_000)] {
        stage.ok(&holder, stage.token().approve(governor, amount))?;
        stage.ok(&holder, gov().lock(amount))?;
    }
    let faster = SlaPolicy {
        first_response_ms: 30 * MINUTE_MS,
        ..stage
            .suite
            .desk(|d| d.sla_policy(Tier::Standard, Priority::Normal))
    };
    let change = Action::SetSlaPolicy {
        tier: Tier::Standard,
        priority: Priority::Normal,
        policy: faster.clone(),
    };
    stage.say(&format!(
        "Erin proposes, in words: {}.",
        words::action(&change, &|account| stage.readable(format!("{account:?}")))
    ));
    let id = stage.ok(&erin, gov().propose(vec![change], Hash::from([7; 32])))?;

    stage.wait(DAY_MS);
    stage.say("Voting opens a day later. Erin votes for, Dave against, Carol has no escrow.");
    stage.ok(&erin, gov().vote(id, Support::For))?;
    stage.ok(&dave, gov().vote(id, Support::Against))?;
    stage.refused(&carol, gov().vote(id, Support::For))?;
    stage.say("Dave would like his tokens back to vote again from another account: locked.");
    stage.refused(&dave, gov().unlock(1_000))?;

    stage.wait(7 * DAY_MS);
    stage.say("A week later the vote has passed (For 1 500 > Against 1 000, quorum reached).");
    stage.ok(&keeper, gov().queue(id))?;
    stage.refused(&keeper, gov().execute(id))?;
    stage.wait(2 * DAY_MS + HOUR_MS);
    stage.say("After the two-day timelock anyone executes it.");
    stage.ok(&keeper, gov().execute(id))?;
    let policy = stage
        .suite
        .desk(|d| d.sla_policy(Tier::Standard, Priority::Normal));
    println!(
        "    policy on chain: first response {}",
        words::duration(policy.first_response_ms)
    );
    stage.say("The former owner cannot go around the vote any more.");
    stage.refused(
        &owner,
        stage
            .desk()
            .set_sla_policy(Tier::Standard, Priority::Normal, faster),
    )?;
    stage.ok(&dave, gov().unlock(1_000))?;
    let back = stage.suite.token(|t| t.balance_of(dave));
    println!("    Dave's HELP back after the vote: {back}");
    Ok(())
}
