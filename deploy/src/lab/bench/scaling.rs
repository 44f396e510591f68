//! Cost against desk size: `open_ticket`, `respond`, `assign` and `resolve` on a fresh ticket of
//! desks holding ever more tickets, and the filler that opens those tickets.

use super::messages::{last_call, Cost};
use anyhow::anyhow;
use help_desk::ticket::Priority;
use helpdesk_sandbox::suite::{hash, step, who, Suite, HOUR_MS};
use helpdesk_sandbox::{message_label, AccountId};
use serde::Serialize;

/// A help-desk message's cost in desks of growing size.
#[derive(Debug, Serialize)]
pub struct ScalingRow {
    pub message: &'static str,
    /// (tickets already in the desk, cost).
    pub by_desk_size: Vec<(u32, Cost)>,
    /// ref_time in the largest desk over ref_time in the smallest.
    pub large_over_small: f64,
}

/// Calls made in one block while filling a desk. frame_system keeps a block's events until the
/// next block, and drink copies the block's events on every call to find the call's own: in one
/// endless block each call costs more than the last and all of them stay in memory (10 GB by
/// 8 000 tickets). A new block (same timestamp) every this many calls keeps each call's cost flat.
pub(super) const CALLS_PER_BLOCK: u32 = 100;

/// Opens `n` Normal tickets, the `i`th by `customer(i)`, at the current time.
pub(super) fn open_tickets(
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

/// A message's cost in each desk size measured: (tickets already in the desk, cost).
type BySize = Vec<(u32, Cost)>;

/// `open_ticket`, `respond`, `assign` and `resolve` on a fresh ticket of a desk already holding
/// each of `sizes` tickets (all from one customer, so that customer's list grows too).
pub(super) fn scaling(sizes: &[u32]) -> anyhow::Result<Vec<ScalingRow>> {
    let mut suite = Suite::new();
    // (selector, cost by desk size), in the order measured.
    let mut by_message: Vec<(Option<[u8; 4]>, BySize)> = Vec::new();
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
        let mut costs = vec![(suite.last_selector(), last_call(&suite))];
        suite.as_(&agent);
        for step in [
            step(move |d| d.respond(t, hash(3))),
            step(move |d| d.assign(t, agent)),
            step(move |d| d.resolve(t, hash(3))),
        ] {
            step(&mut suite).map_err(|e| anyhow!("{}: {e:?}", suite.last_message()))?;
            costs.push((suite.last_selector(), last_call(&suite)));
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
        .map(|(selector, by_desk_size)| {
            let small = by_desk_size.first().map_or(1, |(_, c)| c.ref_time.max(1));
            let large = by_desk_size.last().map_or(0, |(_, c)| c.ref_time);
            ScalingRow {
                message: selector
                    .and_then(message_label)
                    .unwrap_or("unknown message"),
                large_over_small: large as f64 / small as f64,
                by_desk_size,
            }
        })
        .collect())
}
