//! Native tests of governance as plain Rust: the lifecycle, every refusal, and property tests of
//! vote counting and state transitions. Storage (Mapping) runs on ink!'s off-chain engine,
//! reset per case.

use crate::action::Action;
use crate::errors::GovernorError;
use crate::events::GovernorEvent;
use crate::governance::Governance;
use crate::params::{Param, Params, GRACE_PERIOD_MS, MAX_ACTIONS, MAX_LIVE};
use crate::proposal::{ProposalId, ProposalState, Support, Tally};
use helpdesk_common::time::{DAY_MS, MINUTE_MS};
use ink::primitives::{AccountId, Hash};
use proptest::prelude::*;

const T0: u64 = 1_767_225_600_000;
const SUPPLY: u128 = 100_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
const PROPOSER: u8 = 1;
const ALICE: u8 = 2;
const BOB: u8 = 3;
const GUARDIAN: u8 = 9;

/// Test parameters: voting opens after 1 min, lasts 10 min, threshold 100, quorum 4 % (4 000
/// of [`SUPPLY`]), late-quorum extension 5 min, timelock 2 min, upgrades 1 day.
fn params() -> Params {
    Params {
        voting_delay_ms: MINUTE_MS,
        voting_period_ms: 10 * MINUTE_MS,
        proposal_threshold: 100,
        quorum_bps: 400,
        late_quorum_extension_ms: 5 * MINUTE_MS,
        timelock_ms: 2 * MINUTE_MS,
        upgrade_timelock_ms: DAY_MS,
    }
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

/// Governance with a guardian, the proposer holding 1 000 in escrow, Alice 5 000, Bob 3 000.
fn governance() -> Governance {
    let mut g = Governance::new(params(), Some(acc(GUARDIAN))).unwrap();
    for (who, amount) in [(PROPOSER, 1_000), (ALICE, 5_000), (BOB, 3_000)] {
        g.lock(acc(who), amount).unwrap();
    }
    g
}

fn pause() -> Vec<Action> {
    vec![Action::Pause]
}

/// Proposes [`pause`] at [`T0`] as the proposer; its id.
fn proposed(g: &mut Governance) -> ProposalId {
    g.propose(acc(PROPOSER), T0, pause(), Hash::from([7; 32]), SUPPLY)
        .unwrap()
        .0
}

const START: u64 = T0 + MINUTE_MS;
const END: u64 = START + 10 * MINUTE_MS;

#[test]
fn a_proposal_passes_through_every_state_to_executed() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        assert_eq!(g.state(id, T0).unwrap(), ProposalState::Pending);
        assert_eq!(g.state(id, START).unwrap(), ProposalState::Active);
        g.vote(acc(ALICE), START, id, Support::For).unwrap();
        g.vote(acc(BOB), START, id, Support::Against).unwrap();
        assert_eq!(g.state(id, END).unwrap(), ProposalState::Succeeded);
        let queued = g.queue(id, END).unwrap();
        let eta = END + 2 * MINUTE_MS;
        assert_eq!(
            queued,
            GovernorEvent::ProposalQueued(crate::events::ProposalQueued { id, eta })
        );
        assert_eq!(
            g.execute(id, eta - 1),
            Err(GovernorError::TimelockNotOver { eta })
        );
        assert_eq!(g.execute(id, eta).unwrap(), pause());
        assert_eq!(g.state(id, eta).unwrap(), ProposalState::Executed);
        assert_eq!(
            g.execute(id, eta),
            Err(GovernorError::WrongState(ProposalState::Executed))
        );
    })
}

#[test]
fn moving_escrow_to_a_second_account_to_vote_again_is_impossible_while_the_vote_runs() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        g.vote(acc(ALICE), START, id, Support::For).unwrap();
        assert_eq!(
            g.vote(acc(ALICE), START + 1, id, Support::For),
            Err(GovernorError::AlreadyVoted)
        );
        // The escrow backing the vote cannot leave before the latest possible end.
        let until = END + 5 * MINUTE_MS;
        assert_eq!(
            g.unlock(acc(ALICE), 5_000, END - 1),
            Err(GovernorError::EscrowLocked { until })
        );
        assert_eq!(
            g.unlock(acc(ALICE), 1, until - 1),
            Err(GovernorError::EscrowLocked { until })
        );
        g.unlock(acc(ALICE), 5_000, until).unwrap();
        assert_eq!(g.escrow().of(acc(ALICE)).amount, 0);
    })
}

#[test]
fn a_proposers_threshold_stays_locked_until_the_vote_ends() {
    fresh(|| {
        let mut g = governance();
        proposed(&mut g);
        assert!(matches!(
            g.unlock(acc(PROPOSER), 1_000, T0 + 1),
            Err(GovernorError::EscrowLocked { .. })
        ));
    })
}

#[test]
fn quorum_comes_from_the_supply_at_creation_and_for_plus_abstain_count_toward_it() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        assert_eq!(g.proposal(id).unwrap().quorum, 4_000);
        // Bob's 3 000 For and the proposer's 1 000 Abstain reach 4 000: passes.
        g.vote(acc(BOB), START, id, Support::For).unwrap();
        g.vote(acc(PROPOSER), START, id, Support::Abstain).unwrap();
        assert_eq!(g.state(id, END).unwrap(), ProposalState::Succeeded);
    })
}

#[test]
fn without_quorum_or_with_a_tie_a_proposal_is_defeated() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        g.vote(acc(BOB), START, id, Support::For).unwrap();
        assert_eq!(g.state(id, END).unwrap(), ProposalState::Defeated);
        assert_eq!(
            g.queue(id, END),
            Err(GovernorError::WrongState(ProposalState::Defeated))
        );
    })
}

#[test]
fn quorum_first_reached_late_extends_voting_once_and_keeps_every_vote_locked() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        g.vote(acc(BOB), START, id, Support::Against).unwrap();
        let late = END - MINUTE_MS;
        let events = g.vote(acc(ALICE), late, id, Support::For).unwrap();
        let new_end = late + 5 * MINUTE_MS;
        assert_eq!(
            events[1],
            GovernorEvent::VotingExtended(crate::events::VotingExtended {
                id,
                vote_end: new_end
            })
        );
        assert_eq!(g.state(id, END).unwrap(), ProposalState::Active);
        assert!(g.escrow().of(acc(BOB)).locked_until >= new_end);
        // A second late vote does not extend again.
        assert_eq!(
            g.vote(acc(PROPOSER), new_end - 1, id, Support::For)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(g.state(id, new_end).unwrap(), ProposalState::Succeeded);
    })
}

#[test]
fn a_queued_proposal_expires_after_the_grace_period() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        g.vote(acc(ALICE), START, id, Support::For).unwrap();
        g.queue(id, END).unwrap();
        let eta = END + 2 * MINUTE_MS;
        let late = eta + GRACE_PERIOD_MS;
        assert_eq!(
            g.execute(id, late),
            Err(GovernorError::WrongState(ProposalState::Expired))
        );
    })
}

#[test]
fn an_upgrade_waits_the_longest_timelock() {
    fresh(|| {
        let mut g = governance();
        let upgrade = vec![Action::ScheduleDeskUpgrade {
            code_hash: Hash::from([1; 32]),
        }];
        let (id, _) = g
            .propose(acc(PROPOSER), T0, upgrade, Hash::from([7; 32]), SUPPLY)
            .unwrap();
        g.vote(acc(ALICE), START, id, Support::For).unwrap();
        g.queue(id, END).unwrap();
        assert_eq!(g.proposal(id).unwrap().eta, Some(END + DAY_MS));
    })
}

#[test]
fn proposing_needs_the_threshold_one_live_proposal_each_and_one_to_ten_actions() {
    fresh(|| {
        let mut g = governance();
        let hash = Hash::from([7; 32]);
        assert_eq!(
            g.propose(acc(4), T0, pause(), hash, SUPPLY),
            Err(GovernorError::BelowThreshold {
                held: 0,
                needed: 100
            })
        );
        assert_eq!(
            g.propose(acc(PROPOSER), T0, vec![], hash, SUPPLY),
            Err(GovernorError::NoActions)
        );
        assert_eq!(
            g.propose(
                acc(PROPOSER),
                T0,
                vec![Action::Pause; MAX_ACTIONS + 1],
                hash,
                SUPPLY
            ),
            Err(GovernorError::TooManyActions)
        );
        let id = proposed(&mut g);
        assert_eq!(
            g.propose(acc(PROPOSER), START, pause(), hash, SUPPLY),
            Err(GovernorError::ProposerHasLiveProposal(id))
        );
        // Once its vote has ended, the proposer may propose again.
        assert!(g.propose(acc(PROPOSER), END, pause(), hash, SUPPLY).is_ok());
    })
}

#[test]
fn at_most_max_live_proposals_run_at_once_and_ended_ones_make_room() {
    fresh(|| {
        let mut g = governance();
        let hash = Hash::from([7; 32]);
        for n in 0..MAX_LIVE {
            let who = acc(100 + n as u8);
            g.lock(who, 100).unwrap();
            g.propose(who, T0, pause(), hash, SUPPLY).unwrap();
        }
        assert_eq!(
            g.propose(acc(PROPOSER), T0, pause(), hash, SUPPLY),
            Err(GovernorError::TooManyLiveProposals)
        );
        assert!(g.propose(acc(PROPOSER), END, pause(), hash, SUPPLY).is_ok());
    })
}

#[test]
fn the_proposer_cancels_only_while_pending_and_the_guardian_until_executed() {
    fresh(|| {
        let mut g = governance();
        let id = proposed(&mut g);
        assert_eq!(
            g.cancel(acc(ALICE), id, T0),
            Err(GovernorError::NotAllowedToCancel)
        );
        g.vote(acc(ALICE), START, id, Support::For).unwrap();
        assert_eq!(
            g.cancel(acc(PROPOSER), id, START),
            Err(GovernorError::NotAllowedToCancel)
        );
        g.queue(id, END).unwrap();
        g.cancel(acc(GUARDIAN), id, END).unwrap();
        assert_eq!(g.state(id, END).unwrap(), ProposalState::Canceled);
        assert_eq!(
            g.execute(id, END + DAY_MS),
            Err(GovernorError::WrongState(ProposalState::Canceled))
        );

        let next = g
            .propose(acc(PROPOSER), END, pause(), Hash::from([8; 32]), SUPPLY)
            .unwrap()
            .0;
        g.cancel(acc(PROPOSER), next, END).unwrap();
    })
}

#[test]
fn every_parameter_out_of_its_bounds_is_refused() {
    type Break = fn(&mut Params);
    let cases: [(Break, Param); 8] = [
        (|p| p.voting_delay_ms = 7 * DAY_MS + 1, Param::VotingDelay),
        (|p| p.voting_period_ms = MINUTE_MS - 1, Param::VotingPeriod),
        (
            |p| p.voting_period_ms = 14 * DAY_MS + 1,
            Param::VotingPeriod,
        ),
        (|p| p.proposal_threshold = 0, Param::ProposalThreshold),
        (|p| p.quorum_bps = 99, Param::Quorum),
        (
            |p| p.late_quorum_extension_ms = 2 * DAY_MS + 1,
            Param::LateQuorumExtension,
        ),
        (|p| p.timelock_ms = MINUTE_MS - 1, Param::Timelock),
        (
            |p| p.upgrade_timelock_ms = p.timelock_ms - 1,
            Param::UpgradeTimelock,
        ),
    ];
    fresh(|| {
        assert_eq!(Params::default().out_of_bounds(), None);
        let mut g = governance();
        for (break_it, param) in cases {
            let mut p = params();
            break_it(&mut p);
            assert_eq!(p.out_of_bounds(), Some(param));
            assert_eq!(
                g.set_params(p),
                Err(GovernorError::ParameterOutOfBounds(param))
            );
            assert!(matches!(
                Governance::new(p, None),
                Err(GovernorError::ParameterOutOfBounds(_))
            ));
            assert_eq!(
                g.propose(
                    acc(PROPOSER),
                    T0,
                    vec![Action::SetParams(p)],
                    Hash::from([7; 32]),
                    SUPPLY
                ),
                Err(GovernorError::ParameterOutOfBounds(param))
            );
        }
        assert_eq!(g.params(), params());
    })
}

#[test]
fn escrow_refuses_zero_amounts_and_more_than_it_holds() {
    fresh(|| {
        let mut g = governance();
        assert_eq!(g.lock(acc(ALICE), 0), Err(GovernorError::ZeroAmount));
        assert_eq!(
            g.unlock(acc(ALICE), 5_001, T0),
            Err(GovernorError::InsufficientEscrow { held: 5_000 })
        );
        assert_eq!(g.escrow().total(), 9_000);
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The quorum is `quorum_bps` of the supply rounded up (at least 1), for every supply up
    /// to `u128::MAX`, without overflow.
    #[test]
    fn quorum_is_the_rounded_up_share_of_any_supply(supply in any::<u128>(), bps in 100u16..=2_000) {
        let p = Params { quorum_bps: bps, ..params() };
        let quorum = p.quorum_of(supply);
        let exact = primitive_mul_div_ceil(supply, u128::from(bps), 10_000);
        prop_assert_eq!(quorum, exact.max(1));
    }

    /// After any sequence of votes at any times: the tally is the sum of the receipts by side;
    /// every voter's escrow is locked at least until the vote's end; the end moved at most once
    /// and by at most the extension; and the state after the end is Succeeded exactly when the
    /// tally passes.
    #[test]
    fn votes_add_up_lock_their_escrow_and_decide_the_outcome(
        votes in proptest::collection::vec((0u8..12, 0u8..3, 0u64..(12 * MINUTE_MS)), 0..30),
        amounts in proptest::collection::vec(1u128..5_000, 12),
    ) {
        fresh(|| -> Result<(), TestCaseError> {
            let mut g = Governance::new(params(), None).unwrap();
            g.lock(acc(PROPOSER), 100).unwrap();
            for (i, amount) in amounts.iter().enumerate() {
                g.lock(acc(20 + i as u8), *amount).unwrap();
            }
            let id = proposed(&mut g);
            let mut times: Vec<_> = votes.clone();
            times.sort_by_key(|v| v.2);
            let mut expected = Tally::default();
            for (voter, side, offset) in times {
                let who = acc(20 + voter);
                let support = [Support::Against, Support::For, Support::Abstain][side as usize];
                let now = START + offset;
                let active = g.state(id, now).unwrap() == ProposalState::Active;
                let first = g.receipt(id, who).is_none();
                match g.vote(who, now, id, support) {
                    Ok(_) => {
                        prop_assert!(active && first);
                        expected = expected.with(support, amounts[voter as usize]).unwrap();
                    }
                    Err(GovernorError::AlreadyVoted) => prop_assert!(active && !first),
                    Err(GovernorError::WrongState(state)) => {
                        prop_assert!(!active);
                        prop_assert_eq!(state, g.state(id, now).unwrap());
                    }
                    Err(other) => prop_assert!(false, "unexpected {:?}", other),
                }
            }
            let proposal = g.proposal(id).unwrap();
            prop_assert_eq!(proposal.tally, expected);
            prop_assert!(proposal.vote_end >= END && proposal.vote_end <= END + 5 * MINUTE_MS);
            for i in 0..12u8 {
                if g.receipt(id, acc(20 + i)).is_some() {
                    prop_assert!(g.escrow().of(acc(20 + i)).locked_until >= proposal.vote_end);
                }
            }
            let after = g.state(id, proposal.vote_end).unwrap();
            let passes = expected.passes(proposal.quorum);
            prop_assert_eq!(after == ProposalState::Succeeded, passes);
            prop_assert_eq!(after == ProposalState::Defeated, !passes);
            Ok(())
        })?;
    }

    /// A proposal's state only moves forward in time: Pending, Active, then one outcome, and
    /// nothing happens to it by time alone after Defeated, Executed or Expired.
    #[test]
    fn states_follow_the_lifecycle_order_as_time_passes(
        for_ in 0u128..10_000, against in 0u128..10_000, queue_at in proptest::option::of(0u64..GRACE_PERIOD_MS),
    ) {
        fresh(|| -> Result<(), TestCaseError> {
            let mut g = Governance::new(params(), None).unwrap();
            g.lock(acc(PROPOSER), 100).unwrap();
            g.lock(acc(ALICE), for_ + 1).unwrap();
            g.lock(acc(BOB), against + 1).unwrap();
            let id = proposed(&mut g);
            g.vote(acc(ALICE), START, id, Support::For).unwrap();
            g.vote(acc(BOB), START, id, Support::Against).unwrap();
            let end = g.proposal(id).unwrap().vote_end;
            if let Some(at) = queue_at {
                let _ = g.queue(id, end + at);
            }
            let order = |s: ProposalState| match s {
                ProposalState::Pending => 0,
                ProposalState::Active => 1,
                ProposalState::Succeeded => 2,
                ProposalState::Queued => 3,
                _ => 4,
            };
            let mut last = 0;
            let mut t = T0;
            while t < end + 3 * GRACE_PERIOD_MS {
                let now = order(g.state(id, t).unwrap());
                prop_assert!(now >= last, "went back at {}", t);
                last = now;
                t += DAY_MS / 3;
            }
            Ok(())
        })?;
    }
}

/// `a * b / d` rounded up, in 256-bit arithmetic (the test's own reference).
fn primitive_mul_div_ceil(a: u128, b: u128, d: u128) -> u128 {
    let (a_hi, a_lo) = (a >> 64, a & u128::from(u64::MAX));
    // a * b = a_hi * b << 64 + a_lo * b, with b < 2^16: both products fit.
    let hi = a_hi * b;
    let lo = a_lo * b;
    // (hi << 64 + lo) / d, rounded up: long division in two steps.
    let q_hi = hi / d;
    let r_hi = hi % d;
    let mid = (r_hi << 64) + lo;
    let q_lo = mid.div_ceil(d);
    (q_hi << 64) + q_lo
}
