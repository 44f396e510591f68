//! Message-level fuzzing of both contracts in the sandbox: a seeded, deterministic sequence of
//! random calls to every message (random actors, existing and missing ids, every enum value,
//! extreme numbers, random time jumps, pause/unpause, upgrades to the same code), each of which
//! must succeed or return its typed error (a trap, a `LangError` or an output that is not the
//! message's type fails the test), with the invariants checked after every step.
//!
//! `HELPDESK_FUZZ_SEED` picks the seed (printed first, so a failure can be replayed) and
//! `HELPDESK_FUZZ_CALLS` the number of calls (default 10 000; `scripts/fuzz` runs ten such sequences).

use help_desk::events::{
    Closed, Escalated, RewardCapped, RewardCredited, RewardPaid, RewardReason, SlaBreached,
    SlaWarning,
};
use help_desk::rewards::RewardKind;
use help_desk::settings::{Cap, RewardCaps, Settings};
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Status, Ticket, Tier, MAX_LEVEL};
use help_desk::DeskError;
use helpdesk_sandbox::suite::{hash, who, Suite, DAY_MS, HOUR_MS, MINUTE_MS};
use helpdesk_sandbox::{
    account, desk_at, message_label, token_at, AccountId, CallError, Contract, DeskCalls, Hash,
    Message, Prepared, TokenCalls,
};
use psp22::{PSP22Burnable, PSP22Metadata, PSP22Mintable, PSP22};
use std::collections::{BTreeMap, BTreeSet};

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn actors() -> Vec<AccountId> {
    vec![
        who::owner(),
        who::carol(),
        who::dave(),
        who::erin(),
        who::keeper(),
        who::agent(),
        who::senior(),
        who::supervisor(),
        account(50),
    ]
}

/// A number as the fuzz likes them: extremes most of all.
fn number(rng: &mut Rng, max: u128) -> u128 {
    match rng.below(6) {
        0 => 0,
        1 => 1,
        2 => max,
        3 => max / 2,
        _ => u128::from(rng.below(200)),
    }
}

fn random_policy(rng: &mut Rng) -> SlaPolicy {
    let duration =
        |rng: &mut Rng| *rng.pick(&[0, 1, MINUTE_MS, HOUR_MS, 8 * HOUR_MS, DAY_MS, u64::MAX]);
    let steps = rng.below(5) as usize;
    SlaPolicy {
        first_response_ms: duration(rng),
        resolution_ms: duration(rng),
        warning_lead_ms: *rng.pick(&[0, MINUTE_MS, 15 * MINUTE_MS]),
        escalation_delays_ms: (0..steps).map(|i| i as u64 * 30 * MINUTE_MS).collect(),
        auto_close_ms: duration(rng),
        abandon_after_ms: duration(rng),
        compensation: number(rng, u128::MAX),
    }
}

fn random_settings(rng: &mut Rng) -> Settings {
    let cap = |rng: &mut Rng| Cap {
        per_account: number(rng, u128::MAX),
        desk: number(rng, u128::MAX),
    };
    Settings {
        reopen_window_ms: *rng.pick(&[0, HOUR_MS, 2 * DAY_MS, u64::MAX]),
        boost_price: number(rng, u128::MAX),
        answer_reward: number(rng, u128::MAX),
        rating_reward: number(rng, u128::MAX),
        keeper_reward_per_action: number(rng, u128::MAX),
        unplaced_max_priority: *rng.pick(&Priority::ALL),
        caps: RewardCaps {
            epoch_length_ms: *rng.pick(&[0, HOUR_MS, DAY_MS]),
            compensation: cap(rng),
            community: cap(rng),
            keeper: cap(rng),
        },
        upgrade_delay_ms: *rng.pick(&[0, MINUTE_MS, HOUR_MS, u64::MAX]),
    }
}

/// Which contract a message went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    Desk,
    Token,
}

/// A message of either contract, as the tallies count it: the contract and the selector.
type Sent = (Callee, [u8; 4]);

/// The help-desk message `message` builds, as the tallies count it (its arguments do not
/// matter: only the selector is kept).
fn desk_message<M: Message>(message: impl FnOnce(&mut DeskCalls) -> M) -> Sent {
    let message = Prepared::of(message(&mut desk_at(AccountId::from([0; 32]))));
    (Callee::Desk, message.selector())
}

/// How a tally shows a message: `desk respond`, `token PSP22::transfer` (labels from the
/// contracts' metadata).
fn describe((callee, selector): Sent) -> String {
    let label = message_label(selector).unwrap_or("unknown message");
    let contract = match callee {
        Callee::Desk => "desk",
        Callee::Token => "token",
    };
    format!("{contract} {label}")
}

/// What the checks remember between steps.
#[derive(Default)]
struct Memory {
    /// Closed tickets as they were when they closed (filled by the state checks).
    closed: BTreeMap<u64, Ticket>,
    /// Tickets a `Closed` event closed.
    closed_ids: BTreeSet<u64>,
    /// (ticket, metric) pairs compensation was granted for (paid, deferred or cut to zero).
    compensated: BTreeSet<(u64, u8)>,
    /// Reward granted per (kind, epoch start), and the desk cap in force.
    granted: BTreeMap<(u8, u64), (u128, u128)>,
    /// Reward granted per (kind, account, epoch start), and the per-account cap in force.
    granted_to: BTreeMap<(u8, [u8; 32], u64), (u128, u128)>,
    /// Calls that succeeded, per message.
    succeeded: BTreeMap<Sent, u32>,
    /// Calls refused with a typed error, per message.
    refused: BTreeMap<Sent, u32>,
    /// Steps that moved the clock instead of calling.
    time_jumps: u32,
}

struct Fuzz {
    suite: Suite,
    /// The highest ticket id so far (ids are sequential).
    last_id: u64,
    rng: Rng,
    actors: Vec<AccountId>,
    memory: Memory,
    desk_code: Hash,
    caps: RewardCaps,
}

impl Fuzz {
    fn id(&mut self) -> u64 {
        let last = self.last_id;
        if self.rng.chance(5) {
            *self.rng.pick(&[0, last + 1, u64::MAX])
        } else {
            1 + self.rng.below(last.max(1))
        }
    }

    fn actor(&mut self) -> AccountId {
        *self.rng.pick(&self.actors)
    }

    /// The customer of ticket `id` (an actor), or carol when there is no such ticket.
    fn customer_of(&mut self, id: u64) -> AccountId {
        self.suite
            .desk(|d| d.ticket(id))
            .map(|t| t.customer)
            .filter(|customer| self.actors.contains(customer))
            .unwrap_or_else(who::carol)
    }

    /// A help-desk message that may refuse: its value, or `None` for its typed error.
    fn desk<M, T>(&mut self, message: impl FnOnce(&mut DeskCalls) -> M) -> Option<T>
    where
        M: Message<Output = Result<T, DeskError>>,
    {
        let message = message(&mut desk_at(self.suite.desk));
        self.fallible(message)
    }

    /// A token message that may refuse (with a `TokenError` or a `PSP22Error`).
    fn token<M, T, E>(&mut self, message: impl FnOnce(&mut TokenCalls) -> M)
    where
        M: Message<Output = Result<T, E>>,
    {
        let message = message(&mut token_at(self.suite.token));
        self.fallible(message);
    }

    /// A help-desk query: it answers.
    fn desk_query<M: Message>(&mut self, message: impl FnOnce(&mut DeskCalls) -> M) {
        let message = message(&mut desk_at(self.suite.desk));
        self.query(message);
    }

    /// A token query: it answers.
    fn token_query<M: Message>(&mut self, message: impl FnOnce(&mut TokenCalls) -> M) {
        let message = message(&mut token_at(self.suite.token));
        self.query(message);
    }

    /// Sends `message` as the current actor: it returns its value (`Some`) or its typed error
    /// (`None`), and it reverts only with the error. Anything else fails the test.
    fn fallible<M, T, E>(&mut self, message: M) -> Option<T>
    where
        M: Message<Output = Result<T, E>>,
    {
        let (sent, result) = self.send(message);
        let actor = self.suite.actor;
        let result = result.unwrap_or_else(|e| {
            panic!(
                "{} sent by {actor:?} neither returned nor refused with its typed error: {e}",
                describe(sent)
            )
        });
        assert!(
            result.is_err() || !self.reverted(),
            "{} reverted without a typed error",
            describe(sent)
        );
        self.count(sent, result.is_ok());
        result.ok()
    }

    /// Sends the query `message` as the current actor, which must answer without reverting.
    fn query<M: Message>(&mut self, message: M) {
        let (sent, result) = self.send(message);
        if let Err(e) = result {
            panic!("{} did not answer: {e}", describe(sent));
        }
        assert!(!self.reverted(), "{} reverted", describe(sent));
        self.count(sent, true);
    }

    /// Sends `message` as the current actor: how the tallies count it, and what came back.
    fn send<M: Message>(&mut self, message: M) -> (Sent, Result<M::Output, CallError<String>>) {
        let message = Prepared::of(message);
        let callee = if message.contract == self.suite.desk {
            Callee::Desk
        } else {
            Callee::Token
        };
        let sent = (callee, message.selector());
        (sent, self.suite.try_call(message))
    }

    /// Whether the last call reverted.
    fn reverted(&self) -> bool {
        self.suite
            .chain
            .last()
            .is_some_and(|reply| reply.result.as_ref().is_ok_and(|r| r.reverted))
    }

    fn count(&mut self, sent: Sent, ok: bool) {
        let tally = if ok {
            &mut self.memory.succeeded
        } else {
            &mut self.memory.refused
        };
        *tally.entry(sent).or_default() += 1;
    }

    /// One random call (`true`), or a time jump (`false`).
    fn step(&mut self) -> bool {
        let who = self.actor();
        // Half the time, an actor who may well be allowed.
        let plausible = self.rng.chance(50);
        let pick_as = move |role: AccountId| if plausible { role } else { who };
        let h = hash(self.rng.below(250) as u8);
        match self.rng.below(64) {
            0..=2 => {
                let by = pick_as(*self.rng.pick(&[who::carol(), who::dave(), account(50)]));
                self.suite.as_(&by);
                let priority = *self.rng.pick(&Priority::ALL);
                let category = self.rng.below(5) as u32;
                if let Some(id) = self.desk(|d| d.open_ticket(priority, category, h)) {
                    self.last_id = self.last_id.max(id);
                }
            }
            3 => {
                let by = pick_as(who::carol());
                self.suite.as_(&by);
                let parent = self.id();
                if let Some(id) = self.desk(|d| d.open_follow_up(parent, Priority::Low, 1, h)) {
                    self.last_id = self.last_id.max(id);
                }
            }
            4..=7 => {
                let id = self.id();
                self.suite.as_(&who);
                self.desk(|d| d.respond(id, h));
            }
            8..=9 => {
                let id = self.id();
                let agent =
                    *self
                        .rng
                        .pick(&[who::agent(), who::senior(), who::supervisor(), who::erin()]);
                let by = pick_as(agent);
                self.suite.as_(&by);
                self.desk(|d| d.assign(id, agent));
            }
            10..=11 => {
                let id = self.id();
                let status = *self.rng.pick(&[
                    Status::Open,
                    Status::Pending,
                    Status::OnHold,
                    Status::Resolved,
                    Status::Closed,
                ]);
                let by = pick_as(who::supervisor());
                self.suite.as_(&by);
                self.desk(|d| d.set_status(id, status));
            }
            12 => {
                let id = self.id();
                self.suite.as_(&who);
                self.desk(|d| d.escalate(id, h));
            }
            13..=15 => {
                let id = self.id();
                let by = pick_as(who::supervisor());
                self.suite.as_(&by);
                self.desk(|d| d.resolve(id, h));
            }
            16 => {
                let id = self.id();
                let by = pick_as(who::agent());
                self.suite.as_(&by);
                self.desk(|d| d.close_invalid(id, h));
            }
            17..=18 => {
                let id = self.id();
                let by = pick_as(self.customer_of(id));
                self.suite.as_(&by);
                self.desk(|d| d.reopen(id, h));
            }
            19 => {
                let id = self.id();
                let rating = *self
                    .rng
                    .pick(&[None, Some(0), Some(1), Some(5), Some(6), Some(255)]);
                let by = pick_as(self.customer_of(id));
                self.suite.as_(&by);
                self.desk(|d| d.confirm(id, rating));
            }
            20 => {
                let id = self.id();
                let responder = self.actor();
                let by = pick_as(self.customer_of(id));
                self.suite.as_(&by);
                self.desk(|d| d.accept_answer(id, responder));
            }
            21 => {
                let id = self.id();
                self.suite.as_(&who);
                self.desk(|d| d.boost_priority(id));
            }
            22..=25 => {
                let max = *self.rng.pick(&[0u32, 1, 7, 100, 1000, 1001, u32::MAX]);
                self.suite.as_(&who);
                self.desk(|d| d.process_due(max));
            }
            26 => {
                let id = self.id();
                self.suite.as_(&who);
                self.desk(|d| d.poke(id));
            }
            27 => {
                let limit = *self.rng.pick(&[0u32, 1, 100, 101]);
                self.desk(|d| d.due_tickets(limit));
            }
            28 => {
                let amount = match self.rng.below(3) {
                    0 => None,
                    _ => Some(number(&mut self.rng, u128::MAX)),
                };
                self.suite.as_(&who);
                self.desk(|d| d.claim_owed(amount));
            }
            29 => {
                let target = self.actor();
                let level = *self.rng.pick(&[0u8, 1, 2, 3, 4, 255]);
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                self.desk(|d| d.set_agent(target, level));
            }
            30 => {
                let target = self.actor();
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                self.desk(|d| d.remove_agent(target));
            }
            31 => {
                let target = self.actor();
                let tier = *self.rng.pick(&Tier::ALL);
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                self.desk(|d| d.set_customer_tier(target, tier));
            }
            32 => {
                let policy = random_policy(&mut self.rng);
                let tier = *self.rng.pick(&Tier::ALL);
                let priority = *self.rng.pick(&Priority::ALL);
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                self.desk(|d| d.set_sla_policy(tier, priority, policy));
            }
            33 => {
                let settings = random_settings(&mut self.rng);
                let caps = settings.caps;
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                if self.desk(|d| d.set_settings(settings)).is_some() {
                    // New caps, new budgets (like any owner change of the epoch length).
                    self.caps = caps;
                    self.memory.granted.clear();
                    self.memory.granted_to.clear();
                }
            }
            34 => {
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                if self.rng.chance(50) {
                    self.desk(|d| d.pause());
                } else {
                    self.desk(|d| d.unpause());
                }
            }
            35 => {
                let target = self.actor();
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                self.desk(|d| d.transfer_ownership(target));
            }
            36 => {
                self.suite.as_(&who);
                self.desk(|d| d.accept_ownership());
            }
            37 => {
                let code = if self.rng.chance(80) {
                    self.desk_code
                } else {
                    h
                };
                let by = pick_as(who::owner());
                self.suite.as_(&by);
                // One time in three an announcement, else the upgrade itself.
                if self.rng.below(3) == 0 {
                    self.desk(|d| d.schedule_upgrade(code));
                } else {
                    self.desk(|d| d.upgrade(code));
                }
            }
            38 => {
                self.suite.as_(&who);
                self.desk(|d| d.cancel_upgrade());
            }
            39..=42 => {
                // Queries: every read-only message.
                let id = self.id();
                let target = self.actor();
                let (from, limit) = (
                    self.rng.below(5) as u32,
                    *self.rng.pick(&[0u32, 1, 7, 100, 101]),
                );
                match self.rng.below(20) {
                    0 => self.desk_query(|d| d.ticket(id)),
                    1 => self.desk_query(|d| d.ticket_count()),
                    2 => {
                        self.desk(|d| d.tickets_by_customer(target, from, limit));
                    }
                    3 => {
                        self.desk(|d| d.tickets_by_assignee(target, from, limit));
                    }
                    4 => {
                        let level = self.rng.below(5) as u8;
                        self.desk(|d| d.tickets_in_queue(level, from, limit));
                    }
                    5 => self.desk_query(|d| d.sla_policy(Tier::Premium, Priority::Urgent)),
                    6 => {
                        self.desk(|d| d.sla_status(id));
                    }
                    7 => self.desk_query(|d| d.counters()),
                    8 => self.desk_query(|d| d.agent_level(target)),
                    9 => self.desk_query(|d| d.customer_tier(target)),
                    10 => self.desk_query(|d| d.is_placed(target)),
                    11 => {
                        let kind = *self.rng.pick(&[
                            RewardKind::Compensation,
                            RewardKind::Community,
                            RewardKind::Keeper,
                        ]);
                        self.desk_query(|d| d.reward_usage(kind, target))
                    }
                    12 => self.desk_query(|d| d.desk_time()),
                    13 => self.desk_query(|d| d.settings()),
                    14 => self.desk_query(|d| d.owed(target)),
                    15 => self.desk_query(|d| d.owner()),
                    16 => self.desk_query(|d| d.pending_owner()),
                    17 => self.desk_query(|d| d.is_paused()),
                    18 => self.desk_query(|d| d.storage_version()),
                    _ => self.desk_query(|d| d.pending_upgrade()),
                }
            }
            43..=55 => {
                // The token: every message, random holders and amounts.
                let to = self.actor();
                let other = self.actor();
                let value = number(&mut self.rng, u128::MAX);
                self.suite.as_(&who);
                match self.rng.below(22) {
                    0 => self.token(|t| t.transfer(to, value, Vec::new())),
                    1 => self.token(|t| t.transfer_from(other, to, value, Vec::new())),
                    2 => self.token(|t| t.approve(to, value)),
                    3 => self.token(|t| t.increase_allowance(to, value)),
                    4 => self.token(|t| t.decrease_allowance(to, value)),
                    5 => self.token(|t| t.burn(value)),
                    6 => self.token(|t| t.mint(value)),
                    7 => self.token(|t| t.mint_to(to, value)),
                    8 => self.token(|t| t.burn_from(to, value)),
                    9 => self.token(|t| t.grant_minter(to)),
                    10 => self.token(|t| t.revoke_minter(to)),
                    11 => {
                        let epoch = *self.rng.pick(&[0, 1, HOUR_MS, DAY_MS]);
                        self.token(|t| t.set_mint_limit(epoch, value))
                    }
                    12 => self.token(|t| t.transfer_ownership(to)),
                    13 => self.token(|t| t.accept_ownership()),
                    14 => self.token_query(|t| t.balance_of(to)),
                    15 => self.token_query(|t| t.total_supply()),
                    16 => self.token_query(|t| t.allowance(to, other)),
                    17 => self.token_query(|t| t.token_name()),
                    18 => self.token_query(|t| t.token_decimals()),
                    19 => self.token_query(|t| t.is_minter(to)),
                    20 => self.token_query(|t| t.mint_allowance_remaining(to)),
                    _ => self.token_query(|t| t.mint_limit()),
                }
            }
            56.. => {
                let jump = *self.rng.pick(&[
                    0,
                    1_000,
                    MINUTE_MS,
                    20 * MINUTE_MS,
                    HOUR_MS,
                    2 * HOUR_MS,
                    8 * HOUR_MS,
                    DAY_MS,
                    10 * DAY_MS,
                ]);
                self.suite.advance(jump);
                self.memory.time_jumps += 1;
                return false;
            }
        }
        true
    }

    /// The invariants that the last call's events can break.
    fn check_events(&mut self, step: u32) {
        let epoch_of = |caps: &RewardCaps, now: u64| now - now % caps.epoch_length_ms.max(1);
        for e in self.suite.events::<Escalated>() {
            assert!(e.level <= MAX_LEVEL, "step {step}: level {}", e.level);
            assert!(
                !self.memory.closed_ids.contains(&e.id),
                "step {step}: closed ticket escalated"
            );
        }
        let mut seen = BTreeSet::new();
        for b in self.suite.events::<SlaBreached>() {
            assert!(
                seen.insert((b.id, b.metric as u8)),
                "step {step}: breach twice in one call"
            );
            assert!(
                !self.memory.closed_ids.contains(&b.id),
                "step {step}: closed ticket breached"
            );
        }
        for closed in self.suite.events::<Closed>() {
            assert!(
                self.memory.closed_ids.insert(closed.id),
                "step {step}: ticket {} closed twice",
                closed.id
            );
        }
        let mut warned = BTreeSet::new();
        for w in self.suite.events::<SlaWarning>() {
            assert!(
                warned.insert((w.id, w.metric as u8)),
                "step {step}: warning twice in one call"
            );
        }
        let mut grants: Vec<(RewardReason, [u8; 32], u128)> = Vec::new();
        grants.extend(
            self.suite
                .events::<RewardPaid>()
                .into_iter()
                .map(|p| (p.reason, p.to.0, p.amount)),
        );
        grants.extend(
            self.suite
                .events::<RewardCredited>()
                .into_iter()
                .map(|p| (p.reason, p.to.0, p.amount)),
        );
        for c in self.suite.events::<RewardCapped>() {
            if c.granted == 0 {
                grants.push((c.reason, c.to.0, 0));
            }
        }
        if grants.is_empty() {
            return;
        }
        let now = self.suite.desk(|d| d.desk_time());
        for (reason, to, amount) in grants {
            let (kind, cap) = match reason {
                RewardReason::Compensation(id, metric) => {
                    assert!(
                        self.memory.compensated.insert((id, metric as u8)),
                        "step {step}: compensation granted twice for ticket {id} {metric:?}"
                    );
                    (0u8, self.caps.compensation)
                }
                RewardReason::AcceptedAnswer(_) | RewardReason::Rating(_) => {
                    (1, self.caps.community)
                }
                RewardReason::Keeper => (2, self.caps.keeper),
                RewardReason::Owed => continue,
            };
            let epoch = epoch_of(&self.caps, now);
            let desk = self.memory.granted.entry((kind, epoch)).or_default();
            desk.0 += amount;
            desk.1 = cap.desk;
            assert!(
                desk.0 <= desk.1,
                "step {step}: kind {kind} granted {} over the desk budget {}",
                desk.0,
                desk.1
            );
            let account = self.memory.granted_to.entry((kind, to, epoch)).or_default();
            account.0 += amount;
            account.1 = cap.per_account;
            assert!(
                account.0 <= account.1,
                "step {step}: kind {kind} granted {} to one account over its cap {}",
                account.0,
                account.1
            );
        }
    }

    /// The invariants over the whole state (every 250 steps or more, and at the end): counters
    /// match the tickets, levels, closed tickets unchanged, supply equals the sum of balances.
    fn check_state(&mut self, step: u32) {
        let count = self.suite.desk(|d| d.ticket_count());
        let counters = self.suite.desk(|d| d.counters());
        assert_eq!(counters.opened, count, "step {step}: opened counter");
        let mut closed = 0;
        for id in 1..=count {
            let ticket = self.suite.ticket(id);
            assert!(
                ticket.escalation <= MAX_LEVEL,
                "step {step}: ticket {id} level"
            );
            if let Some(snapshot) = self.memory.closed.get(&id) {
                assert_eq!(&ticket, snapshot, "step {step}: closed ticket {id} changed");
            }
            if ticket.status == Status::Closed {
                closed += 1;
                self.memory.closed.entry(id).or_insert(ticket);
            }
        }
        assert_eq!(counters.closed, closed, "step {step}: closed counter");
        let supply = self.suite.token(|t| t.total_supply());
        let mut sum = 0u128;
        for who in self.actors.clone() {
            sum += self.suite.balance(&who);
        }
        assert_eq!(
            supply, sum,
            "step {step}: supply equals the sum of balances"
        );
    }

    /// Makes the desk's owner, which must be one of the actors, the current actor.
    fn as_owner(&mut self) {
        let owner = self.suite.desk(|d| d.owner());
        assert!(
            self.actors.contains(&owner),
            "the desk's owner {owner:?} is an actor"
        );
        self.suite.as_(&owner);
    }
}

#[test]
fn every_message_called_at_random_succeeds_or_returns_a_typed_error_and_the_invariants_hold() {
    let seed: u64 = std::env::var("HELPDESK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026_1123);
    let calls: u32 = std::env::var("HELPDESK_FUZZ_CALLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    println!("fuzz seed {seed} ({calls} calls): replay with HELPDESK_FUZZ_SEED={seed}");
    let mut suite = Suite::new();
    let desk_code = suite.code_hash(Contract::HelpDesk);
    let caps = Settings::default().caps;
    let mut fuzz = Fuzz {
        suite,
        last_id: 0,
        rng: Rng(seed),
        actors: actors(),
        memory: Memory::default(),
        desk_code,
        caps,
    };
    // A full scan reads every ticket: 40 of them per run, at least every 250 steps.
    let scan_every = (calls / 40).max(250);
    let started = std::time::Instant::now();
    for step in 1..=calls {
        if fuzz.step() {
            fuzz.check_events(step);
        }
        if step % scan_every == 0 || step == calls {
            fuzz.check_state(step);
        }
        // Keep the desk live: a paused desk refuses most of what the fuzz tries.
        if step % 200 == 0 && fuzz.suite.desk(|d| d.is_paused()) {
            let owner = fuzz.suite.desk(|d| d.owner());
            if fuzz.actors.contains(&owner) {
                fuzz.suite.as_(&owner);
                fuzz.desk(|d| d.unpause());
            }
        }
    }
    // Nothing is missed: unpaused and swept to the end, no ticket has an action due in a bucket
    // that has ended (each due action ran, once).
    fuzz.as_owner();
    if fuzz.suite.desk(|d| d.is_paused()) {
        fuzz.desk(|d| d.unpause());
    }
    fuzz.suite.advance(MINUTE_MS);
    fuzz.suite.as_(&who::keeper());
    while fuzz
        .desk(|d| d.process_due(100))
        .expect("a sweep of 100 fits")
        .more
    {}
    let now = fuzz.suite.desk(|d| d.desk_time());
    let swept_until = now - now % MINUTE_MS;
    for id in 1..=fuzz.last_id {
        let ticket = fuzz.suite.ticket(id);
        if let Some((at, action)) = help_desk::due::next_action(&ticket) {
            assert!(
                at >= swept_until,
                "ticket {id}: {action:?} due at {at} was missed (swept until {swept_until})"
            );
        }
    }
    let elapsed = started.elapsed();
    let total_ok: u32 = fuzz.memory.succeeded.values().sum();
    let total_refused: u32 = fuzz.memory.refused.values().sum();
    println!(
        "{calls} steps in {elapsed:?}: {total_ok} succeeded, {total_refused} refused with a typed \
         error, {} time jumps, {} tickets closed",
        fuzz.memory.time_jumps,
        fuzz.memory.closed.len()
    );
    // Per message, by contract and label: (succeeded, refused).
    let mut tallies: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for (message, &ok) in &fuzz.memory.succeeded {
        tallies.entry(describe(*message)).or_default().0 += ok;
    }
    for (message, &refused) in &fuzz.memory.refused {
        tallies.entry(describe(*message)).or_default().1 += refused;
    }
    for (message, (ok, refused)) in tallies {
        println!("  {message}: {ok} ok, {refused} refused");
    }
    // Every state-changing desk message succeeded at least once (the fuzz reaches real states):
    // checked for CI's fixed seed; another seed may miss a message without anything being wrong.
    let default_seed = std::env::var("HELPDESK_FUZZ_SEED").is_err();
    for message in [
        desk_message(|d| d.open_ticket(Priority::Normal, 0, hash(0))),
        desk_message(|d| d.respond(0, hash(0))),
        desk_message(|d| d.assign(0, who::agent())),
        desk_message(|d| d.set_status(0, Status::Open)),
        desk_message(|d| d.resolve(0, hash(0))),
        desk_message(|d| d.close_invalid(0, hash(0))),
        desk_message(|d| d.reopen(0, hash(0))),
        desk_message(|d| d.confirm(0, None)),
        desk_message(|d| d.accept_answer(0, who::erin())),
        desk_message(|d| d.process_due(0)),
        desk_message(|d| d.set_settings(Settings::default())),
        desk_message(|d| d.pause()),
        desk_message(|d| d.unpause()),
    ] {
        let reached = fuzz.memory.succeeded.get(&message).copied().unwrap_or(0) > 0;
        assert!(
            reached || !default_seed,
            "{} never succeeded: the fuzz does not reach it",
            describe(message)
        );
    }
}
