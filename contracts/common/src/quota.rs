//! Per-epoch quotas: "at most `limit` units per account per `epoch_length_ms`".
//!
//! Time is cut into fixed epochs (`now / epoch_length_ms`). Each account keeps one small
//! [`EpochUsage`] record; a record from an older epoch counts as zero, so nothing ever has to
//! be reset by a sweep.

use crate::Timestamp;

/// How much an account used in one epoch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct EpochUsage {
    /// Index of the epoch the usage belongs to.
    pub epoch: u64,
    /// Units used in that epoch.
    pub used: u128,
}

/// A limit of `limit` units per epoch of `epoch_length_ms` milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct EpochLimit {
    /// Length of one epoch in milliseconds; never zero (see [`EpochLimit::new`]).
    pub epoch_length_ms: u64,
    /// Units allowed per account per epoch.
    pub limit: u128,
}

/// The quota has less room left than asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaExceeded {
    /// Units still available in the current epoch.
    pub remaining: u128,
}

impl EpochLimit {
    /// A limit, or `None` when `epoch_length_ms` is zero (epochs would be undefined).
    pub fn new(epoch_length_ms: u64, limit: u128) -> Option<Self> {
        (epoch_length_ms > 0).then_some(Self {
            epoch_length_ms,
            limit,
        })
    }

    /// Index of the epoch that contains `now`.
    pub fn epoch_at(&self, now: Timestamp) -> u64 {
        now.checked_div(self.epoch_length_ms).unwrap_or(0)
    }

    /// Units `usage` still has at `now`.
    pub fn remaining(&self, usage: EpochUsage, now: Timestamp) -> u128 {
        if usage.epoch == self.epoch_at(now) {
            self.limit.saturating_sub(usage.used)
        } else {
            self.limit
        }
    }

    /// The usage after taking `amount` more at `now`, or how much room is left.
    /// Pure: the caller stores the returned usage once everything else has succeeded.
    pub fn take(
        &self,
        usage: EpochUsage,
        now: Timestamp,
        amount: u128,
    ) -> Result<EpochUsage, QuotaExceeded> {
        let remaining = self.remaining(usage, now);
        if amount > remaining {
            return Err(QuotaExceeded { remaining });
        }
        let epoch = self.epoch_at(now);
        let already = if usage.epoch == epoch { usage.used } else { 0 };
        Ok(EpochUsage {
            epoch,
            // `amount <= limit - already`, so this cannot overflow.
            used: already.saturating_add(amount),
        })
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::time::HOUR_MS as HOUR;

    #[test]
    fn a_zero_epoch_length_is_refused() {
        assert_eq!(EpochLimit::new(0, 10), None);
    }

    #[test]
    fn the_quota_refills_in_the_next_epoch() {
        let limit = EpochLimit::new(HOUR, 100).unwrap();
        let usage = limit.take(EpochUsage::default(), 10, 70).unwrap();
        assert_eq!(
            limit.take(usage, 20, 31),
            Err(QuotaExceeded { remaining: 30 })
        );
        let usage = limit.take(usage, 20, 30).unwrap();
        assert_eq!(limit.remaining(usage, HOUR - 1), 0);
        assert_eq!(limit.remaining(usage, HOUR), 100);
        assert_eq!(
            limit.take(usage, HOUR, 100),
            Ok(EpochUsage {
                epoch: 1,
                used: 100
            })
        );
    }

    proptest! {
        /// Whatever the sequence of requests, no epoch ever grants more than the limit.
        #[test]
        fn no_epoch_grants_more_than_the_limit(
            limit in 0u128..1_000,
            requests in proptest::collection::vec((0u64..10 * HOUR, 0u128..400), 1..60),
        ) {
            let quota = EpochLimit::new(HOUR, limit).unwrap();
            let mut requests = requests;
            requests.sort_by_key(|(at, _)| *at);
            let mut usage = EpochUsage::default();
            let mut granted = std::collections::BTreeMap::<u64, u128>::new();
            for (at, amount) in requests {
                match quota.take(usage, at, amount) {
                    Ok(next) => {
                        usage = next;
                        *granted.entry(quota.epoch_at(at)).or_default() += amount;
                    }
                    Err(QuotaExceeded { remaining }) => {
                        prop_assert!(remaining < amount);
                        prop_assert_eq!(remaining, quota.remaining(usage, at));
                    }
                }
            }
            prop_assert!(granted.values().all(|total| *total <= limit));
        }
    }
}
