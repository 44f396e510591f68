//! The operator's small commands: agents, tiers and policies (set only when they differ), a
//! ticket, the due list, and exporting the artifacts front ends need.

use super::chain::{ink, Account, Chain, Submitted};
use super::say::gas_line;
use anyhow::{anyhow, bail, Context, Result};
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Tier};
use helpdesk_bundles::Contract;
use helpdesk_client::desk_at;
use std::path::Path;

/// Adds an agent or changes its level, unless it already has it.
pub fn set_agent(chain: &mut Chain, desk: &Account, agent: &Account, level: u8) -> Result<()> {
    let (desk, agent) = (desk_at(ink(desk)), ink(agent));
    if chain.query(desk.agent_level(agent))? == Some(level) {
        println!("      unchanged");
        return Ok(());
    }
    let mut desk = desk;
    print_done(&chain.submit(desk.set_agent(agent, level))?);
    Ok(())
}

/// Prints a submitted owner call's events and gas.
fn print_done<T>(done: &Submitted<T>) {
    println!("      {}\n{}", done.events.join("\n      "), gas_line(done));
}

/// Places a customer in a tier, unless it already is there.
pub fn set_customer_tier(
    chain: &mut Chain,
    desk: &Account,
    customer: &Account,
    tier: Tier,
) -> Result<()> {
    let (mut desk, customer) = (desk_at(ink(desk)), ink(customer));
    let placed = chain.query(desk.is_placed(customer))?;
    if placed && chain.query(desk.customer_tier(customer))? == tier {
        println!("      unchanged");
        return Ok(());
    }
    print_done(&chain.submit(desk.set_customer_tier(customer, tier))?);
    Ok(())
}

/// Sets the SLA policy of (tier, priority), unless it already is that.
pub fn set_policy(
    chain: &mut Chain,
    desk: &Account,
    tier: Tier,
    priority: Priority,
    policy: &SlaPolicy,
) -> Result<()> {
    let mut desk = desk_at(ink(desk));
    if &chain.query(desk.sla_policy(tier, priority))? == policy {
        println!("      unchanged");
        return Ok(());
    }
    let done = chain.submit(desk.set_sla_policy(tier, priority, policy.clone()))?;
    println!("{}", gas_line(&done));
    Ok(())
}

/// Prints a ticket.
pub fn show_ticket(chain: &mut Chain, desk: &Account, id: u64) -> Result<()> {
    match chain.query(desk_at(ink(desk)).ticket(id))? {
        Some(ticket) => println!("{ticket:#?}"),
        None => bail!("no ticket {id}"),
    }
    Ok(())
}

/// Prints the tickets with an automatic action due now.
pub fn list_due(chain: &mut Chain, desk: &Account, limit: u32) -> Result<()> {
    let due = chain
        .query(desk_at(ink(desk)).due_tickets(limit))?
        .map_err(|e| anyhow!("due_tickets refused: {e:?}"))?;
    println!(
        "{} due: {:?}{}; sweeps lag {} s behind",
        due.ids.len(),
        due.ids,
        if due.complete {
            ""
        } else {
            " (the look stopped early: run the keeper)"
        },
        due.lag_ms / 1000
    );
    Ok(())
}

/// Copies this build's artifacts of the suite's contracts into `out`: `<name>.contract`, `<name>.json`
/// and `<name>.cold.wasm` (see `helpdesk_common::split`).
pub fn export_artifacts(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for contract in Contract::SUITE {
        let name = contract.name();
        let bundle = Path::new(contract.bundle_path());
        for (from, to) in [
            (bundle.to_path_buf(), format!("{name}.contract")),
            (bundle.with_extension("json"), format!("{name}.json")),
        ] {
            std::fs::copy(&from, out.join(&to))
                .with_context(|| format!("copying {}", from.display()))?;
            println!("{}", out.join(to).display());
        }
        if let Some(cold) = contract.code().cold {
            let to = out.join(format!("{name}.cold.wasm"));
            std::fs::write(&to, cold).with_context(|| format!("writing {}", to.display()))?;
            println!("{}", to.display());
        }
    }
    Ok(())
}
