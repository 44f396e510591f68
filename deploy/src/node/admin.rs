//! The operator's small commands: agents, tiers and policies (set only when they differ), a
//! ticket, the due list, and exporting the artifacts front ends need.

use super::chain::{Account, Chain};
use super::say::gas_line;
use anyhow::{anyhow, bail, Context, Result};
use help_desk::desk::DueTickets;
use help_desk::sla::SlaPolicy;
use help_desk::ticket::Ticket;
use help_desk::DeskError;
use helpdesk_sandbox::suite::policy_arg;
use helpdesk_sandbox::Contract;
use std::path::Path;

/// Adds an agent or changes its level, unless it already has it.
pub async fn set_agent(chain: &Chain, desk: &Account, agent: &Account, level: u8) -> Result<()> {
    let current: Option<u8> = chain
        .query(
            Contract::HelpDesk,
            desk,
            "agent_level",
            &[agent.to_string()],
        )
        .await?;
    if current == Some(level) {
        println!("      unchanged");
        return Ok(());
    }
    let args = [agent.to_string(), level.to_string()];
    submit_to_desk(chain, desk, "set_agent", &args).await
}

/// Submits an owner message to the desk (dry-run first) and prints its events and gas.
async fn submit_to_desk(
    chain: &Chain,
    desk: &Account,
    message: &str,
    args: &[String],
) -> Result<()> {
    let done = chain
        .submit::<(), DeskError>(Contract::HelpDesk, desk, message, args)
        .await?;
    println!(
        "      {}\n{}",
        done.events.join("\n      "),
        gas_line(&done)
    );
    Ok(())
}

/// Places a customer in a tier, unless it already is there.
pub async fn set_customer_tier(
    chain: &Chain,
    desk: &Account,
    customer: &Account,
    tier: &str,
) -> Result<()> {
    let who = [customer.to_string()];
    let placed: bool = chain
        .query(Contract::HelpDesk, desk, "is_placed", &who)
        .await?;
    let current: help_desk::ticket::Tier = chain
        .query(Contract::HelpDesk, desk, "customer_tier", &who)
        .await?;
    if placed && format!("{current:?}") == tier {
        println!("      unchanged");
        return Ok(());
    }
    let args = [customer.to_string(), tier.to_string()];
    submit_to_desk(chain, desk, "set_customer_tier", &args).await
}

/// Sets the SLA policy of (tier, priority), unless it already is that.
pub async fn set_policy(
    chain: &Chain,
    desk: &Account,
    tier: &str,
    priority: &str,
    policy: &SlaPolicy,
) -> Result<()> {
    let key = [tier.to_string(), priority.to_string()];
    let current: SlaPolicy = chain
        .query(Contract::HelpDesk, desk, "sla_policy", &key)
        .await?;
    if &current == policy {
        println!("      unchanged");
        return Ok(());
    }
    let args = [tier.to_string(), priority.to_string(), policy_arg(policy)];
    let done = chain
        .submit::<(), DeskError>(Contract::HelpDesk, desk, "set_sla_policy", &args)
        .await?;
    println!("{}", gas_line(&done));
    Ok(())
}

/// Prints a ticket.
pub async fn show_ticket(chain: &Chain, desk: &Account, id: u64) -> Result<()> {
    let ticket: Option<Ticket> = chain
        .query(Contract::HelpDesk, desk, "ticket", &[id.to_string()])
        .await?;
    match ticket {
        Some(ticket) => println!("{ticket:#?}"),
        None => bail!("no ticket {id}"),
    }
    Ok(())
}

/// Prints the tickets with an automatic action due now.
pub async fn list_due(chain: &Chain, desk: &Account, limit: u32) -> Result<()> {
    let due: Result<DueTickets, DeskError> = chain
        .query(
            Contract::HelpDesk,
            desk,
            "due_tickets",
            &[limit.to_string()],
        )
        .await?;
    let due = due.map_err(|e| anyhow!("due_tickets refused: {e:?}"))?;
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

/// Copies this build's artifacts of both contracts into `out`: `<name>.contract`, `<name>.json`
/// and `<name>.cold.wasm` (see `helpdesk_common::split`).
pub fn export_artifacts(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for (contract, name) in [
        (Contract::LoyaltyToken, "loyalty_token"),
        (Contract::HelpDesk, "help_desk"),
    ] {
        let bundle = Path::new(contract.bundle_path());
        for (from, to) in [
            (bundle.to_path_buf(), format!("{name}.contract")),
            (bundle.with_extension("json"), format!("{name}.json")),
        ] {
            std::fs::copy(&from, out.join(&to))
                .with_context(|| format!("copying {}", from.display()))?;
            println!("{}", out.join(to).display());
        }
        if let Some(cold) = contract.cold_code() {
            let to = out.join(format!("{name}.cold.wasm"));
            std::fs::write(&to, cold).with_context(|| format!("writing {}", to.display()))?;
            println!("{}", to.display());
        }
    }
    Ok(())
}
