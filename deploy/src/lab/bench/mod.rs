//! The benchmark: weight (ref_time, proof_size) and storage deposit of every state-changing
//! message of both contracts, next to the reference PSP22 token's `transfer` deployed in the same
//! sandbox; cost against desk size; `process_due` cost per action; what fits in a block; code
//! sizes. Prints a table and writes JSON.
//!
//! Everything is read from drink's record of real calls on the optimized WASM (deterministic run
//! to run). Nothing here is timed.

mod code;
mod desk_messages;
mod governor_messages;
mod messages;
mod report;
mod scaling;
mod sweep;
mod token_messages;

pub use code::{Blobs, CodeSizes, CostModel};
pub use messages::{Cost, MessageRow, REFERENCE_TRANSFER_REF_TIME};
pub use report::{render, Results, Target};
pub use scaling::ScalingRow;
pub use sweep::{Capacity, SweepKind, SweepRow, BLOCK_REF_TIME};

use anyhow::anyhow;
use code::{code_sizes, cost_model};
use desk_messages::desk_messages;
use governor_messages::governor_messages;
use messages::reference_transfer;
use report::targets;
use scaling::scaling;
use std::path::PathBuf;
use sweep::{capacity, sweep};
use token_messages::token_messages;

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
    governor_messages(&mut messages)?;
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
