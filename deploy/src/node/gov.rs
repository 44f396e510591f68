//! `helpdesk gov …`: token holders' side of governance on a node. Lock and unlock escrow,
//! propose from a file, vote, queue, execute, show a proposal with its actions in words, and
//! the governor's acceptance of the desk and the token. Every call is dry-run first, so a
//! refusal prints the governor's typed error.

use super::chain::{ink, ss58, Account, Chain, Submitted};
use super::gov_config::ProposalFile;
use super::say::gas_line;
use anyhow::{Context, Result};
use governor::proposal::{ProposalId, Support};
use helpdesk_client::{desk_at, governor_at, token_at, words};
use std::path::Path;

/// Prints a submitted call's events and gas.
fn print_done<T>(done: &Submitted<T>) {
    println!("      {}\n{}", done.events.join("\n      "), gas_line(done));
}

/// An account as SS58.
fn name(account: &ink::primitives::AccountId) -> String {
    ss58(account).to_string()
}

/// Approves the governor for `amount` on the token and locks it in escrow.
pub fn lock(chain: &mut Chain, governor: &Account, amount: u128) -> Result<()> {
    let gov = governor_at(ink(governor));
    let token = chain.query(gov.token())?;
    println!("[1/2] approve the governor for {amount}");
    print_done(&chain.submit(psp22::PSP22::approve(
        &mut token_at(token),
        ink(governor),
        amount,
    ))?);
    println!("[2/2] lock {amount}");
    print_done(&chain.submit(governor_at(ink(governor)).lock(amount))?);
    Ok(())
}

/// Returns `amount` of escrow (refused while it backs a live vote or proposal).
pub fn unlock(chain: &mut Chain, governor: &Account, amount: u128) -> Result<()> {
    print_done(&chain.submit(governor_at(ink(governor)).unlock(amount))?);
    Ok(())
}

/// Proposes the actions of a proposal file; prints them in words first and returns the id.
pub fn propose(chain: &mut Chain, governor: &Account, file: &Path) -> Result<ProposalId> {
    let proposal = ProposalFile::load(file)?;
    let actions = proposal.actions()?;
    println!("proposing: {}", proposal.description);
    for (i, action) in actions.iter().enumerate() {
        println!("  {}. {}", i + 1, words::action(action, &name));
    }
    let done =
        chain.submit(governor_at(ink(governor)).propose(actions, proposal.description_hash()))?;
    print_done(&done);
    println!("proposal {}", done.value);
    Ok(done.value)
}

/// Votes on `id` with the signer's whole escrow.
pub fn vote(chain: &mut Chain, governor: &Account, id: ProposalId, support: Support) -> Result<()> {
    print_done(&chain.submit(governor_at(ink(governor)).vote(id, support))?);
    Ok(())
}

/// Queues a passed proposal.
pub fn queue(chain: &mut Chain, governor: &Account, id: ProposalId) -> Result<()> {
    print_done(&chain.submit(governor_at(ink(governor)).queue(id))?);
    Ok(())
}

/// Executes a queued proposal whose timelock is over.
pub fn execute(chain: &mut Chain, governor: &Account, id: ProposalId) -> Result<()> {
    print_done(&chain.submit(governor_at(ink(governor)).execute(id))?);
    Ok(())
}

/// Prints a proposal: state, schedule, tally against quorum, and its actions in words.
pub fn show(chain: &mut Chain, governor: &Account, id: ProposalId) -> Result<()> {
    let gov = governor_at(ink(governor));
    let proposal = chain
        .query(gov.proposal(id))?
        .with_context(|| format!("no proposal {id}"))?;
    let state = chain.query(gov.state(id))?;
    println!("{}", words::proposal(id, &proposal, state, &name));
    Ok(())
}

/// Makes the governor accept the desk's and the token's ownership their owner proposed to it
/// (each skipped if the governor owns it already).
pub fn accept(chain: &mut Chain, governor: &Account) -> Result<()> {
    let me = ink(governor);
    let mut gov = governor_at(me);
    let desk = chain.query(gov.desk())?;
    if chain.query(desk_at(desk).owner())? == me {
        println!("      the governor owns the desk already");
    } else {
        println!("      the governor accepts the desk");
        print_done(&chain.submit(gov.accept_desk_ownership())?);
    }
    let token = chain.query(gov.token())?;
    if chain.query(token_at(token).owner())? == me {
        println!("      the governor owns the token already");
    } else {
        println!("      the governor accepts the token");
        print_done(&chain.submit(gov.accept_token_ownership())?);
    }
    Ok(())
}
