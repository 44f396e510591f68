//! `helpdesk deploy`: uploads both contracts (cold blobs first), instantiates them, wires the
//! desk as a minter and applies the config; idempotent through the address book.

use super::admin::{set_agent, set_customer_tier, set_policy};
use super::chain::{account, ink, Account, Chain};
use super::config::{priority, tier, AddressBook, Deployed, DeskConfig};
use super::say::{gas_line, Progress};
use anyhow::Result;
use governor::GovernorRef;
use help_desk::HelpDeskRef;
use helpdesk_bundles::Contract;
use helpdesk_client::{desk_at, token_at, Constructor};
use ink::primitives::Hash;
use loyalty_token::LoyaltyTokenRef;
use std::path::Path;

/// Deploys the suite, or completes and re-applies a deployment recorded in the address book:
/// contracts already on chain are reused, settings already equal are left alone.
pub fn deploy(
    chain: &mut Chain,
    config: &DeskConfig,
    network: &str,
    book_dir: &Path,
) -> Result<AddressBook> {
    let book_path = AddressBook::path(book_dir, network);
    let existing = AddressBook::load(&book_path)?;
    // Two uploads, two instances, minter, mint allowance, settings, address book; then one step
    // per agent, customer and policy.
    let per_entry = config.agents.len() + config.customers.len() + config.policies.len();
    // A governor: its upload, its instance and the hand-over.
    let governed = if config.governor.is_some() { 3 } else { 0 };
    let total = 8u32.saturating_add(u32::try_from(per_entry + governed).unwrap_or(u32::MAX));
    let mut progress = Progress { step: 0, total };
    println!("deploying to {} as {}", chain.url, chain.me());

    progress.say("upload loyalty_token code");
    let token_code = upload(chain, Contract::LoyaltyToken)?;
    progress.say("upload help_desk code");
    let desk_code = upload(chain, Contract::HelpDesk)?;

    let salt = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos().to_le_bytes().to_vec())
        .unwrap_or_default();
    progress.say("instantiate loyalty_token");
    let t = &config.token;
    let constructor = LoyaltyTokenRef::new(
        Some(t.name.clone()),
        Some(t.symbol.clone()),
        t.decimals,
        t.supply_cap.map(u128::from),
    );
    let recorded = existing.as_ref().map(|b| &b.loyalty_token);
    let token = reuse_or_instantiate(chain, token_code, recorded, constructor, &salt)?;
    progress.say("instantiate help_desk");
    let recorded = existing.as_ref().map(|b| &b.help_desk);
    let constructor = HelpDeskRef::new(ink(&token));
    let desk = reuse_or_instantiate(chain, desk_code, recorded, constructor, &salt)?;
    let mut token_calls = token_at(ink(&token));
    let mut desk_calls = desk_at(ink(&desk));

    progress.say("help desk is a minter of the token");
    if chain.query(token_calls.is_minter(ink(&desk)))? {
        println!("      already");
    } else {
        let done = chain.submit(token_calls.grant_minter(ink(&desk)))?;
        println!("{}", gas_line(&done));
    }
    progress.say("mint allowance of the help desk");
    let limit = chain.query(token_calls.mint_limit())?;
    let wanted = (
        config.token.mint_epoch_ms,
        u128::from(config.token.mint_per_epoch),
    );
    if limit == wanted {
        println!("      already {} per {} ms", wanted.1, wanted.0);
    } else {
        let done = chain.submit(token_calls.set_mint_limit(wanted.0, wanted.1))?;
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
        if chain.query(desk_calls.settings())? == wanted {
            println!("      unchanged");
        } else {
            let done = chain.submit(desk_calls.set_settings(wanted))?;
            println!("{}", gas_line(&done));
        }
    } else {
        println!("      none in the config: contract defaults");
    }
    for agent in &config.agents {
        progress.say(&format!("agent {} at level {}", agent.account, agent.level));
        set_agent(chain, &desk, &account(&agent.account)?, agent.level)?;
    }
    for customer in &config.customers {
        progress.say(&format!(
            "customer {} in tier {}",
            customer.account, customer.tier
        ));
        let tier = tier(&customer.tier)?;
        set_customer_tier(chain, &desk, &account(&customer.account)?, tier)?;
    }
    for policy in &config.policies {
        progress.say(&format!(
            "SLA policy ({}, {})",
            policy.tier, policy.priority
        ));
        set_policy(
            chain,
            &desk,
            tier(&policy.tier)?,
            priority(&policy.priority)?,
            &policy.to_policy(),
        )?;
    }

    let governor = match &config.governor {
        Some(wanted) => {
            progress.say("upload governor code");
            let code = upload(chain, Contract::Governor)?;
            progress.say("instantiate governor");
            let recorded = existing.as_ref().and_then(|b| b.governor.as_ref());
            let guardian = wanted
                .guardian
                .as_deref()
                .map(|g| account(g).map(|a| ink(&a)))
                .transpose()?;
            let constructor = GovernorRef::new(ink(&desk), ink(&token), wanted.params(), guardian);
            let governor = reuse_or_instantiate(chain, code, recorded, constructor, &salt)?;
            progress.say("hand the desk and the token to the governor");
            if wanted.hand_over {
                hand_over(chain, &desk, &token, &governor)?;
            } else {
                println!("      not asked (hand_over = false)");
            }
            Some(Deployed {
                address: governor.to_string(),
                code_hash: format!("{code:?}"),
            })
        }
        None => None,
    };

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
        governor,
        block: chain.best_block()?,
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

/// Gives the desk and the token to `governor` (each two-step: the owner proposes, the governor
/// accepts), unless it owns them already.
fn hand_over(chain: &mut Chain, desk: &Account, token: &Account, governor: &Account) -> Result<()> {
    let gov = ink(governor);
    let mut desk_calls = desk_at(ink(desk));
    let mut token_calls = token_at(ink(token));
    if chain.query(desk_calls.owner())? == gov && chain.query(token_calls.owner())? == gov {
        println!("      already");
        return Ok(());
    }
    if chain.query(desk_calls.owner())? != gov {
        println!(
            "{}",
            gas_line(&chain.submit(desk_calls.transfer_ownership(gov))?)
        );
    }
    if chain.query(token_calls.owner())? != gov {
        println!(
            "{}",
            gas_line(&chain.submit(token_calls.transfer_ownership(gov))?)
        );
    }
    super::gov::accept(chain, governor)
}

/// Uploads the contract's code (this build's, its cold blob first) and returns its hash.
pub(crate) fn upload(chain: &mut Chain, contract: Contract) -> Result<Hash> {
    let code = chain.upload(&contract.code())?;
    println!("      {code:?} on chain");
    Ok(code)
}

/// The recorded contract's address if it is still on chain, else a new instance of `code`
/// made with `constructor`.
fn reuse_or_instantiate(
    chain: &mut Chain,
    code: Hash,
    recorded: Option<&Deployed>,
    constructor: impl Constructor,
    salt: &[u8],
) -> Result<Account> {
    if let Some(recorded) = recorded {
        let address = account(&recorded.address)?;
        if chain.is_contract(&address)? {
            println!("      reusing {address} (from the address book)");
            return Ok(address);
        }
        println!("      {address} from the address book is not on this chain: deploying anew");
    }
    let address = chain.instantiate(code, constructor, salt)?;
    println!("      instantiated at {address}");
    Ok(address)
}
