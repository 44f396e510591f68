//! `process_due` over growing numbers of due tickets (its cost per action), and what fits in
//! one block: tickets opened, automatic escalations, compensations.

use super::desk_messages::NEXT_TICKET;
use super::messages::{last_call, selector, Cost, MessageRow};
use super::scaling::{open_tickets, CALLS_PER_BLOCK};
use anyhow::anyhow;
use drink::Weight;
use help_desk::ticket::{Priority, Tier};
use helpdesk_sandbox::suite::{who, Suite, DAY_MS, HOUR_MS, MINUTE_MS};
use helpdesk_sandbox::{desk_at, AccountId};
use serde::Serialize;

/// ref_time of a whole block on the contracts node (`contracts-node-runtime` 0.42.0,
/// `MAXIMUM_BLOCK_WEIGHT` = 2 s of ref_time) times its `NORMAL_DISPATCH_RATIO` (75 %): what all
/// normal extrinsics of one block may use together. Its proof_size limit is `u64::MAX`.
pub const BLOCK_REF_TIME: u64 = 2_000_000_000_000 * 3 / 4;

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

/// One `process_due(due)` over `due` tickets with exactly one due action each.
pub(super) fn sweep(kind: SweepKind, due: u32) -> anyhow::Result<SweepRow> {
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

/// What fits into one block of [`BLOCK_REF_TIME`].
#[derive(Debug, Serialize)]
pub struct Capacity {
    pub block_ref_time: u64,
    pub block_limit_source: &'static str,
    pub tickets_opened_per_block: u64,
    pub escalations_per_block: u64,
    pub compensations_per_block: u64,
}

/// How many `open_ticket`s (a customer's next ticket), escalations and compensations fit in a
/// block, at the measured cost of one and the per-action cost of the largest sweep of each kind.
pub(super) fn capacity(messages: &[MessageRow], sweeps: &[SweepRow]) -> Capacity {
    let per = |ref_time: u64| BLOCK_REF_TIME / ref_time.max(1);
    let open_ticket =
        selector(desk_at(AccountId([0; 32])).open_ticket(Priority::Normal, 0, Default::default()));
    let open = messages
        .iter()
        .find(|row| row.selector == Some(open_ticket) && row.case == NEXT_TICKET)
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
