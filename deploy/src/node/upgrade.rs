//! `helpdesk upgrade`: announces new code, switches after the desk's delay, and checks that the
//! data reads back the same.

use super::chain::{account, ink, Account, Chain};
use super::config::AddressBook;
use super::deploy::upload;
use super::say::gas_line;
use anyhow::{bail, Context, Result};
use help_desk::desk::Counters;
use help_desk::ticket::Ticket;
use helpdesk_bundles::{Code, Contract};
use helpdesk_client::desk_at;
use std::path::Path;

/// What the upgrade check reads before and after.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    count: u64,
    counters: Counters,
    sample: Vec<(u64, Option<Ticket>)>,
}

fn snapshot(chain: &mut Chain, desk: &Account) -> Result<Snapshot> {
    let desk = desk_at(ink(desk));
    let count = chain.query(desk.ticket_count())?;
    let counters = chain.query(desk.counters())?;
    let mut ids: Vec<u64> = [1, count / 2, count]
        .into_iter()
        .filter(|id| (1..=count).contains(id))
        .collect();
    ids.dedup();
    let mut sample = Vec::new();
    for id in ids {
        sample.push((id, chain.query(desk.ticket(id))?));
    }
    Ok(Snapshot {
        count,
        counters,
        sample,
    })
}

/// Whether an upgrade went through or was announced for later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpgradeStep {
    /// Announced (now or earlier); `upgrade` can take effect from this block time (ms).
    Announced { not_before: u64 },
    /// The desk runs the new code, and the data read back the same.
    Done,
}

/// Moves the help desk recorded in the address book to new code (the `.contract` bundle `code`,
/// or this checkout's build). An upgrade is announced first (`schedule_upgrade`) and takes
/// effect after the desk's upgrade delay: the first run announces it, a run after the delay
/// makes the switch (`upgrade`, which checks the new code on the desk's storage) and checks
/// that the data reads back the same.
pub fn upgrade(chain: &mut Chain, book_path: &Path, code: Option<&Path>) -> Result<UpgradeStep> {
    let mut book = AddressBook::load(book_path)?
        .with_context(|| format!("no address book at {}: deploy first", book_path.display()))?;
    let desk = account(&book.help_desk.address)?;
    println!("[1/4] read the data before");
    let before = snapshot(chain, &desk)?;
    println!(
        "      {} tickets, counters {:?}",
        before.count, before.counters
    );
    println!("[2/4] upload the new code");
    let code = match code {
        Some(bundle) => {
            let new_code =
                Code::of_bundle(bundle).with_context(|| format!("reading {}", bundle.display()))?;
            let hash = chain.upload(&new_code)?;
            println!("      {hash:?} from {} on chain", bundle.display());
            hash
        }
        None => upload(chain, Contract::HelpDesk)?,
    };
    let mut calls = desk_at(ink(&desk));
    let pending = chain.query(calls.pending_upgrade())?;
    let pending = match pending.filter(|p| p.code_hash == code) {
        Some(pending) => pending,
        None => {
            println!("[3/4] announce the upgrade (schedule_upgrade)");
            let done = chain.submit(calls.schedule_upgrade(code))?;
            println!(
                "      {}\n{}",
                done.events.join("\n      "),
                gas_line(&done)
            );
            chain
                .query(calls.pending_upgrade())?
                .context("the announcement is not on chain")?
        }
    };
    if super::chain::now_ms() < pending.not_before {
        println!(
            "      announced: run `helpdesk upgrade` again from block time {} ms (in {} s)",
            pending.not_before,
            pending.not_before.saturating_sub(super::chain::now_ms()) / 1000
        );
        return Ok(UpgradeStep::Announced {
            not_before: pending.not_before,
        });
    }
    println!(
        "[3/4] upgrade {desk} from {} to {code:?}",
        book.help_desk.code_hash
    );
    let done = chain.submit(calls.upgrade(code))?;
    println!(
        "      {}\n{}",
        done.events.join("\n      "),
        gas_line(&done)
    );
    // Code from before the lock left the new cold blob unheld (a no-op otherwise).
    let held = chain.submit(calls.hold_cold_code())?;
    println!("      cold blob held against removal\n{}", gas_line(&held));
    println!("[4/4] read the data after");
    let after = snapshot(chain, &desk)?;
    if after != before {
        bail!("the data changed across the upgrade:\nbefore {before:?}\nafter  {after:?}");
    }
    println!(
        "      kept: {} tickets, counters equal, {} sampled tickets equal",
        after.count,
        after.sample.len()
    );
    book.help_desk.code_hash = format!("{code:?}");
    book.save(book_path)?;
    Ok(UpgradeStep::Done)
}
