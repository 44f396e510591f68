//! Desk-wide settings: reopen window, boost price, reward amounts and their caps, the priority
//! ceiling for customers the business has not placed in a tier, the upgrade delay, and the
//! defaults a new desk starts with. Time units live in [`crate::time`].

use crate::sla::SlaPolicy;
use crate::ticket::{Priority, Tier};
use crate::time::{DAY, HOUR, MAX_DURATION_MS};
use ink::prelude::vec;

/// Most automatic actions one `process_due` call may take. Whether a sweep fits a block depends
/// on what is due (the benchmark: 500 escalations fit, 500 compensations to distinct customers
/// do not), so keepers dry-run first.
pub const MAX_SWEEP: u32 = 1_000;
/// Most items one paginated query returns.
pub const MAX_PAGE: u32 = 100;
/// Shortest upgrade delay the desk accepts: users see an upgrade coming at least this long.
pub const MIN_UPGRADE_DELAY_MS: u64 = crate::time::MINUTE;

/// How much one kind of reward may mint per epoch: to one account, and desk-wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Cap {
    /// Most tokens one account earns of this kind per epoch.
    pub per_account: u128,
    /// Most tokens the desk mints of this kind per epoch, all accounts together.
    pub desk: u128,
}

/// The reward caps, one [`Cap`] per kind of reward, over epochs of one length. Each kind has its
/// own desk-wide budget, so farmable rewards (community, keeper) can never use up what
/// compensation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RewardCaps {
    /// Length of a reward epoch (ms, desk time); never zero.
    pub epoch_length_ms: u64,
    /// SLA compensation, paid only to customers the owner placed in a tier.
    pub compensation: Cap,
    /// Accepted community answers and ratings, paid only on tickets an agent resolved.
    pub community: Cap,
    /// Keeper rewards for automatic actions on placed customers' tickets.
    pub keeper: Cap,
}

impl RewardCaps {
    /// The most the desk can mint in one epoch, all kinds together: what the token's mint
    /// allowance for the desk should cover.
    pub fn desk_total(&self) -> u128 {
        self.compensation
            .desk
            .saturating_add(self.community.desk)
            .saturating_add(self.keeper.desk)
    }
}

/// Settings the owner can change as a whole with `set_settings`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Settings {
    /// How long after resolution the customer may reopen.
    pub reopen_window_ms: u64,
    /// Tokens burned from the customer to raise a ticket's priority one step.
    pub boost_price: u128,
    /// Tokens for a community answer the customer accepted, paid when an agent-resolved ticket
    /// closes.
    pub answer_reward: u128,
    /// Tokens for the customer's rating, paid when an agent-resolved ticket closes.
    pub rating_reward: u128,
    /// Tokens per automatic action on a placed customer's ticket for whoever runs
    /// `process_due`/`poke`.
    pub keeper_reward_per_action: u128,
    /// Highest priority a customer the owner has not placed in a tier may open a ticket at
    /// (boosting above it is paid).
    pub unplaced_max_priority: Priority,
    /// Per-account and desk-wide caps per epoch, one per kind of reward.
    pub caps: RewardCaps,
    /// How long an upgrade must be announced (`schedule_upgrade`) before it can take effect.
    pub upgrade_delay_ms: u64,
}

impl Settings {
    /// Whether the settings are usable: a positive reward epoch, a reopen window of at most a
    /// year, and an upgrade delay between [`MIN_UPGRADE_DELAY_MS`] and a year.
    pub fn is_valid(&self) -> bool {
        self.caps.epoch_length_ms > 0
            && self.reopen_window_ms <= MAX_DURATION_MS
            && (MIN_UPGRADE_DELAY_MS..=MAX_DURATION_MS).contains(&self.upgrade_delay_ms)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            reopen_window_ms: 2 * DAY,
            boost_price: 50,
            answer_reward: 20,
            rating_reward: 5,
            keeper_reward_per_action: 1,
            unplaced_max_priority: Priority::Normal,
            caps: RewardCaps {
                epoch_length_ms: DAY,
                compensation: Cap {
                    per_account: 200,
                    desk: 20_000,
                },
                community: Cap {
                    per_account: 100,
                    desk: 5_000,
                },
                keeper: Cap {
                    per_account: 500,
                    desk: 2_000,
                },
            },
            upgrade_delay_ms: 2 * DAY,
        }
    }
}

/// The policy a new desk starts with for (`tier`, `priority`): faster for higher priorities and
/// tiers. The owner replaces any of them with `set_sla_policy`.
pub fn default_policy(tier: Tier, priority: Priority) -> SlaPolicy {
    let (first_response_ms, resolution_ms) = match priority {
        Priority::Low => (2 * DAY, 10 * DAY),
        Priority::Normal => (DAY, 5 * DAY),
        Priority::High => (4 * HOUR, DAY),
        Priority::Urgent => (HOUR, 8 * HOUR),
    };
    let first_response_ms = faster_for(tier, first_response_ms);
    let resolution_ms = faster_for(tier, resolution_ms);
    SlaPolicy {
        first_response_ms,
        resolution_ms,
        warning_lead_ms: first_response_ms / 4,
        escalation_delays_ms: vec![0, faster_for(tier, 2 * HOUR), faster_for(tier, 8 * HOUR)],
        auto_close_ms: 3 * DAY,
        abandon_after_ms: 7 * DAY,
        compensation: match priority {
            Priority::Low => 5,
            Priority::Normal => 10,
            Priority::High => 20,
            Priority::Urgent => 40,
        },
    }
}

/// A default duration scaled to the tier: Premium gets half of it, Enterprise a quarter.
fn faster_for(tier: Tier, ms: u64) -> u64 {
    match tier {
        Tier::Standard => ms,
        Tier::Premium => ms / 2,
        Tier::Enterprise => ms / 4,
    }
}
