//! `helpdesk upgrade`: announces new code, switches after the desk's delay, and checks that the
//! data reads back the same.

use super::chain::{account, Account, Chain};
use super::config::AddressBook;
use super::deploy::upload;
use super::say::gas_line;
use anyhow::{bail, Context, Result};
use help_desk::desk::{Counters, PendingUpgrade};
use help_desk::ticket::Ticket;
use help_desk::DeskError;
use helpdesk_sandbox::Contract;
use std::path::Path;

/// What the upgrade check reads before and after.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    count: u64,
    counters: Counters,
    sample: Vec<(u64, Option<Ticket>)>,
}

async fn snapshot(chain: &Chain, desk: &Account) -> Result<Snapshot> {
    let count: u64 = chain
        .query(Contract::HelpDesk, desk, "ticket_count", &[])
        .await?;
    let counters: Counters = chain
        .query(Contract::HelpDesk, desk, "counters", &[])
        .await?;
    let mut ids: Vec<u64> = [1, count / 2, count]
        .into_iter()
        .filter(|id| (1..=count).contains(id))
        .collect();
    ids.dedup();
    let mut sample = Vec::new();
    for id in ids {
        sample.push((
            id,
            chain
                .query(Contract::HelpDesk, desk, "ticket", &[id.to_string()])
                .await?,
        ));
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
pub async fn upgrade(chain: &Chain, book_path: &Path, code: Option<&Path>) -> Result<UpgradeStep> {
    let mut book = AddressBook::load(book_path)?
        .with_context(|| format!("no address book at {}: deploy first", book_path.display()))?;
    let desk = account(&book.help_desk.address)?;
    println!("[1/4] read the data before");
    let before = snapshot(chain, &desk).await?;
    println!(
        "      {} tickets, counters {:?}",
        before.count, before.counters
    );
    println!("[2/4] upload the new code");
    let code = match code {
        Some(bundle) => {
            let (hash, new) = chain.upload_bundle(bundle.to_path_buf()).await?;
            println!(
                "      {hash:?} from {} {}",
                bundle.display(),
                if new { "stored" } else { "already on chain" }
            );
            hash
        }
        None => upload(chain, Contract::HelpDesk).await?,
    };
    let pending: Option<PendingUpgrade> = chain
        .query(Contract::HelpDesk, &desk, "pending_upgrade", &[])
        .await?;
    let pending = match pending.filter(|p| p.code_hash.as_ref() == code.as_bytes()) {
        Some(pending) => pending,
        None => {
            println!("[3/4] announce the upgrade (schedule_upgrade)");
            let done = chain
                .submit::<(), DeskError>(
                    Contract::HelpDesk,
                    &desk,
                    "schedule_upgrade",
                    &[format!("{code:?}")],
                )
                .await?;
            println!(
                "      {}\n{}",
                done.events.join("\n      "),
                gas_line(&done)
            );
            chain
                .query::<Option<PendingUpgrade>>(Contract::HelpDesk, &desk, "pending_upgrade", &[])
                .await?
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
    let done = chain
        .submit::<(), DeskError>(Contract::HelpDesk, &desk, "upgrade", &[format!("{code:?}")])
        .await?;
    println!(
        "      {}\n{}",
        done.events.join("\n      "),
        gas_line(&done)
    );
    println!("[4/4] read the data after");
    let after = snapshot(chain, &desk).await?;
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
