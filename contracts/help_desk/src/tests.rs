//! Native tests of the plain-Rust core: stories, refusals, and property tests over random
//! operation sequences. Storage (Mapping) runs on ink!'s off-chain engine, reset per case.

use crate::deadlines::BUCKET_MS;
use crate::desk::{Desk, TicketList};
use crate::due;
use crate::errors::DeskError;
use crate::events::{DeskEvent, RewardReason};
use crate::rewards::{Effects, Payout};
use crate::sla::Metric;
use crate::ticket::{Priority, Status, TicketId, Tier, MAX_LEVEL};
use ink::primitives::{AccountId, Hash};
use proptest::prelude::*;

use crate::time::{HOUR, MINUTE as MIN};
const T0: u64 = 1_767_225_600_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
const OWNER: u8 = 1;
const AGENT: u8 = 2;
const SUPERVISOR: u8 = 3;
const CUSTOMER: u8 = 4;
const HELPER: u8 = 5;

fn hash(n: u8) -> Hash {
    Hash::from([n; 32])
}

/// A fresh engine (empty storage) and a desk with one level-1 agent and one supervisor, and
/// [`CUSTOMER`] placed in the Standard tier (so it may be compensated and open any priority).
fn desk() -> Desk {
    ink::env::test::set_caller::<ink::env::DefaultEnvironment>(acc(OWNER));
    let mut desk = Desk::new(acc(OWNER), T0);
    desk.set_agent(acc(OWNER), acc(AGENT), 1).unwrap();
    desk.set_agent(acc(OWNER), acc(SUPERVISOR), MAX_LEVEL)
        .unwrap();
    desk.set_tier(acc(OWNER), acc(CUSTOMER), Tier::Standard)
        .unwrap();
    desk
}

fn fresh<R>(f: impl FnOnce() -> R) -> R {
    let mut out = None;
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        out = Some(f());
        Ok(())
    })
    .unwrap();
    out.unwrap()
}

fn has(fx: &Effects, pred: impl Fn(&DeskEvent) -> bool) -> bool {
    fx.events.iter().any(pred)
}

#[test]
fn breach_escalates_and_compensates_once() {
    fresh(|| {
        let mut desk = desk();
        let (id, _) = desk
            .open(acc(CUSTOMER), T0, Priority::High, 7, hash(1), None)
            .unwrap();
        let policy = desk.ticket(id).unwrap().policy;
        let due = T0 + policy.first_response_ms;

        // Before the warning time nothing is due.
        let (report, _) = desk.process_due(acc(HELPER), T0 + MIN, 10).unwrap();
        assert_eq!(report.actions, 0);

        // Past the warning time (and its bucket): a warning, nothing else.
        let warn_at = due - policy.warning_lead_ms + BUCKET_MS;
        assert_eq!(desk.due_tickets(warn_at, 10).unwrap().ids, vec![id]);
        let (report, fx) = desk.process_due(acc(HELPER), warn_at, 10).unwrap();
        assert_eq!(report.actions, 1);
        assert!(has(
            &fx,
            |e| matches!(e, DeskEvent::SlaWarning(w) if w.id == id)
        ));

        // Past the deadline: breach, compensation to the customer, escalation to level 1.
        let (report, fx) = desk.process_due(acc(HELPER), due + BUCKET_MS, 10).unwrap();
        assert_eq!(report.actions, 2);
        assert!(has(
            &fx,
            |e| matches!(e, DeskEvent::SlaBreached(b) if b.metric == Metric::FirstResponse)
        ));
        assert!(fx.payouts.contains(&Payout {
            to: acc(CUSTOMER),
            amount: policy.compensation,
            reason: RewardReason::Compensation(id, Metric::FirstResponse)
        }));
        assert!(fx
            .payouts
            .iter()
            .any(|p| p.to == acc(HELPER) && p.reason == RewardReason::Keeper));
        let ticket = desk.ticket(id).unwrap();
        assert_eq!((ticket.escalation, ticket.queue), (1, Some(1)));

        // A repeated sweep at the same time does nothing and earns nothing.
        let (report, fx) = desk.process_due(acc(HELPER), due + BUCKET_MS, 10).unwrap();
        assert_eq!(report.actions, 0);
        assert!(fx.payouts.is_empty());
    })
}

#[test]
fn pending_pauses_the_resolution_clock() {
    fresh(|| {
        let mut desk = desk();
        let (id, _) = desk
            .open(acc(CUSTOMER), T0, Priority::Normal, 1, hash(1), None)
            .unwrap();
        desk.respond(acc(AGENT), T0 + HOUR, id, hash(2)).unwrap();
        desk.change_status(acc(AGENT), T0 + 2 * HOUR, id, Status::Pending)
            .unwrap();
        let status = desk.sla_status(id, T0 + 50 * HOUR).unwrap();
        assert_eq!(status.resolution_used_ms, 2 * HOUR);
        assert_eq!(status.resolution_left_ms, None);
        // The customer answers: back to Open, the clock resumes with the 2 h already used.
        desk.respond(acc(CUSTOMER), T0 + 50 * HOUR, id, hash(3))
            .unwrap();
        let ticket = desk.ticket(id).unwrap();
        assert_eq!(ticket.status, Status::Open);
        let due = due::deadline(&ticket, Metric::Resolution).unwrap();
        assert_eq!(due, T0 + 50 * HOUR + ticket.policy.resolution_ms - 2 * HOUR);
    })
}

#[test]
fn resolve_confirm_and_rate_rewards_the_customer_once() {
    fresh(|| {
        let mut desk = desk();
        let (id, _) = desk
            .open(acc(CUSTOMER), T0, Priority::Low, 1, hash(1), None)
            .unwrap();
        desk.assign(acc(AGENT), T0, id, acc(AGENT)).unwrap();
        desk.resolve(acc(AGENT), T0 + HOUR, id, hash(9)).unwrap();
        assert_eq!(
            desk.confirm(acc(CUSTOMER), T0 + HOUR, id, Some(6)).err(),
            Some(DeskError::InvalidRating)
        );
        let fx = desk.confirm(acc(CUSTOMER), T0 + HOUR, id, Some(5)).unwrap();
        assert_eq!(fx.payouts.len(), 1);
        assert_eq!(desk.ticket(id).unwrap().status, Status::Closed);
        assert_eq!(
            desk.confirm(acc(CUSTOMER), T0 + HOUR, id, Some(5)).err(),
            Some(DeskError::TicketClosed)
        );
    })
}

#[test]
fn community_answer_is_rewarded_at_close_after_an_agent_resolved_never_the_customer_or_an_agent() {
    fresh(|| {
        let mut desk = desk();
        let (id, _) = desk
            .open(acc(CUSTOMER), T0, Priority::Low, 1, hash(1), None)
            .unwrap();
        desk.respond(acc(HELPER), T0, id, hash(2)).unwrap();
        desk.respond(acc(AGENT), T0, id, hash(3)).unwrap();
        for who in [CUSTOMER, AGENT] {
            assert_eq!(
                desk.accept_answer(acc(CUSTOMER), T0, id, acc(who)).err(),
                Some(DeskError::NotACandidateAnswer)
            );
        }
        assert_eq!(
            desk.accept_answer(acc(HELPER), T0, id, acc(HELPER)).err(),
            Some(DeskError::NotTicketCustomer)
        );
        let fx = desk
            .accept_answer(acc(CUSTOMER), T0, id, acc(HELPER))
            .unwrap();
        assert!(fx.payouts.is_empty(), "no reward before an agent resolved");
        assert_eq!(
            desk.accept_answer(acc(CUSTOMER), T0, id, acc(HELPER)).err(),
            Some(DeskError::AnswerAlreadyAccepted)
        );
        desk.assign(acc(AGENT), T0, id, acc(AGENT)).unwrap();
        desk.resolve(acc(AGENT), T0, id, hash(4)).unwrap();
        let fx = desk.confirm(acc(CUSTOMER), T0, id, None).unwrap();
        assert_eq!(fx.payouts.len(), 1);
        assert_eq!(fx.payouts[0].to, acc(HELPER));
    })
}

#[test]
fn refusals_change_nothing() {
    fresh(|| {
        let mut desk = desk();
        let (id, _) = desk
            .open(acc(CUSTOMER), T0, Priority::Low, 1, hash(1), None)
            .unwrap();
        let before = desk.ticket(id).unwrap();
        let stranger = acc(HELPER);
        assert_eq!(
            desk.resolve(stranger, T0, id, hash(2)).err(),
            Some(DeskError::NotAgent)
        );
        assert_eq!(
            desk.resolve(acc(AGENT), T0, id, hash(2)).err(),
            Some(DeskError::NotAssigneeOrSupervisor)
        );
        assert_eq!(
            desk.reopen(acc(CUSTOMER), T0, id, hash(2)).err(),
            Some(DeskError::TransitionNotAllowed {
                from: Status::Open,
                to: Status::Open
            })
        );
        assert_eq!(
            desk.change_status(acc(AGENT), T0, id, Status::Closed).err(),
            Some(DeskError::TransitionNotAllowed {
                from: Status::Open,
                to: Status::Closed
            })
        );
        assert_eq!(
            desk.assign(acc(AGENT), T0, id, acc(SUPERVISOR)).err(),
            Some(DeskError::AgentLevelTooLow {
                required: MAX_LEVEL
            })
        );
        assert_eq!(
            desk.escalate(stranger, T0, id, hash(2)).err(),
            Some(DeskError::NotTicketCustomer)
        );
        assert_eq!(
            desk.set_agent(stranger, stranger, 1).err(),
            Some(DeskError::NotOwner)
        );
        assert_eq!(
            desk.process_due(stranger, T0, 0).err(),
            Some(DeskError::InvalidLimit)
        );
        assert_eq!(
            desk.respond(stranger, T0, 99, hash(2)).err(),
            Some(DeskError::TicketNotFound)
        );
        assert_eq!(desk.ticket(id).unwrap(), before);
        desk.set_paused(acc(OWNER), T0, true).unwrap();
        assert_eq!(
            desk.open(acc(CUSTOMER), T0, Priority::Low, 1, hash(1), None)
                .err(),
            Some(DeskError::Paused)
        );
        assert!(desk.ticket(id).is_some());
    })
}

/// The deadline walk jumps over empty buckets, hours and groups of 64 hours: finding two
/// entries ten days apart takes a few steps per 64 idle hours plus one per entry.
#[test]
fn the_deadline_walk_costs_two_steps_per_64_idle_hours() {
    use crate::deadlines::DeadlineIndex;
    fresh(|| {
        let mut index = DeadlineIndex::new(T0);
        index.schedule(1, 1, T0 + 5 * MIN);
        index.schedule(2, 1, T0 + 240 * HOUR + 30 * MIN);
        let now = T0 + 241 * HOUR;
        let mut walk = index.walk();
        let mut budget = 1_000;
        let first = index.next_due(&mut walk, now, &mut budget).unwrap().1;
        let second = index.next_due(&mut walk, now, &mut budget).unwrap().1;
        assert_eq!((first.ticket, second.ticket), (1, 2));
        assert!(index.next_due(&mut walk, now, &mut budget).is_none());
        let steps = 1_000 - budget;
        assert!(
            steps <= 2 * (241 / 64 + 2) + 4,
            "{steps} steps for 241 hours"
        );
        // Never past the bucket of `now`: a past due time scheduled now is still found.
        assert_eq!(walk.cursor.bucket, (T0 + 241 * HOUR) / BUCKET_MS);
    })
}

/// A bucket holding many chunks, walked by sweeps of a few steps each while each sweep also
/// appends to the bucket it is walking (a past due time lands in the cursor's bucket, and may
/// roll the head into a new chunk under the walk's feet): every entry comes out exactly once,
/// in order, and once the walk has passed the bucket and its page, none of their cells is left
/// in storage.
#[test]
fn chunked_buckets_yield_every_entry_once_and_are_removed_behind_the_walk() {
    use crate::deadlines::{DeadlineIndex, CHUNK};
    fresh(|| {
        let mut index = DeadlineIndex::new(T0);
        let due = T0 + 5 * MIN;
        let bucket = due / BUCKET_MS;
        let mut next: u64 = 0;
        for _ in 0..100 {
            next += 1;
            index.schedule(next, 1, due);
        }
        // Four days on: the walk also goes past the bucket's page and its group of 64 hours.
        let now = T0 + 96 * HOUR;
        let mut seen = Vec::new();
        for _ in 0..200 {
            let mut walk = index.walk();
            let mut budget = 7;
            while let Some((_, entry)) = index.next_due(&mut walk, now, &mut budget) {
                seen.push(entry.ticket);
                index.set_cursor(walk.cursor);
                if next < 170 && entry.ticket % 3 == 0 {
                    next += 1;
                    index.schedule(next, 1, T0);
                }
            }
            index.finish(&mut walk);
            if budget > 0 {
                break;
            }
        }
        let expected: Vec<u64> = (1..=next).collect();
        assert_eq!(seen, expected, "each entry once, in scheduling order");
        assert!(next > u64::from(3 * CHUNK), "several chunks were written");
        assert_eq!(index.stored_cells(bucket, 20), 0, "no cell left behind");
    })
}

/// The audit's L-5: a walk reads a bucket's 32 newest entries while they are still the open
/// head, then a past-due schedule rolls them into a chunk below the stored cursor. That chunk
/// would never be read again; it is never stored, so no cell is left behind.
#[test]
fn a_chunk_the_walk_already_read_is_never_stored() {
    use crate::deadlines::{DeadlineIndex, CHUNK};
    fresh(|| {
        let mut index = DeadlineIndex::new(T0);
        let due = T0 + 5 * MIN;
        let bucket = due / BUCKET_MS;
        for ticket in 1..=u64::from(CHUNK) {
            index.schedule(ticket, 1, due);
        }
        let now = T0 + 2 * HOUR;
        let mut walk = index.walk();
        let mut budget = 1_000;
        for _ in 0..CHUNK {
            index.next_due(&mut walk, now, &mut budget).unwrap();
            index.set_cursor(walk.cursor);
        }
        // Past due: lands in the cursor's bucket and rolls the 32 read entries into a chunk.
        index.schedule(99, 1, T0);
        let (_, last) = index.next_due(&mut walk, now, &mut budget).unwrap();
        assert_eq!(last.ticket, 99);
        while index.next_due(&mut walk, now, &mut budget).is_some() {}
        index.finish(&mut walk);
        // Later, past the bucket's group of 64 hours too.
        let mut walk = index.walk();
        assert!(index
            .next_due(&mut walk, T0 + 96 * HOUR, &mut budget)
            .is_none());
        index.finish(&mut walk);
        assert_eq!(index.stored_cells(bucket, 2), 0, "no cell left behind");
    })
}

/// The review's index leak: a keeper sweeping every few minutes with a small budget starts
/// walks mid-bucket, at the last page of a group, and crosses pages and groups between two
/// sweeps. Once the walk is past them, no head, page bitmap or group bitmap is left.
#[test]
fn frequent_small_sweeps_across_pages_and_groups_leave_no_bitmap_behind() {
    use crate::deadlines::DeadlineIndex;
    fresh(|| {
        let mut index = DeadlineIndex::new(T0);
        let buckets: Vec<u64> = (0..40u64)
            .map(|i| {
                let due = T0 + i * 5 * HOUR + (i % 7) * MIN;
                for n in 0..3 {
                    index.schedule(i * 10 + n, 1, due);
                }
                due / BUCKET_MS
            })
            .collect();
        // Past the last group those buckets are in (T0 is 16 hours into its group of 64).
        let end = T0 + 260 * HOUR;
        let mut now = T0;
        let mut seen = 0;
        while now < end {
            now += 7 * MIN;
            let mut walk = index.walk();
            let mut budget = 3;
            while index.next_due(&mut walk, now, &mut budget).is_some() {
                seen += 1;
                index.set_cursor(walk.cursor);
            }
            index.finish(&mut walk);
        }
        assert_eq!(seen, 120, "every entry once");
        for bucket in buckets {
            assert_eq!(
                index.stored_cells(bucket, 1),
                0,
                "bucket {bucket} left a cell"
            );
        }
    })
}

/// A sweep mints once, to the keeper who ran it: the sum of its own rewards. The customers it
/// compensated are credited instead (no cross-contract call per customer).
#[test]
fn a_sweep_mints_only_the_keepers_own_rewards_summed() {
    fresh(|| {
        let mut desk = desk();
        for _ in 0..3 {
            desk.open(acc(CUSTOMER), T0, Priority::Urgent, 7, hash(1), None)
                .unwrap();
        }
        let (report, fx) = desk.process_due(acc(HELPER), T0 + 10 * HOUR, 100).unwrap();
        assert!(report.actions >= 6);
        let sum_to = |who: AccountId| -> u128 {
            fx.payouts
                .iter()
                .filter(|p| p.to == who)
                .map(|p| p.amount)
                .sum()
        };
        assert!(fx.payouts.iter().filter(|p| p.to == acc(CUSTOMER)).count() >= 3);
        assert!(sum_to(acc(CUSTOMER)) > 0);
        assert!(sum_to(acc(HELPER)) > 0);
        assert_eq!(fx.minted_to(acc(HELPER)), Some(sum_to(acc(HELPER))));
        assert_eq!(fx.minted_to(acc(CUSTOMER)), Some(sum_to(acc(CUSTOMER))));
    })
}

/// One random step of the property test.
#[derive(Debug, Clone)]
enum Op {
    Open(u8, Priority),
    Respond(u8, u8),
    Assign(u8, u8),
    Pending(u8),
    Escalate(u8),
    Resolve(u8, u8),
    Reopen(u8),
    Confirm(u8, Option<u8>),
    Accept(u8),
    Boost(u8),
    Sweep(u32),
    Poke(u8),
    Wait(u64),
}

fn op() -> impl Strategy<Value = Op> {
    let priority = prop_oneof![
        Just(Priority::Low),
        Just(Priority::Normal),
        Just(Priority::High),
        Just(Priority::Urgent)
    ];
    prop_oneof![
        (0u8..3, priority).prop_map(|(c, p)| Op::Open(c, p)),
        (0u8..8, 0u8..6).prop_map(|(t, a)| Op::Respond(t, a)),
        (0u8..8, 0u8..2).prop_map(|(t, a)| Op::Assign(t, a)),
        (0u8..8).prop_map(Op::Pending),
        (0u8..8).prop_map(Op::Escalate),
        (0u8..8, 0u8..2).prop_map(|(t, a)| Op::Resolve(t, a)),
        (0u8..8).prop_map(Op::Reopen),
        (0u8..8, proptest::option::of(0u8..7)).prop_map(|(t, r)| Op::Confirm(t, r)),
        (0u8..8).prop_map(Op::Accept),
        (0u8..8).prop_map(Op::Boost),
        (1u32..20).prop_map(Op::Sweep),
        (0u8..8).prop_map(Op::Poke),
        (0u64..30 * HOUR).prop_map(Op::Wait),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// After every step: a closed ticket never changes; a ticket is in at most one queue and
    /// only while unassigned and active; compensation is paid at most once per metric; no
    /// account gets more community rewards per epoch than the cap. After a full sweep, no
    /// ticket has an action due in a bucket that has ended.
    #[test]
    fn invariants_hold_for_random_operation_sequences(ops in proptest::collection::vec(op(), 1..120)) {
        fresh(|| -> Result<(), TestCaseError> {
            let mut desk = desk();
            let customers = [acc(10), acc(11), acc(12)];
            // One placed customer (compensated, any priority), two unplaced ones.
            desk.set_tier(acc(OWNER), customers[0], Tier::Premium).unwrap();
            let agents = [acc(AGENT), acc(SUPERVISOR)];
            let others = [acc(20), acc(21)];
            let caps = desk.settings().caps;
            let epoch = |now: u64| now / caps.epoch_length_ms;
            let mut minted = std::collections::BTreeMap::<(u8, u64), u128>::new();
            let mut now = T0;
            let mut closed: Vec<(TicketId, crate::ticket::Ticket)> = Vec::new();
            let mut compensations = std::collections::BTreeSet::new();
            let mut community = std::collections::BTreeMap::<(AccountId, u64), u128>::new();
            for op in ops {
                let n = desk.last_id();
                let pick = |t: u8| if n == 0 { 1 } else { u64::from(t) % n + 1 };
                let result = match op {
                    Op::Open(c, p) => desk.open(customers[usize::from(c)], now, p, 1, hash(1), None).map(|(_, fx)| fx),
                    Op::Respond(t, a) => {
                        let who = match a { 0 => desk.ticket(pick(t)).map_or(acc(0), |x| x.customer), 1 | 2 => agents[usize::from(a - 1)], _ => others[usize::from(a % 2)] };
                        desk.respond(who, now, pick(t), hash(2))
                    }
                    Op::Assign(t, a) => desk.assign(agents[usize::from(a)], now, pick(t), agents[usize::from(a)]),
                    Op::Pending(t) => desk.change_status(acc(SUPERVISOR), now, pick(t), Status::Pending),
                    Op::Escalate(t) => desk.escalate(acc(SUPERVISOR), now, pick(t), hash(3)),
                    Op::Resolve(t, a) => desk.resolve(agents[usize::from(a)], now, pick(t), hash(4)),
                    Op::Reopen(t) => { let c = desk.ticket(pick(t)).map_or(acc(0), |x| x.customer); desk.reopen(c, now, pick(t), hash(5)) }
                    Op::Confirm(t, r) => { let c = desk.ticket(pick(t)).map_or(acc(0), |x| x.customer); desk.confirm(c, now, pick(t), r) }
                    Op::Accept(t) => { let c = desk.ticket(pick(t)).map_or(acc(0), |x| x.customer); desk.accept_answer(c, now, pick(t), others[usize::from(t % 2)]) }
                    Op::Boost(t) => { let c = desk.ticket(pick(t)).map_or(acc(0), |x| x.customer); desk.boost(c, now, pick(t)).map(|(_, fx)| fx) }
                    Op::Sweep(max) => desk.process_due(acc(30), now, max).map(|(_, fx)| fx),
                    Op::Poke(t) => desk.poke(acc(30), now, pick(t)).map(|(_, fx)| fx),
                    Op::Wait(ms) => { now += ms; Ok(Effects::default()) }
                };
                if let Ok(fx) = result {
                    for payout in &fx.payouts {
                        let (kind, cap) = match payout.reason {
                            RewardReason::Compensation(id, metric) => {
                                prop_assert!(compensations.insert((id, metric as u8)), "compensation paid twice");
                                (0, caps.compensation)
                            }
                            RewardReason::AcceptedAnswer(_) | RewardReason::Rating(_) => (1, caps.community),
                            RewardReason::Keeper => (2, caps.keeper),
                            RewardReason::Owed => continue,
                        };
                        let total = community.entry((payout.to, epoch(now) * 3 + kind)).or_default();
                        *total += payout.amount;
                        prop_assert!(*total <= cap.per_account, "a per-account cap exceeded");
                        let desk_total = minted.entry((kind as u8, epoch(now))).or_default();
                        *desk_total += payout.amount;
                        prop_assert!(*desk_total <= cap.desk, "a desk-wide budget exceeded");
                    }
                }
                for (id, snapshot) in &closed {
                    prop_assert_eq!(&desk.ticket(*id).unwrap(), snapshot, "closed ticket changed");
                }
                for id in 1..=desk.last_id() {
                    let t = desk.ticket(id).unwrap();
                    if let Some(level) = t.queue {
                        prop_assert!(t.assignee.is_none() && t.status.is_active() && level == t.queue_level());
                    }
                    if t.status == Status::Closed && !closed.iter().any(|(c, _)| *c == id) {
                        closed.push((id, t));
                    }
                }
            }
            // Every queue's pages list exactly its tickets, oldest first.
            for level in 1..=3u8 {
                let mut listed = Vec::new();
                let mut from = Some(0);
                while let Some(at) = from {
                    let (ids, next) = desk.list(TicketList::Queue(level), at, 7).unwrap();
                    listed.extend(ids);
                    from = next;
                }
                let queued: Vec<TicketId> = (1..=desk.last_id())
                    .filter(|id| desk.ticket(*id).unwrap().queue == Some(level))
                    .collect();
                prop_assert_eq!(listed, queued, "queue {} pages", level);
            }
            // Drain: sweeps find every due action.
            now += BUCKET_MS;
            for _ in 0..1000 {
                let (report, _) = desk.process_due(acc(30), now, 50).unwrap();
                if !report.more { break; }
            }
            let swept_until = now - now % BUCKET_MS;
            for id in 1..=desk.last_id() {
                let t = desk.ticket(id).unwrap();
                if let Some((at, action)) = due::next_action(&t) {
                    prop_assert!(at >= swept_until, "ticket {} has {:?} due at {} but sweep reached {}", id, action, at, swept_until);
                }
            }
            Ok(())
        })?;
    }
}
