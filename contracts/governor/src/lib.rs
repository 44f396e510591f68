//! # Governor
//!
//! Loyalty-token holders govern the help desk: they lock tokens in the governor's escrow (vote
//! weight), propose typed actions (SLA policies, settings, agents, tiers, pause, desk upgrades,
//! the token's mint limit, the governor's own parameters), vote, and anyone executes a passed
//! proposal after its timelock. The desk and the token are owned by the governor once their
//! owner hands them over (two-step: `transfer_ownership(governor)` there, then
//! `accept_desk_ownership` / `accept_token_ownership` here).
//!
//! The rules live in plain Rust ([`governance::Governance`], [`proposal`], [`escrow`]); this
//! module passes the caller and block time in, moves tokens, calls the desk and the token, and
//! emits the events that come out.
//!
//! **Hot and cold code** ([`helpdesk_common::split`]): what every holder sends (`lock`,
//! `unlock`, `vote`; marked `#[cfg(not(feature = "cold"))]`) is the hot blob every call loads;
//! proposing, queueing, executing, cancelling, the hand-over and the queries (marked
//! `#[cfg(not(feature = "hot"))]`) are the cold blob, run by delegate call.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// Each blob keeps only the helpers its messages use.
#![cfg_attr(
    any(feature = "hot", feature = "cold"),
    allow(dead_code, unused_imports)
)]

pub mod action;
pub mod errors;
pub mod escrow;
pub mod events;
pub mod governance;
pub mod params;
pub mod proposal;

pub use errors::{ActionError, GovernorError, Result};

// The hot blob's entry points; the build passes the cold blob's code hash (it builds the cold
// blob first).
helpdesk_common::hot_entry_points!(crate::Governor, "HELPDESK_COLD_GOVERNOR");

#[ink::contract]
mod governor {
    use crate::action::Action;
    use crate::errors::{ActionError, GovernorError, Result};
    use crate::escrow::Deposit;
    use crate::events::GovernorEvent;
    use crate::governance::{Governance, Receipt};
    use crate::params::Params;
    use crate::proposal::{Proposal, ProposalId, ProposalState, Support};
    use help_desk::HelpDeskRef;
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::FromAccountId;
    use ink::prelude::vec::Vec;
    use loyalty_token::LoyaltyTokenRef;
    use psp22::PSP22 as _;

    /// What a typed cross-contract call gives back.
    type Called<E> =
        core::result::Result<ink::MessageResult<core::result::Result<(), E>>, ink::env::Error>;

    #[ink(storage)]
    pub struct Governor {
        governance: Governance,
        desk: AccountId,
        token: AccountId,
    }

    impl Governor {
        /// A governor of the help desk at `desk` whose votes are the loyalty `token` (both
        /// fixed forever), with `params` (each within its bounds) and an optional `guardian`
        /// who can only cancel proposals. A split build locks its cold blob against removal.
        /// Errors: `ParameterOutOfBounds`.
        #[ink(constructor)]
        pub fn new(
            desk: AccountId,
            token: AccountId,
            params: Params,
            guardian: Option<AccountId>,
        ) -> Result<Self> {
            // The governor never changes code, so the lock never moves.
            helpdesk_common::split::hold(crate::COLD_CODE);
            Ok(Self {
                governance: Governance::new(params, guardian)?,
                desk,
                token,
            })
        }

        // ----- escrow --------------------------------------------------------------------

        /// Moves `amount` of the caller's tokens into escrow (approve the governor on the
        /// token first): vote weight from now on. Errors: `ZeroAmount`, `TokenRefused`.
        /// Events: `Locked`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn lock(&mut self, amount: u128) -> Result<()> {
            let caller = self.env().caller();
            let event = self.governance.lock(caller, amount)?;
            let to = self.env().account_id();
            let moved = self
                .psp22()
                .call_mut()
                .transfer_from(caller, to, amount, Vec::new())
                .try_invoke();
            token_moved(moved)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Returns `amount` of the caller's escrow once no live vote or proposal of theirs
        /// holds it. Errors: `ZeroAmount`, `EscrowLocked { until }`, `InsufficientEscrow`,
        /// `TokenRefused`. Events: `Unlocked`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn unlock(&mut self, amount: u128) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let event = self.governance.unlock(caller, amount, now)?;
            let moved = self
                .psp22()
                .call_mut()
                .transfer(caller, amount, Vec::new())
                .try_invoke();
            token_moved(moved)?;
            self.env().emit_event(event);
            Ok(())
        }

        // ----- proposals -----------------------------------------------------------------

        /// Proposes `actions` (1–10), described by the BLAKE2b-256 of a text kept off chain.
        /// The caller's escrow must reach `proposal_threshold` and stays locked until the vote
        /// ends; one live proposal per proposer. Quorum is `quorum_bps` of the token's supply
        /// now. Errors: `NoActions`, `TooManyActions`, `ParameterOutOfBounds` (a `SetParams`
        /// action), `BelowThreshold`, `ProposerHasLiveProposal`, `TooManyLiveProposals`,
        /// `TokenUnreachable`. Events: `ProposalCreated`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn propose(
            &mut self,
            actions: Vec<Action>,
            description_hash: Hash,
        ) -> Result<ProposalId> {
            let supply = self
                .psp22()
                .call()
                .total_supply()
                .try_invoke()
                .ok()
                .and_then(|r| r.ok())
                .ok_or(GovernorError::TokenUnreachable)?;
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let (id, event) =
                self.governance
                    .propose(caller, now, actions, description_hash, supply)?;
            self.env().emit_event(event);
            Ok(id)
        }

        /// Votes on an Active proposal with the caller's whole escrow, which stays locked
        /// until the vote ends; once per account. Errors: `ProposalNotFound`, `WrongState`,
        /// `AlreadyVoted`, `NoVotingWeight`. Events: `VoteCast`, `VotingExtended` (quorum
        /// first reached late).
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn vote(&mut self, id: ProposalId, support: Support) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            for event in self.governance.vote(caller, now, id, support)? {
                self.env().emit_event(event);
            }
            Ok(())
        }

        /// Queues a Succeeded proposal: executable after its timelock. Anyone.
        /// Errors: `ProposalNotFound`, `WrongState`. Events: `ProposalQueued`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn queue(&mut self, id: ProposalId) -> Result<()> {
            let now = self.env().block_timestamp();
            let event = self.governance.queue(id, now)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Runs a Queued proposal's actions in order once its timelock is over. Anyone. If an
        /// action fails, nothing of the execution happens and the proposal stays Queued (until
        /// its grace period ends). Errors: `ProposalNotFound`, `WrongState`, `TimelockNotOver`,
        /// `ActionFailed { index, error }`. Events: `ProposalExecuted`, and the desk's and
        /// token's own.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn execute(&mut self, id: ProposalId) -> Result<()> {
            let now = self.env().block_timestamp();
            let actions = self.governance.execute(id, now)?;
            for (index, action) in actions.into_iter().enumerate() {
                self.run(action)
                    .map_err(|error| GovernorError::ActionFailed {
                        index: u8::try_from(index).unwrap_or(u8::MAX),
                        error,
                    })?;
            }
            self.env().emit_event(GovernorEvent::ProposalExecuted(
                crate::events::ProposalExecuted { id },
            ));
            Ok(())
        }

        /// Cancels a proposal: its proposer while it is Pending, the guardian until it is
        /// executed. Errors: `ProposalNotFound`, `NotAllowedToCancel`. Events:
        /// `ProposalCanceled`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn cancel(&mut self, id: ProposalId) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let event = self.governance.cancel(caller, id, now)?;
            self.env().emit_event(event);
            Ok(())
        }

        // ----- hand-over and follow-ups --------------------------------------------------

        /// Takes over the desk its owner proposed to hand to the governor
        /// (`transfer_ownership(governor)` on the desk first). Anyone. Errors:
        /// `CallRefused(Desk(NotPendingOwner))`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn accept_desk_ownership(&mut self) -> Result<()> {
            let accepted = self.desk_ref().call_mut().accept_ownership().try_invoke();
            outcome(accepted, ActionError::Desk).map_err(GovernorError::CallRefused)
        }

        /// Takes over the token its owner proposed to hand to the governor. Anyone. Errors:
        /// `CallRefused(Token(NotPendingOwner))`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn accept_token_ownership(&mut self) -> Result<()> {
            let accepted = self.token_ref().call_mut().accept_ownership().try_invoke();
            outcome(accepted, ActionError::Token).map_err(GovernorError::CallRefused)
        }

        /// Completes the desk upgrade a proposal scheduled, once the desk's own delay has
        /// passed: the desk switches to the code it has announced, nothing else. Anyone.
        /// Errors: `NoUpgradeScheduled`, `CallRefused(Desk(..))` (e.g. `UpgradeTooEarly`).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn finish_desk_upgrade(&mut self) -> Result<()> {
            let pending = self
                .desk_ref()
                .call()
                .pending_upgrade()
                .try_invoke()
                .ok()
                .and_then(|r| r.ok())
                .flatten()
                .ok_or(GovernorError::NoUpgradeScheduled)?;
            let upgraded = self
                .desk_ref()
                .call_mut()
                .upgrade(pending.code_hash)
                .try_invoke();
            outcome(upgraded, ActionError::Desk).map_err(GovernorError::CallRefused)
        }

        // ----- queries -------------------------------------------------------------------

        /// A proposal: its actions, schedule, quorum and tally.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
            self.governance.proposal(id)
        }

        /// A proposal's state now.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn state(&self, id: ProposalId) -> Option<ProposalState> {
            self.governance.state(id, self.env().block_timestamp()).ok()
        }

        /// Number of proposals ever made (ids run from 1 to this).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn proposal_count(&self) -> ProposalId {
            self.governance.proposal_count()
        }

        /// How `voter` voted on `id`, if they did.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn receipt(&self, id: ProposalId, voter: AccountId) -> Option<Receipt> {
            self.governance.receipt(id, voter)
        }

        /// `account`'s escrow: tokens (vote weight) and until when they are locked.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn escrow_of(&self, account: AccountId) -> Deposit {
            self.governance.escrow().of(account)
        }

        /// Tokens in escrow altogether.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn total_escrow(&self) -> u128 {
            self.governance.escrow().total()
        }

        /// The parameters in force for new proposals.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn params(&self) -> Params {
            self.governance.params()
        }

        /// The guardian, who can only cancel proposals.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn guardian(&self) -> Option<AccountId> {
            self.governance.guardian()
        }

        /// The governed help desk.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn desk(&self) -> AccountId {
            self.desk
        }

        /// The loyalty token votes are counted in.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.token
        }

        // ----- helpers -------------------------------------------------------------------

        /// Runs one action of an executed proposal.
        fn run(&mut self, action: Action) -> core::result::Result<(), ActionError> {
            let mut desk = self.desk_ref();
            let desk = desk.call_mut();
            let desk_call =
                |called: Called<help_desk::DeskError>| outcome(called, ActionError::Desk);
            match action {
                Action::SetSlaPolicy {
                    tier,
                    priority,
                    policy,
                } => desk_call(desk.set_sla_policy(tier, priority, policy).try_invoke()),
                Action::SetSettings(settings) => {
                    desk_call(desk.set_settings(settings).try_invoke())
                }
                Action::SetAgent { agent, level } => {
                    desk_call(desk.set_agent(agent, level).try_invoke())
                }
                Action::RemoveAgent { agent } => desk_call(desk.remove_agent(agent).try_invoke()),
                Action::SetCustomerTier { customer, tier } => {
                    desk_call(desk.set_customer_tier(customer, tier).try_invoke())
                }
                Action::Pause => desk_call(desk.pause().try_invoke()),
                Action::Unpause => desk_call(desk.unpause().try_invoke()),
                Action::ScheduleDeskUpgrade { code_hash } => {
                    desk_call(desk.schedule_upgrade(code_hash).try_invoke())
                }
                Action::CancelDeskUpgrade => desk_call(desk.cancel_upgrade().try_invoke()),
                Action::SetMintLimit {
                    epoch_length_ms,
                    amount_per_epoch,
                } => {
                    let called = self
                        .token_ref()
                        .call_mut()
                        .set_mint_limit(epoch_length_ms, amount_per_epoch)
                        .try_invoke();
                    outcome(called, ActionError::Token)
                }
                Action::SetParams(params) => {
                    let event = self
                        .governance
                        .set_params(params)
                        .map_err(|_| ActionError::ParametersOutOfBounds)?;
                    self.env().emit_event(event);
                    Ok(())
                }
                Action::SetGuardian(guardian) => {
                    let event = self.governance.set_guardian(guardian);
                    self.env().emit_event(event);
                    Ok(())
                }
            }
        }

        fn desk_ref(&self) -> HelpDeskRef {
            FromAccountId::from_account_id(self.desk)
        }

        fn token_ref(&self) -> LoyaltyTokenRef {
            FromAccountId::from_account_id(self.token)
        }

        fn psp22(&self) -> ink::contract_ref!(psp22::PSP22) {
            self.token.into()
        }
    }

    /// What the token did with an escrow transfer: `Ok`, its own refusal, or that it did not
    /// run.
    fn token_moved(moved: Called<psp22::PSP22Error>) -> Result<()> {
        match moved {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(error))) => Err(GovernorError::TokenRefused(error)),
            _ => Err(GovernorError::TokenUnreachable),
        }
    }

    /// A typed call's outcome: `Ok`, the callee's own error (`wrap`ped), or why it did not run.
    fn outcome<E>(
        called: Called<E>,
        wrap: fn(E) -> ActionError,
    ) -> core::result::Result<(), ActionError> {
        match called {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(error))) => Err(wrap(error)),
            Ok(Err(_)) => Err(ActionError::NotDispatched),
            Err(_) => Err(ActionError::CallFailed),
        }
    }
}

pub use self::governor::{Governor, GovernorRef};

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
