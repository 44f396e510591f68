//! The benchmark: weight (ref_time, proof_size) and storage deposit of every state-changing
//! message of both contracts, next to the reference PSP22 token's `transfer` deployed in the same
//! sandbox; cost against desk size; `process_due` cost per action; what fits in a block; code
//! sizes. Prints a table and writes JSON.
//!
//! Everything is read from drink's record of real calls on the optimized WASM (deterministic run
//! to run). Nothing here is timed.

use crate::fmt::thousands;
use anyhow::anyhow;
use drink::Weight;
use help_desk::ticket::{Priority, Status, Tier};
use help_desk::HelpDeskRef;
use helpdesk_client::message::psp22_reference_new;
use helpdesk_sandbox::suite::{hash, step, who, Suite, DAY_MS, HOUR_MS, MINUTE_MS, PSP22};
use helpdesk_sandbox::{
    account, token_at, AccountId, Chain, ChainExt, Code, Constructor, Contract, SandboxChain,
};
use loyalty_token::LoyaltyTokenRef;
use psp22::{PSP22Burnable, PSP22Mintable};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// ref_time of a whole block on the contracts node (`contracts-node-runtime` 0.42.0,
/// `MAXIMUM_BLOCK_WEIGHT` = 2 s of ref_time) times its `NORMAL_DISPATCH_RATIO` (75 %): what all
/// normal extrinsics of one block may use together. Its proof_size limit is `u64::MAX`.
pub const BLOCK_REF_TIME: u64 = 2_000_000_000_000 * 3 / 4;

/// The reference figure the issue measured for `PSP22::transfer` of the `psp22` 2.0.0 example
/// token (drink 0.18, contract-build 5.0.3, Rust 1.86): this run must reproduce it.
pub const REFERENCE_TRANSFER_REF_TIME: u64 = 1_399_267_132;

/// Salt of a second instance of a contract the suite already deployed (same code, same deployer).
const SECOND_INSTANCE: [u8; 1] = [2];

/// How large a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    /// The sizes: desks of 10, 1 000 and 10 000 tickets; sweeps of 1, 10, 100, 500.
    Full,
    /// A quick check for CI: desks of 10 and 200 tickets; sweeps of 1 and 10.
    Smoke,
}

impl Size {
    fn desk_sizes(self) -> &'static [u32] {
        match self {
            Size::Full => &[10, 1_000, 10_000],
            Size::Smoke => &[10, 200],
        }
    }

    fn sweep_sizes(self) -> &'static [u32] {
        match self {
            Size::Full => &[1, 10, 100, 500],
            Size::Smoke => &[1, 10],
        }
    }
}

/// What one call cost.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Cost {
    pub ref_time: u64,
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative), in the sandbox's native units.
    pub storage_deposit: i128,
}

/// The cost of the last call or instantiation on `chain`.
fn last_cost(chain: &Chain) -> Cost {
    chain.last().map_or(Cost::default(), |reply| Cost {
        ref_time: reply.gas.ref_time,
        proof_size: reply.gas.proof_size,
        storage_deposit: reply.deposit,
    })
}

/// The cost of the suite's last call.
fn last_call(suite: &Suite) -> Cost {
    last_cost(&suite.chain)
}

/// One message measured in one situation.
#[derive(Debug, Serialize)]
pub struct MessageRow {
    pub contract: &'static str,
    pub message: String,
    pub case: &'static str,
    #[serde(flatten)]
    pub cost: Cost,
    /// ref_time over the reference `PSP22::transfer`'s.
    pub vs_reference_transfer: f64,
}

/// A help-desk message's cost in desks of growing size.
#[derive(Debug, Serialize)]
pub struct ScalingRow {
    pub message: &'static str,
    /// (tickets already in the desk, cost).
    pub by_desk_size: Vec<(u32, Cost)>,
    /// ref_time in the largest desk over ref_time in the smallest.
    pub large_over_small: f64,
}

/// One `process_due` call over `due` due tickets.
#[derive(Debug, Serialize)]
pub struct SweepRow {
    pub kind: SweepKind,
    pub due: u32,
    pub report_actions: u32,
    #[serde(flatten)]
    pub cost: Cost,
    pub ref_time_per_action: u64,
    /// Whether the call fits in one block of [`BLOCK_REF_TIME`].
    pub fits_in_one_block: bool,
}

/// What fits into one block of [`BLOCK_REF_TIME`].
#[derive(Debug, Serialize)]
pub struct Capacity {
    pub block_ref_time: u64,
    pub block_limit_source: &'static str,
    pub tickets_opened_per_block: u64,
    pub escalations_per_block: u64,
    pub compensations_per_block: u64,
}

/// Optimized `.wasm` sizes. The suite's contracts are split (`helpdesk_common::split`): the
/// hot blob is what every call loads, the cold blob what calls to its messages load on top,
/// and "whole" the same contract built as one blob, the size the split is measured against.
#[derive(Debug, Serialize)]
pub struct CodeSizes {
    pub loyalty_token: usize,
    pub loyalty_token_cold: usize,
    pub loyalty_token_whole: usize,
    pub help_desk: usize,
    pub help_desk_cold: usize,
    pub help_desk_whole: usize,
    pub psp22_reference: usize,
    pub token_over_reference: f64,
}

/// What pallet-contracts charges for the things a message does, read from the sandbox runtime's
/// own schedule (the same weights the contracts node uses): the profile the design follows.
#[derive(Debug, Serialize)]
pub struct CostModel {
    /// Loading the contract's code, per byte, on every call.
    pub code_load_per_byte: u64,
    /// One wasm instruction (wasmi fuel unit).
    pub per_instruction: u64,
    /// One storage read (`get_storage`), besides 583 per byte.
    pub storage_read: u64,
    /// One storage write (`set_storage`), besides ~530 per new and ~712 per old byte.
    pub storage_write: u64,
    /// One storage removal (`clear_storage`).
    pub storage_clear: u64,
    /// One event, besides its topics.
    pub event: u64,
    /// One event topic (indexed in storage: a read and a write). An event's signature is one.
    pub event_topic: u64,
    /// A call into another contract (the token), besides loading that contract's code.
    pub contract_call: u64,
}

fn cost_model() -> CostModel {
    use drink::pallet_contracts::{weights::WeightInfo, Schedule};
    let schedule = Schedule::<drink::minimal::MinimalSandboxRuntime>::default();
    let h = &schedule.host_fn_weights;
    let code = <() as WeightInfo>::call_with_code_per_byte(1)
        .saturating_sub(<() as WeightInfo>::call_with_code_per_byte(0));
    CostModel {
        code_load_per_byte: code.ref_time(),
        per_instruction: u64::from(schedule.instruction_weights.base),
        storage_read: h.get_storage.ref_time(),
        storage_write: h.set_storage.ref_time(),
        storage_clear: h.clear_storage.ref_time(),
        event: h.deposit_event.ref_time(),
        event_topic: h.deposit_event_per_topic.ref_time(),
        contract_call: h.call.ref_time(),
    }
}

/// A target of the issue and where this run lands.
#[derive(Debug, Serialize)]
pub struct Target {
    pub what: String,
    pub target: String,
    pub measured: String,
    pub met: bool,
}

/// Everything one run measured.
#[derive(Debug, Serialize)]
pub struct Results {
    pub size: String,
    pub reference_transfer: Cost,
    pub reference_reproduced: bool,
    pub messages: Vec<MessageRow>,
    pub scaling: Vec<ScalingRow>,
    pub sweeps: Vec<SweepRow>,
    pub capacity: Capacity,
    pub code_sizes: CodeSizes,
    pub cost_model: CostModel,
    pub targets: Vec<Target>,
}

/// Runs the benchmark, prints the table, and writes the JSON to `out` if given.
pub fn run(size: Size, out: Option<PathBuf>) -> anyhow::Result<()> {
    let results = measure(size)?;
    print!("{}", render(&results));
    if let Some(path) = out {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
        }
        let json = serde_json::to_string_pretty(&results).map_err(|e| anyhow!("{e}"))?;
        std::fs::write(&path, json + "\n").map_err(|e| anyhow!("{}: {e}", path.display()))?;
        println!("\nwrote {}", path.display());
    }
    if size == Size::Smoke {
        smoke_check(&results)?;
    }
    Ok(())
}

/// Measures everything.
pub fn measure(size: Size) -> anyhow::Result<Results> {
    eprintln!("bench: reference PSP22 token");
    let reference_transfer = reference_transfer()?;
    let yardstick = reference_transfer.ref_time as f64;
    eprintln!("bench: every state-changing message");
    let mut messages = Vec::new();
    token_messages(&mut messages)?;
    desk_messages(&mut messages)?;
    for row in &mut messages {
        row.vs_reference_transfer = row.cost.ref_time as f64 / yardstick;
    }
    let scaling = scaling(size.desk_sizes())?;
    let mut sweeps = Vec::new();
    for &due in size.sweep_sizes() {
        eprintln!("bench: process_due over {due} due tickets");
        sweeps.push(sweep(SweepKind::Escalation, due)?);
        sweeps.push(sweep(SweepKind::Compensation, due)?);
    }
    let capacity = capacity(&messages, &sweeps);
    let code_sizes = code_sizes()?;
    let mut results = Results {
        size: format!("{size:?}").to_lowercase(),
        reference_reproduced: reference_transfer.ref_time == REFERENCE_TRANSFER_REF_TIME,
        reference_transfer,
        messages,
        scaling,
        sweeps,
        capacity,
        code_sizes,
        cost_model: cost_model(),
        targets: Vec::new(),
    };
    results.targets = targets(&results);
    Ok(results)
}

fn reference_transfer() -> anyhow::Result<Cost> {
    let mut chain = Chain::new(SandboxChain::default());
    let owner = who::owner();
    let token = chain.deploy(
        &owner,
        Contract::Psp22Reference,
        psp22_reference_new(1_000_000_000, None, None, 12),
    );
    // Deployed without name and symbol, one transfer to an account that holds nothing yet: the
    // run that gives the figure to the unit (a 9-letter name and 3-letter symbol in the
    // root storage cell add 5.9 M ref_time and 28 proof_size bytes).
    chain
        .call(&owner, token_at(token).transfer(who::carol(), 100, vec![]))
        .map_err(|e| anyhow!("reference transfer: {e}"))?
        .map_err(|e| anyhow!("reference transfer refused: {e:?}"))?;
    Ok(last_cost(&chain))
}

/// Deploys a second instance of `contract` with `constructor` as the suite's actor, its code
/// uploaded in the same extrinsic (the code is on chain already: the suite's own instance),
/// and returns what that cost.
fn second_instance(
    suite: &mut Suite,
    contract: Contract,
    constructor: impl Constructor,
) -> anyhow::Result<Cost> {
    let actor = suite.actor;
    let (_, reply) = suite.chain.backend.instantiate_with_code(
        &actor,
        contract.code().wasm,
        constructor.input(),
        SECOND_INSTANCE.to_vec(),
    );
    match &reply.result {
        Ok(returned) if !returned.reverted => Ok(Cost {
            ref_time: reply.gas.ref_time,
            proof_size: reply.gas.proof_size,
            storage_deposit: reply.deposit,
        }),
        other => Err(anyhow!("{contract:?} deployment: {other:?}")),
    }
}

/// Measures `$call` (a `Result` of a suite call) and pushes a row.
struct Recorder<'a> {
    rows: &'a mut Vec<MessageRow>,
    contract: &'static str,
}

impl Recorder<'_> {
    /// Records the suite's last call (the message `result` came from) in situation `case`.
    fn push<T, E: std::fmt::Debug>(
        &mut self,
        suite: &Suite,
        case: &'static str,
        result: Result<T, E>,
    ) -> anyhow::Result<T> {
        let message = suite.last_message();
        let value = result.map_err(|e| anyhow!("{message} ({case}) was refused: {e:?}"))?;
        self.rows.push(MessageRow {
            contract: self.contract,
            message: message.to_string(),
            case,
            cost: last_call(suite),
            vs_reference_transfer: 0.0,
        });
        Ok(value)
    }
}

fn token_messages(rows: &mut Vec<MessageRow>) -> anyhow::Result<()> {
    let mut suite = Suite::new();
    suite.as_(&who::owner());
    let cost = second_instance(
        &mut suite,
        Contract::LoyaltyToken,
        LoyaltyTokenRef::new(Some("Help Points".into()), Some("HELP".into()), 0, None),
    )?;
    rows.push(MessageRow {
        contract: "loyalty_token",
        message: "new".into(),
        case: "deploy (code upload included)",
        cost,
        vs_reference_transfer: 0.0,
    });
    let minter = account(40);
    let (carol, dave) = (who::carol(), who::dave());
    let mut r = Recorder {
        rows,
        contract: "loyalty_token",
    };
    let result = suite.token(|t| t.grant_minter(minter));
    r.push(&suite, "owner", result)?;
    let result = suite.token(|t| t.set_mint_limit(DAY_MS, 1000000));
    r.push(&suite, "owner", result)?;
    suite.as_(&minter);
    let result = suite.token(|t| t.mint_to(carol, 1000));
    r.push(&suite, "minter, new holder", result)?;
    let result = suite.token(|t| t.mint_to(carol, 1000));
    r.push(&suite, "minter, existing holder", result)?;
    let result = suite.token(|t| t.mint(500));
    r.push(&suite, "minter", result)?;
    suite.as_(&carol);
    let result = suite.token(|t| t.transfer(dave, 10, vec![]));
    r.push(&suite, "new holder", result)?;
    let result = suite.token(|t| t.transfer(dave, 10, vec![]));
    r.push(&suite, "existing holder", result)?;
    let result = suite.token(|t| t.approve(dave, 100));
    r.push(&suite, "", result)?;
    let result = suite.token(|t| t.increase_allowance(dave, 50));
    r.push(&suite, "", result)?;
    let result = suite.token(|t| t.decrease_allowance(dave, 50));
    r.push(&suite, "", result)?;
    let result = suite.token(|t| t.burn(5));
    r.push(&suite, "", result)?;
    suite.as_(&dave);
    let result = suite.token(|t| t.transfer_from(carol, dave, 10, vec![]));
    r.push(&suite, "approved spender", result)?;
    let result = suite.token(|t| t.burn_from(carol, 10));
    r.push(&suite, "approved spender", result)?;
    suite.as_(&who::owner());
    let result = suite.token(|t| t.revoke_minter(minter));
    r.push(&suite, "owner", result)?;
    let result = suite.token(|t| t.transfer_ownership(dave));
    r.push(&suite, "owner", result)?;
    suite.as_(&dave);
    let result = suite.token(|t| t.accept_ownership());
    r.push(&suite, "proposed owner", result)?;
    Ok(())
}

fn desk_messages(rows: &mut Vec<MessageRow>) -> anyhow::Result<()> {
    let mut suite = Suite::new();
    let (token, desk) = (suite.token, suite.desk);
    let cost = second_instance(&mut suite, Contract::HelpDesk, HelpDeskRef::new(token))?;
    rows.push(MessageRow {
        contract: "help_desk",
        message: "new".into(),
        case: "deploy (code upload included)",
        cost,
        vs_reference_transfer: 0.0,
    });
    let (carol, erin) = (who::carol(), who::erin());
    let (agent, supervisor) = (who::agent(), who::supervisor());
    let mut r = Recorder {
        rows,
        contract: "help_desk",
    };

    // Administration.
    suite.as_(&who::owner());
    let result = suite.desk(|d| d.set_agent(account(41), 1));
    r.push(&suite, "owner, new agent", result)?;
    let result = suite.desk(|d| d.remove_agent(account(41)));
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.set_customer_tier(who::dave(), Tier::Premium));
    r.push(&suite, "owner", result)?;
    let policy = suite.desk(|d| d.sla_policy(Tier::Standard, Priority::Normal));
    let result = suite.desk(|d| d.set_sla_policy(Tier::Standard, Priority::High, policy.clone()));
    r.push(&suite, "owner", result)?;
    let settings = suite.desk(|d| d.settings());
    let result = suite.desk(|d| d.set_settings(settings.clone()));
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.pause());
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.unpause());
    r.push(&suite, "owner", result)?;

    // The ticket lifecycle.
    suite.as_(&carol);
    let first = suite.desk(|d| d.open_ticket(Priority::Normal, 7, hash(1)));
    let first = r.push(&suite, "first ticket of a customer", first)?;
    let t = suite.desk(|d| d.open_ticket(Priority::Normal, 7, hash(2)));
    let t = r.push(&suite, NEXT_TICKET, t)?;
    suite.as_(&erin);
    let result = suite.desk(|d| d.respond(t, hash(3)));
    r.push(&suite, "community member", result)?;
    suite.as_(&agent);
    let result = suite.desk(|d| d.respond(t, hash(4)));
    r.push(&suite, "agent (first response)", result)?;
    let result = suite.desk(|d| d.assign(t, agent));
    r.push(&suite, "agent claims", result)?;
    let result = suite.desk(|d| d.set_status(t, Status::Pending));
    r.push(&suite, "agent: Open -> Pending", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.respond(t, hash(5)));
    r.push(&suite, "customer (Pending -> Open)", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.accept_answer(t, erin));
    r.push(&suite, "customer (paid when the ticket closes)", result)?;
    let result = suite.desk(|d| d.escalate(t, hash(6)));
    r.push(&suite, "customer", result)?;
    suite.as_(&supervisor);
    let result = suite.desk(|d| d.resolve(t, hash(7)));
    r.push(&suite, "supervisor", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.reopen(t, hash(8)));
    r.push(&suite, "customer", result)?;
    suite.as_(&agent);
    let result = suite.desk(|d| d.assign(first, agent));
    r.push(&suite, "agent claims", result)?;
    let result = suite.desk(|d| d.resolve(first, hash(9)));
    r.push(&suite, "assigned agent", result)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.confirm(first, Some(5)));
    r.push(&suite, "customer rates (mints the reward)", result)?;
    let result = suite.desk(|d| d.open_follow_up(first, Priority::Low, 7, hash(10)));
    let follow_up = r.push(&suite, "customer", result)?;
    // Boosting burns the price through the token: Carol holds the rating reward and approves.
    let price = settings.boost_price;
    suite
        .token(|t| t.approve(desk, price))
        .map_err(|e| anyhow!("approve: {e:?}"))?;
    fund_with_tokens(&mut suite, &carol, price)?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.boost_priority(follow_up));
    r.push(&suite, "customer (burns the price)", result)?;

    // The SLA engine: the follow-up's first response is now overdue.
    suite.advance(2 * DAY_MS);
    suite.as_(&who::keeper());
    let result = suite.desk(|d| d.poke(follow_up));
    r.push(&suite, "one ticket's due actions", result)?;
    suite.as_(&carol);
    let spam = suite.desk(|d| d.open_ticket(Priority::Normal, 7, hash(13)));
    let spam = r.push(&suite, NEXT_TICKET, spam)?;
    suite.as_(&agent);
    let result = suite.desk(|d| d.close_invalid(spam, hash(14)));
    r.push(&suite, "agent of the queue's level", result)?;
    suite.as_(&carol);
    let due = suite.desk(|d| d.open_ticket(Priority::Urgent, 7, hash(11)));
    r.push(&suite, NEXT_TICKET, due)?;
    suite.advance(2 * HOUR_MS);
    suite.as_(&who::keeper());
    let result = suite.desk(|d| d.process_due(10));
    r.push(
        &suite,
        "every due action (mints compensation + keeper reward)",
        result,
    )?;

    // A reward the token refuses is owed, then claimed.
    suite.as_(&who::owner());
    suite
        .token(|t| t.revoke_minter(desk))
        .map_err(|e| anyhow!("revoke_minter: {e:?}"))?;
    suite.as_(&carol);
    let owed = suite.desk(|d| d.open_ticket(Priority::Urgent, 7, hash(12)));
    owed.map_err(|e| anyhow!("open_ticket: {e:?}"))?;
    suite.advance(2 * HOUR_MS);
    suite.as_(&who::keeper());
    suite
        .desk(|d| d.process_due(10))
        .map_err(|e| anyhow!("process_due: {e:?}"))?;
    suite.as_(&who::owner());
    suite
        .token(|t| t.grant_minter(desk))
        .map_err(|e| anyhow!("grant_minter: {e:?}"))?;
    suite.as_(&carol);
    let result = suite.desk(|d| d.claim_owed(None));
    r.push(&suite, "customer (mints)", result)?;

    // Ownership and code.
    suite.as_(&who::owner());
    let result = suite.desk(|d| d.transfer_ownership(who::dave()));
    r.push(&suite, "owner", result)?;
    suite.as_(&who::dave());
    let result = suite.desk(|d| d.accept_ownership());
    r.push(&suite, "proposed owner", result)?;
    let code_arg = suite.code_hash(Contract::HelpDesk);
    let result = suite.desk(|d| d.schedule_upgrade(code_arg));
    r.push(&suite, "owner", result)?;
    let result = suite.desk(|d| d.cancel_upgrade());
    r.push(&suite, "owner", result)?;
    suite
        .desk(|d| d.schedule_upgrade(code_arg))
        .map_err(|e| anyhow!("schedule_upgrade: {e:?}"))?;
    suite.advance(settings.upgrade_delay_ms);
    suite.as_(&who::dave());
    let result = suite.desk(|d| d.upgrade(code_arg));
    r.push(
        &suite,
        "owner, after the delay (checks the new code by a delegate call)",
        result,
    )?;
    Ok(())
}

/// Gives `who` `amount` loyalty tokens: the owner makes itself a minter and mints them.
fn fund_with_tokens(suite: &mut Suite, who: &AccountId, amount: u128) -> anyhow::Result<()> {
    suite.as_(&who::owner());
    let owner = who::owner();
    let _ = suite.token(|t| t.grant_minter(owner));
    suite
        .token(|t| t.mint_to(*who, amount))
        .map_err(|e| anyhow!("mint_to: {e:?}"))
}

/// Calls made in one block while filling a desk. frame_system keeps a block's events until the
/// next block, and drink copies the block's events on every call to find the call's own: in one
/// endless block each call costs more than the last and all of them stay in memory (10 GB by
/// 8 000 tickets). A new block (same timestamp) every this many calls keeps each call's cost flat.
const CALLS_PER_BLOCK: u32 = 100;

/// Opens `n` Normal tickets, the `i`th by `customer(i)`, at the current time.
fn open_tickets(
    suite: &mut Suite,
    n: u32,
    customer: impl Fn(u32) -> AccountId,
) -> anyhow::Result<()> {
    for i in 0..n {
        if i > 0 && i % CALLS_PER_BLOCK == 0 {
            suite.advance(0);
        }
        if i > 0 && i % 1_000 == 0 {
            eprintln!("bench:   {i} of {n} tickets opened");
        }
        suite.as_(&customer(i));
        suite
            .desk(|d| d.open_ticket(Priority::Normal, 7, hash(1)))
            .map_err(|e| anyhow!("open_ticket #{i}: {e:?}"))?;
    }
    Ok(())
}

/// `open_ticket`, `respond`, `assign` and `resolve` on a fresh ticket of a desk already holding
/// each of `sizes` tickets (all from one customer, so that customer's list grows too).
fn scaling(sizes: &[u32]) -> anyhow::Result<Vec<ScalingRow>> {
    let mut suite = Suite::new();
    // (message, cost by desk size), in the order measured.
    let mut by_message: Vec<(&'static str, Vec<(u32, Cost)>)> = Vec::new();
    let mut count: u32 = 0;
    let carol = who::carol();
    let agent = who::agent();
    for &size in sizes {
        eprintln!("bench: filling the desk to {size} tickets");
        open_tickets(&mut suite, size.saturating_sub(count), |_| carol)?;
        count = count.max(size);
        // Each size is measured an hour later than the last, so its ticket's deadlines land in
        // fresh buckets and pages of the deadline index, as the previous size's did: the same
        // situation in a larger desk.
        suite.advance(HOUR_MS);
        suite.as_(&carol);
        let t = suite
            .desk(|d| d.open_ticket(Priority::Normal, 7, hash(2)))
            .map_err(|e| anyhow!("open_ticket: {e:?}"))?;
        let mut costs = vec![(suite.last_message(), last_call(&suite))];
        suite.as_(&agent);
        for step in [
            step(move |d| d.respond(t, hash(3))),
            step(move |d| d.assign(t, agent)),
            step(move |d| d.resolve(t, hash(3))),
        ] {
            step(&mut suite).map_err(|e| anyhow!("{}: {e:?}", suite.last_message()))?;
            costs.push((suite.last_message(), last_call(&suite)));
        }
        for (message, cost) in costs {
            match by_message.iter_mut().find(|(known, _)| *known == message) {
                Some((_, row)) => row.push((size, cost)),
                None => by_message.push((message, vec![(size, cost)])),
            }
        }
        // The measured ticket counts towards the next size.
        count = count.saturating_add(1);
    }
    Ok(by_message
        .into_iter()
        .map(|(message, by_desk_size)| {
            let small = by_desk_size.first().map_or(1, |(_, c)| c.ref_time.max(1));
            let large = by_desk_size.last().map_or(0, |(_, c)| c.ref_time);
            ScalingRow {
                message,
                large_over_small: large as f64 / small as f64,
                by_desk_size,
            }
        })
        .collect())
}

/// What each due ticket of a `process_due` measurement needs done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SweepKind {
    /// Each due ticket takes one automatic escalation: no tokens move (no compensation, no
    /// keeper reward).
    Escalation,
    /// Each due ticket of its own customer breaches its first-response target: one
    /// compensation credited per ticket, plus the keeper's reward (the sweep's one mint).
    Compensation,
}

impl SweepKind {
    /// How the report names it.
    pub fn label(self) -> &'static str {
        match self {
            SweepKind::Escalation => "escalation (no tokens move)",
            SweepKind::Compensation => "breach with compensation (credited to each customer)",
        }
    }
}

/// One `process_due(due)` over `due` tickets with exactly one due action each.
fn sweep(kind: SweepKind, due: u32) -> anyhow::Result<SweepRow> {
    let mut suite = Suite::new();
    // Room for more than a block: a sweep too large for one block is measured all the same and
    // reported as not fitting (a keeper would split it with a smaller `max`).
    suite.chain.backend.gas_limit = Weight::from_parts(BLOCK_REF_TIME * 10, u64::MAX / 2);
    suite.as_(&who::owner());
    let (escalation_delays_ms, compensation, keeper) = match kind {
        SweepKind::Escalation => (vec![0, 30 * MINUTE_MS], 0, 0),
        SweepKind::Compensation => (vec![], 10, 1),
    };
    let policy = help_desk::sla::SlaPolicy {
        first_response_ms: HOUR_MS,
        resolution_ms: 8 * HOUR_MS,
        warning_lead_ms: 0,
        escalation_delays_ms,
        auto_close_ms: DAY_MS,
        abandon_after_ms: DAY_MS,
        compensation,
    };
    suite
        .desk(|d| d.set_sla_policy(Tier::Standard, Priority::Normal, policy))
        .map_err(|e| anyhow!("set_sla_policy: {e:?}"))?;
    let mut settings = suite.desk(|d| d.settings());
    settings.keeper_reward_per_action = keeper;
    // Caps that never bind here: the sweep's cost is what is measured.
    let unbounded = help_desk::settings::Cap {
        per_account: u128::MAX,
        desk: u128::MAX,
    };
    settings.caps.compensation = unbounded;
    settings.caps.keeper = unbounded;
    suite
        .desk(|d| d.set_settings(settings.clone()))
        .map_err(|e| anyhow!("set_settings: {e:?}"))?;
    if let SweepKind::Compensation = kind {
        // Compensation goes only to customers the business placed in a tier.
        for n in 0..due {
            if n > 0 && n % CALLS_PER_BLOCK == 0 {
                suite.advance(0);
            }
            suite
                .desk(|d| d.set_customer_tier(many_customers(n), Tier::Standard))
                .map_err(|e| anyhow!("set_customer_tier: {e:?}"))?;
        }
    }
    open_tickets(&mut suite, due, |n| match kind {
        SweepKind::Escalation => who::carol(),
        SweepKind::Compensation => many_customers(n),
    })?;
    suite.as_(&who::keeper());
    if let SweepKind::Escalation = kind {
        // At the first-response deadline each ticket breaches and takes escalation step 1
        // (delay 0); 30 minutes later step 2 is each ticket's one due action.
        suite.advance(HOUR_MS + MINUTE_MS);
        loop {
            let report = suite
                .desk(|d| d.process_due(1000))
                .map_err(|e| anyhow!("process_due: {e:?}"))?;
            if !report.more {
                break;
            }
        }
        suite.advance(30 * MINUTE_MS);
    } else {
        suite.advance(HOUR_MS + MINUTE_MS);
    }
    let report = suite
        .desk(|d| d.process_due(due))
        .map_err(|e| anyhow!("process_due: {e:?}"))?;
    let cost = last_call(&suite);
    Ok(SweepRow {
        kind,
        due,
        report_actions: report.actions,
        ref_time_per_action: cost.ref_time / u64::from(report.actions.max(1)),
        fits_in_one_block: cost.ref_time <= BLOCK_REF_TIME,
        cost,
    })
}

/// The `n`th of many distinct customers (accounts 100, 101, ... as 32-byte patterns).
fn many_customers(n: u32) -> AccountId {
    let mut bytes = [0xC0u8; 32];
    bytes[..4].copy_from_slice(&n.to_le_bytes());
    AccountId::from(bytes)
}

/// The case of `open_ticket` that block capacity counts: a customer's next ticket in a
/// deadline bucket that already exists.
const NEXT_TICKET: &str = "customer's next ticket";

fn capacity(messages: &[MessageRow], sweeps: &[SweepRow]) -> Capacity {
    let per = |ref_time: u64| BLOCK_REF_TIME / ref_time.max(1);
    let open = messages
        .iter()
        .find(|row| row.message == "open_ticket" && row.case == NEXT_TICKET)
        .map_or(0, |row| row.cost.ref_time);
    let largest = |kind: SweepKind| {
        sweeps
            .iter()
            .filter(|row| row.kind == kind)
            .max_by_key(|row| row.due)
            .map_or(0, |row| row.ref_time_per_action)
    };
    Capacity {
        block_ref_time: BLOCK_REF_TIME,
        block_limit_source: "contracts-node-runtime 0.42.0: MAXIMUM_BLOCK_WEIGHT = 2 s ref_time \
                             (WEIGHT_REF_TIME_PER_SECOND * 2) x NORMAL_DISPATCH_RATIO 75 %; \
                             extrinsic base weight not subtracted",
        tickets_opened_per_block: per(open),
        escalations_per_block: per(largest(SweepKind::Escalation)),
        compensations_per_block: per(largest(SweepKind::Compensation)),
    }
}

fn code_sizes() -> anyhow::Result<CodeSizes> {
    let size = |contract: Contract| Ok::<_, anyhow::Error>(contract.code().wasm.len());
    let cold = |contract: Contract| contract.code().cold.map_or(0, |code| code.len());
    let whole = |contract: Contract| {
        let path = contract.whole_path().unwrap_or(contract.bundle_path());
        Code::of_bundle(path)
            .map(|code| code.wasm.len())
            .map_err(|e| anyhow!("{contract:?} (whole): {e}"))
    };
    let loyalty_token = size(Contract::LoyaltyToken)?;
    let psp22_reference = size(Contract::Psp22Reference)?;
    Ok(CodeSizes {
        loyalty_token,
        loyalty_token_cold: cold(Contract::LoyaltyToken),
        loyalty_token_whole: whole(Contract::LoyaltyToken)?,
        help_desk: size(Contract::HelpDesk)?,
        help_desk_cold: cold(Contract::HelpDesk),
        help_desk_whole: whole(Contract::HelpDesk)?,
        psp22_reference,
        token_over_reference: loyalty_token as f64 / psp22_reference.max(1) as f64,
    })
}

fn targets(results: &Results) -> Vec<Target> {
    let mut targets = Vec::new();
    let mut target = |what: String, target: &str, measured: String, met: bool| {
        targets.push(Target {
            what,
            target: target.into(),
            measured,
            met,
        })
    };
    let worst_ratio = |message: &str| {
        results
            .messages
            .iter()
            .filter(|row| row.message == message && row.contract == "help_desk")
            .map(|row| row.vs_reference_transfer)
            .fold(0.0f64, f64::max)
    };
    let open = worst_ratio("open_ticket");
    target(
        "open_ticket ref_time vs reference transfer".into(),
        "<= 2.0x",
        format!("{open:.2}x"),
        open <= 2.0,
    );
    for message in ["respond", "resolve"] {
        let ratio = worst_ratio(message);
        target(
            format!("{message} ref_time vs reference transfer (worst case)"),
            "<= 1.5x",
            format!("{ratio:.2}x"),
            ratio <= 1.5,
        );
    }
    for row in &results.scaling {
        let largest = row.by_desk_size.last().map_or(0, |(n, _)| *n);
        target(
            format!("{} flat: {largest} tickets vs 10", row.message),
            "within 5 %",
            format!("{:+.2} %", (row.large_over_small - 1.0) * 100.0),
            (row.large_over_small - 1.0).abs() <= 0.05,
        );
    }
    target(
        "automatic escalations per block".into(),
        ">= 3000",
        results.capacity.escalations_per_block.to_string(),
        results.capacity.escalations_per_block >= 3000,
    );
    target(
        "compensations per block".into(),
        ">= 1000",
        results.capacity.compensations_per_block.to_string(),
        results.capacity.compensations_per_block >= 1000,
    );
    target(
        "help_desk.wasm (hot blob)".into(),
        "<= 40 960 bytes",
        results.code_sizes.help_desk.to_string(),
        results.code_sizes.help_desk <= 40_960,
    );
    target(
        "loyalty_token.wasm (hot blob) vs reference".into(),
        "<= 1.2x",
        format!("{:.2}x", results.code_sizes.token_over_reference),
        results.code_sizes.token_over_reference <= 1.2,
    );
    targets
}

/// The CI check: the benchmark ran, its yardstick is the issue's, and cost stays flat.
fn smoke_check(results: &Results) -> anyhow::Result<()> {
    if !results.reference_reproduced {
        return Err(anyhow!(
            "the reference transfer cost {} ref_time, not {REFERENCE_TRANSFER_REF_TIME}",
            results.reference_transfer.ref_time
        ));
    }
    for row in &results.scaling {
        if (row.large_over_small - 1.0).abs() > 0.05 {
            return Err(anyhow!(
                "{} is not flat: {:.4}x from the smallest to the largest desk",
                row.message,
                row.large_over_small
            ));
        }
    }
    println!("smoke check: reference reproduced, cost flat in desk size");
    Ok(())
}

/// The results as Markdown tables.
pub fn render(results: &Results) -> String {
    let mut s = String::new();
    let r = &results.reference_transfer;
    let _ = writeln!(
        s,
        "Yardstick: reference PSP22 `transfer` = {} ref_time, {} proof_size (issue's figure {}: {})\n",
        thousands(r.ref_time),
        thousands(r.proof_size),
        thousands(REFERENCE_TRANSFER_REF_TIME),
        if results.reference_reproduced { "reproduced" } else { "NOT reproduced" }
    );
    let _ = writeln!(
        s,
        "| contract | message | case | ref_time | proof_size | storage deposit | × transfer |"
    );
    let _ = writeln!(s, "| --- | --- | --- | ---: | ---: | ---: | ---: |");
    for row in &results.messages {
        let _ = writeln!(
            s,
            "| {} | `{}` | {} | {} | {} | {} | {:.2} |",
            row.contract,
            row.message,
            row.case,
            thousands(row.cost.ref_time),
            thousands(row.cost.proof_size),
            thousands(row.cost.storage_deposit),
            row.vs_reference_transfer
        );
    }
    let _ = writeln!(s, "\nCost against desk size (ref_time / proof_size):\n");
    let sizes: Vec<u32> = results
        .scaling
        .first()
        .map(|row| row.by_desk_size.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    let header: Vec<String> = sizes
        .iter()
        .map(|n| format!("{} tickets", thousands(*n)))
        .collect();
    let _ = writeln!(s, "| message | {} | large / small |", header.join(" | "));
    let _ = writeln!(s, "| --- |{} ---: |", " ---: |".repeat(sizes.len()));
    for row in &results.scaling {
        let cells: Vec<String> = row
            .by_desk_size
            .iter()
            .map(|(_, c)| format!("{} / {}", thousands(c.ref_time), thousands(c.proof_size)))
            .collect();
        let _ = writeln!(
            s,
            "| `{}` | {} | {:.4} |",
            row.message,
            cells.join(" | "),
            row.large_over_small
        );
    }
    let _ = writeln!(
        s,
        "\n`process_due(n)` over n due tickets, one due action each:\n"
    );
    let _ = writeln!(
        s,
        "| kind | n | actions | ref_time | proof_size | ref_time per action | fits a block |"
    );
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for row in &results.sweeps {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.kind.label(),
            row.due,
            row.report_actions,
            thousands(row.cost.ref_time),
            thousands(row.cost.proof_size),
            thousands(row.ref_time_per_action),
            if row.fits_in_one_block { "yes" } else { "no" }
        );
    }
    let c = &results.capacity;
    let _ = writeln!(
        s,
        "\nPer block of {} ref_time ({}):\n- tickets opened: {}\n- automatic escalations: {}\n- \
         compensations (credited): {}",
        thousands(c.block_ref_time),
        c.block_limit_source,
        thousands(c.tickets_opened_per_block),
        thousands(c.escalations_per_block),
        thousands(c.compensations_per_block)
    );
    let z = &results.code_sizes;
    let b = |bytes: usize| thousands(i128::try_from(bytes).unwrap_or(0));
    let _ = writeln!(
        s,
        "\nOptimized .wasm (hot blob, every call / cold blob, its own messages / whole contract as \
         one blob):\n- help_desk {} B / {} B / {} B\n- loyalty_token {} B / {} B / {} B \
         ({:.2}x the reference PSP22's {} B)",
        b(z.help_desk),
        b(z.help_desk_cold),
        b(z.help_desk_whole),
        b(z.loyalty_token),
        b(z.loyalty_token_cold),
        b(z.loyalty_token_whole),
        z.token_over_reference,
        b(z.psp22_reference),
    );
    let m = &results.cost_model;
    let _ = writeln!(
        s,
        "\nWhat pallet-contracts charges (ref_time, from the runtime's schedule):\n\n\
         | item | ref_time |\n| --- | ---: |\n\
         | code load, per byte of the called contract | {} |\n\
         | wasm instruction | {} |\n\
         | storage read | {} |\n\
         | storage write | {} |\n\
         | storage removal | {} |\n\
         | event | {} |\n\
         | event topic (the signature is one) | {} |\n\
         | call into another contract (plus its code load) | {} |",
        thousands(m.code_load_per_byte),
        thousands(m.per_instruction),
        thousands(m.storage_read),
        thousands(m.storage_write),
        thousands(m.storage_clear),
        thousands(m.event),
        thousands(m.event_topic),
        thousands(m.contract_call),
    );
    let _ = writeln!(s, "\n| target | goal | measured | met |");
    let _ = writeln!(s, "| --- | --- | --- | --- |");
    for t in &results.targets {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            t.what,
            t.target,
            t.measured,
            if t.met { "yes" } else { "no" }
        );
    }
    s
}
