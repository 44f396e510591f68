//! The node-facing commands: deploy (idempotent), keeper bot, upgrade with a data check, and the
//! operator's small commands. All go through [`Chain`], so every transaction is dry-run first
//! and a refusal prints the contract's decoded error.

use crate::chain::{account, Account, Chain};
use crate::config::{policy_arg, settings_arg, AddressBook, Deployed, DeskConfig};
use anyhow::{anyhow, bail, Context, Result};
use help_desk::desk::{Counters, DueTickets, PendingUpgrade, SweepReport};
use help_desk::settings::Settings;
use help_desk::sla::SlaPolicy;
use help_desk::ticket::Ticket;
use help_desk::DeskError;
use helpdesk_sandbox::Contract;
use loyalty_token::TokenError;
use std::path::Path;
use std::time::Duration;
use subxt::utils::H256;

/// A numbered progress line.
struct Progress {
    step: u32,
    total: u32,
}

impl Progress {
    fn say(&mut self, what: &str) {
        self.step = self.step.saturating_add(1);
        println!("[{}/{}] {what}", self.step, self.total);
    }
}

fn gas_line<T>(submitted: &crate::chain::Submitted<T>) -> String {
    format!(
        "      gas {} ref_time / {} proof_size, storage deposit {}",
        submitted.gas.0, submitted.gas.1, submitted.deposit
    )
}

/// Deploys the suite, or completes and re-applies a deployment recorded in the address book:
/// contracts already on chain are reused, settings already equal are left alone.
pub async fn deploy(
    chain: &Chain,
    config: &DeskConfig,
    network: &str,
    book_dir: &Path,
) -> Result<AddressBook> {
    let book_path = AddressBook::path(book_dir, network);
    let existing = AddressBook::load(&book_path)?;
    let total = 8u32
        .saturating_add(u32::try_from(config.agents.len()).unwrap_or(u32::MAX))
        .saturating_add(u32::try_from(config.policies.len()).unwrap_or(u32::MAX));
    let mut progress = Progress { step: 0, total };
    println!("deploying to {} as {}", chain.url, chain.me());

    progress.say("upload loyalty_token code");
    let token_code = upload(chain, Contract::LoyaltyToken).await?;
    progress.say("upload help_desk code");
    let desk_code = upload(chain, Contract::HelpDesk).await?;

    let salt = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos().to_le_bytes().to_vec())
        .unwrap_or_default();
    progress.say("instantiate loyalty_token");
    let t = &config.token;
    let token_args = [
        format!("Some({:?})", t.name),
        format!("Some({:?})", t.symbol),
        t.decimals.to_string(),
        t.supply_cap
            .map_or("None".to_string(), |c| format!("Some({c})")),
    ];
    let recorded = existing.as_ref().map(|b| &b.loyalty_token);
    let token =
        reuse_or_instantiate(chain, Contract::LoyaltyToken, recorded, &token_args, &salt).await?;
    progress.say("instantiate help_desk");
    let recorded = existing.as_ref().map(|b| &b.help_desk);
    let desk_args = [token.to_string()];
    let desk = reuse_or_instantiate(chain, Contract::HelpDesk, recorded, &desk_args, &salt).await?;

    progress.say("help desk is a minter of the token");
    let is_minter: bool = chain
        .query(
            Contract::LoyaltyToken,
            &token,
            "is_minter",
            &[desk.to_string()],
        )
        .await?;
    if is_minter {
        println!("      already");
    } else {
        let done = chain
            .submit::<(), TokenError>(
                Contract::LoyaltyToken,
                &token,
                "grant_minter",
                &[desk.to_string()],
            )
            .await?;
        println!("{}", gas_line(&done));
    }
    progress.say("mint allowance of the help desk");
    let limit: (u64, u128) = chain
        .query(Contract::LoyaltyToken, &token, "mint_limit", &[])
        .await?;
    let wanted = (
        config.token.mint_epoch_ms,
        u128::from(config.token.mint_per_epoch),
    );
    if limit == wanted {
        println!("      already {} per {} ms", wanted.1, wanted.0);
    } else {
        let done = chain
            .submit::<(), TokenError>(
                Contract::LoyaltyToken,
                &token,
                "set_mint_limit",
                &[wanted.0.to_string(), wanted.1.to_string()],
            )
            .await?;
        println!(
            "      {} per {} ms\n{}",
            wanted.1,
            wanted.0,
            gas_line(&done)
        );
    }

    progress.say("settings");
    if let Some(wanted) = config
        .settings
        .as_ref()
        .map(|s| s.to_settings())
        .transpose()?
    {
        let current: Settings = chain
            .query(Contract::HelpDesk, &desk, "settings", &[])
            .await?;
        if current == wanted {
            println!("      unchanged");
        } else {
            let done = chain
                .submit::<(), DeskError>(
                    Contract::HelpDesk,
                    &desk,
                    "set_settings",
                    &[settings_arg(&wanted)],
                )
                .await?;
            println!("{}", gas_line(&done));
        }
    } else {
        println!("      none in the config: contract defaults");
    }
    for agent in &config.agents {
        progress.say(&format!("agent {} at level {}", agent.account, agent.level));
        set_agent(chain, &desk, &account(&agent.account)?, agent.level).await?;
    }
    for customer in &config.customers {
        progress.say(&format!(
            "customer {} in tier {}",
            customer.account, customer.tier
        ));
        set_customer_tier(chain, &desk, &account(&customer.account)?, &customer.tier).await?;
    }
    for policy in &config.policies {
        progress.say(&format!(
            "SLA policy ({}, {})",
            policy.tier, policy.priority
        ));
        set_policy(
            chain,
            &desk,
            &policy.tier,
            &policy.priority,
            &policy.to_policy(),
        )
        .await?;
    }

    progress.say("address book");
    let book = AddressBook {
        network: network.to_string(),
        url: chain.url.to_string(),
        loyalty_token: Deployed {
            address: token.to_string(),
            code_hash: format!("{token_code:?}"),
        },
        help_desk: Deployed {
            address: desk.to_string(),
            code_hash: existing
                .as_ref()
                .filter(|b| b.help_desk.address == desk.to_string())
                .map_or(format!("{desk_code:?}"), |b| b.help_desk.code_hash.clone()),
        },
        block: chain.best_block().await?,
    };
    book.save(&book_path)?;
    println!("      wrote {}", book_path.display());
    if book.help_desk.code_hash != format!("{desk_code:?}") {
        println!(
            "note: the help desk runs {} but this build is {desk_code:?}: run `helpdesk upgrade`",
            book.help_desk.code_hash
        );
    }
    Ok(book)
}

/// Uploads the contract's code (this build's) and returns its hash.
async fn upload(chain: &Chain, contract: Contract) -> Result<H256> {
    let (code, new) = chain.upload(contract).await?;
    println!(
        "      {code:?} {}",
        if new { "stored" } else { "already on chain" }
    );
    Ok(code)
}

/// The recorded contract's address if it is still on chain, else a new instance made with
/// `new(args)`.
async fn reuse_or_instantiate(
    chain: &Chain,
    contract: Contract,
    recorded: Option<&Deployed>,
    args: &[String],
    salt: &[u8],
) -> Result<Account> {
    if let Some(recorded) = recorded {
        let address = account(&recorded.address)?;
        if chain.is_contract(contract, &address).await {
            println!("      reusing {address} (from the address book)");
            return Ok(address);
        }
        println!("      {address} from the address book is not on this chain: deploying anew");
    }
    let address = chain.instantiate(contract, "new", args, salt).await?;
    println!("      instantiated at {address}");
    Ok(address)
}

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
    if crate::chain::now_ms() < pending.not_before {
        println!(
            "      announced: run `helpdesk upgrade` again from block time {} ms (in {} s)",
            pending.not_before,
            pending.not_before.saturating_sub(crate::chain::now_ms()) / 1000
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
