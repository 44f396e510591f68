//! `helpdesk deploy`: uploads both contracts (cold blobs first), instantiates them, wires the
//! desk as a minter and applies the config; idempotent through the address book.

use super::admin::{set_agent, set_customer_tier, set_policy};
use super::chain::{account, Account, Chain};
use super::config::{AddressBook, Deployed, DeskConfig};
use super::say::{gas_line, Progress};
use anyhow::Result;
use help_desk::settings::Settings;
use help_desk::DeskError;
use helpdesk_sandbox::suite::settings_arg;
use helpdesk_sandbox::Contract;
use loyalty_token::TokenError;
use std::path::Path;
use subxt::utils::H256;

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
pub(crate) async fn upload(chain: &Chain, contract: Contract) -> Result<H256> {
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
