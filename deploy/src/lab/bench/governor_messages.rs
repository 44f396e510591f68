//! The governor's messages, each measured in the situation its row names: deployment, locking
//! escrow, proposing, voting, queueing, executing a policy change, unlocking.

use super::messages::{second_instance, MessageRow, Recorder};
use governor::action::Action;
use governor::params::Params;
use governor::proposal::Support;
use governor::GovernorRef;
use help_desk::ticket::{Priority, Tier};
use helpdesk_sandbox::suite::{story_policy, who, Suite, DAY_MS, HOUR_MS, PSP22};
use helpdesk_sandbox::{account, governor_at, ChainExt, Contract, Hash};

/// A refusal while setting the bench up.
fn refused<E: std::fmt::Debug>(error: E) -> anyhow::Error {
    anyhow::anyhow!("bench setup: {error:?}")
}

/// Measures the governor's deployment (a second instance) and a proposal's whole life on a
/// desk and token the governor owns, one row per message onto `rows`.
pub(super) fn governor_messages(rows: &mut Vec<MessageRow>) -> anyhow::Result<()> {
    let mut suite = Suite::new();
    let owner = who::owner();
    let (desk, token) = (suite.desk, suite.token);
    let params = Params {
        proposal_threshold: 100,
        ..Params::default()
    };
    let governor = suite.chain.deploy(
        &owner,
        Contract::Governor,
        GovernorRef::new(desk, token, params, None),
    );
    suite.as_(&owner);
    let cost = second_instance(
        &mut suite,
        Contract::Governor,
        GovernorRef::new(desk, token, params, None),
    )?;
    rows.push(MessageRow::deployment(Contract::Governor, cost));
    let (alice, bob) = (account(40), account(41));
    suite.token(|t| t.grant_minter(owner)).map_err(refused)?;
    for voter in [alice, bob] {
        suite.token(|t| t.mint_to(voter, 10_000)).map_err(refused)?;
    }
    suite
        .desk(|d| d.transfer_ownership(governor))
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let g = || governor_at(governor);
    suite
        .call(g().accept_desk_ownership())
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;

    let mut r = Recorder {
        rows,
        contract: Contract::Governor,
    };
    for voter in [alice, bob] {
        suite.as_(&voter);
        suite
            .token(|t| t.approve(governor, 10_000))
            .map_err(refused)?;
    }
    suite.as_(&alice);
    let result = suite.call(g().lock(4_000));
    r.push(&suite, "new escrow", result)?;
    let result = suite.call(g().lock(1_000));
    r.push(&suite, "existing escrow", result)?;
    suite.as_(&bob);
    let result = suite.call(g().lock(3_000));
    r.push(&suite, "new escrow", result)?;
    suite.as_(&alice);
    let change = Action::SetSlaPolicy {
        tier: Tier::Standard,
        priority: Priority::Normal,
        policy: story_policy(),
    };
    let result = suite.call(g().propose(vec![change], Hash::from([7; 32])));
    let id = r.push(&suite, "one SLA policy action", result)?;
    suite.advance(DAY_MS);
    let result = suite.call(g().vote(id, Support::For));
    r.push(&suite, "first vote", result)?;
    suite.as_(&bob);
    let result = suite.call(g().vote(id, Support::Against));
    r.push(&suite, "second vote", result)?;
    suite.advance(7 * DAY_MS);
    let result = suite.call(g().queue(id));
    r.push(&suite, "anyone", result)?;
    suite.advance(2 * DAY_MS + HOUR_MS);
    let result = suite.call(g().execute(id));
    r.push(&suite, "one SLA policy action", result)?;
    let result = suite.call(g().unlock(3_000));
    r.push(&suite, "whole escrow", result)?;
    Ok(())
}
