//! The help desk's real WASM next to the real token in the sandbox, with time travel: the full
//! story, community answers, the pending pause, reopen and auto-close, boosting with tokens, a
//! 1000-ticket sweep in bounded chunks, and the refusal matrix.

use help_desk::desk::{Counters, SlaStatus, SweepReport};
use help_desk::events::{
    AnswerAccepted, CloseReason, Closed, Escalated, EscalationReason, PriorityBoosted, Reopened,
    Resolved, Responded, ResponderRole, RewardCredited, RewardPaid, RewardReason, SlaBreached,
    SlaWarning, StatusChanged, TicketOpened,
};
use help_desk::sla::{Metric, SlaPolicy};
use help_desk::ticket::{Priority, Status, Tier};
use help_desk::DeskError;
use helpdesk_sandbox::suite::{hash, step, who, Step, Suite, DAY_MS, HOUR_MS, MINUTE_MS, START_MS};
use helpdesk_sandbox::{AccountId, Contract};
use psp22::PSP22;

fn sweep(suite: &mut Suite, max: u32) -> SweepReport {
    suite.as_(&who::keeper());
    suite
        .desk(|d| d.process_due(max))
        .expect("process_due succeeds")
}

fn due(suite: &mut Suite) -> Vec<u64> {
    suite.due(100).ids
}

fn sla_status(suite: &mut Suite, id: u64) -> SlaStatus {
    suite.desk(|d| d.sla_status(id)).expect("ticket exists")
}

fn counters(suite: &mut Suite) -> Counters {
    suite.desk(|d| d.counters())
}

/// Mints `amount` HELP to `to`, with the owner as a second minter.
fn fund(suite: &mut Suite, to: &AccountId, amount: u128) {
    suite.as_(&who::owner());
    suite
        .token(|t| t.grant_minter(who::owner()))
        .or_else(|error| match error {
            loyalty_token::TokenError::AlreadyMinter => Ok(()),
            other => Err(other),
        })
        .expect("owner is a minter");
    suite
        .token(|t| t.mint_to(*to, amount))
        .expect("mint succeeds");
}

#[test]
fn full_story_warning_breach_escalation_compensation_resolution_rating() {
    let mut suite = Suite::new();
    let carol = who::carol();
    let keeper = who::keeper();

    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    assert_eq!(id, 1);
    // Emitted through the desk's one emission path, the event carries its own signature and
    // the ticket id as topics, nothing else (each topic costs ~128 M ref_time).
    let mut id_topic = [0u8; 32];
    id_topic[..8].copy_from_slice(&id.to_le_bytes());
    assert_eq!(
        suite
            .emitted()
            .iter()
            .map(|event| event.topics.clone())
            .collect::<Vec<_>>(),
        [vec![
            <TicketOpened as ink::env::Event>::SIGNATURE_TOPIC.unwrap(),
            id_topic
        ]]
    );
    assert_eq!(sweep(&mut suite, 10).actions, 0, "nothing is due at once");

    // 46 min: the warning (15 min before the 1 h first-response deadline) is due.
    suite.advance(46 * MINUTE_MS);
    assert_eq!(due(&mut suite), [id]);
    let report = sweep(&mut suite, 10);
    assert_eq!((report.actions, report.tickets, report.more), (1, 1, false));
    let mut keeper_units = report.actions;
    assert_eq!(
        suite.events::<SlaWarning>(),
        [SlaWarning {
            id,
            metric: Metric::FirstResponse,
            deadline: START_MS + HOUR_MS
        }]
    );
    assert_eq!(
        suite.events::<RewardPaid>(),
        [RewardPaid {
            to: keeper,
            amount: u128::from(keeper_units),
            reason: RewardReason::Keeper
        }]
    );
    // A repeated sweep finds nothing and earns nothing.
    assert_eq!(sweep(&mut suite, 10).actions, 0);
    assert!(suite.events::<RewardPaid>().is_empty());
    assert!(due(&mut suite).is_empty());

    // 1 h 1 min: breach, automatic escalation to level 1, compensation to Carol.
    suite.advance(15 * MINUTE_MS);
    let report = sweep(&mut suite, 10);
    assert_eq!(report.actions, 2);
    keeper_units += report.actions;
    assert_eq!(
        suite.events::<SlaBreached>(),
        [SlaBreached {
            id,
            metric: Metric::FirstResponse,
            deadline: START_MS + HOUR_MS
        }]
    );
    assert_eq!(
        suite.events::<Escalated>(),
        [Escalated {
            id,
            level: 1,
            reason: EscalationReason::Automatic
        }]
    );
    // Carol is not the caller: her compensation is credited, for her to claim.
    assert!(suite.events::<RewardCredited>().contains(&RewardCredited {
        to: carol,
        amount: 10,
        reason: RewardReason::Compensation(id, Metric::FirstResponse)
    }));
    assert_eq!(suite.earned(&who::carol()), 10);

    // The later steps: level 2 at breach + 30 min, level 3 at breach + 60 min.
    suite.advance(30 * MINUTE_MS);
    let report = sweep(&mut suite, 10);
    keeper_units += report.actions;
    assert_eq!(suite.events::<Escalated>()[0].level, 2);
    suite.advance(30 * MINUTE_MS);
    let report = sweep(&mut suite, 10);
    keeper_units += report.actions;
    assert_eq!(suite.events::<Escalated>()[0].level, 3);
    let ticket = suite.ticket(id);
    assert_eq!((ticket.escalation, ticket.queue), (3, Some(3)));
    assert_eq!(suite.earned(&who::carol()), 10, "compensation is paid once");

    // Only a supervisor can take a level-3 ticket.
    suite.as_(&who::agent());
    assert_eq!(
        suite.desk(|d| d.assign(id, who::agent())),
        Err(DeskError::AgentLevelTooLow { required: 3 })
    );
    suite.as_(&who::supervisor());
    suite.desk(|d| d.assign(id, who::supervisor())).unwrap();
    suite.desk(|d| d.respond(id, hash(2))).unwrap();
    assert_eq!(suite.events::<Responded>()[0].role, ResponderRole::Agent);
    suite.desk(|d| d.resolve(id, hash(3))).unwrap();
    assert_eq!(
        suite.events::<Resolved>(),
        [Resolved {
            id,
            by: Some(who::supervisor()),
            resolution: Some(hash(3))
        }]
    );

    suite.as_(&who::carol());
    suite.desk(|d| d.confirm(id, Some(5))).unwrap();
    assert_eq!(
        suite.events::<Closed>(),
        [Closed {
            id,
            reason: CloseReason::Confirmed,
            rating: Some(5)
        }]
    );
    // `Closed` implies the status change: no separate `StatusChanged`.
    assert!(suite.events::<StatusChanged>().is_empty());
    assert_eq!(
        suite.events::<RewardPaid>(),
        [RewardPaid {
            to: carol,
            amount: 5,
            reason: RewardReason::Rating(id)
        }]
    );

    assert_eq!(suite.earned(&who::carol()), 15);
    assert_eq!(
        suite.earned(&who::keeper()),
        u128::from(keeper_units),
        "one token per automatic action on a placed customer's ticket"
    );
    assert_eq!(keeper_units, 5);
    assert_eq!(
        counters(&mut suite),
        Counters {
            opened: 1,
            closed: 1,
            breaches: 1,
            escalations: 3,
            automatic_actions: 5
        }
    );
    let ticket = suite.ticket(id);
    assert_eq!(
        (ticket.status, ticket.rating, ticket.queue),
        (Status::Closed, Some(5), None)
    );
}

/// Carol opens a ticket, erin answers, carol accepts the answer, the agent resolves, carol
/// confirms: erin is paid when the ticket closes.
fn answered_and_closed(suite: &mut Suite) -> u64 {
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.as_(&who::erin());
    suite.desk(|d| d.respond(id, hash(2))).unwrap();
    assert_eq!(
        suite.events::<Responded>()[0].role,
        ResponderRole::Community
    );
    suite.as_(&who::agent());
    suite.desk(|d| d.respond(id, hash(3))).unwrap();
    suite.as_(&who::carol());
    for not_a_candidate in [who::agent(), who::carol(), who::dave()] {
        assert_eq!(
            suite.desk(|d| d.accept_answer(id, not_a_candidate)),
            Err(DeskError::NotACandidateAnswer)
        );
    }
    suite.desk(|d| d.accept_answer(id, who::erin())).unwrap();
    assert_eq!(
        suite.events::<AnswerAccepted>(),
        [AnswerAccepted {
            id,
            responder: who::erin()
        }]
    );
    assert!(
        suite.events::<RewardPaid>().is_empty(),
        "nothing is paid before an agent resolved the ticket"
    );
    assert_eq!(
        suite.desk(|d| d.accept_answer(id, who::erin())),
        Err(DeskError::AnswerAlreadyAccepted)
    );
    suite.as_(&who::agent());
    suite.desk(|d| d.assign(id, who::agent())).unwrap();
    suite.desk(|d| d.resolve(id, hash(4))).unwrap();
    suite.as_(&who::carol());
    suite.desk(|d| d.confirm(id, None)).unwrap();
    id
}

#[test]
fn an_accepted_community_answer_is_rewarded_when_the_agent_resolved_ticket_closes_within_the_cap() {
    let mut suite = Suite::new();
    let erin = who::erin();
    // Default settings: 20 HELP per accepted answer, community rewards at most 100 per account
    // per day.
    for n in 1..=6u64 {
        let id = answered_and_closed(&mut suite);
        assert_eq!(id, n);
        // Erin is not the caller (the customer confirms): her reward is credited.
        let paid = suite.events::<RewardCredited>();
        if n <= 5 {
            assert_eq!(
                paid,
                [RewardCredited {
                    to: erin,
                    amount: 20,
                    reason: RewardReason::AcceptedAnswer(id)
                }]
            );
        } else {
            assert!(paid.is_empty(), "the daily cap of 100 is used up");
            assert_eq!(
                suite.events::<help_desk::events::RewardCapped>(),
                [help_desk::events::RewardCapped {
                    to: erin,
                    wanted: 20,
                    granted: 0,
                    reason: RewardReason::AcceptedAnswer(id)
                }]
            );
        }
    }
    assert_eq!(suite.earned(&who::erin()), 100);

    // A day later the cap is fresh.
    suite.advance(DAY_MS);
    answered_and_closed(&mut suite);
    assert_eq!(suite.earned(&who::erin()), 120);
}

#[test]
fn pending_pauses_the_resolution_clock_and_the_customer_resumes_it() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);

    suite.advance(10 * MINUTE_MS);
    suite.as_(&who::agent());
    suite.desk(|d| d.assign(id, who::agent())).unwrap();
    suite.desk(|d| d.respond(id, hash(2))).unwrap();
    suite.advance(50 * MINUTE_MS);
    suite.desk(|d| d.set_status(id, Status::Pending)).unwrap();
    let status = sla_status(&mut suite, id);
    assert_eq!(status.resolution_left_ms, None, "paused");
    assert_eq!(status.resolution_used_ms, HOUR_MS);

    // A day waiting on the customer: far past the 8 h target, but nothing is due.
    suite.advance(DAY_MS);
    assert!(due(&mut suite).is_empty());
    assert_eq!(sweep(&mut suite, 10).actions, 0);

    suite.as_(&who::carol());
    suite.desk(|d| d.respond(id, hash(3))).unwrap();
    assert_eq!(
        suite.events::<StatusChanged>(),
        [StatusChanged {
            id,
            from: Status::Pending,
            to: Status::Open
        }]
    );
    let status = sla_status(&mut suite, id);
    assert_eq!(status.resolution_left_ms, Some(i128::from(7 * HOUR_MS)));
    assert_eq!(
        status.first_response_left_ms,
        Some(i128::from(HOUR_MS)),
        "the customer's answer restarts the response clock"
    );
    assert!(!status.breached.resolution);

    // Without an answer, the resolution clock breaches 7 h later (the response clock first).
    suite.advance(7 * HOUR_MS + MINUTE_MS);
    sweep(&mut suite, 10);
    let breached: Vec<Metric> = suite
        .events::<SlaBreached>()
        .iter()
        .map(|b| b.metric)
        .collect();
    assert_eq!(breached, [Metric::FirstResponse, Metric::Resolution]);
}

#[test]
fn a_pending_ticket_the_customer_abandons_is_resolved_automatically() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.as_(&who::agent());
    suite.desk(|d| d.assign(id, who::agent())).unwrap();
    suite.desk(|d| d.respond(id, hash(2))).unwrap();
    suite.desk(|d| d.set_status(id, Status::Pending)).unwrap();

    suite.advance(2 * DAY_MS + MINUTE_MS);
    assert_eq!(due(&mut suite), [id]);
    assert_eq!(sweep(&mut suite, 10).actions, 1);
    assert_eq!(
        suite.events::<Resolved>(),
        [Resolved {
            id,
            by: None,
            resolution: None
        }]
    );
    assert_eq!(suite.ticket(id).status, Status::Resolved);
}

#[test]
fn reopen_within_the_window_auto_close_after_it_and_a_follow_up() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.as_(&who::agent());
    suite.desk(|d| d.assign(id, who::agent())).unwrap();
    suite.desk(|d| d.resolve(id, hash(2))).unwrap();

    suite.advance(HOUR_MS);
    suite.as_(&who::carol());
    suite.desk(|d| d.reopen(id, hash(3))).unwrap();
    assert_eq!(
        suite.events::<Reopened>(),
        [Reopened {
            id,
            content: hash(3)
        }]
    );
    let ticket = suite.ticket(id);
    assert_eq!(
        (ticket.status, ticket.assignee),
        (Status::Open, Some(who::agent())),
        "back to the same agent"
    );

    suite.as_(&who::agent());
    suite.desk(|d| d.resolve(id, hash(4))).unwrap();

    // No keeper ran for 8 days: the ticket closed itself a day after resolution (auto-close),
    // keeper or not, so reopening is refused as closed.
    suite.advance(8 * DAY_MS);
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.reopen(id, hash(5))),
        Err(DeskError::TicketClosed)
    );
    // The keeper records the close.
    assert_eq!(sweep(&mut suite, 10).actions, 1);
    assert_eq!(
        suite.events::<Closed>(),
        [Closed {
            id,
            reason: CloseReason::AutoClosed,
            rating: None
        }]
    );
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.confirm(id, Some(4))),
        Err(DeskError::TicketClosed)
    );

    // Later contact is a follow-up ticket.
    let follow_up = suite
        .desk(|d| d.open_follow_up(id, Priority::Normal, 7, hash(6)))
        .unwrap();
    assert_eq!(suite.ticket(follow_up).parent, Some(id));
}

#[test]
fn boosting_burns_tokens_and_recomputes_deadlines_keeping_time_used() {
    let mut suite = Suite::new();
    fund(&mut suite, &who::carol(), 120);
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    suite.advance(30 * MINUTE_MS);

    // Without an allowance the token refuses to burn: typed error, nothing changes.
    let before = suite.ticket(id);
    assert_eq!(
        suite.desk(|d| d.boost_priority(id)),
        Err(DeskError::PaymentFailed)
    );
    assert_eq!(suite.ticket(id), before);
    assert_eq!(suite.balance(&who::carol()), 120);

    let desk = suite.desk;
    suite.token(|t| t.approve(desk, 100)).unwrap();
    suite.desk(|d| d.boost_priority(id)).unwrap();
    assert_eq!(
        suite.events::<PriorityBoosted>(),
        [PriorityBoosted {
            id,
            from: Priority::Normal,
            to: Priority::High,
            price: 50
        }]
    );
    assert_eq!(suite.balance(&who::carol()), 70);
    assert_eq!(suite.token(|t| t.total_supply()), 70);

    // High (default Standard policy): 4 h first response, 1 day resolution. Each clock keeps
    // what it had left under the story's Normal policy (1 h and 8 h, 30 min used), cut to the
    // new target: a boost never lengthens a deadline, nor makes one retroactive.
    let status = sla_status(&mut suite, id);
    assert_eq!(
        status.first_response_left_ms,
        Some(i128::from(HOUR_MS - 30 * MINUTE_MS))
    );
    assert_eq!(
        status.resolution_left_ms,
        Some(i128::from(8 * HOUR_MS - 30 * MINUTE_MS))
    );

    suite.desk(|d| d.boost_priority(id)).unwrap();
    assert_eq!(suite.ticket(id).priority, Priority::Urgent);
    fund(&mut suite, &who::carol(), 100);
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.boost_priority(id)),
        Err(DeskError::MaxPriorityReached)
    );
    assert_eq!(suite.balance(&who::carol()), 120);
}

/// Actions per `process_due` call in the 1000-ticket sweep.
const CHUNK: u32 = 50;

#[test]
fn a_thousand_due_tickets_are_swept_in_bounded_chunks() {
    let mut suite = Suite::new();
    // Caps wide enough for 1000 compensations and the keeper's whole sweep in one day.
    let mut settings = help_desk::settings::Settings::default();
    settings.caps.compensation = help_desk::settings::Cap {
        per_account: 5_000,
        desk: 10_000,
    };
    settings.caps.keeper = help_desk::settings::Cap {
        per_account: 10_000,
        desk: 10_000,
    };
    suite.set_settings(&settings);
    for customer in [who::carol(), who::dave()] {
        suite.as_(&customer);
        for _ in 0..500 {
            suite.open(Priority::Normal, 1);
        }
    }
    // Past the first-response deadline of all: each has a breach and an escalation due (the
    // warnings are moot and skipped).
    suite.advance(HOUR_MS + MINUTE_MS);
    assert_eq!(
        due(&mut suite).len(),
        100,
        "due_tickets returns at most its limit"
    );

    let mut actions = 0;
    let mut cleared = 0;
    let mut calls = 0;
    let mut most_gas = 0;
    loop {
        let report = sweep(&mut suite, CHUNK);
        calls += 1;
        assert!(report.actions <= CHUNK);
        actions += report.actions;
        cleared += report.cleared;
        most_gas = most_gas.max(suite.last_gas());
        if !report.more {
            break;
        }
        assert!(calls <= 2 * 2000 / CHUNK, "the sweep makes progress");
    }
    assert_eq!(actions, 2000);
    assert_eq!(
        calls,
        2000 / CHUNK + 1,
        "full chunks, then one that finds the rest empty"
    );
    assert!(due(&mut suite).is_empty());
    assert_eq!(sweep(&mut suite, CHUNK).actions, 0, "nothing runs twice");

    let counters = counters(&mut suite);
    assert_eq!((counters.breaches, counters.escalations), (1000, 1000));
    assert_eq!(suite.earned(&who::carol()), 5000);
    assert_eq!(suite.earned(&who::dave()), 5000);
    // Keeper reward: 1 per action (carol and dave are placed customers).
    assert_eq!(suite.earned(&who::keeper()), u128::from(actions));
    assert!(cleared > 0, "the sweep removed the cells it walked past");
    println!("largest process_due({CHUNK}) chunk: {most_gas} ref_time");
}

/// Every state-changing message, called by every wrong role, returns its typed error and
/// changes nothing.
#[test]
fn refusal_matrix() {
    let mut suite = Suite::new();
    // Ticket 1: Open, unassigned. Ticket 2: Resolved by the agent. Ticket 3: Closed.
    suite.as_(&who::carol());
    for _ in 0..3 {
        suite.open(Priority::Normal, 1);
    }
    suite.as_(&who::agent());
    for id in [2, 3] {
        suite.desk(|d| d.assign(id, who::agent())).unwrap();
        suite.desk(|d| d.resolve(id, hash(2))).unwrap();
    }
    suite.as_(&who::carol());
    suite.desk(|d| d.confirm(3, None)).unwrap();

    let snapshot = |suite: &mut Suite| {
        let tickets: Vec<_> = (1..=3).map(|id| suite.ticket(id)).collect();
        (tickets, counters(suite), suite.earned(&who::erin()))
    };
    let before = snapshot(&mut suite);

    use DeskError::*;
    let cases: Vec<(AccountId, Step, DeskError)> = vec![
        // respond
        (who::erin(), step(|d| d.respond(3, hash(9))), TicketClosed),
        (
            who::erin(),
            step(|d| d.respond(2, hash(9))),
            TicketNotActive {
                status: Status::Resolved,
            },
        ),
        (
            who::erin(),
            step(|d| d.respond(99, hash(9))),
            TicketNotFound,
        ),
        // assign
        (who::carol(), step(|d| d.assign(1, who::carol())), NotAgent),
        (who::erin(), step(|d| d.assign(1, who::agent())), NotAgent),
        (
            who::agent(),
            step(|d| d.assign(1, who::senior())),
            AgentLevelTooLow { required: 3 },
        ),
        (
            who::supervisor(),
            step(|d| d.assign(1, who::erin())),
            AgentNotFound,
        ),
        (
            who::agent(),
            step(|d| d.assign(2, who::agent())),
            TicketNotActive {
                status: Status::Resolved,
            },
        ),
        // set_status
        (
            who::carol(),
            step(|d| d.set_status(1, Status::Pending)),
            NotAgent,
        ),
        (
            who::agent(),
            step(|d| d.set_status(1, Status::Closed)),
            TransitionNotAllowed {
                from: Status::Open,
                to: Status::Closed,
            },
        ),
        (
            who::agent(),
            step(|d| d.set_status(1, Status::Open)),
            TransitionNotAllowed {
                from: Status::Open,
                to: Status::Open,
            },
        ),
        (
            who::agent(),
            step(|d| d.set_status(3, Status::Open)),
            TicketClosed,
        ),
        // escalate
        (
            who::erin(),
            step(|d| d.escalate(1, hash(9))),
            NotTicketCustomer,
        ),
        (
            who::carol(),
            step(|d| d.escalate(2, hash(9))),
            TicketNotActive {
                status: Status::Resolved,
            },
        ),
        // resolve
        (who::carol(), step(|d| d.resolve(1, hash(9))), NotAgent),
        (
            who::senior(),
            step(|d| d.resolve(2, hash(9))),
            NotAssigneeOrSupervisor,
        ),
        (
            who::supervisor(),
            step(|d| d.resolve(2, hash(9))),
            TransitionNotAllowed {
                from: Status::Resolved,
                to: Status::Resolved,
            },
        ),
        // reopen
        (
            who::agent(),
            step(|d| d.reopen(2, hash(9))),
            NotTicketCustomer,
        ),
        (
            who::carol(),
            step(|d| d.reopen(1, hash(9))),
            TransitionNotAllowed {
                from: Status::Open,
                to: Status::Open,
            },
        ),
        (who::carol(), step(|d| d.reopen(3, hash(9))), TicketClosed),
        // confirm
        (
            who::erin(),
            step(|d| d.confirm(2, Some(5))),
            NotTicketCustomer,
        ),
        (
            who::agent(),
            step(|d| d.confirm(2, None)),
            NotTicketCustomer,
        ),
        (
            who::carol(),
            step(|d| d.confirm(1, None)),
            TransitionNotAllowed {
                from: Status::Open,
                to: Status::Closed,
            },
        ),
        (who::carol(), step(|d| d.confirm(2, Some(6))), InvalidRating),
        (who::carol(), step(|d| d.confirm(2, Some(0))), InvalidRating),
        // accept_answer
        (
            who::erin(),
            step(|d| d.accept_answer(1, who::erin())),
            NotTicketCustomer,
        ),
        (
            who::carol(),
            step(|d| d.accept_answer(1, who::erin())),
            NotACandidateAnswer,
        ),
        // boost_priority
        (
            who::erin(),
            step(|d| d.boost_priority(1)),
            NotTicketCustomer,
        ),
        (
            who::carol(),
            step(|d| d.boost_priority(2)),
            TicketNotActive {
                status: Status::Resolved,
            },
        ),
        // open_follow_up
        (
            who::erin(),
            step(|d| d.open_follow_up(3, Priority::Normal, 1, hash(9))),
            NotTicketCustomer,
        ),
        (
            who::carol(),
            step(|d| d.open_follow_up(2, Priority::Normal, 1, hash(9))),
            ParentNotClosed,
        ),
        // keeper
        (who::keeper(), step(|d| d.process_due(0)), InvalidLimit),
        (who::keeper(), step(|d| d.process_due(1001)), InvalidLimit),
        (who::keeper(), step(|d| d.poke(99)), TicketNotFound),
        (who::erin(), step(|d| d.claim_owed(None)), NothingOwed),
        // administration
        (
            who::agent(),
            step(|d| d.set_agent(who::erin(), 1)),
            NotOwner,
        ),
        (
            who::owner(),
            step(|d| d.set_agent(who::erin(), 4)),
            InvalidAgentLevel,
        ),
        (
            who::owner(),
            step(|d| d.set_agent(who::erin(), 0)),
            InvalidAgentLevel,
        ),
        (
            who::supervisor(),
            step(|d| d.remove_agent(who::agent())),
            NotOwner,
        ),
        (
            who::owner(),
            step(|d| d.remove_agent(who::erin())),
            AgentNotFound,
        ),
        (
            who::carol(),
            step(|d| d.set_customer_tier(who::carol(), Tier::Enterprise)),
            NotOwner,
        ),
        (
            who::supervisor(),
            step(|d| {
                d.set_sla_policy(
                    Tier::Standard,
                    Priority::Low,
                    helpdesk_sandbox::suite::story_policy(),
                )
            }),
            NotOwner,
        ),
        (
            who::owner(),
            step(|d| {
                let policy = SlaPolicy {
                    first_response_ms: 0,
                    ..helpdesk_sandbox::suite::story_policy()
                };
                d.set_sla_policy(Tier::Standard, Priority::Low, policy)
            }),
            InvalidPolicy,
        ),
        (who::carol(), step(|d| d.pause()), NotOwner),
        (who::owner(), step(|d| d.unpause()), NotPaused),
        (
            who::carol(),
            step(|d| d.transfer_ownership(who::carol())),
            NotOwner,
        ),
        (
            who::carol(),
            step(|d| d.accept_ownership()),
            NotPendingOwner,
        ),
        (who::carol(), step(|d| d.upgrade(hash(1))), NotOwner),
        (
            who::owner(),
            step(|d| d.upgrade(hash(1))),
            UpgradeNotScheduled,
        ),
        (
            who::owner(),
            step(|d| d.cancel_upgrade()),
            UpgradeNotScheduled,
        ),
    ];
    for (row, (caller, step, expected)) in cases.into_iter().enumerate() {
        suite.as_(&caller);
        assert_eq!(step(&mut suite), Err(expected), "row {row}");
    }
    // The messages returning values are refused the same way.
    suite.as_(&who::carol());
    assert_eq!(
        suite.desk(|d| d.open_follow_up(99, Priority::Low, 1, hash(9))),
        Err(TicketNotFound)
    );
    assert_eq!(suite.desk(|d| d.due_tickets(0)), Err(InvalidLimit));
    assert_eq!(suite.desk(|d| d.due_tickets(101)), Err(InvalidLimit));
    assert_eq!(
        suite.desk(|d| d.tickets_by_customer(who::carol(), 0, 0)),
        Err(InvalidLimit)
    );
    assert_eq!(snapshot(&mut suite), before, "refusals changed nothing");

    // Paused: every state change is refused, queries still answer.
    suite.as_(&who::owner());
    suite.desk(|d| d.pause()).unwrap();
    assert_eq!(suite.desk(|d| d.pause()), Err(Paused));
    let paused: Vec<(AccountId, Step)> = vec![
        (
            who::carol(),
            step(|d| d.open_ticket(Priority::Low, 1, hash(9))),
        ),
        (
            who::carol(),
            step(|d| d.open_follow_up(3, Priority::Low, 1, hash(9))),
        ),
        (who::agent(), step(|d| d.respond(1, hash(9)))),
        (who::agent(), step(|d| d.assign(1, who::agent()))),
        (who::agent(), step(|d| d.set_status(1, Status::OnHold))),
        (who::carol(), step(|d| d.escalate(1, hash(9)))),
        (who::supervisor(), step(|d| d.resolve(1, hash(9)))),
        (who::carol(), step(|d| d.reopen(2, hash(9)))),
        (who::carol(), step(|d| d.confirm(2, Some(5)))),
        (who::carol(), step(|d| d.accept_answer(1, who::erin()))),
        (who::carol(), step(|d| d.boost_priority(1))),
        (who::keeper(), step(|d| d.process_due(10))),
        (who::keeper(), step(|d| d.poke(1))),
        (who::erin(), step(|d| d.claim_owed(None))),
    ];
    for (row, (caller, step)) in paused.into_iter().enumerate() {
        suite.as_(&caller);
        assert_eq!(step(&mut suite), Err(Paused), "row {row} while paused");
    }
    assert_eq!(
        suite.ticket(1).status,
        Status::Open,
        "queries work while paused"
    );
    assert!(suite.desk(|d| d.is_paused()));
    assert_eq!(snapshot(&mut suite), before, "nothing changed while paused");
    suite.as_(&who::owner());
    suite.desk(|d| d.unpause()).unwrap();
}

#[test]
fn an_announced_upgrade_takes_effect_after_its_delay_and_keeps_the_data() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::High, 1);
    let before = suite.ticket(id);

    let code_arg = suite.code_hash(Contract::HelpDesk);
    suite.as_(&who::owner());
    assert_eq!(
        suite.desk(|d| d.upgrade(code_arg)),
        Err(DeskError::UpgradeNotScheduled)
    );
    suite.desk(|d| d.schedule_upgrade(code_arg)).unwrap();
    let delay = help_desk::settings::Settings::default().upgrade_delay_ms;
    let not_before = suite.now_ms + delay;
    assert_eq!(
        suite.desk(|d| d.upgrade(code_arg)),
        Err(DeskError::UpgradeTooEarly { not_before })
    );
    suite.advance(delay);
    suite.as_(&who::owner());
    suite.desk(|d| d.upgrade(code_arg)).unwrap();
    assert_eq!(suite.ticket(id), before);
    assert_eq!(counters(&mut suite).opened, 1);
    assert_eq!(
        suite.desk(|d| d.upgrade(code_arg)),
        Err(DeskError::UpgradeNotScheduled),
        "an announcement is used once"
    );
}

/// The owner announces the loyalty token's code (or any code that cannot run on the desk's
/// storage) as the desk's next release and waits out the delay: `upgrade` checks the code in
/// the same call, refuses it with a typed error, and the desk keeps working.
#[test]
fn upgrading_to_code_that_cannot_run_on_the_desk_storage_is_refused() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    let id = suite.open(Priority::Normal, 1);
    let code_arg = suite.code_hash(Contract::LoyaltyToken);
    suite.as_(&who::owner());
    suite.desk(|d| d.schedule_upgrade(code_arg)).unwrap();
    suite.advance(help_desk::settings::Settings::default().upgrade_delay_ms);
    suite.as_(&who::owner());
    assert_eq!(
        suite.desk(|d| d.upgrade(code_arg)),
        Err(DeskError::IncompatibleCode)
    );
    assert_eq!(suite.desk(|d| d.storage_version()), 2);
    suite.as_(&who::agent());
    suite.desk(|d| d.respond(id, hash(2))).unwrap();
    assert!(suite.ticket(id).clocks.responded, "the desk still works");
}

#[test]
fn paginated_queries_by_customer_assignee_and_queue() {
    let mut suite = Suite::new();
    suite.as_(&who::carol());
    for _ in 0..5 {
        suite.open(Priority::Normal, 1);
    }
    let carol = who::carol();
    assert_eq!(
        suite.desk(|d| d.tickets_by_customer(carol, 0, 2)).unwrap(),
        (vec![1, 2], Some(2))
    );
    assert_eq!(
        suite.desk(|d| d.tickets_by_customer(carol, 2, 2)).unwrap(),
        (vec![3, 4], Some(4))
    );
    assert_eq!(
        suite.desk(|d| d.tickets_by_customer(carol, 4, 2)).unwrap(),
        (vec![5], None)
    );

    suite.as_(&who::agent());
    for id in [1, 2] {
        suite.desk(|d| d.assign(id, who::agent())).unwrap();
    }
    suite.as_(&who::carol());
    for _ in 0..2 {
        suite.desk(|d| d.escalate(3, hash(9))).unwrap();
    }
    suite.as_(&who::supervisor());
    suite.desk(|d| d.assign(1, who::senior())).unwrap();

    let agent = who::agent();
    assert_eq!(
        suite.desk(|d| d.tickets_by_assignee(agent, 0, 10)).unwrap(),
        (vec![2], None)
    );
    assert_eq!(
        suite
            .desk(|d| d.tickets_by_assignee(who::senior(), 0, 10))
            .unwrap(),
        (vec![1], None)
    );
    // Queue 1 held 1..5 once; 1 and 2 were assigned and 3 escalated to level 2 since.
    assert_eq!(
        suite.desk(|d| d.tickets_in_queue(1, 0, 100)).unwrap(),
        (vec![4, 5], None)
    );
    assert_eq!(
        suite.desk(|d| d.tickets_in_queue(1, 0, 3)).unwrap(),
        (vec![], Some(3))
    );
    assert_eq!(
        suite.desk(|d| d.tickets_in_queue(2, 0, 100)).unwrap(),
        (vec![3], None)
    );
    assert_eq!(suite.desk(|d| d.ticket_count()), 5);
}
