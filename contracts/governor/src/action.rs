//! What a proposal can do: a closed list of typed actions on the desk, the token and the
//! governor itself. There is no raw call: a voter reads exactly what will run, and nothing else
//! is reachable.

use crate::params::Params;
use help_desk::settings::Settings;
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Tier};
use ink::primitives::{AccountId, Hash};

/// One step of a proposal.
#[allow(clippy::cast_possible_truncation)] // scale_derive on a data-carrying enum
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Action {
    /// Desk: `set_sla_policy(tier, priority, policy)`.
    SetSlaPolicy {
        tier: Tier,
        priority: Priority,
        policy: SlaPolicy,
    },
    /// Desk: `set_settings(settings)`.
    SetSettings(Settings),
    /// Desk: `set_agent(agent, level)`.
    SetAgent { agent: AccountId, level: u8 },
    /// Desk: `remove_agent(agent)`.
    RemoveAgent { agent: AccountId },
    /// Desk: `set_customer_tier(customer, tier)`.
    SetCustomerTier { customer: AccountId, tier: Tier },
    /// Desk: `pause()`.
    Pause,
    /// Desk: `unpause()`.
    Unpause,
    /// Desk: `schedule_upgrade(code_hash)`; once the desk's own delay has passed, anyone
    /// completes it with the governor's `finish_desk_upgrade`. A proposal with this action
    /// waits the longest timelock (`upgrade_timelock_ms`).
    ScheduleDeskUpgrade { code_hash: Hash },
    /// Desk: `cancel_upgrade()`.
    CancelDeskUpgrade,
    /// Token: `set_mint_limit(epoch_length_ms, amount_per_epoch)`, every minter's allowance.
    SetMintLimit {
        epoch_length_ms: u64,
        amount_per_epoch: u128,
    },
    /// Governor: replaces its parameters (within their bounds).
    SetParams(Params),
    /// Governor: names the guardian, who can only cancel proposals (`None`: no guardian).
    SetGuardian(Option<AccountId>),
}

impl Action {
    /// Whether the action changes code, which takes the longest timelock.
    pub fn is_upgrade(&self) -> bool {
        matches!(self, Action::ScheduleDeskUpgrade { .. })
    }
}
