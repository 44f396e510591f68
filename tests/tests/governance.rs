//! Token-holder governance on the real WASM: the desk and the token handed to the governor, a
//! policy change proposed, voted and executed, and every attack real DAOs have suffered shown to
//! fail (double voting by moving tokens, unlocking early, quorum inflated by later mints, late
//! quorum, early or late execution, a failing action, untyped payloads, the old owner going
//! around the governor), each refusal a typed error.

use governor::action::Action;
use governor::params::{Params, GRACE_PERIOD_MS};
use governor::proposal::{ProposalId, ProposalState, Support};
use governor::{ActionError, GovernorError, GovernorRef};
use help_desk::settings::Settings;
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Tier};
use help_desk::DeskError;
use helpdesk_sandbox::suite::{story_policy, who, Suite, DAY_MS, HOUR_MS};
use helpdesk_sandbox::{
    account, governor_at, AccountId, CallError, ChainExt, Contract, GovernorCalls, Hash, Message,
    Prepared,
};
use ink::scale::{Decode, Encode};

/// Voters: Alice 5 000, Bob 3 000, Mallory (Alice's second account) nothing.
fn alice() -> AccountId {
    account(40)
}
fn bob() -> AccountId {
    account(41)
}
fn mallory() -> AccountId {
    account(42)
}
fn guardian() -> AccountId {
    account(43)
}

/// The test's parameters: the defaults' shape with an hour's delay, a day's vote, 100 tokens
/// to propose, 4 % quorum, an hour's late-quorum extension and timelock, a day for upgrades.
fn params() -> Params {
    Params {
        voting_delay_ms: HOUR_MS,
        voting_period_ms: DAY_MS,
        proposal_threshold: 100,
        quorum_bps: 400,
        late_quorum_extension_ms: HOUR_MS,
        timelock_ms: HOUR_MS,
        upgrade_timelock_ms: DAY_MS,
    }
}

/// The suite with a governor that owns the desk and the token, and token holders with escrow:
/// Alice 5 000 and Bob 3 000 of a 100 000 supply (quorum 4 000).
struct Dao {
    suite: Suite,
    gov: AccountId,
}

impl Dao {
    fn new() -> Self {
        let mut suite = Suite::new();
        let owner = who::owner();
        let (desk, token) = (suite.desk, suite.token);
        let gov = suite.chain.deploy(
            &owner,
            Contract::Governor,
            GovernorRef::new(desk, token, params(), Some(guardian())),
        );
        // Supply: the owner mints itself 100 000 and hands out the voters' shares.
        suite.as_(&owner);
        suite.token(|t| t.grant_minter(owner)).expect("owner mints");
        suite
            .token(|t| t.mint_to(owner, 100_000))
            .expect("within the mint limit");
        for (voter, amount) in [(alice(), 5_000), (bob(), 3_000)] {
            suite
                .token(|t| psp22::PSP22::transfer(t, voter, amount, vec![]))
                .expect("owner pays the voter");
        }
        suite
            .token(|t| t.revoke_minter(owner))
            .expect("owner stops");
        // Hand-over: the owner proposes, anyone makes the governor accept.
        suite
            .desk(|d| d.transfer_ownership(gov))
            .expect("owner hands the desk over");
        suite
            .token(|t| t.transfer_ownership(gov))
            .expect("owner hands the token over");
        let mut dao = Self { suite, gov };
        dao.as_(&bob());
        dao.gov(|g| g.accept_desk_ownership()).expect("desk taken");
        dao.gov(|g| g.accept_token_ownership())
            .expect("token taken");
        for (voter, amount) in [(alice(), 5_000), (bob(), 3_000)] {
            dao.lock(&voter, amount).expect("voter locks");
        }
        dao
    }

    fn as_(&mut self, who: &AccountId) -> &mut Self {
        self.suite.as_(who);
        self
    }

    fn gov<M: Message>(&mut self, message: impl FnOnce(&mut GovernorCalls) -> M) -> M::Output {
        let message = message(&mut governor_at(self.gov));
        self.suite.call(message)
    }

    /// Approves the governor for `amount` and locks it, as `voter`.
    fn lock(&mut self, voter: &AccountId, amount: u128) -> Result<(), GovernorError> {
        let gov = self.gov;
        self.as_(voter);
        self.suite
            .token(|t| psp22::PSP22::approve(t, gov, amount))
            .expect("approve");
        self.gov(|g| g.lock(amount))
    }

    /// Alice proposes `actions`; the proposal's id.
    fn propose(&mut self, actions: Vec<Action>) -> ProposalId {
        self.as_(&alice());
        self.gov(|g| g.propose(actions, Hash::from([9; 32])))
            .expect("Alice proposes")
    }

    fn state(&mut self, id: ProposalId) -> ProposalState {
        self.gov(|g| g.state(id)).expect("the proposal exists")
    }

    /// Alice votes For, the voting period passes, anyone queues it, the timelock passes.
    fn pass(&mut self, id: ProposalId) {
        self.suite.advance(HOUR_MS);
        self.as_(&alice());
        self.gov(|g| g.vote(id, Support::For)).expect("Alice votes");
        self.suite.advance(DAY_MS);
        self.as_(&bob());
        self.gov(|g| g.queue(id)).expect("anyone queues");
        self.suite.advance(HOUR_MS);
    }
}

fn faster_first_response() -> SlaPolicy {
    SlaPolicy {
        first_response_ms: HOUR_MS / 2,
        ..story_policy()
    }
}

#[test]
fn token_holders_change_the_sla_policy_of_a_desk_the_governor_owns() {
    let mut dao = Dao::new();
    assert_eq!(dao.suite.desk(|d| d.owner()), dao.gov);
    let change = Action::SetSlaPolicy {
        tier: Tier::Standard,
        priority: Priority::Normal,
        policy: faster_first_response(),
    };
    let id = dao.propose(vec![change]);
    assert_eq!(dao.state(id), ProposalState::Pending);
    dao.pass(id);
    assert_eq!(dao.state(id), ProposalState::Queued);
    dao.as_(&who::erin());
    dao.gov(|g| g.execute(id)).expect("anyone executes");
    assert_eq!(dao.state(id), ProposalState::Executed);
    let policy = dao
        .suite
        .desk(|d| d.sla_policy(Tier::Standard, Priority::Normal));
    assert_eq!(policy, faster_first_response());
}

#[test]
fn the_old_owner_cannot_go_around_the_governor_after_the_hand_over() {
    let mut dao = Dao::new();
    dao.as_(&who::owner());
    assert_eq!(
        dao.suite.desk(|d| d.set_agent(who::erin(), 3)),
        Err(DeskError::NotOwner)
    );
    assert_eq!(dao.suite.desk(|d| d.pause()), Err(DeskError::NotOwner));
    assert_eq!(
        dao.suite.token(|t| t.grant_minter(who::owner())),
        Err(loyalty_token::TokenError::NotOwner)
    );
}

#[test]
fn tokens_that_voted_cannot_move_to_a_second_account_to_vote_again() {
    let mut dao = Dao::new();
    let id = dao.propose(vec![Action::Pause]);
    dao.suite.advance(HOUR_MS);
    dao.as_(&alice());
    dao.gov(|g| g.vote(id, Support::For)).expect("Alice votes");
    assert_eq!(
        dao.gov(|g| g.vote(id, Support::For)),
        Err(GovernorError::AlreadyVoted)
    );
    // Alice tries to take her 5 000 out to hand them to Mallory: locked until the vote ends
    // (plus the one possible extension).
    let until = dao.gov(|g| g.escrow_of(alice())).locked_until;
    assert!(matches!(
        dao.gov(|g| g.unlock(5_000)),
        Err(GovernorError::EscrowLocked { until: u }) if u == until
    ));
    assert_eq!(dao.suite.balance(&alice()), 0);
    // Mallory has nothing to lock and no weight.
    assert!(matches!(
        dao.lock(&mallory(), 5_000),
        Err(GovernorError::TokenRefused(_))
    ));
    dao.as_(&mallory());
    assert_eq!(
        dao.gov(|g| g.vote(id, Support::For)),
        Err(GovernorError::NoVotingWeight)
    );
    // After the vote, Alice's tokens come back.
    dao.suite.advance(until - dao.suite.now_ms);
    dao.as_(&alice());
    dao.gov(|g| g.unlock(5_000))
        .expect("unlocked after the vote");
    assert_eq!(dao.suite.balance(&alice()), 5_000);
}

#[test]
fn tokens_minted_after_a_proposal_do_not_change_its_quorum() {
    let mut dao = Dao::new();
    let id = dao.propose(vec![Action::Pause]);
    let quorum = dao.gov(|g| g.proposal(id)).expect("exists").quorum;
    assert_eq!(quorum, 4_000);
    // The desk mints (keeper rewards, compensation) while the vote runs: the supply grows.
    dao.as_(&who::carol());
    for n in 0..5 {
        dao.suite.open(Priority::Normal, n);
    }
    dao.suite.advance(2 * HOUR_MS);
    dao.as_(&who::keeper());
    dao.suite
        .desk(|d| d.process_due(100))
        .expect("the keeper sweeps");
    assert!(dao.suite.token(|t| psp22::PSP22::total_supply(t)) > 100_000);
    assert_eq!(dao.gov(|g| g.proposal(id)).expect("exists").quorum, quorum);
    // Alice's 5 000 For still reach it.
    dao.as_(&alice());
    dao.gov(|g| g.vote(id, Support::For)).expect("Alice votes");
    dao.suite.advance(DAY_MS);
    assert_eq!(dao.state(id), ProposalState::Succeeded);
}

#[test]
fn quorum_first_reached_in_the_last_hour_extends_the_vote() {
    let mut dao = Dao::new();
    let id = dao.propose(vec![Action::Pause]);
    let end = dao.gov(|g| g.proposal(id)).expect("exists").vote_end;
    dao.suite.advance(HOUR_MS + DAY_MS - HOUR_MS / 2);
    dao.as_(&alice());
    dao.gov(|g| g.vote(id, Support::For))
        .expect("Alice votes late");
    let events = dao.suite.event_log();
    assert!(
        events.iter().any(|e| e.starts_with("VotingExtended")),
        "{events:?}"
    );
    let extended = dao.gov(|g| g.proposal(id)).expect("exists").vote_end;
    assert_eq!(extended, dao.suite.now_ms + HOUR_MS);
    assert!(extended > end);
    // The opposition gets the extra time to answer.
    dao.suite.advance(end - dao.suite.now_ms + 1);
    dao.as_(&bob());
    dao.gov(|g| g.vote(id, Support::Against))
        .expect("Bob still votes");
}

#[test]
fn execution_waits_for_the_timelock_and_ends_with_the_grace_period() {
    let mut dao = Dao::new();
    let id = dao.propose(vec![Action::Pause]);
    dao.suite.advance(HOUR_MS);
    dao.as_(&alice());
    dao.gov(|g| g.vote(id, Support::For)).expect("Alice votes");
    assert_eq!(
        dao.gov(|g| g.execute(id)),
        Err(GovernorError::WrongState(ProposalState::Active))
    );
    dao.suite.advance(DAY_MS);
    dao.gov(|g| g.queue(id)).expect("queued");
    let eta = dao.gov(|g| g.proposal(id)).expect("exists").eta;
    assert_eq!(
        dao.gov(|g| g.execute(id)),
        Err(GovernorError::TimelockNotOver {
            eta: eta.expect("queued")
        })
    );
    dao.suite.advance(HOUR_MS + GRACE_PERIOD_MS);
    assert_eq!(
        dao.gov(|g| g.execute(id)),
        Err(GovernorError::WrongState(ProposalState::Expired))
    );
    assert!(!dao.suite.desk(|d| d.is_paused()));
}

#[test]
fn a_failing_action_undoes_the_whole_execution_and_the_proposal_stays_queued() {
    let mut dao = Dao::new();
    let actions = vec![
        Action::SetAgent {
            agent: who::erin(),
            level: 1,
        },
        Action::SetAgent {
            agent: who::erin(),
            level: 9,
        },
    ];
    let id = dao.propose(actions);
    dao.pass(id);
    dao.as_(&who::erin());
    assert_eq!(
        dao.gov(|g| g.execute(id)),
        Err(GovernorError::ActionFailed {
            index: 1,
            error: ActionError::Desk(DeskError::InvalidAgentLevel)
        })
    );
    assert_eq!(dao.state(id), ProposalState::Queued);
    assert_eq!(dao.suite.desk(|d| d.agent_level(who::erin())), None);
}

#[test]
fn a_proposal_carries_only_typed_actions_and_raw_payloads_do_not_decode() {
    let mut dao = Dao::new();
    // `propose` with an action index the enum does not have: ink! refuses the input itself.
    let mut forged =
        Prepared::of(governor_at(dao.gov).propose(vec![Action::Pause], Hash::default()));
    let action_at = 4 + 1; // selector, then the vector's length (compact 1)
    assert_eq!(forged.input[action_at], Action::Pause.encode()[0]);
    forged.input[action_at] = 200;
    dao.as_(&alice());
    let refused = dao.suite.try_call(forged);
    assert!(
        matches!(
            refused,
            Err(CallError::Lang(ink::LangError::CouldNotReadInput))
        ),
        "{refused:?}"
    );
    assert_eq!(dao.gov(|g| g.proposal_count()), 0);
}

#[test]
fn the_guardian_can_cancel_and_nothing_else() {
    let mut dao = Dao::new();
    let id = dao.propose(vec![Action::Pause]);
    dao.pass(id);
    dao.as_(&guardian());
    assert_eq!(
        dao.gov(|g| g.vote(id, Support::For)),
        Err(GovernorError::WrongState(ProposalState::Queued))
    );
    assert_eq!(
        dao.gov(|g| g.lock(1)),
        Err(GovernorError::TokenRefused(
            psp22::PSP22Error::InsufficientAllowance
        ))
    );
    dao.gov(|g| g.cancel(id)).expect("the guardian cancels");
    assert_eq!(dao.state(id), ProposalState::Canceled);
    assert_eq!(
        dao.gov(|g| g.execute(id)),
        Err(GovernorError::WrongState(ProposalState::Canceled))
    );
    // Others cannot cancel.
    let next = {
        dao.as_(&bob());
        dao.gov(|g| g.propose(vec![Action::Unpause], Hash::default()))
            .expect("Bob proposes")
    };
    dao.as_(&alice());
    assert_eq!(
        dao.gov(|g| g.cancel(next)),
        Err(GovernorError::NotAllowedToCancel)
    );
}

#[test]
fn parameters_outside_their_bounds_are_refused_at_deployment_and_in_proposals() {
    let mut dao = Dao::new();
    let bad = Params {
        quorum_bps: 5_000,
        ..params()
    };
    dao.as_(&alice());
    assert_eq!(
        dao.gov(|g| g.propose(vec![Action::SetParams(bad)], Hash::default())),
        Err(GovernorError::ParameterOutOfBounds(
            governor::params::Param::Quorum
        ))
    );
    let (desk, token) = (dao.suite.desk, dao.suite.token);
    let code = dao.suite.code_hash(Contract::Governor);
    let refused = dao.suite.chain.instantiate(
        &alice(),
        code,
        GovernorRef::new(desk, token, bad, None),
        vec![1],
    );
    let Err(CallError::Undecodable {
        reverted: true,
        data,
    }) = refused
    else {
        panic!("the constructor refuses: {refused:?}");
    };
    let error = ink::ConstructorResult::<Result<(), GovernorError>>::decode(&mut &data[..]);
    assert_eq!(
        error,
        Ok(Ok(Err(GovernorError::ParameterOutOfBounds(
            governor::params::Param::Quorum
        ))))
    );
}

#[test]
fn governance_changes_its_own_parameters_and_settings_through_proposals() {
    let mut dao = Dao::new();
    let faster = Params {
        voting_period_ms: 2 * DAY_MS,
        ..params()
    };
    let settings = Settings {
        boost_price: 7,
        ..dao.suite.desk(|d| d.settings())
    };
    let id = dao.propose(vec![
        Action::SetParams(faster),
        Action::SetSettings(settings.clone()),
        Action::SetGuardian(None),
    ]);
    dao.pass(id);
    dao.gov(|g| g.execute(id)).expect("executes");
    assert_eq!(dao.gov(|g| g.params()), faster);
    assert_eq!(dao.gov(|g| g.guardian()), None);
    assert_eq!(dao.suite.desk(|d| d.settings()), settings);
}
