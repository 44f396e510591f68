//! The governor's parameters, their bounds (enforced on every change) and their defaults.

use helpdesk_common::time::{DAY_MS, MINUTE_MS};

/// How long a queued proposal stays executable after its timelock ends (fixed, as Compound's
/// `GRACE_PERIOD`).
pub const GRACE_PERIOD_MS: u64 = 14 * DAY_MS;
/// Most actions one proposal may carry (Compound GovernorBravo's `proposalMaxOperations`).
pub const MAX_ACTIONS: usize = 10;
/// Most proposals Pending or Active at once: enough that a spammer, who needs the threshold
/// locked per proposal, cannot block governance (pallet-referenda's `max_deciding`).
pub const MAX_LIVE: usize = 20;
/// Basis points in a whole.
pub const BPS: u128 = 10_000;

/// What token holders decide with: delays in milliseconds of block time, amounts in the loyalty
/// token's smallest unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Params {
    /// From proposal to the start of voting: time to read it and lock tokens (0 – 7 days).
    pub voting_delay_ms: u64,
    /// How long voting lasts (1 minute – 14 days).
    pub voting_period_ms: u64,
    /// Tokens a proposer must hold in escrow, locked until the vote ends (at least 1).
    pub proposal_threshold: u128,
    /// For + Abstain needed, in basis points of the token's total supply when the proposal is
    /// made (100 – 2 000: 1 % – 20 %).
    pub quorum_bps: u16,
    /// If quorum is first reached closer to the end than this, voting goes on this long from
    /// then (0 – 2 days).
    pub late_quorum_extension_ms: u64,
    /// From a passed vote (queued) to execution (1 minute – 30 days).
    pub timelock_ms: u64,
    /// The timelock of a proposal that upgrades the desk's code: the longest (at least
    /// `timelock_ms`, at most 30 days).
    pub upgrade_timelock_ms: u64,
}

/// A parameter of [`Params`], to say which one is out of bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Param {
    VotingDelay,
    VotingPeriod,
    ProposalThreshold,
    Quorum,
    LateQuorumExtension,
    Timelock,
    UpgradeTimelock,
}

impl Params {
    /// The first parameter outside its bounds, if any.
    pub fn out_of_bounds(&self) -> Option<Param> {
        let checks = [
            (self.voting_delay_ms <= 7 * DAY_MS, Param::VotingDelay),
            (
                (MINUTE_MS..=14 * DAY_MS).contains(&self.voting_period_ms),
                Param::VotingPeriod,
            ),
            (self.proposal_threshold >= 1, Param::ProposalThreshold),
            ((100..=2_000).contains(&self.quorum_bps), Param::Quorum),
            (
                self.late_quorum_extension_ms <= 2 * DAY_MS,
                Param::LateQuorumExtension,
            ),
            (
                (MINUTE_MS..=30 * DAY_MS).contains(&self.timelock_ms),
                Param::Timelock,
            ),
            (
                (self.timelock_ms..=30 * DAY_MS).contains(&self.upgrade_timelock_ms),
                Param::UpgradeTimelock,
            ),
        ];
        checks.iter().find(|(ok, _)| !ok).map(|(_, param)| *param)
    }

    /// The quorum for a total supply of `supply`: `quorum_bps` of it, rounded up, at least 1.
    pub fn quorum_of(&self, supply: u128) -> u128 {
        let bps = u128::from(self.quorum_bps);
        // supply * bps / BPS without overflow: split supply into whole ten-thousandths and rest.
        let whole = (supply / BPS).saturating_mul(bps);
        let rest = (supply % BPS).saturating_mul(bps).div_ceil(BPS);
        whole.saturating_add(rest).max(1)
    }
}

impl Default for Params {
    /// Production defaults: a day to read a proposal, a week to vote (OpenZeppelin's guide,
    /// Uniswap), 1 000 tokens to propose, 4 % quorum ("most Governors use 4 %"), a day's
    /// extension for late quorum, two days' timelock and a week for upgrades (Compound's
    /// minimum delay is 2 days).
    fn default() -> Self {
        Self {
            voting_delay_ms: DAY_MS,
            voting_period_ms: 7 * DAY_MS,
            proposal_threshold: 1_000,
            quorum_bps: 400,
            late_quorum_extension_ms: DAY_MS,
            timelock_ms: 2 * DAY_MS,
            upgrade_timelock_ms: 7 * DAY_MS,
        }
    }
}
