//! Desk-wide settings: reopen window, boost price, reward amounts and their caps, and the
//! defaults a new desk starts with.

use crate::sla::SlaPolicy;
use crate::ticket::{Priority, Tier};
use helpdesk_common::quota::EpochLimit;
use ink::prelude::vec;

const MINUTE: u64 = 60_000;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;
const TWO_HOURS: u64 = 2 * HOUR;
const EIGHT_HOURS: u64 = 8 * HOUR;

/// Most automatic actions one `process_due` call may take.
pub const MAX_SWEEP: u32 = 1_000;
/// Most items one paginated query returns.
pub const MAX_PAGE: u32 = 100;

/// Settings the owner can change as a whole with `set_settings`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Settings {
    /// How long after resolution the customer may reopen.
    pub reopen_window_ms: u64,
    /// Tokens burned from the customer to raise a ticket's priority one step.
    pub boost_price: u128,
    /// Tokens for a community answer the customer accepts.
    pub answer_reward: u128,
    /// Tokens for the customer's rating of a closed ticket.
    pub rating_reward: u128,
    /// Cap on answer and rating rewards per account per epoch.
    pub community_cap: EpochLimit,
    /// Tokens per automatic action for whoever runs `process_due`/`poke`.
    pub keeper_reward_per_action: u128,
    /// Cap on the keeper reward of one call.
    pub keeper_reward_max_per_call: u128,
}

impl Settings {
    pub fn is_valid(&self) -> bool {
        self.community_cap.epoch_length_ms > 0
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            reopen_window_ms: 7 * DAY,
            boost_price: 50,
            answer_reward: 20,
            rating_reward: 5,
            community_cap: EpochLimit {
                epoch_length_ms: DAY,
                limit: 100,
            },
            keeper_reward_per_action: 1,
            keeper_reward_max_per_call: 20,
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
        Priority::Urgent => (HOUR, EIGHT_HOURS),
    };
    let first_response_ms = faster_for(tier, first_response_ms);
    let resolution_ms = faster_for(tier, resolution_ms);
    SlaPolicy {
        first_response_ms,
        resolution_ms,
        warning_lead_ms: first_response_ms / 4,
        escalation_delays_ms: vec![
            0,
            faster_for(tier, TWO_HOURS),
            faster_for(tier, EIGHT_HOURS),
        ],
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
