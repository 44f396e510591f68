//! What one run found and how it reads: the results, the targets they are judged
//! against, and the Markdown tables `helpdesk bench` prints.

use super::code::{CodeSizes, CostModel};
use super::messages::{selector, worst_ratio, Cost, MessageRow, REFERENCE_TRANSFER_REF_TIME};
use super::scaling::ScalingRow;
use super::sweep::{Capacity, SweepRow};
use crate::fmt::thousands;
use governor::proposal::Support;
use help_desk::ticket::Priority;
use helpdesk_sandbox::{desk_at, governor_at, message_label, token_at, AccountId, Contract, Hash};
use psp22::PSP22;
use serde::Serialize;
use std::fmt::Write as _;

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

/// A target of the issue and where this run lands.
#[derive(Debug, Serialize)]
pub struct Target {
    pub what: String,
    pub target: String,
    pub measured: String,
    pub met: bool,
}

/// The address the targets' typed messages are built for: only their selectors count.
const NOWHERE: AccountId = AccountId([0; 32]);

/// Each target of the issue, with what `results` measured against it.
pub(super) fn targets(results: &Results) -> Vec<Target> {
    let mut targets = Vec::new();
    let mut target = |what: String, target: &str, measured: String, met: bool| {
        targets.push(Target {
            what,
            target: target.into(),
            measured,
            met,
        })
    };
    // The per-message targets, each a typed message of one contract (arguments unused).
    let (mut desk, mut governor) = (desk_at(NOWHERE), governor_at(NOWHERE));
    let mut token = token_at(NOWHERE);
    let any_hash = Hash::default();
    let per_message = [
        (
            Contract::LoyaltyToken,
            selector(token.transfer(NOWHERE, 0, Vec::new())),
            1.1,
        ),
        (
            Contract::HelpDesk,
            selector(desk.open_ticket(Priority::Normal, 0, any_hash)),
            2.0,
        ),
        (Contract::HelpDesk, selector(desk.respond(0, any_hash)), 1.5),
        (Contract::HelpDesk, selector(desk.resolve(0, any_hash)), 1.5),
        (
            Contract::Governor,
            selector(governor.vote(0, Support::For)),
            1.5,
        ),
        (Contract::Governor, selector(governor.lock(0)), 2.0),
    ];
    for (contract, message, bound) in per_message {
        let ratio = worst_ratio(&results.messages, contract, message);
        let label = message_label(message).unwrap_or("?");
        target(
            format!(
                "{} {label} ref_time vs reference transfer (worst case)",
                contract.name()
            ),
            &format!("<= {bound:.1}x"),
            format!("{ratio:.2}x"),
            ratio <= bound,
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
        results.code_sizes.help_desk.hot.to_string(),
        results.code_sizes.help_desk.hot <= 40_960,
    );
    target(
        "loyalty_token.wasm (hot blob) vs reference".into(),
        "<= 1.2x",
        format!("{:.2}x", results.code_sizes.token_over_reference),
        results.code_sizes.token_over_reference <= 1.2,
    );
    targets
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
            row.contract.name(),
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
         one blob):"
    );
    for (name, blobs) in [
        ("help_desk", &z.help_desk),
        ("loyalty_token", &z.loyalty_token),
        ("governor", &z.governor),
    ] {
        let _ = writeln!(
            s,
            "- {name} {} B / {} B / {} B",
            b(blobs.hot),
            b(blobs.cold),
            b(blobs.whole)
        );
    }
    let _ = writeln!(
        s,
        "- the reference PSP22 {} B (the token's hot blob is {:.2}x it)",
        b(z.psp22_reference),
        z.token_over_reference
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
