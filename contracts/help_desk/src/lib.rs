//! # Help desk
//!
//! Customer support on-chain: tickets with a status table, SLA clocks with automatic actions
//! (warnings, breaches, escalation, compensation, auto-close) run by anyone as a keeper, and
//! community rewards in the loyalty token. Only hashes of content are stored or emitted.
//!
//! The logic is plain Rust ([`desk::Desk`] with [`ticket`], [`sla`], [`deadlines`]); this
//! module passes the caller and block time in, emits the events that come out and makes the
//! token calls (mint rewards, burn boost prices).
//!
//! **Hot and cold code** ([`helpdesk_common::split`]): the messages customers, agents and
//! keepers send on chain (marked `#[cfg(not(feature = "cold"))]`) make the hot blob, the code
//! every call loads; administration and the read-only queries (marked
//! `#[cfg(not(feature = "hot"))]`) make the cold blob, which the hot blob runs by delegate call
//! for any other selector. Built without either feature, this is the whole contract, whose
//! metadata clients use at the desk's one address.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// Each blob keeps only the helpers its messages use.
#![cfg_attr(
    any(feature = "hot", feature = "cold"),
    allow(dead_code, unused_imports)
)]

pub mod admin;
pub mod automation;
pub mod calls;
pub mod deadlines;
pub mod desk;
pub mod due;
pub mod errors;
pub mod events;
pub mod lifecycle;
pub mod queries;
pub mod rewards;
pub mod settings;
pub mod sla;
pub mod sweep;
pub mod ticket;
pub mod time;

/// The layout version of the desk's storage. A new release answers `storage_version` with it;
/// `upgrade` refuses code that answers anything else (or cannot decode this storage at all).
pub const STORAGE_VERSION: u32 = 2;

pub use errors::{DeskError, Result};

// The hot blob's entry points; the build passes the cold blob's code hash (it builds the cold
// blob first).
helpdesk_common::hot_entry_points!(crate::HelpDesk, "HELPDESK_COLD_HELP_DESK");

#[ink::contract]
mod help_desk {
    use crate::admin::AdminEvents;
    use crate::calls::{storage_version_of, token_call, TokenMessage};
    use crate::desk::{
        Counters, Desk, DueTickets, PendingUpgrade, SlaStatus, SweepReport, TicketList,
    };
    use crate::errors::{DeskError, Result};
    use crate::events::{
        AdminEvent, CodeUpgraded, DeskEvent, RewardCredited, RewardPaid, RewardReason,
    };
    use crate::rewards::{Effects, Payout, RewardKind};
    use crate::settings::Settings;
    use crate::sla::SlaPolicy;
    use crate::ticket::{Priority, Status, Ticket, TicketId, Tier};
    use helpdesk_common::split;
    use ink::prelude::vec::Vec;
    use ink::storage::Lazy;

    /// What a desk operation hands back: effects (with or without a value) or the events of an
    /// owner's lever.
    trait Outcome {
        /// The message's return value.
        type Value;
        /// Carries the outcome out (events, mints) and returns the message's value.
        fn settle(self, contract: &mut HelpDesk) -> Self::Value;
    }

    impl Outcome for Effects {
        type Value = ();
        fn settle(self, contract: &mut HelpDesk) {
            contract.settle(self)
        }
    }

    impl<T> Outcome for (T, Effects) {
        type Value = T;
        fn settle(self, contract: &mut HelpDesk) -> T {
            contract.settle(self.1);
            self.0
        }
    }

    impl Outcome for AdminEvents {
        type Value = ();
        fn settle(self, _: &mut HelpDesk) {
            for event in self {
                ink::env::emit_event::<Environment, _>(event);
            }
        }
    }

    /// A page of ticket ids and the position to continue from (`None`: the end).
    pub type Page = (Vec<TicketId>, Option<u32>);

    #[ink(storage)]
    pub struct HelpDesk {
        desk: Desk,
        token: AccountId,
        /// The cold blob this contract holds a lock on (see [`split`]); in a cell of its own,
        /// so a desk from a release without it reads `None`.
        held_cold_code: Lazy<Option<Hash>>,
    }

    impl HelpDesk {
        /// Creates the desk next to the loyalty `token` (which must make this contract a
        /// minter). The deployer becomes the owner. A split build locks its cold blob against
        /// removal (the blob must be on chain).
        #[ink(constructor)]
        pub fn new(token: AccountId) -> Self {
            let mut held_cold_code = Lazy::new();
            held_cold_code.set(&split::hold(crate::COLD_CODE));
            Self {
                desk: Desk::new(Self::env().caller(), Self::env().block_timestamp()),
                token,
                held_cold_code,
            }
        }

        /// The caller and the desk time (block time minus the time spent paused).
        fn who_when(&self) -> (AccountId, Timestamp) {
            (self.env().caller(), self.now())
        }

        /// Runs a desk operation for the caller at desk time and settles its effects: every
        /// message that changes the desk is this one line.
        fn act<O: Outcome>(
            &mut self,
            op: impl FnOnce(&mut Desk, AccountId, Timestamp) -> Result<O>,
        ) -> Result<O::Value> {
            let (caller, now) = self.who_when();
            Ok(op(&mut self.desk, caller, now)?.settle(self))
        }

        /// `act` at block time, for the owner's levers that keep the pause clock itself.
        fn act_at_block_time<O: Outcome>(
            &mut self,
            op: impl FnOnce(&mut Desk, AccountId, Timestamp) -> Result<O>,
        ) -> Result<O::Value> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            Ok(op(&mut self.desk, caller, now)?.settle(self))
        }

        /// Desk time: block time minus the time spent paused.
        fn now(&self) -> Timestamp {
            self.desk.desk_time(self.env().block_timestamp())
        }

        // ----- ticket lifecycle ----------------------------------------------------------

        /// Opens a ticket. Anyone; customers the owner has not placed in a tier up to
        /// `Settings.unplaced_max_priority`. `content_hash`: BLAKE2b-256 of a random 32-byte salt
        /// followed by the request's text, both kept off chain (unsalted hashes of short texts
        /// can be guessed). Errors: `Paused`, `PriorityNotAllowed`. Events: `TicketOpened`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn open_ticket(
            &mut self,
            priority: Priority,
            category: u32,
            content_hash: Hash,
        ) -> Result<TicketId> {
            self.act(|desk, caller, now| {
                desk.open(caller, now, priority, category, content_hash, None)
            })
        }

        /// Opens a follow-up of the caller's Closed ticket `parent`; `content_hash` as for
        /// `open_ticket`.
        /// Errors: `Paused`, `TicketNotFound`, `NotTicketCustomer`, `ParentNotClosed`,
        /// `PriorityNotAllowed`. Events: `TicketOpened`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn open_follow_up(
            &mut self,
            parent: TicketId,
            priority: Priority,
            category: u32,
            content_hash: Hash,
        ) -> Result<TicketId> {
            self.act(|desk, caller, now| {
                desk.open(caller, now, priority, category, content_hash, Some(parent))
            })
        }

        /// Answers a ticket. An agent's answer fulfils the first-response clock; the customer's
        /// answer on a Pending ticket reopens it and restarts the response clock; anyone else's
        /// is a community answer the customer may accept. Like every message that changes a
        /// ticket, it first records what became due on the ticket (a late answer still
        /// breaches). `content_hash`: BLAKE2b-256(salt ‖ text) of the answer, the text kept by
        /// the content service. Errors: `Paused`, `TicketNotFound`, `TicketClosed`,
        /// `TicketNotActive`. Events: `Responded`, `StatusChanged` (Pending → Open), and any due
        /// SLA events.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn respond(&mut self, ticket_id: TicketId, content_hash: Hash) -> Result<()> {
            self.act(|desk, caller, now| desk.respond(caller, now, ticket_id, content_hash))
        }

        /// Assigns a ticket: an agent claims it (`agent` = caller) or a supervisor (level 3)
        /// assigns it; the agent's level must reach the ticket's queue level, and a ticket another
        /// agent holds is reassigned only by a supervisor. Errors: `Paused`, `NotAgent`,
        /// `AgentNotFound`, `AgentLevelTooLow`, `AlreadyAssigned`, `TicketNotFound`,
        /// `TicketClosed`, `TicketNotActive`. Events: `Assigned`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn assign(&mut self, ticket_id: TicketId, agent: AccountId) -> Result<()> {
            self.act(|desk, caller, now| desk.assign(caller, now, ticket_id, agent))
        }

        /// The ticket's agent (assignee, supervisor, or an agent of its queue's level while it is
        /// unassigned) moves it between Open, Pending (resolution clock paused; needs an agent's
        /// answer first) and OnHold. Errors: `Paused`, `NotAgent`, `NotAssigneeOrSupervisor`,
        /// `AgentLevelTooLow`, `NoAgentResponse`, `TicketNotFound`, `TicketClosed`,
        /// `TransitionNotAllowed`. Events: `StatusChanged`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn set_status(&mut self, ticket_id: TicketId, status: Status) -> Result<()> {
            self.act(|desk, caller, now| desk.change_status(caller, now, ticket_id, status))
        }

        /// Escalates one level (max 3) into that level's queue; `reason_hash`: BLAKE2b-256(salt ‖
        /// text) of the reason. The customer or the ticket's agent. Errors: `Paused`, `NotTicketCustomer`, `NotAssigneeOrSupervisor`,
        /// `AgentLevelTooLow`, `TicketNotFound`, `TicketClosed`, `TicketNotActive`,
        /// `MaxEscalationReached`. Events: `Escalated` (reason Manual).
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn escalate(&mut self, ticket_id: TicketId, reason_hash: Hash) -> Result<()> {
            self.act(|desk, caller, now| desk.escalate(caller, now, ticket_id, reason_hash))
        }

        /// Resolves a ticket; `resolution_hash`: BLAKE2b-256(salt ‖ text) of the resolution. The
        /// assigned agent or a supervisor.
        /// Errors: `Paused`, `NotAgent`, `NotAssigneeOrSupervisor`, `TicketNotFound`,
        /// `TicketClosed`, `TransitionNotAllowed`. Events: `Resolved`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn resolve(&mut self, ticket_id: TicketId, resolution_hash: Hash) -> Result<()> {
            self.act(|desk, caller, now| desk.resolve(caller, now, ticket_id, resolution_hash))
        }

        /// Closes an active ticket as invalid (spam, abuse) with the hash of the reason
        /// (BLAKE2b-256(salt ‖ text)): no
        /// rewards come from it. The ticket's agent (as for `set_status`). Errors: `Paused`,
        /// `NotAgent`, `NotAssigneeOrSupervisor`, `AgentLevelTooLow`, `TicketNotFound`,
        /// `TicketClosed`, `TransitionNotAllowed`. Events: `Closed` (reason Invalid).
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn close_invalid(&mut self, ticket_id: TicketId, reason_hash: Hash) -> Result<()> {
            self.act(|desk, caller, now| desk.close_invalid(caller, now, ticket_id, reason_hash))
        }

        /// Reopens a Resolved ticket within the reopen window; `content_hash`: BLAKE2b-256(salt ‖
        /// text) of why. The customer.
        /// Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`, `TicketClosed`,
        /// `TransitionNotAllowed`, `ReopenWindowExpired`. Events: `Reopened`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn reopen(&mut self, ticket_id: TicketId, content_hash: Hash) -> Result<()> {
            self.act(|desk, caller, now| desk.reopen(caller, now, ticket_id, content_hash))
        }

        /// Closes a Resolved ticket, optionally rating it 1–5. A rating earns the rating reward
        /// (within the community caps) when an agent other than the customer resolved the
        /// ticket and the customer is not an agent; the accepted answer's author is rewarded
        /// then too. The customer. Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`,
        /// `TicketClosed`, `TransitionNotAllowed`, `InvalidRating`.
        /// Events: `Closed` (with the rating), `RewardPaid`, `RewardCapped`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn confirm(&mut self, ticket_id: TicketId, rating: Option<u8>) -> Result<()> {
            self.act(|desk, caller, now| desk.confirm(caller, now, ticket_id, rating))
        }

        /// Accepts a community member's answer; the member earns the answer reward when the
        /// ticket closes after an agent resolved it (within the community caps). The customer.
        /// Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`,
        /// `TicketClosed`, `AnswerAlreadyAccepted`, `NotACandidateAnswer`.
        /// Events: `AnswerAccepted`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn accept_answer(&mut self, ticket_id: TicketId, responder: AccountId) -> Result<()> {
            self.act(|desk, caller, now| desk.accept_answer(caller, now, ticket_id, responder))
        }

        /// Raises the priority one step; the boost price is burned from the customer through
        /// the token's `burn_from` (approve the desk first). Deadlines follow the new
        /// priority's policy: each running clock keeps the time it had left, cut to the new
        /// target (never a retroactive breach). The customer.
        /// Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`, `TicketClosed`,
        /// `TicketNotActive`, `MaxPriorityReached`, `PaymentFailed`. Events: `PriorityBoosted`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn boost_priority(&mut self, ticket_id: TicketId) -> Result<()> {
            let (caller, now) = self.who_when();
            let (price, fx) = self.desk.boost(caller, now, ticket_id)?;
            if price > 0 && !token_call(self.token, TokenMessage::BurnFrom, caller, price) {
                return Err(DeskError::PaymentFailed);
            }
            self.settle(fx);
            Ok(())
        }

        // ----- keeper --------------------------------------------------------------------

        /// Performs at most `max` (1–1000) due automatic actions, removes the index cells it
        /// walked past (their storage deposit goes to the caller), and reports what it did.
        /// Anyone; actions on tickets of placed customers who are not agents earn the keeper
        /// reward within the keeper caps. A large `max` may not fit a block: dry-run first. Errors: `Paused`, `InvalidLimit`. Events: `SlaWarning`, `SlaBreached`,
        /// `Escalated`, `Resolved`, `Closed`, `RewardPaid`/`RewardCredited`/`RewardCapped`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn process_due(&mut self, max: u32) -> Result<SweepReport> {
            self.act(|desk, caller, now| desk.process_due(caller, now, max))
        }

        /// Performs the due automatic actions of one ticket. Anyone.
        /// Errors: `Paused`, `TicketNotFound`. Events: as `process_due`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn poke(&mut self, ticket_id: TicketId) -> Result<SweepReport> {
            self.act(|desk, caller, now| desk.poke(caller, now, ticket_id))
        }

        /// Tickets with an automatic action due now, as `process_due` finds them (at most
        /// `limit`, 1–100), whether the look reached now (`complete`; if not, sweep anyway),
        /// and how far the sweeps lag behind. Read-only. Errors: `InvalidLimit`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn due_tickets(&self, limit: u32) -> Result<DueTickets> {
            self.desk.due_tickets(self.now(), limit)
        }

        /// Mints `amount` of what was credited to the caller (see `RewardCredited`: rewards
        /// earned through someone else's call, and mints the token refused), or all of it when
        /// `None`: claim in parts when the token's allowance is smaller than what is owed. Errors: `Paused`, `NothingOwed`, `InvalidAmount`,
        /// `TokenRefused`. Events: `RewardPaid`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn claim_owed(&mut self, amount: Option<u128>) -> Result<u128> {
            let caller = self.env().caller();
            let amount = self.desk.take_owed(caller, amount)?;
            if !token_call(self.token, TokenMessage::MintTo, caller, amount) {
                return Err(DeskError::TokenRefused);
            }
            self.emit(DeskEvent::RewardPaid(RewardPaid {
                to: caller,
                amount,
                reason: RewardReason::Owed,
            }));
            Ok(amount)
        }

        // ----- administration (owner) ----------------------------------------------------

        /// Adds an agent or changes its level (1–3; 3 = supervisor). Owner.
        /// Errors: `NotOwner`, `InvalidAgentLevel`. Events: `AgentSet`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn set_agent(&mut self, agent: AccountId, level: u8) -> Result<()> {
            self.act(|desk, caller, _| desk.set_agent(caller, agent, level))
        }

        /// Removes an agent. Owner. Errors: `NotOwner`, `AgentNotFound`. Events: `AgentRemoved`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn remove_agent(&mut self, agent: AccountId) -> Result<()> {
            self.act(|desk, caller, _| desk.remove_agent(caller, agent))
        }

        /// Places a customer in a tier (applies to tickets opened afterwards). Only placed
        /// customers earn compensation or open above `Settings.unplaced_max_priority`. Owner.
        /// Errors: `NotOwner`. Events: `TierSet`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn set_customer_tier(&mut self, customer: AccountId, tier: Tier) -> Result<()> {
            self.act(|desk, caller, _| desk.set_tier(caller, customer, tier))
        }

        /// Sets the SLA policy of (tier, priority) for tickets opened or boosted afterwards.
        /// Owner. Errors: `NotOwner`, `InvalidPolicy`. Events: `PolicySet`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn set_sla_policy(
            &mut self,
            tier: Tier,
            priority: Priority,
            policy: SlaPolicy,
        ) -> Result<()> {
            self.act(|desk, caller, _| desk.set_policy(caller, tier, priority, policy))
        }

        /// Sets reopen window, boost price, reward amounts and caps, the unplaced customers'
        /// priority ceiling and the upgrade delay (once a ticket was opened, a lowered delay
        /// applies to announcements only after the old one has passed). Owner. Errors: `NotOwner`, `InvalidSettings`.
        /// Events: `SettingsChanged`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn set_settings(&mut self, settings: Settings) -> Result<()> {
            self.act_at_block_time(|desk, caller, now| desk.set_settings(caller, now, settings))
        }

        /// Stops every ticket, keeper and claim message and stops desk time: every SLA
        /// deadline, window and timer moves by the pause's length. Owner messages and queries
        /// keep working. Owner. Errors: `NotOwner`, `Paused`. Events: `PauseChanged`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn pause(&mut self) -> Result<()> {
            self.act_at_block_time(|desk, caller, now| desk.set_paused(caller, now, true))
        }

        /// Resumes state changes. Owner. Errors: `NotOwner`, `NotPaused`. Events: `PauseChanged`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn unpause(&mut self) -> Result<()> {
            self.act_at_block_time(|desk, caller, now| desk.set_paused(caller, now, false))
        }

        /// Proposes a new owner, who takes over with `accept_ownership`. Owner.
        /// Errors: `NotOwner`. Events: `OwnershipTransferStarted`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn transfer_ownership(&mut self, new_owner: AccountId) -> Result<()> {
            self.act(|desk, caller, _| desk.propose_owner(caller, new_owner))
        }

        /// Completes an ownership transfer. The proposed owner.
        /// Errors: `NotPendingOwner`. Events: `OwnershipTransferred`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn accept_ownership(&mut self) -> Result<()> {
            self.act(|desk, caller, _| desk.accept_owner(caller))
        }

        /// Announces an upgrade to `code_hash`: `upgrade` can switch to it once
        /// `Settings.upgrade_delay_ms` has passed (replaces an earlier announcement). Owner.
        /// Errors: `NotOwner`. Events: `UpgradeScheduled`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn schedule_upgrade(&mut self, code_hash: Hash) -> Result<()> {
            self.act_at_block_time(|desk, caller, now| {
                desk.schedule_upgrade(caller, now, code_hash)
            })
        }

        /// Withdraws the announced upgrade. Owner.
        /// Errors: `NotOwner`, `UpgradeNotScheduled`. Events: `UpgradeCanceled`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn cancel_upgrade(&mut self) -> Result<()> {
            self.act(|desk, caller, _| desk.cancel_upgrade(caller))
        }

        /// Replaces the contract's code with the announced `code_hash` once its delay has
        /// passed, keeping its storage. The new code is checked first, in this call: it must
        /// decode this storage, answer `storage_version` with this release's version and
        /// `cold_code_hash` (which a cold blob lacks), or nothing changes. The lock moves to
        /// the new code's cold blob. Owner. Errors: `NotOwner`, `UpgradeNotScheduled`,
        /// `UpgradeTooEarly`, `IncompatibleCode`, `UnknownCode`. Events: `CodeUpgraded`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn upgrade(&mut self, code_hash: Hash) -> Result<()> {
            let now = self.env().block_timestamp();
            self.desk
                .take_upgrade(self.env().caller(), now, code_hash)?;
            if storage_version_of(code_hash) != Some(crate::STORAGE_VERSION) {
                return Err(DeskError::IncompatibleCode);
            }
            let cold = split::cold_code_of(code_hash).ok_or(DeskError::IncompatibleCode)?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| DeskError::UnknownCode)?;
            self.hold_cold(cold);
            ink::env::emit_event::<Environment, _>(AdminEvent::CodeUpgraded(CodeUpgraded {
                code_hash,
            }));
            Ok(())
        }

        /// Locks the cold blob this code runs against removal, if it is not held yet (a desk
        /// upgraded from a release before the lock; a no-op otherwise). Anyone; the caller
        /// pays the lock's deposit. Errors: `IncompatibleCode` (this code does not say).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn hold_cold_code(&mut self) -> Result<()> {
            let own = self
                .env()
                .own_code_hash()
                .map_err(|_| DeskError::UnknownCode)?;
            let cold = split::cold_code_of(own).ok_or(DeskError::IncompatibleCode)?;
            self.hold_cold(cold);
            Ok(())
        }

        /// The cold blob this code hands administration and queries to, which the desk holds
        /// a lock on (`None`: the whole desk in one blob).
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn cold_code_hash(&self) -> Option<Hash> {
            crate::COLD_CODE.map(Hash::from)
        }

        /// The layout version of this code's storage (see `upgrade`).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn storage_version(&self) -> u32 {
            crate::STORAGE_VERSION
        }

        /// The announced upgrade, if any.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.desk.pending_upgrade()
        }

        // ----- queries -------------------------------------------------------------------

        /// A ticket by id.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn ticket(&self, ticket_id: TicketId) -> Option<Ticket> {
            self.desk.ticket(ticket_id)
        }

        /// Number of tickets ever opened (ids run from 1 to this).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn ticket_count(&self) -> TicketId {
            self.desk.last_id()
        }

        /// A customer's tickets: list positions `from`..`from + limit` (limit 1–100) and the
        /// position to continue from (`None`: the end). Errors: `InvalidLimit`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn tickets_by_customer(
            &self,
            customer: AccountId,
            from: u32,
            limit: u32,
        ) -> Result<Page> {
            self.desk.list(TicketList::Customer(customer), from, limit)
        }

        /// Tickets currently assigned to `agent`, paginated like `tickets_by_customer`; tickets
        /// reassigned since are skipped, so a page may hold fewer than `limit`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn tickets_by_assignee(&self, agent: AccountId, from: u32, limit: u32) -> Result<Page> {
            self.desk.list(TicketList::Assignee(agent), from, limit)
        }

        /// Unassigned tickets waiting in the queue of `level` (1–3), oldest first: a page looks
        /// at `limit` ticket ids from position `from` (ticket `from + 1`) and keeps the queued
        /// ones, so it may hold fewer than `limit`; continue from the position returned.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn tickets_in_queue(&self, level: u8, from: u32, limit: u32) -> Result<Page> {
            self.desk.list(TicketList::Queue(level), from, limit)
        }

        /// The SLA policy of (tier, priority).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn sla_policy(&self, tier: Tier, priority: Priority) -> SlaPolicy {
            self.desk.policy(tier, priority)
        }

        /// Time left on each SLA clock of a ticket as of now (what became due already counted),
        /// for progress bars. Errors: `TicketNotFound`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn sla_status(&self, ticket_id: TicketId) -> Result<SlaStatus> {
            self.desk.sla_status(ticket_id, self.now())
        }

        /// Totals: opened, closed, breaches, escalations, automatic actions.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn counters(&self) -> Counters {
            self.desk.counters()
        }

        /// An agent's level, if the account is an agent.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn agent_level(&self, account: AccountId) -> Option<u8> {
            self.desk.agent(account)
        }

        /// A customer's tier (Standard for customers never placed).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn customer_tier(&self, customer: AccountId) -> Tier {
            self.desk.tier(customer)
        }

        /// Whether the owner placed `customer` in a tier.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn is_placed(&self, customer: AccountId) -> bool {
            self.desk.is_placed(customer)
        }

        /// Rewards of `kind` this epoch: (what `account` earned, what the desk minted in all).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn reward_usage(&self, kind: RewardKind, account: AccountId) -> (u128, u128) {
            self.desk.reward_usage(kind, account, self.now())
        }

        /// Desk time now: block time minus the time the desk spent paused. SLA times in tickets
        /// and events are desk times.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn desk_time(&self) -> Timestamp {
            self.now()
        }

        /// The current settings.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn settings(&self) -> Settings {
            self.desk.settings()
        }

        /// Tokens owed to `account` because the token refused a mint.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn owed(&self, account: AccountId) -> u128 {
            self.desk.owed(account)
        }

        /// The owner.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn owner(&self) -> AccountId {
            self.desk.owner()
        }

        /// The proposed owner, until it accepts.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn pending_owner(&self) -> Option<AccountId> {
            self.desk.pending_owner()
        }

        /// Whether the desk is paused.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn is_paused(&self) -> bool {
            self.desk.is_paused()
        }

        /// The loyalty token's address.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.token
        }

        // ----- effects -------------------------------------------------------------------

        /// Emits the events, then makes the payouts: the caller's own with one mint, everyone
        /// else's credited in the desk (see [`Effects::minted_to`]); what the token refuses is
        /// credited too, so a full token cap never blocks the SLA engine.
        fn settle(&mut self, fx: Effects) {
            let caller = self.env().caller();
            let total = fx.minted_to(caller).unwrap_or(0);
            for event in fx.events {
                self.emit(event);
            }
            let minted = total > 0 && token_call(self.token, TokenMessage::MintTo, caller, total);
            for Payout { to, amount, reason } in fx.payouts {
                if to == caller && minted {
                    self.emit(DeskEvent::RewardPaid(RewardPaid { to, amount, reason }));
                } else {
                    self.desk.record_owed(to, amount);
                    self.emit(DeskEvent::RewardCredited(RewardCredited {
                        to,
                        amount,
                        reason,
                    }));
                }
            }
        }

        /// Moves the contract's lock to the cold blob `cold` (see [`split::move_hold`]).
        fn hold_cold(&mut self, cold: Option<Hash>) {
            split::move_hold(self.held_cold_code.get().flatten(), cold);
            self.held_cold_code.set(&cold);
        }

        /// Emits any desk event through the one `emit_event` instance (see [`DeskEvent`]).
        fn emit(&self, event: DeskEvent) {
            self.env().emit_event(event);
        }
    }
}

pub use self::help_desk::{HelpDesk, HelpDeskRef};

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
