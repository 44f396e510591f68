//! A desk of the release before the hot/cold split (`tests/fixtures/help_desk-418ee7a.contract`,
//! commit 418ee7a, one code blob), holding tickets, agents, tiers, a policy and paid rewards,
//! upgrades to this release (hot blob plus cold blob) through its own announced-upgrade path and
//! keeps every piece of data; the new code then runs the desk.

use help_desk::desk::{Counters, SweepReport};
use help_desk::events::{RewardCredited, RewardReason};
use help_desk::settings::Settings;
use help_desk::sla::{Metric, SlaPolicy};
use help_desk::ticket::{Priority, Ticket, Tier};
use helpdesk_sandbox::suite::{hash, step, who, Suite, HOUR_MS, MINUTE_MS};
use helpdesk_sandbox::{AccountId, Code, Contract};

/// The previous release's bundle, as its own build produced it.
const PREVIOUS_RELEASE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/help_desk-418ee7a.contract"
);

/// Everything the desk holds that an upgrade must keep, read through the desk's messages.
#[derive(Debug, PartialEq)]
struct Snapshot {
    tickets: Vec<Option<Ticket>>,
    counters: Counters,
    agents: Vec<Option<u8>>,
    tiers: Vec<Tier>,
    policy: SlaPolicy,
    settings: Settings,
    owner: AccountId,
    balances: Vec<u128>,
    owed: Vec<u128>,
    pages: (Vec<u64>, Option<u32>),
}

fn people() -> Vec<AccountId> {
    vec![
        who::carol(),
        who::dave(),
        who::erin(),
        who::keeper(),
        who::agent(),
        who::senior(),
        who::supervisor(),
    ]
}

fn snapshot(suite: &mut Suite) -> Snapshot {
    let count: u64 = suite.desk(|d| d.ticket_count());
    let tickets = (1..=count + 1)
        .map(|id| suite.desk(|d| d.ticket(id)))
        .collect();
    let people = people();
    Snapshot {
        tickets,
        counters: suite.desk(|d| d.counters()),
        agents: people
            .iter()
            .map(|p| suite.desk(|d| d.agent_level(*p)))
            .collect(),
        tiers: people
            .iter()
            .map(|p| suite.desk(|d| d.customer_tier(*p)))
            .collect(),
        policy: suite.desk(|d| d.sla_policy(Tier::Standard, Priority::Normal)),
        settings: suite.desk(|d| d.settings()),
        owner: suite.desk(|d| d.owner()),
        balances: people.iter().map(|p| suite.balance(p)).collect(),
        owed: people.iter().map(|p| suite.desk(|d| d.owed(*p))).collect(),
        pages: suite
            .desk(|d| d.tickets_by_customer(who::carol(), 0, 10))
            .expect("a page of Carol's tickets"),
    }
}

fn sweep(suite: &mut Suite) -> SweepReport {
    suite.as_(&who::keeper());
    suite
        .desk(|d| d.process_due(50))
        .expect("process_due succeeds")
}

#[test]
fn a_desk_of_the_previous_release_upgrades_to_the_split_code_keeping_all_its_data() {
    let previous = Code::of_bundle(PREVIOUS_RELEASE).expect("the fixture is a bundle");
    let mut suite = Suite::with_desk_code(&previous);

    // A working desk: a breach compensated (minted, as that release did), a ticket answered,
    // resolved and confirmed with a rating, one left open, one assigned.
    suite.as_(&who::carol());
    let breached = suite.open(Priority::Normal, 1);
    let rated = suite.open(Priority::Normal, 2);
    let open = suite.open(Priority::High, 3);
    suite.as_(&who::dave());
    let assigned = suite.open(Priority::Normal, 4);
    suite.as_(&who::agent());
    let agent = who::agent();
    for step in [
        step(move |d| d.assign(rated, agent)),
        step(move |d| d.respond(rated, hash(5))),
        step(move |d| d.assign(assigned, agent)),
        step(move |d| d.resolve(rated, hash(6))),
    ] {
        step(&mut suite).expect("the agent works");
    }
    suite.as_(&who::carol());
    suite
        .desk(|d| d.confirm(rated, Some(5)))
        .expect("Carol confirms");
    suite.advance(HOUR_MS + MINUTE_MS);
    assert!(sweep(&mut suite).actions > 0);
    assert!(suite.ticket(breached).clocks.breached.first_response);
    let before = snapshot(&mut suite);
    assert!(before.balances.iter().any(|b| *b > 0), "rewards were paid");

    // The owner announces this release (both blobs uploaded) and switches after the delay.
    let uploader = suite.actor;
    let code = suite.code_hash(Contract::HelpDesk);
    suite.as_(&who::owner());
    suite
        .desk(|d| d.schedule_upgrade(code))
        .expect("the previous release announces the upgrade");
    suite.advance(Settings::default().upgrade_delay_ms);
    let at_switch = snapshot(&mut suite);
    suite.as_(&who::owner());
    suite
        .desk(|d| d.upgrade(code))
        .expect("the previous release accepts the split code");

    // Every ticket, agent, tier, policy, setting, balance and list entry reads back the same,
    // through the new code (the queries run in its cold blob).
    assert_eq!(snapshot(&mut suite), at_switch);
    assert_eq!(at_switch.tickets[..4], before.tickets[..4]);
    assert_eq!(suite.desk(|d| d.storage_version()), 2);

    // The new code runs the desk: the open ticket breaches and the compensation is credited
    // (this release's rule), not minted.
    suite.advance(HOUR_MS);
    assert!(sweep(&mut suite).actions > 0);
    assert!(suite
        .events::<RewardCredited>()
        .iter()
        .any(|c| c.to == who::carol()
            && c.reason == RewardReason::Compensation(open, Metric::FirstResponse)));
    suite.as_(&who::agent());
    suite
        .desk(|d| d.respond(assigned, hash(7)))
        .expect("the agent answers with the new code");

    // That release's upgrade took no lock on the new code's cold blob, so its uploader could
    // still remove it; one call by anyone holds it, and a second changes nothing.
    let cold = suite
        .desk(|d| d.cold_code_hash())
        .expect("the new code is split");
    suite.as_(&who::erin());
    for _ in 0..2 {
        suite
            .desk(|d| d.hold_cold_code())
            .expect("anyone may hold the cold blob");
    }
    let refused = suite
        .chain
        .backend
        .remove_code(&uploader, cold)
        .expect_err("the held cold blob cannot be removed");
    assert!(refused.contains("CodeInUse"), "refused with {refused}");
}
