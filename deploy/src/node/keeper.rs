//! `helpdesk keeper`: sweeps due SLA actions as they come, with back-off when the node is away.

use super::chain::{Account, Chain};
use anyhow::{anyhow, Result};
use help_desk::desk::{DueTickets, SweepReport};
use help_desk::DeskError;
use helpdesk_sandbox::Contract;
use std::time::Duration;

/// One keeper round: if `due_tickets` lists work, or its look did not reach now (stale entries
/// or idle time ahead of the sweeps' position), `process_due(max)`. Returns the report (None:
/// nothing was due and the look was complete).
pub async fn keeper_round(chain: &Chain, desk: &Account, max: u32) -> Result<Option<SweepReport>> {
    let due: Result<DueTickets, DeskError> = chain
        .query(
            Contract::HelpDesk,
            desk,
            "due_tickets",
            &[max.clamp(1, 100).to_string()],
        )
        .await?;
    let due = due.map_err(|e| anyhow!("due_tickets refused: {e:?}"))?;
    if due.ids.is_empty() && due.complete {
        return Ok(None);
    }
    let due = due.ids;
    let done = chain
        .submit::<SweepReport, DeskError>(
            Contract::HelpDesk,
            desk,
            "process_due",
            &[max.to_string()],
        )
        .await?;
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
pub async fn keeper(
    chain: &Chain,
    desk: &Account,
    max: u32,
    interval: Duration,
    once: bool,
) -> Result<()> {
    if once {
        if keeper_round(chain, desk, max).await?.is_none() {
            println!("keeper: nothing due");
        }
        return Ok(());
    }
    println!(
        "keeper: watching {desk} on {} every {interval:?} (Ctrl-C stops)",
        chain.url
    );
    let mut backoff = Duration::from_secs(1);
    loop {
        let wait = match keeper_round(chain, desk, max).await {
            Ok(Some(report)) if report.more => Duration::ZERO,
            Ok(_) => {
                backoff = Duration::from_secs(1);
                interval
            }
            Err(error) => {
                println!("keeper: {error:#}; retrying in {backoff:?}");
                let wait = backoff;
                backoff = backoff.saturating_mul(2).min(Duration::from_secs(60));
                wait
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = tokio::signal::ctrl_c() => {
                println!("keeper: stopping (Ctrl-C)");
                return Ok(());
            }
        }
    }
}
