//! Governance as plain Rust: escrow, proposals, votes, queueing and the bookkeeping of
//! execution and cancellation. Every operation takes the caller and the block time and returns
//! the events to emit or a typed error; the contract in `lib.rs` moves the tokens and calls the
//! desk and the token, so all of this runs natively in unit and property tests.

use crate::action::Action;
use crate::errors::{GovernorError, Result};
use crate::escrow::Escrow;
use crate::events::*;
use crate::params::{Params, MAX_ACTIONS, MAX_LIVE};
use crate::proposal::{Proposal, ProposalId, ProposalState, Support, Tally};
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::storage::Mapping;

/// How an account voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Receipt {
    pub support: Support,
    pub weight: u128,
}

/// The governor's state.
#[ink::storage_item]
#[derive(Debug)]
pub struct Governance {
    params: Params,
    guardian: Option<AccountId>,
    escrow: Escrow,
    proposals: Mapping<ProposalId, Proposal>,
    receipts: Mapping<(ProposalId, AccountId), Receipt>,
    /// Each proposer's latest proposal (one live at a time).
    latest: Mapping<AccountId, ProposalId>,
    /// Proposals that were live when last looked at (at most `MAX_LIVE`).
    live: Vec<ProposalId>,
    count: ProposalId,
}

impl Governance {
    /// A governor with `params` (checked) and an optional `guardian`.
    pub fn new(params: Params, guardian: Option<AccountId>) -> Result<Self> {
        check(&params)?;
        Ok(Self {
            params,
            guardian,
            escrow: Escrow::default(),
            proposals: Mapping::default(),
            receipts: Mapping::default(),
            latest: Mapping::default(),
            live: Vec::new(),
            count: 0,
        })
    }

    pub fn params(&self) -> Params {
        self.params
    }

    pub fn guardian(&self) -> Option<AccountId> {
        self.guardian
    }

    pub fn escrow(&self) -> &Escrow {
        &self.escrow
    }

    pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
        self.proposals.get(id)
    }

    pub fn proposal_count(&self) -> ProposalId {
        self.count
    }

    pub fn receipt(&self, id: ProposalId, voter: AccountId) -> Option<Receipt> {
        self.receipts.get((id, voter))
    }

    /// The state of proposal `id` at `now`.
    pub fn state(&self, id: ProposalId, now: Timestamp) -> Result<ProposalState> {
        Ok(self.get(id)?.state(now))
    }

    fn get(&self, id: ProposalId) -> Result<Proposal> {
        self.proposals
            .get(id)
            .ok_or(GovernorError::ProposalNotFound)
    }

    // ----- escrow ----------------------------------------------------------------------

    /// Records `amount` tokens the token moved into escrow for `account`.
    pub fn lock(&mut self, account: AccountId, amount: u128) -> Result<GovernorEvent> {
        let escrow = self.escrow.deposit(account, amount)?;
        Ok(GovernorEvent::Locked(Locked {
            account,
            amount,
            escrow,
        }))
    }

    /// Takes `amount` out of `account`'s escrow if nothing keeps it there at `now` (the
    /// contract then transfers it back).
    pub fn unlock(
        &mut self,
        account: AccountId,
        amount: u128,
        now: Timestamp,
    ) -> Result<GovernorEvent> {
        let escrow = self.escrow.withdraw(account, amount, now)?;
        Ok(GovernorEvent::Unlocked(Unlocked {
            account,
            amount,
            escrow,
        }))
    }

    // ----- proposals -------------------------------------------------------------------

    /// `proposer` proposes `actions` at `now`, while the token's total supply is `supply`.
    /// Their escrow must reach the threshold and stays locked until the vote ends.
    pub fn propose(
        &mut self,
        proposer: AccountId,
        now: Timestamp,
        actions: Vec<Action>,
        description_hash: Hash,
        supply: u128,
    ) -> Result<(ProposalId, GovernorEvent)> {
        if actions.is_empty() {
            return Err(GovernorError::NoActions);
        }
        if actions.len() > MAX_ACTIONS {
            return Err(GovernorError::TooManyActions);
        }
        for action in &actions {
            if let Action::SetParams(params) = action {
                check(params)?;
            }
        }
        let held = self.escrow.of(proposer).amount;
        let needed = self.params.proposal_threshold;
        if held < needed {
            return Err(GovernorError::BelowThreshold { held, needed });
        }
        if let Some(latest) = self.latest.get(proposer) {
            if self.get(latest)?.is_live(now) {
                return Err(GovernorError::ProposerHasLiveProposal(latest));
            }
        }
        let live: Vec<ProposalId> = self
            .live
            .iter()
            .copied()
            .filter(|id| self.proposals.get(id).is_some_and(|p| p.is_live(now)))
            .collect();
        if live.len() >= MAX_LIVE {
            return Err(GovernorError::TooManyLiveProposals);
        }
        let id = self.count.checked_add(1).ok_or(GovernorError::Overflow)?;
        let p = &self.params;
        let vote_start = now.saturating_add(p.voting_delay_ms);
        let vote_end = vote_start.saturating_add(p.voting_period_ms);
        let timelock_ms = if actions.iter().any(Action::is_upgrade) {
            p.upgrade_timelock_ms
        } else {
            p.timelock_ms
        };
        let proposal = Proposal {
            proposer,
            actions: actions.clone(),
            description_hash,
            vote_start,
            vote_end,
            extension_ms: p.late_quorum_extension_ms,
            extended: false,
            quorum: p.quorum_of(supply),
            timelock_ms,
            tally: Tally::default(),
            eta: None,
            canceled: false,
            executed: false,
        };
        self.escrow.lock_until(proposer, proposal.latest_end());
        let event = GovernorEvent::ProposalCreated(ProposalCreated {
            id,
            proposer,
            actions,
            description_hash,
            vote_start,
            vote_end,
            quorum: proposal.quorum,
        });
        self.proposals.insert(id, &proposal);
        self.latest.insert(proposer, &id);
        self.live = live;
        self.live.push(id);
        self.count = id;
        Ok((id, event))
    }

    /// `voter` votes on `id` at `now` with their whole escrow, which then stays locked until
    /// the vote ends. One vote per account and proposal.
    pub fn vote(
        &mut self,
        voter: AccountId,
        now: Timestamp,
        id: ProposalId,
        support: Support,
    ) -> Result<Vec<GovernorEvent>> {
        let mut proposal = self.get(id)?;
        let state = proposal.state(now);
        if state != ProposalState::Active {
            return Err(GovernorError::WrongState(state));
        }
        if self.receipts.contains((id, voter)) {
            return Err(GovernorError::AlreadyVoted);
        }
        let weight = self.escrow.of(voter).amount;
        if weight == 0 {
            return Err(GovernorError::NoVotingWeight);
        }
        let extended = proposal
            .count(now, support, weight)
            .ok_or(GovernorError::Overflow)?;
        self.escrow.lock_until(voter, proposal.latest_end());
        self.receipts
            .insert((id, voter), &Receipt { support, weight });
        self.proposals.insert(id, &proposal);
        let mut events = ink::prelude::vec![GovernorEvent::VoteCast(VoteCast {
            id,
            voter,
            support,
            weight,
        })];
        if let Some(vote_end) = extended {
            events.push(GovernorEvent::VotingExtended(VotingExtended {
                id,
                vote_end,
            }));
        }
        Ok(events)
    }

    /// Queues a passed proposal at `now`: executable from `now` + its timelock. Anyone.
    pub fn queue(&mut self, id: ProposalId, now: Timestamp) -> Result<GovernorEvent> {
        let mut proposal = self.get(id)?;
        let state = proposal.state(now);
        if state != ProposalState::Succeeded {
            return Err(GovernorError::WrongState(state));
        }
        let eta = now.saturating_add(proposal.timelock_ms);
        proposal.eta = Some(eta);
        self.proposals.insert(id, &proposal);
        Ok(GovernorEvent::ProposalQueued(ProposalQueued { id, eta }))
    }

    /// Marks a queued proposal executed at `now` and hands back its actions for the contract
    /// to run (if one fails, the contract's revert undoes this too). Anyone.
    pub fn execute(&mut self, id: ProposalId, now: Timestamp) -> Result<Vec<Action>> {
        let mut proposal = self.get(id)?;
        let state = proposal.state(now);
        if state != ProposalState::Queued {
            return Err(GovernorError::WrongState(state));
        }
        let eta = proposal.eta.unwrap_or(Timestamp::MAX);
        if now < eta {
            return Err(GovernorError::TimelockNotOver { eta });
        }
        proposal.executed = true;
        self.proposals.insert(id, &proposal);
        Ok(proposal.actions)
    }

    /// Cancels `id` at `now`: its proposer while it is Pending, the guardian until it is
    /// executed (or has ended otherwise).
    pub fn cancel(
        &mut self,
        caller: AccountId,
        id: ProposalId,
        now: Timestamp,
    ) -> Result<GovernorEvent> {
        let mut proposal = self.get(id)?;
        let state = proposal.state(now);
        let by_proposer = caller == proposal.proposer && state == ProposalState::Pending;
        let by_guardian = Some(caller) == self.guardian
            && matches!(
                state,
                ProposalState::Pending
                    | ProposalState::Active
                    | ProposalState::Succeeded
                    | ProposalState::Queued
            );
        if !(by_proposer || by_guardian) {
            return Err(GovernorError::NotAllowedToCancel);
        }
        proposal.canceled = true;
        self.proposals.insert(id, &proposal);
        Ok(GovernorEvent::ProposalCanceled(ProposalCanceled {
            id,
            by: caller,
        }))
    }

    // ----- the governor's own actions ------------------------------------------------

    /// Replaces the parameters (an executed proposal's action); proposals already made keep
    /// theirs.
    pub fn set_params(&mut self, params: Params) -> Result<GovernorEvent> {
        check(&params)?;
        self.params = params;
        Ok(GovernorEvent::ParamsChanged(ParamsChanged { params }))
    }

    /// Names the guardian (an executed proposal's action).
    pub fn set_guardian(&mut self, guardian: Option<AccountId>) -> GovernorEvent {
        self.guardian = guardian;
        GovernorEvent::GuardianChanged(GuardianChanged { guardian })
    }
}

/// `Ok` if every parameter is within its bounds.
fn check(params: &Params) -> Result<()> {
    match params.out_of_bounds() {
        Some(param) => Err(GovernorError::ParameterOutOfBounds(param)),
        None => Ok(()),
    }
}
