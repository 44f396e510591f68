//! # Help desk
//!
//! Customer support on-chain: tickets with a status table, SLA clocks with automatic actions
//! (warnings, breaches, escalation, compensation, auto-close) run by anyone as a keeper, and
//! community rewards in the loyalty token. Only hashes of content are stored or emitted.
//!
//! The logic is plain Rust ([`desk::Desk`] with [`ticket`], [`sla`], [`deadlines`]); this
//! module passes the caller and block time in, emits the events that come out and makes the
//! token calls (mint rewards, burn boost prices).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod deadlines;
pub mod desk;
pub mod errors;
pub mod events;
pub mod settings;
pub mod sla;
pub mod ticket;

pub use errors::{DeskError, Result};

#[ink::contract]
mod help_desk {
    use crate::desk::{Counters, Desk, Effects, Payout, SlaStatus, SweepReport, TicketList};
    use crate::errors::{DeskError, Result};
    use crate::events::{CodeUpgraded, DeskEvent, RewardDeferred, RewardPaid, RewardReason};
    use crate::settings::Settings;
    use crate::sla::SlaPolicy;
    use crate::ticket::{Priority, Status, Ticket, TicketId, Tier};
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::prelude::collections::BTreeMap;
    use ink::prelude::vec::Vec;

    /// The loyalty-token messages the desk calls.
    enum TokenMessage {
        MintTo,
        BurnFrom,
    }

    /// A page of ticket ids and the position to continue from (`None`: the end).
    pub type Page = (Vec<TicketId>, Option<u32>);

    #[ink(storage)]
    pub struct HelpDesk {
        desk: Desk,
        token: AccountId,
    }

    impl HelpDesk {
        /// Creates the desk next to the loyalty `token` (which must make this contract a
        /// minter). The deployer becomes the owner.
        #[ink(constructor)]
        pub fn new(token: AccountId) -> Self {
            Self {
                desk: Desk::new(Self::env().caller(), Self::env().block_timestamp()),
                token,
            }
        }

        fn who_when(&self) -> (AccountId, Timestamp) {
            (self.env().caller(), self.env().block_timestamp())
        }

        // ----- ticket lifecycle ----------------------------------------------------------

        /// Opens a ticket. Anyone. `content_hash`: hash of the request kept off-chain.
        /// Errors: `Paused`. Events: `TicketOpened`.
        #[ink(message)]
        pub fn open_ticket(
            &mut self,
            priority: Priority,
            category: u32,
            content_hash: Hash,
        ) -> Result<TicketId> {
            let (caller, now) = self.who_when();
            let (id, fx) = self
                .desk
                .open(caller, now, priority, category, content_hash, None)?;
            self.settle(fx);
            Ok(id)
        }

        /// Opens a follow-up of the caller's Closed ticket `parent`.
        /// Errors: `Paused`, `TicketNotFound`, `NotTicketCustomer`, `ParentNotClosed`.
        /// Events: `TicketOpened`.
        #[ink(message)]
        pub fn open_follow_up(
            &mut self,
            parent: TicketId,
            priority: Priority,
            category: u32,
            content_hash: Hash,
        ) -> Result<TicketId> {
            let (caller, now) = self.who_when();
            let (id, fx) =
                self.desk
                    .open(caller, now, priority, category, content_hash, Some(parent))?;
            self.settle(fx);
            Ok(id)
        }

        /// Answers a ticket. An agent's answer fulfils the first-response clock; the customer's
        /// answer on a Pending ticket reopens it and restarts the response clock; anyone else's
        /// is a community answer the customer may accept.
        /// Errors: `Paused`, `TicketNotFound`, `TicketClosed`, `TicketNotActive`.
        /// Events: `Responded`, `StatusChanged` (Pending → Open).
        #[ink(message)]
        pub fn respond(&mut self, ticket_id: TicketId, content_hash: Hash) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.respond(caller, now, ticket_id, content_hash)?;
            self.settle(fx);
            Ok(())
        }

        /// Assigns a ticket: an agent claims it (`agent` = caller) or a supervisor (level 3)
        /// assigns it; the agent's level must reach the ticket's queue level.
        /// Errors: `Paused`, `NotAgent`, `AgentNotFound`, `AgentLevelTooLow`, `TicketNotFound`,
        /// `TicketClosed`, `TicketNotActive`. Events: `Assigned`.
        #[ink(message)]
        pub fn assign(&mut self, ticket_id: TicketId, agent: AccountId) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.assign(caller, now, ticket_id, agent)?;
            self.settle(fx);
            Ok(())
        }

        /// An agent moves a ticket between Open, Pending (clock paused) and OnHold.
        /// Errors: `Paused`, `NotAgent`, `TicketNotFound`, `TicketClosed`,
        /// `TransitionNotAllowed`. Events: `StatusChanged`.
        #[ink(message)]
        pub fn set_status(&mut self, ticket_id: TicketId, status: Status) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.change_status(caller, now, ticket_id, status)?;
            self.settle(fx);
            Ok(())
        }

        /// Escalates one level (max 3) into that level's queue. The customer or an agent.
        /// Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`, `TicketClosed`,
        /// `TicketNotActive`, `MaxEscalationReached`. Events: `Escalated` (reason Manual).
        #[ink(message)]
        pub fn escalate(&mut self, ticket_id: TicketId, reason_hash: Hash) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.escalate(caller, now, ticket_id, reason_hash)?;
            self.settle(fx);
            Ok(())
        }

        /// Resolves a ticket. The assigned agent or a supervisor.
        /// Errors: `Paused`, `NotAgent`, `NotAssigneeOrSupervisor`, `TicketNotFound`,
        /// `TicketClosed`, `TransitionNotAllowed`. Events: `Resolved`.
        #[ink(message)]
        pub fn resolve(&mut self, ticket_id: TicketId, resolution_hash: Hash) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.resolve(caller, now, ticket_id, resolution_hash)?;
            self.settle(fx);
            Ok(())
        }

        /// Reopens a Resolved ticket within the reopen window. The customer.
        /// Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`, `TicketClosed`,
        /// `TransitionNotAllowed`, `ReopenWindowExpired`. Events: `Reopened`.
        #[ink(message)]
        pub fn reopen(&mut self, ticket_id: TicketId, content_hash: Hash) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.reopen(caller, now, ticket_id, content_hash)?;
            self.settle(fx);
            Ok(())
        }

        /// Closes a Resolved ticket, optionally rating it 1–5 (rewarded once, capped per
        /// epoch). The customer. Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`,
        /// `TicketClosed`, `TransitionNotAllowed`, `InvalidRating`.
        /// Events: `Closed` (with the rating), `RewardPaid`.
        #[ink(message)]
        pub fn confirm(&mut self, ticket_id: TicketId, rating: Option<u8>) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.confirm(caller, now, ticket_id, rating)?;
            self.settle(fx);
            Ok(())
        }

        /// Accepts a community member's answer; the member earns the answer reward (capped
        /// per epoch). The customer. Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`,
        /// `TicketClosed`, `AnswerAlreadyAccepted`, `NotACandidateAnswer`.
        /// Events: `AnswerAccepted`, `RewardPaid`.
        #[ink(message)]
        pub fn accept_answer(&mut self, ticket_id: TicketId, responder: AccountId) -> Result<()> {
            let (caller, now) = self.who_when();
            let fx = self.desk.accept_answer(caller, now, ticket_id, responder)?;
            self.settle(fx);
            Ok(())
        }

        /// Raises the priority one step; the boost price is burned from the customer through
        /// the token's `burn_from` (approve the desk first). Deadlines follow the new
        /// priority's policy; time already used is kept. The customer.
        /// Errors: `Paused`, `NotTicketCustomer`, `TicketNotFound`, `TicketClosed`,
        /// `TicketNotActive`, `MaxPriorityReached`, `PaymentFailed`. Events: `PriorityBoosted`.
        #[ink(message)]
        pub fn boost_priority(&mut self, ticket_id: TicketId) -> Result<()> {
            let (caller, now) = self.who_when();
            let (price, fx) = self.desk.boost(caller, now, ticket_id)?;
            if price > 0 && !self.token_call(TokenMessage::BurnFrom, caller, price) {
                return Err(DeskError::PaymentFailed);
            }
            self.settle(fx);
            Ok(())
        }

        // ----- keeper --------------------------------------------------------------------

        /// Performs at most `max` (1–1000) due automatic actions and reports what it did.
        /// Anyone; useful work earns a capped keeper reward. Errors: `Paused`, `InvalidLimit`.
        /// Events: `SlaWarning`, `SlaBreached`, `Escalated`, `Resolved`, `Closed`,
        /// `RewardPaid`/`RewardDeferred`.
        #[ink(message)]
        pub fn process_due(&mut self, max: u32) -> Result<SweepReport> {
            let (caller, now) = self.who_when();
            let (report, fx) = self.desk.process_due(caller, now, max)?;
            self.settle(fx);
            Ok(report)
        }

        /// Performs the due automatic actions of one ticket. Anyone.
        /// Errors: `Paused`, `TicketNotFound`. Events: as `process_due`.
        #[ink(message)]
        pub fn poke(&mut self, ticket_id: TicketId) -> Result<SweepReport> {
            let (caller, now) = self.who_when();
            let (report, fx) = self.desk.poke(caller, now, ticket_id)?;
            self.settle(fx);
            Ok(report)
        }

        /// Tickets with an automatic action due now, as `process_due` finds them (at most
        /// `limit`, 1–100). Read-only. Errors: `InvalidLimit`.
        #[ink(message)]
        pub fn due_tickets(&self, limit: u32) -> Result<Vec<TicketId>> {
            self.desk.due_tickets(self.env().block_timestamp(), limit)
        }

        /// Mints what the token refused earlier (see `RewardDeferred`) to the caller.
        /// Errors: `Paused`, `NothingOwed`, `TokenRefused`. Events: `RewardPaid`.
        #[ink(message)]
        pub fn claim_owed(&mut self) -> Result<u128> {
            let caller = self.env().caller();
            let amount = self.desk.take_owed(caller)?;
            if !self.token_call(TokenMessage::MintTo, caller, amount) {
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
        #[ink(message)]
        pub fn set_agent(&mut self, agent: AccountId, level: u8) -> Result<()> {
            let fx = self.desk.set_agent(self.env().caller(), agent, level)?;
            self.settle(fx);
            Ok(())
        }

        /// Removes an agent. Owner. Errors: `NotOwner`, `AgentNotFound`. Events: `AgentRemoved`.
        #[ink(message)]
        pub fn remove_agent(&mut self, agent: AccountId) -> Result<()> {
            let fx = self.desk.remove_agent(self.env().caller(), agent)?;
            self.settle(fx);
            Ok(())
        }

        /// Sets a customer's tier (applies to tickets opened afterwards). Owner.
        /// Errors: `NotOwner`. Events: `TierSet`.
        #[ink(message)]
        pub fn set_customer_tier(&mut self, customer: AccountId, tier: Tier) -> Result<()> {
            let fx = self.desk.set_tier(self.env().caller(), customer, tier)?;
            self.settle(fx);
            Ok(())
        }

        /// Sets the SLA policy of (tier, priority) for tickets opened or boosted afterwards.
        /// Owner. Errors: `NotOwner`, `InvalidPolicy`. Events: `PolicySet`.
        #[ink(message)]
        pub fn set_sla_policy(
            &mut self,
            tier: Tier,
            priority: Priority,
            policy: SlaPolicy,
        ) -> Result<()> {
            let fx = self
                .desk
                .set_policy(self.env().caller(), tier, priority, policy)?;
            self.settle(fx);
            Ok(())
        }

        /// Sets reopen window, boost price, reward amounts and caps. Owner.
        /// Errors: `NotOwner`, `InvalidEpochLength`. Events: `SettingsChanged`.
        #[ink(message)]
        pub fn set_settings(&mut self, settings: Settings) -> Result<()> {
            let fx = self.desk.set_settings(self.env().caller(), settings)?;
            self.settle(fx);
            Ok(())
        }

        /// Stops every state change (queries keep working). Owner.
        /// Errors: `NotOwner`, `Paused`. Events: `PauseChanged`.
        #[ink(message)]
        pub fn pause(&mut self) -> Result<()> {
            let fx = self.desk.set_paused(self.env().caller(), true)?;
            self.settle(fx);
            Ok(())
        }

        /// Resumes state changes. Owner. Errors: `NotOwner`, `NotPaused`. Events: `PauseChanged`.
        #[ink(message)]
        pub fn unpause(&mut self) -> Result<()> {
            let fx = self.desk.set_paused(self.env().caller(), false)?;
            self.settle(fx);
            Ok(())
        }

        /// Proposes a new owner, who takes over with `accept_ownership`. Owner.
        /// Errors: `NotOwner`. Events: `OwnershipTransferStarted`.
        #[ink(message)]
        pub fn transfer_ownership(&mut self, new_owner: AccountId) -> Result<()> {
            let fx = self.desk.propose_owner(self.env().caller(), new_owner)?;
            self.settle(fx);
            Ok(())
        }

        /// Completes an ownership transfer. The proposed owner.
        /// Errors: `NotPendingOwner`. Events: `OwnershipTransferred`.
        #[ink(message)]
        pub fn accept_ownership(&mut self) -> Result<()> {
            let fx = self.desk.accept_owner(self.env().caller())?;
            self.settle(fx);
            Ok(())
        }

        /// Replaces the contract's code (`set_code_hash`), keeping its storage. Owner.
        /// Errors: `NotOwner`, `UnknownCode`. Events: `CodeUpgraded`.
        #[ink(message)]
        pub fn upgrade(&mut self, code_hash: Hash) -> Result<()> {
            self.desk.ensure_owner(self.env().caller())?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| DeskError::UnknownCode)?;
            self.emit(DeskEvent::CodeUpgraded(CodeUpgraded { code_hash }));
            Ok(())
        }

        // ----- queries -------------------------------------------------------------------

        /// A ticket by id.
        #[ink(message)]
        pub fn ticket(&self, ticket_id: TicketId) -> Option<Ticket> {
            self.desk.ticket(ticket_id)
        }

        /// Number of tickets ever opened (ids run from 1 to this).
        #[ink(message)]
        pub fn ticket_count(&self) -> TicketId {
            self.desk.last_id()
        }

        /// A customer's tickets: list positions `from`..`from + limit` (limit 1–100) and the
        /// position to continue from (`None`: the end). Errors: `InvalidLimit`.
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
        #[ink(message)]
        pub fn tickets_by_assignee(&self, agent: AccountId, from: u32, limit: u32) -> Result<Page> {
            self.desk.list(TicketList::Assignee(agent), from, limit)
        }

        /// Unassigned tickets waiting in the queue of `level` (1–3), oldest first: a page looks
        /// at `limit` ticket ids from position `from` (ticket `from + 1`) and keeps the queued
        /// ones, so it may hold fewer than `limit`; continue from the position returned.
        #[ink(message)]
        pub fn tickets_in_queue(&self, level: u8, from: u32, limit: u32) -> Result<Page> {
            self.desk.list(TicketList::Queue(level), from, limit)
        }

        /// The SLA policy of (tier, priority).
        #[ink(message)]
        pub fn sla_policy(&self, tier: Tier, priority: Priority) -> SlaPolicy {
            self.desk.policy(tier, priority)
        }

        /// Time left on each SLA clock of a ticket, for progress bars. Errors: `TicketNotFound`.
        #[ink(message)]
        pub fn sla_status(&self, ticket_id: TicketId) -> Result<SlaStatus> {
            self.desk
                .sla_status(ticket_id, self.env().block_timestamp())
        }

        /// Totals: opened, closed, breaches, escalations, automatic actions.
        #[ink(message)]
        pub fn counters(&self) -> Counters {
            self.desk.counters()
        }

        /// An agent's level, if the account is an agent.
        #[ink(message)]
        pub fn agent_level(&self, account: AccountId) -> Option<u8> {
            self.desk.agent(account)
        }

        /// A customer's tier.
        #[ink(message)]
        pub fn customer_tier(&self, customer: AccountId) -> Tier {
            self.desk.tier(customer)
        }

        /// The current settings.
        #[ink(message)]
        pub fn settings(&self) -> Settings {
            self.desk.settings()
        }

        /// Tokens owed to `account` because the token refused a mint.
        #[ink(message)]
        pub fn owed(&self, account: AccountId) -> u128 {
            self.desk.owed(account)
        }

        /// The owner.
        #[ink(message)]
        pub fn owner(&self) -> AccountId {
            self.desk.owner()
        }

        /// The proposed owner, until it accepts.
        #[ink(message)]
        pub fn pending_owner(&self) -> Option<AccountId> {
            self.desk.pending_owner()
        }

        /// Whether the desk is paused.
        #[ink(message)]
        pub fn is_paused(&self) -> bool {
            self.desk.is_paused()
        }

        /// The loyalty token's address.
        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.token
        }

        // ----- effects -------------------------------------------------------------------

        /// Emits the events, then makes the payouts with one mint per recipient; what the token
        /// refuses is recorded as owed (`RewardDeferred`), so a full token cap never blocks the
        /// SLA engine.
        fn settle(&mut self, fx: Effects) {
            let totals = fx.totals_by_recipient();
            for event in fx.events {
                self.emit(event);
            }
            let mut minted = BTreeMap::new();
            for (to, total) in totals {
                let ok = self.token_call(TokenMessage::MintTo, to, total);
                if !ok {
                    self.desk.record_owed(to, total);
                }
                minted.insert(to, ok);
            }
            for Payout { to, amount, reason } in fx.payouts {
                if minted.get(&to).copied().unwrap_or(false) {
                    self.emit(DeskEvent::RewardPaid(RewardPaid { to, amount, reason }));
                } else {
                    self.emit(DeskEvent::RewardDeferred(RewardDeferred {
                        to,
                        amount,
                        reason,
                    }));
                }
            }
        }

        /// Calls the token's `mint_to(account, amount)` or `burn_from(account, amount)`;
        /// `true` if it returned `Ok`.
        fn token_call(&self, message: TokenMessage, account: AccountId, amount: u128) -> bool {
            let selector = match message {
                TokenMessage::MintTo => Selector::new(ink::selector_bytes!("mint_to")),
                TokenMessage::BurnFrom => Selector::new(ink::selector_bytes!("burn_from")),
            };
            let result = build_call::<Environment>()
                .call(self.token)
                .exec_input(
                    ExecutionInput::new(selector)
                        .push_arg(account)
                        .push_arg(amount),
                )
                .returns::<core::result::Result<(), ()>>()
                .try_invoke();
            matches!(result, Ok(Ok(Ok(()))))
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
