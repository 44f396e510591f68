//! The help desk's state-changing messages, each measured in the situations its rows name:
//! administration, the ticket lifecycle, the SLA engine, owed rewards, ownership and code.

use super::messages::{second_instance, MessageRow, Recorder};
use anyhow::anyhow;
use help_desk::ticket::{Priority, Status, Tier};
use help_desk::HelpDeskRef;
use helpdesk_sandbox::suite::{hash, who, Suite, DAY_MS, HOUR_MS, PSP22};
use helpdesk_sandbox::{account, AccountId, Contract};

/// The case of `open_ticket` that block capacity counts: a customer's next ticket in a
/// deadline bucket that already exists.
pub(super) const NEXT_TICKET: &str = "customer's next ticket";

/// Measures the desk's deployment (a second instance) and every state-changing message of the
/// suite's desk, one row each onto `rows`.
pub(super) fn desk_messages(rows: &mut Vec<MessageRow>) -> anyhow::Result<()> {
    let mut suite = Suite::new();
    let (token, desk) = (suite.token, suite.desk);
    let cost = second_instance(&mut suite, Contract::HelpDesk, HelpDeskRef::new(token))?;
    rows.push(MessageRow::deployment(Contract::HelpDesk, cost));
    let (carol, erin) = (who::carol(), who::erin());
    let (agent, supervisor) = (who::agent(), who::supervisor());
    let mut r = Recorder {
        rows,
        contract: Contract::HelpDesk,
    };

    // Administration.
    suite.as_(&who::owner());
    let result = suite.desk(|d| d.set_agent(account(41), 1));
    r.push(&suite, "owner, new agent", result)?;
    let result = suite.desk(|d| d.remove_agent(account(41)));
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.set_customer_tier(who::dave(), Tier::Premium));
    r.push(&suite, "owner", result)?;
    let policy = suite.desk(|d| d.sla_policy(Tier::Standard, Priority::Normal));
    let result = suite.desk(|d| d.set_sla_policy(Tier::Standard, Priority::High, policy.clone()));
    r.push(&suite, "owner", result)?;
    let settings = suite.desk(|d| d.settings());
    let result = suite.desk(|d| d.set_settings(settings.clone()));
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.pause());
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.unpause());
    r.push(&suite, "owner", result)?;

    // The ticket lifecycle.
    suite.as_(&carol);
    let first = suite.desk(|d| d.open_ticket(Priority::Normal, 7, hash(1)));
    let first = r.push(&suite, "first ticket of a customer", first)?;
    let t = suite.desk(|d| d.open_ticket(Priority::Normal, 7, hash(2)));
    let t = r.push(&suite, NEXT_TICKET, t)?;
    suite.as_(&erin);
    let result = suite.desk(|d| d.respond(t, hash(3)));
    r.push(&suite, "community member", result)?;
    suite.as_(&agent);
    let result = suite.desk(|d| d.respond(t, hash(4)));
    r.push(&suite, "agent (first response)", result)?;
    let result = suite.desk(|d| d.assign(t, agent));
    r.push(&suite, "agent claims", result)?;
    let result = suite.desk(|d| d.set_status(t, Status::Pending));
    r.push(&suite, "agent: Open -> Pending", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.respond(t, hash(5)));
    r.push(&suite, "customer (Pending -> Open)", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.accept_answer(t, erin));
    r.push(&suite, "customer (paid when the ticket closes)", result)?;
    let result = suite.desk(|d| d.escalate(t, hash(6)));
    r.push(&suite, "customer", result)?;
    suite.as_(&supervisor);
    let result = suite.desk(|d| d.resolve(t, hash(7)));
    r.push(&suite, "supervisor", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.reopen(t, hash(8)));
    r.push(&suite, "customer", result)?;
    suite.as_(&agent);
    let result = suite.desk(|d| d.assign(first, agent));
    r.push(&suite, "agent claims", result)?;
    let result = suite.desk(|d| d.resolve(first, hash(9)));
    r.push(&suite, "assigned agent", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.confirm(first, Some(5)));
    r.push(&suite, "customer rates (mints the reward)", result)?;
    let result = suite.desk(|d| d.open_follow_up(first, Priority::Low, 7, hash(10)));
    let follow_up = r.push(&suite, "customer", result)?;
    // Boosting burns the price through the token: Carol holds the rating reward and approves.
    let price = settings.boost_price;
    suite
        .token(|t| t.approve(desk, price))
        .map_err(|e| anyhow!("approve: {e:?}"))?;
    fund_with_tokens(&mut suite, &carol, price)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.boost_priority(follow_up));
    r.push(&suite, "customer (burns the price)", result)?;

    // The SLA engine: the follow-up's first response is now overdue.
    suite.advance(2 * DAY_MS);
    suite.as_(&who::keeper());
    let result = suite.desk(|d| d.poke(follow_up));
    r.push(&suite, "one ticket's due actions", result)?;
    suite.as_(&carol);
    let spam = suite.desk(|d| d.open_ticket(Priority::Normal, 7, hash(13)));
    let spam = r.push(&suite, NEXT_TICKET, spam)?;
    suite.as_(&agent);
    let result = suite.desk(|d| d.close_invalid(spam, hash(14)));
    r.push(&suite, "agent of the queue's level", result)?;
    suite.as_(&carol);
    let due = suite.desk(|d| d.open_ticket(Priority::Urgent, 7, hash(11)));
    r.push(&suite, NEXT_TICKET, due)?;
    suite.advance(2 * HOUR_MS);
    suite.as_(&who::keeper());
    let result = suite.desk(|d| d.process_due(10));
    r.push(
        &suite,
        "every due action (mints compensation + keeper reward)",
        result,
    )?;

    // A reward the token refuses is owed, then claimed.
    suite.as_(&who::owner());
    suite
        .token(|t| t.revoke_minter(desk))
        .map_err(|e| anyhow!("revoke_minter: {e:?}"))?;
    suite.as_(&carol);
    let owed = suite.desk(|d| d.open_ticket(Priority::Urgent, 7, hash(12)));
    owed.map_err(|e| anyhow!("open_ticket: {e:?}"))?;
    suite.advance(2 * HOUR_MS);
    suite.as_(&who::keeper());
    suite
        .desk(|d| d.process_due(10))
        .map_err(|e| anyhow!("process_due: {e:?}"))?;
    suite.as_(&who::owner());
    suite
        .token(|t| t.grant_minter(desk))
        .map_err(|e| anyhow!("grant_minter: {e:?}"))?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.claim_owed(None));
    r.push(&suite, "customer (mints)", result)?;

    // Ownership and code.
    suite.as_(&who::owner());
    let result = suite.desk(|d| d.transfer_ownership(who::dave()));
    r.push(&suite, "owner", result)?;
    suite.as_(&who::dave());
    let result = suite.desk(|d| d.accept_ownership());
    r.push(&suite, "proposed owner", result)?;
    let code_arg = suite.code_hash(Contract::HelpDesk);
    let result = suite.desk(|d| d.schedule_upgrade(code_arg));
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.cancel_upgrade());
    r.push(&suite, "owner", result)?;
    suite
        .desk(|d| d.schedule_upgrade(code_arg))
        .map_err(|e| anyhow!("schedule_upgrade: {e:?}"))?;
    suite.advance(settings.upgrade_delay_ms);
    suite.as_(&who::dave());
    let result = suite.desk(|d| d.upgrade(code_arg));
    r.push(
        &suite,
        "owner, after the delay (checks the new code by a delegate call)",
        result,
    )?;
    Ok(())
}

/// Gives `who` `amount` loyalty tokens: the owner makes itself a minter and mints them.
fn fund_with_tokens(suite: &mut Suite, who: &AccountId, amount: u128) -> anyhow::Result<()> {
    suite.as_(&who::owner());
    let owner = who::owner();
    let _ = suite.token(|t| t.grant_minter(owner));
    suite
        .token(|t| t.mint_to(*who, amount))
        .map_err(|e| anyhow!("mint_to: {e:?}"))
}
