//! The security audit's findings (`shared/reviews/2026-11-23-security-audit.md`), each replayed
//! as the attack or mishap it describes, on the real WASM in the sandbox. Every test here fails
//! on commit 1654da4 and passes now.

use help_desk::desk::{Counters, SlaStatus, SweepReport};
use help_desk::events::{
    CloseReason, Closed, Escalated, RewardCapped, RewardCredited, RewardPaid, RewardReason,
    SlaBreached,
};
use help_desk::settings::Settings;
use help_desk::sla::Metric;
use help_desk::ticket::{Priority, Status, Tier};
use help_desk::DeskError;
use helpdesk_sandbox::suite::{hash, step, who, Step, Suite, DAY_MS, HOUR_MS, MINUTE_MS, START_MS};
use helpdesk_sandbox::{account, AccountId};

fn mallory() -> AccountId {
    account(50)
}

fn sweep(suite: &mut Suite, max: u32) -> SweepReport {
    suite.as_(&who::keeper());
    suite
        .desk(|d| d.process_due(max))
        .expect("process_due succeeds")
}

/// What the shipped keeper does each round: sweep when `due_tickets` lists work or did not
/// reach now. Returns the sweep's report, if it swept.
fn keeper_round(suite: &mut Suite) -> Option<SweepReport> {
    let due = suite.due(100);
    (!due.ids.is_empty() || !due.complete).then(|| sweep(suite, 100))
}

fn sla_status(suite: &mut Suite, id: u64) -> SlaStatus {
    suite.desk(|d| d.sla_status(id)).expect("ticket exists")
}

fn counters(suite: &mut Suite) -> Counters {
    suite.desk(|d| d.counters())
}

/// `who` sends `step`, which must succeed.
fn call(suite: &mut Suite, who: &AccountId, step: Step) {
    suite.as_(who);
    step(suite).unwrap_or_else(|e| panic!("refused: {e:?}"));
}

// ----- H-1: compensation farming ------------------------------------------------------------

#[test]
fn h1_an_unplaced_account_cannot_open_urgent_and_its_breached_tickets_pay_nobody() {
    let mut suite = Suite::new();
    suite.as_(&mallory());
    assert_eq!(
        suite.desk(|d| d.open_ticket(Priority::Urgent, 1, hash(1))),
        Err(DeskError::PriorityNotAllowed {
            max: Priority::Normal
        })
    );
    for n in 0..3 {
        suite
            .desk(|d| d.open_ticket(Priority::Normal, 1, hash(n)))
            .unwrap();
    }
    suite.advance(9 * HOUR_MS);
    let mut breaches = 0;
    while let Some(report) = keeper_round(&mut suite) {
        breaches += suite.events::<SlaBreached>().len();
        if !report.more {
            break;
        }
    }
    assert_eq!(breaches, 6, "the SLA is enforced on every ticket");
    assert_eq!(suite.earned(&mallory()), 0, "no compensation: not placed");
    assert_eq!(
        suite.earned(&who::keeper()),
        0,
        "sweeping an unplaced account's tickets earns nothing either"
    );
}

#[test]
fn h1_a_placed_customer_farming_breaches_is_held_to_the_compensation_cap_per_day() {
    let mut suite = Suite::new();
    let carol = who::carol();
    suite.as_(&who::carol());
    for n in 0..30 {
        suite.open(Priority::Normal, n);
    }
    // 9 h: both metrics of all 30 tickets breached, 600 HELP of compensation wanted.
    suite.advance(9 * HOUR_MS);
    let mut capped = 0;
    loop {
        let report = sweep(&mut suite, 100);
        capped += suite
            .events::<RewardCapped>()
            .iter()
            .filter(|c| c.to == carol)
            .count();
        if !report.more {
            break;
        }
    }
    let cap = Settings::default().caps.compensation.per_account;
    assert_eq!(suite.earned(&who::carol()), cap);
    assert!(capped > 0, "RewardCapped tells what was cut");
    assert_eq!(counters(&mut suite).breaches, 60);
}

// ----- H-2: sock-puppet answers -------------------------------------------------------------

#[test]
fn h2_a_sock_puppet_answer_accepted_by_its_owner_earns_nothing_without_an_agent() {
    let mut suite = Suite::new();
    let puppet = account(51);
    for n in 0..5 {
        suite.as_(&who::carol());
        let id = suite.open(Priority::Low, n);
        call(&mut suite, &puppet, step(move |d| d.respond(id, hash(2))));
        call(
            &mut suite,
            &who::carol(),
            step(move |d| d.accept_answer(id, puppet)),
        );
        assert!(suite.events::<RewardPaid>().is_empty());
    }
    assert_eq!(suite.earned(&puppet), 0);
}

// ----- H-3: late agent actions erase breaches -----------------------------------------------

#[test]
fn h3_a_late_first_response_made_before_any_sweep_still_records_the_breach() {
    let mut suite = Suite::new();
    let carol = who::carol();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    // 20 s after the 1 h deadline, inside the deadline's minute: no sweep could have run.
    suite.advance(HOUR_MS + 20_000);
    call(
        &mut suite,
        &who::agent(),
        step(move |d| d.respond(id, hash(2))),
    );
    assert_eq!(
        suite.events::<SlaBreached>(),
        [SlaBreached {
            id,
            metric: Metric::FirstResponse,
            deadline: START_MS + HOUR_MS
        }]
    );
    assert!(suite.events::<RewardCredited>().contains(&RewardCredited {
        to: carol,
        amount: 10,
        reason: RewardReason::Compensation(id, Metric::FirstResponse)
    }));
    assert_eq!(
        suite.events::<Escalated>().len(),
        1,
        "escalation step 1 too"
    );
    assert!(sla_status(&mut suite, id).breached.first_response);
    assert_eq!(counters(&mut suite).breaches, 1);
    // The keeper's sweep later finds nothing to do twice.
    suite.advance(2 * MINUTE_MS);
    sweep(&mut suite, 10);
    assert!(suite.events::<SlaBreached>().is_empty());
    assert_eq!(suite.earned(&who::carol()), 10);
}

#[test]
fn h3_a_late_resolution_made_before_any_sweep_still_records_the_breach() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    call(
        &mut suite,
        &who::supervisor(),
        step(move |d| d.respond(id, hash(2))),
    );
    call(
        &mut suite,
        &who::supervisor(),
        step(move |d| d.assign(id, who::supervisor())),
    );
    suite.advance(8 * HOUR_MS + 20_000);
    call(
        &mut suite,
        &who::supervisor(),
        step(move |d| d.resolve(id, hash(3))),
    );
    let breached: Vec<Metric> = suite
        .events::<SlaBreached>()
        .iter()
        .map(|b| b.metric)
        .collect();
    assert_eq!(breached, [Metric::Resolution]);
    assert_eq!(suite.ticket(id).status, Status::Resolved);
    assert_eq!(suite.earned(&who::carol()), 10);
}

// ----- H-4: the keeper's check had false negatives ------------------------------------------

#[test]
fn h4_a_desk_idle_for_60_days_then_a_missed_ticket_is_handled_within_two_keeper_rounds() {
    let mut suite = Suite::new();
    suite.advance(60 * DAY_MS);
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.advance(HOUR_MS + MINUTE_MS);
    let mut rounds = 0;
    while !suite.ticket(id).clocks.breached.first_response {
        rounds += 1;
        assert!(rounds <= 2, "not handled within two keeper rounds");
        keeper_round(&mut suite).expect("the keeper sees there is work");
    }
    assert_eq!(suite.earned(&who::carol()), 10);
}

#[test]
fn h4_a_thousand_promptly_handled_tickets_then_a_missed_one_is_found() {
    let mut suite = Suite::new();
    // Each ticket is answered, resolved and confirmed within minutes: the warning, the
    // resolution warning and the auto-close entries it leaves in the index are all stale.
    for n in 0..1000u64 {
        if n % 100 == 0 {
            suite.advance(10 * MINUTE_MS);
        }
        suite.as_(&who::carol());
        let id = suite.open(Priority::Normal, 1);
        call(
            &mut suite,
            &who::supervisor(),
            step(move |d| d.assign(id, who::supervisor())),
        );
        call(
            &mut suite,
            &who::supervisor(),
            step(move |d| d.resolve(id, hash(2))),
        );
        call(
            &mut suite,
            &who::carol(),
            step(move |d| d.confirm(id, None)),
        );
    }
    suite.as_(&who::dave());
    let missed = suite.open(Priority::Normal, 9);
    suite.advance(2 * DAY_MS);
    let first = suite.due(100);
    println!(
        "due_tickets after 1000 handled tickets: {} ids, complete {}, lag {} ms",
        first.ids.len(),
        first.complete,
        first.lag_ms
    );
    assert!(
        !first.ids.is_empty() || !first.complete,
        "the check never says 'nothing to do' when it did not look that far"
    );
    let mut rounds = 0;
    let mut deposits = Vec::new();
    while !suite.ticket(missed).clocks.breached.first_response {
        rounds += 1;
        assert!(rounds <= 20, "the missed ticket is found");
        let report =
            keeper_round(&mut suite).expect("the keeper keeps sweeping while there is lag");
        let deposit = suite.chain.last().map_or(0, |reply| reply.deposit);
        deposits.push(format!("{} cells: {deposit:?}", report.cleared));
    }
    // Walking stale entries earns no tokens; what pays for it is the storage deposit of the
    // index cells the sweep removes, which goes to the keeper.
    println!("found after {rounds} keeper rounds; deposits per sweep: {deposits:?}");
    // Both of its metrics breached in the two days: compensation for each.
    assert_eq!(suite.earned(&who::dave()), 20);
}

// ----- M-1: Pending without an answer --------------------------------------------------------

#[test]
fn m1_an_agent_cannot_hide_the_response_clock_with_pending_without_answering() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    call(
        &mut suite,
        &who::agent(),
        step(move |d| d.assign(id, who::agent())),
    );
    suite.advance(59 * MINUTE_MS);
    suite.as_(&who::agent());
    assert_eq!(
        suite.desk(|d| d.set_status(id, Status::Pending)),
        Err(DeskError::NoAgentResponse)
    );
    suite.advance(2 * MINUTE_MS);
    sweep(&mut suite, 10);
    assert_eq!(suite.events::<SlaBreached>().len(), 1, "the breach stands");
}

// ----- M-2: pause stops time -----------------------------------------------------------------

#[test]
fn m2_a_pause_stops_sla_time_and_nothing_fires_for_the_paused_interval() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.advance(10 * MINUTE_MS);
    call(&mut suite, &who::owner(), step(move |d| d.pause()));
    suite.advance(2 * HOUR_MS);
    // Owner messages work while paused (incident response); agents cannot act.
    call(
        &mut suite,
        &who::owner(),
        step(move |d| d.set_agent(account(60), 1)),
    );
    suite.as_(&who::agent());
    assert_eq!(
        suite.desk(|d| d.respond(id, hash(2))),
        Err(DeskError::Paused)
    );
    assert_eq!(
        sla_status(&mut suite, id).first_response_left_ms,
        Some(i128::from(50 * MINUTE_MS)),
        "desk time stood still at the pause"
    );
    call(&mut suite, &who::owner(), step(move |d| d.unpause()));
    suite.advance(MINUTE_MS);
    assert!(suite.due(100).ids.is_empty());
    assert_eq!(sweep(&mut suite, 10).actions, 0, "no breach for the pause");
    call(
        &mut suite,
        &who::agent(),
        step(move |d| d.respond(id, hash(2))),
    );
    assert!(suite.events::<SlaBreached>().is_empty());
    assert_eq!(counters(&mut suite).breaches, 0);
}

// ----- M-4: rating rewards --------------------------------------------------------------------

#[test]
fn m4_an_agent_rating_its_own_ticket_earns_nothing() {
    let mut suite = Suite::new();
    let agent = who::agent();
    suite.as_(&agent);
    let id = suite.open(Priority::Normal, 1);
    call(&mut suite, &agent, step(move |d| d.assign(id, agent)));
    call(&mut suite, &agent, step(move |d| d.resolve(id, hash(2))));
    call(&mut suite, &agent, step(move |d| d.confirm(id, Some(5))));
    assert!(suite.events::<RewardPaid>().is_empty());
    assert_eq!(suite.earned(&agent), 0);
}

#[test]
fn m4_a_ticket_closed_as_invalid_pays_no_answer_or_rating_reward() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    call(
        &mut suite,
        &who::erin(),
        step(move |d| d.respond(id, hash(2))),
    );
    call(
        &mut suite,
        &who::carol(),
        step(move |d| d.accept_answer(id, who::erin())),
    );
    // A level-1 agent may close an unassigned level-1 ticket as spam.
    call(
        &mut suite,
        &who::agent(),
        step(move |d| d.close_invalid(id, hash(7))),
    );
    assert_eq!(
        suite.events::<Closed>(),
        [Closed {
            id,
            reason: CloseReason::Invalid(helpdesk_sandbox::suite::hash(7)),
            rating: None
        }]
    );
    assert!(suite.events::<RewardPaid>().is_empty());
    assert_eq!(suite.earned(&who::erin()), 0);
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.confirm(id, Some(5))),
        Err(DeskError::TicketClosed)
    );
}

// ----- M-5: owed rewards ----------------------------------------------------------------------

#[test]
fn m5_owed_rewards_above_the_token_allowance_are_claimed_in_parts() {
    let mut suite = Suite::new();
    suite.as_(&who::owner());
    let desk = suite.desk;
    suite.token(|t| t.revoke_minter(desk)).unwrap();
    suite.as_(&who::carol());
    for n in 0..3 {
        suite.open(Priority::Normal, n);
    }
    suite.advance(HOUR_MS + MINUTE_MS);
    sweep(&mut suite, 100);
    assert_eq!(suite.desk(|d| d.owed(who::carol())), 30);
    // The token allows the desk 20 a day from now on.
    suite.as_(&who::owner());
    suite.token(|t| t.grant_minter(desk)).unwrap();
    suite.token(|t| t.set_mint_limit(DAY_MS, 20)).unwrap();
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.claim_owed(None)),
        Err(DeskError::TokenRefused),
        "30 at once is more than the token allows"
    );
    assert_eq!(suite.desk(|d| d.claim_owed(Some(20))), Ok(20));
    assert_eq!(
        suite.desk(|d| d.claim_owed(Some(20))),
        Err(DeskError::InvalidAmount)
    );
    suite.advance(DAY_MS);
    suite.as_(&who::carol());
    assert_eq!(suite.desk(|d| d.claim_owed(None)), Ok(10));
    assert_eq!(suite.earned(&who::carol()), 30);
    assert_eq!(
        suite.desk(|d| d.claim_owed(None)),
        Err(DeskError::NothingOwed)
    );
}

// ----- L-1, L-2: agent authorization, removed agents ----------------------------------------

#[test]
fn l1_an_agent_cannot_take_change_or_escalate_a_colleagues_ticket() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    call(
        &mut suite,
        &who::agent(),
        step(move |d| d.assign(id, who::agent())),
    );
    suite.as_(&who::senior());
    assert_eq!(
        suite.desk(|d| d.assign(id, who::senior())),
        Err(DeskError::AlreadyAssigned)
    );
    assert_eq!(
        suite.desk(|d| d.set_status(id, Status::OnHold)),
        Err(DeskError::NotAssigneeOrSupervisor)
    );
    assert_eq!(
        suite.desk(|d| d.escalate(id, hash(3))),
        Err(DeskError::NotAssigneeOrSupervisor)
    );
    // A supervisor reassigns.
    call(
        &mut suite,
        &who::supervisor(),
        step(move |d| d.assign(id, who::senior())),
    );
    assert_eq!(suite.ticket(id).assignee, Some(who::senior()));
}

#[test]
fn l2_removing_an_agent_puts_its_tickets_back_in_the_queue() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    call(
        &mut suite,
        &who::agent(),
        step(move |d| d.assign(id, who::agent())),
    );
    call(
        &mut suite,
        &who::owner(),
        step(move |d| d.remove_agent(who::agent())),
    );
    let (queued, _) = suite.desk(|d| d.tickets_in_queue(1, 0, 10)).unwrap();
    assert_eq!(queued, [id]);
    call(
        &mut suite,
        &who::senior(),
        step(move |d| d.assign(id, who::senior())),
    );
}

// ----- L-3: boosts are not retroactive -------------------------------------------------------

#[test]
fn l3_a_boost_never_breaches_time_already_spent() {
    let mut suite = Suite::new();
    // (Standard, High): first response within 15 min.
    suite.set_settings(&Settings {
        boost_price: 0,
        ..Settings::default()
    });
    let mut policy =
        help_desk::settings::default_policy(help_desk::ticket::Tier::Standard, Priority::High);
    policy.first_response_ms = 15 * MINUTE_MS;
    policy.warning_lead_ms = 0;
    call(
        &mut suite,
        &who::owner(),
        step(move |d| d.set_sla_policy(Tier::Standard, Priority::High, policy.clone())),
    );
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.advance(16 * MINUTE_MS);
    call(
        &mut suite,
        &who::carol(),
        step(move |d| d.boost_priority(id)),
    );
    assert_eq!(
        sla_status(&mut suite, id).first_response_left_ms,
        Some(i128::from(15 * MINUTE_MS)),
        "the new target counts from the boost"
    );
    suite.advance(MINUTE_MS);
    call(&mut suite, &who::keeper(), step(move |d| d.poke(id)));
    assert!(suite.events::<SlaBreached>().is_empty());
}

// ----- L-4: escalation timing ----------------------------------------------------------------

/// Carol's Normal ticket (story policy) breaches its first response at 1 h and escalates to
/// level 1 (steps 2 and 3 follow at +30 / +60 min); the supervisor takes it, answers and sets it
/// Pending at 1 h 1 min. Returns its id.
fn breached_then_pending(suite: &mut Suite) -> u64 {
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.advance(HOUR_MS + MINUTE_MS);
    sweep(suite, 10);
    assert_eq!(suite.ticket(id).escalation, 1);
    let supervisor = who::supervisor();
    call(suite, &supervisor, step(move |d| d.assign(id, supervisor)));
    call(suite, &supervisor, step(move |d| d.respond(id, hash(2))));
    call(
        suite,
        &supervisor,
        step(move |d| d.set_status(id, Status::Pending)),
    );
    id
}

#[test]
fn l4_escalation_waits_while_pending_and_counts_from_a_reopen() {
    let mut suite = Suite::new();
    let id = breached_then_pending(&mut suite);
    let supervisor = who::supervisor();
    // Steps 2 and 3 were due at breach + 30 / 60 min: not while waiting on the customer.
    suite.advance(HOUR_MS);
    sweep(&mut suite, 10);
    assert!(suite.events::<Escalated>().is_empty());
    call(
        &mut suite,
        &supervisor,
        step(move |d| d.resolve(id, hash(3))),
    );
    suite.advance(2 * HOUR_MS);
    call(
        &mut suite,
        &who::carol(),
        step(move |d| d.reopen(id, hash(4))),
    );
    assert!(
        suite.events::<Escalated>().is_empty(),
        "no step fires at the reopen"
    );
    suite.advance(31 * MINUTE_MS);
    sweep(&mut suite, 10);
    assert_eq!(
        suite
            .events::<Escalated>()
            .iter()
            .map(|e| e.level)
            .collect::<Vec<_>>(),
        [2],
        "the next step counts from the reopen"
    );
}

// ----- L-6: keeper pay ------------------------------------------------------------------------

#[test]
fn l6_a_keeper_is_paid_per_action_within_its_cap_per_day() {
    let mut suite = Suite::new();
    let mut settings = Settings::default();
    settings.caps.keeper.per_account = 7;
    suite.set_settings(&settings);
    suite.as_(&who::carol());
    for n in 0..5 {
        suite.open(Priority::Normal, n);
    }
    suite.advance(HOUR_MS + MINUTE_MS);
    let mut actions = 0;
    for _ in 0..10 {
        let report = sweep(&mut suite, 1);
        actions += report.actions;
    }
    assert_eq!(actions, 10, "ten sweeps of one action");
    assert_eq!(
        suite.earned(&who::keeper()),
        7,
        "small sweeps cannot beat the cap"
    );
}

// ----- L-9: community answers -----------------------------------------------------------------

#[test]
fn l9_a_community_answer_does_not_rewrite_the_ticket() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    let before = suite.ticket(id);
    suite.advance(MINUTE_MS);
    call(
        &mut suite,
        &who::erin(),
        step(move |d| d.respond(id, hash(2))),
    );
    assert_eq!(suite.ticket(id), before);
}

// ----- Found by the review of these fixes -----------------------------------------------------

#[test]
fn lowering_the_upgrade_delay_does_not_shorten_the_notice_of_the_next_upgrade() {
    let mut suite = Suite::new();
    // Customers use the desk: they rely on the notice.
    suite.as_(&who::carol());
    suite.open(Priority::Normal, 1);
    let old_delay = Settings::default().upgrade_delay_ms;
    suite.set_settings(&Settings {
        upgrade_delay_ms: MINUTE_MS,
        ..Settings::default()
    });
    let code = suite.code_hash(helpdesk_sandbox::Contract::HelpDesk);
    call(
        &mut suite,
        &who::owner(),
        step(move |d| d.schedule_upgrade(code)),
    );
    let not_before = suite.now_ms + old_delay;
    suite.advance(2 * MINUTE_MS);
    suite.as_(&who::owner());
    assert_eq!(
        suite.desk(|d| d.upgrade(code)),
        Err(DeskError::UpgradeTooEarly { not_before })
    );
}

#[test]
fn a_desk_being_set_up_before_its_first_ticket_lowers_its_upgrade_delay_at_once() {
    let mut suite = Suite::new();
    suite.set_settings(&Settings {
        upgrade_delay_ms: MINUTE_MS,
        ..Settings::default()
    });
    let code = suite.code_hash(helpdesk_sandbox::Contract::HelpDesk);
    call(
        &mut suite,
        &who::owner(),
        step(move |d| d.schedule_upgrade(code)),
    );
    let pending = suite.desk(|d| d.pending_upgrade()).expect("announced");
    assert_eq!(pending.not_before, suite.now_ms + MINUTE_MS);
}

#[test]
fn an_agent_letting_its_own_placed_tickets_breach_earns_neither_compensation_nor_keeper_pay() {
    let mut suite = Suite::new();
    let agent = who::agent();
    call(
        &mut suite,
        &who::owner(),
        step(move |d| d.set_customer_tier(agent, Tier::Premium)),
    );
    suite.as_(&agent);
    let id = suite.open(Priority::Urgent, 1);
    call(&mut suite, &agent, step(move |d| d.assign(id, agent)));
    suite.advance(9 * HOUR_MS);
    suite.as_(&agent);
    while suite.desk(|d| d.process_due(100)).unwrap().more {}
    assert!(suite.ticket(id).clocks.breached.resolution);
    assert_eq!(suite.earned(&agent), 0);
}

#[test]
fn time_waiting_on_the_customer_does_not_count_toward_escalation_steps() {
    let mut suite = Suite::new();
    let id = breached_then_pending(&mut suite);
    // The customer answers 10 h later: the steps still to come move by those 10 h.
    suite.advance(10 * HOUR_MS);
    call(
        &mut suite,
        &who::carol(),
        step(move |d| d.respond(id, hash(3))),
    );
    suite.advance(MINUTE_MS);
    sweep(&mut suite, 10);
    assert!(suite.events::<Escalated>().is_empty());
    assert_eq!(suite.ticket(id).escalation, 1);
    suite.advance(30 * MINUTE_MS);
    sweep(&mut suite, 10);
    assert_eq!(
        suite.ticket(id).escalation,
        2,
        "step 2, 30 min of active time later"
    );
}

#[test]
fn a_customer_cannot_reopen_a_ticket_that_was_never_resolved() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    let supervisor = who::supervisor();
    call(
        &mut suite,
        &supervisor,
        step(move |d| d.respond(id, hash(2))),
    );
    call(
        &mut suite,
        &supervisor,
        step(move |d| d.set_status(id, Status::Pending)),
    );
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.reopen(id, hash(3))),
        Err(DeskError::TransitionNotAllowed {
            from: Status::Pending,
            to: Status::Open
        })
    );
}

#[test]
fn answers_from_many_puppets_accepted_by_one_customer_are_held_to_that_customers_cap() {
    let mut suite = Suite::new();
    let supervisor = who::supervisor();
    for n in 0..6u8 {
        let puppet = account(70 + n);
        suite.as_(&who::carol());
        let id = suite.open(Priority::Low, n);
        call(&mut suite, &puppet, step(move |d| d.respond(id, hash(2))));
        call(
            &mut suite,
            &who::carol(),
            step(move |d| d.accept_answer(id, puppet)),
        );
        call(
            &mut suite,
            &supervisor,
            step(move |d| d.resolve(id, hash(3))),
        );
        call(
            &mut suite,
            &who::carol(),
            step(move |d| d.confirm(id, None)),
        );
    }
    let paid: u128 = (0..6u8).map(|n| suite.earned(&account(70 + n))).sum();
    assert_eq!(
        paid,
        Settings::default().caps.community.per_account,
        "six puppets, one customer: that customer's daily community cap"
    );
}
