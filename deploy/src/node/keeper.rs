//! `helpdesk keeper`: sweeps due SLA actions as they come, with back-off when the node is away.

use super::chain::{ink, Account, Chain};
use anyhow::{anyhow, Context, Result};
use help_desk::desk::SweepReport;
use helpdesk_client::desk_at;
use std::sync::mpsc;
use std::time::Duration;

/// A channel that receives once when Ctrl-C is pressed (a thread waits for the signal).
fn ctrl_c() -> Result<mpsc::Receiver<()>> {
    let (tx, rx) = mpsc::channel();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the signal watcher")?;
    std::thread::spawn(move || {
        if runtime.block_on(tokio::signal::ctrl_c()).is_ok() {
            let _ = tx.send(());
        }
    });
    Ok(rx)
}

/// One keeper round: if `due_tickets` lists work, or its look did not reach now (stale entries
/// or idle time ahead of the sweeps' position), `process_due(max)`. Returns the report (None:
/// nothing was due and the look was complete).
pub fn keeper_round(chain: &mut Chain, desk: &Account, max: u32) -> Result<Option<SweepReport>> {
    let mut desk = desk_at(ink(desk));
    let due = chain
        .query(desk.due_tickets(max.clamp(1, 100)))?
        .map_err(|e| anyhow!("due_tickets refused: {e:?}"))?;
    if due.ids.is_empty() && due.complete {
        return Ok(None);
    }
    let due = due.ids;
    let done = chain.submit(desk.process_due(max))?;
    let r = done.value;
    println!(
        "keeper: due {due:?} -> {} actions on {} tickets ({} skipped){}; gas {} ref_time",
        r.actions,
        r.tickets,
        r.skipped,
        if r.more { ", more remains" } else { "" },
        done.gas.0
    );
    for event in &done.events {
        println!("keeper:   {event}");
    }
    Ok(Some(r))
}

/// The keeper bot: rounds every `interval` (straight away again while work remains), retrying
/// with back-off (1 s doubling to 60 s) when the node is unreachable or a call fails; stops on
/// Ctrl-C between rounds. `once`: a single round, its error returned.
pub fn keeper(
    chain: &mut Chain,
    desk: &Account,
    max: u32,
    interval: Duration,
    once: bool,
) -> Result<()> {
    if once {
        if keeper_round(chain, desk, max)?.is_none() {
            println!("keeper: nothing due");
        }
        return Ok(());
    }
    println!(
        "keeper: watching {desk} on {} every {interval:?} (Ctrl-C stops)",
        chain.url
    );
    let stop = ctrl_c()?;
    let mut backoff = Duration::from_secs(1);
    loop {
        let wait = match keeper_round(chain, desk, max) {
            Ok(Some(report)) if report.more => Duration::ZERO,
            Ok(_) => {
                backoff = Duration::from_secs(1);
                interval
            }
            Err(error) => {
                println!("keeper: {error:#}; retrying in {backoff:?}");
                chain.disconnect();
                let wait = backoff;
                backoff = backoff.saturating_mul(2).min(Duration::from_secs(60));
                wait
            }
        };
        if stop.recv_timeout(wait).is_ok() {
            println!("keeper: stopping (Ctrl-C)");
            return Ok(());
        }
    }
}
