//! What an operation asks the contract to do (events to emit, tokens to mint), and the reward
//! ledger that bounds every mint: per kind of reward, a cap per account and a desk-wide budget
//! per epoch, plus what the token refused and is owed.

use crate::events::{DeskEvent, RewardCapped, RewardReason};
use crate::settings::RewardCaps;
use helpdesk_common::quota::{EpochLimit, EpochUsage};
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::Mapping;

/// Tokens the contract should mint to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    pub to: AccountId,
    pub amount: u128,
    pub reason: RewardReason,
}

/// What an operation asks the contract to do after its state changes: emit these events, mint
/// these payouts.
#[derive(Debug, Default)]
pub struct Effects {
    pub events: Vec<DeskEvent>,
    pub payouts: Vec<Payout>,
}

impl Effects {
    pub fn emit(&mut self, event: DeskEvent) {
        self.events.push(event);
    }

    fn pay(&mut self, to: AccountId, amount: u128, reason: RewardReason) {
        if amount > 0 {
            self.payouts.push(Payout { to, amount, reason });
        }
    }

    /// What the call mints to its `caller`: the sum of the caller's own payouts, one mint
    /// however many rewards the call earned it. Payouts to anyone else are credited to them in
    /// the desk (`RewardCredited`, claimed with `claim_owed`): a sweep that compensates 500
    /// customers makes no cross-contract call for them, and nobody's token account can make
    /// someone else's call fail or cost more. `None` if the sum overflows (then nothing is
    /// minted and every payout is credited).
    pub fn minted_to(&self, caller: AccountId) -> Option<u128> {
        self.payouts
            .iter()
            .filter(|payout| payout.to == caller)
            .try_fold(0u128, |sum, payout| sum.checked_add(payout.amount))
    }
}

/// The kinds of reward, each with its own [`crate::settings::Cap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum RewardKind {
    Compensation,
    Community,
    Keeper,
}

impl RewardReason {
    /// The kind whose caps the reward counts against (`None`: a claim of something already
    /// counted).
    pub fn kind(&self) -> Option<RewardKind> {
        match self {
            RewardReason::Compensation(..) => Some(RewardKind::Compensation),
            RewardReason::AcceptedAnswer(_) | RewardReason::Rating(_) => {
                Some(RewardKind::Community)
            }
            RewardReason::Keeper => Some(RewardKind::Keeper),
            RewardReason::Owed => None,
        }
    }
}

/// Desk-wide usage of each kind's budget in the current epoch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DeskUsage {
    pub compensation: EpochUsage,
    pub community: EpochUsage,
    pub keeper: EpochUsage,
}

impl DeskUsage {
    fn of(&mut self, kind: RewardKind) -> &mut EpochUsage {
        match kind {
            RewardKind::Compensation => &mut self.compensation,
            RewardKind::Community => &mut self.community,
            RewardKind::Keeper => &mut self.keeper,
        }
    }
}

/// Who earned how much of which kind this epoch, and what the token refused and is owed.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct RewardLedger {
    desk: DeskUsage,
    accounts: Mapping<(RewardKind, AccountId), EpochUsage>,
    owed: Mapping<AccountId, u128>,
}

impl RewardLedger {
    /// Grants `to` up to `amount` of `reason`'s kind at `now`: as much as both its own cap and
    /// the desk's budget still allow this epoch. Records the grant, asks `fx` to mint it, and
    /// emits `RewardCapped` when a cap cut it. Returns what was granted.
    pub fn grant(
        &mut self,
        caps: &RewardCaps,
        to: AccountId,
        amount: u128,
        reason: RewardReason,
        now: Timestamp,
        fx: &mut Effects,
    ) -> u128 {
        self.grant_with(caps, to, None, amount, reason, now, fx)
    }

    /// As [`RewardLedger::grant`], also counting the grant against `sponsor`'s own cap of the
    /// kind (the customer whose ticket routes a reward to someone else).
    #[allow(clippy::too_many_arguments)]
    pub fn grant_with(
        &mut self,
        caps: &RewardCaps,
        to: AccountId,
        sponsor: Option<AccountId>,
        amount: u128,
        reason: RewardReason,
        now: Timestamp,
        fx: &mut Effects,
    ) -> u128 {
        let Some(kind) = reason.kind() else {
            return 0;
        };
        if amount == 0 {
            return 0;
        }
        let cap = match kind {
            RewardKind::Compensation => caps.compensation,
            RewardKind::Community => caps.community,
            RewardKind::Keeper => caps.keeper,
        };
        let per_account = EpochLimit {
            epoch_length_ms: caps.epoch_length_ms,
            limit: cap.per_account,
        };
        let desk_wide = EpochLimit {
            epoch_length_ms: caps.epoch_length_ms,
            limit: cap.desk,
        };
        let account_usage = self.accounts.get((kind, to)).unwrap_or_default();
        let sponsor = sponsor.filter(|s| *s != to);
        let sponsor_usage = sponsor.map(|s| self.accounts.get((kind, s)).unwrap_or_default());
        let granted = amount
            .min(per_account.remaining(account_usage, now))
            .min(sponsor_usage.map_or(u128::MAX, |u| per_account.remaining(u, now)))
            .min(desk_wide.remaining(*self.desk.of(kind), now));
        if granted > 0 {
            if let (Ok(account), Ok(desk)) = (
                per_account.take(account_usage, now, granted),
                desk_wide.take(*self.desk.of(kind), now, granted),
            ) {
                if let (Some(s), Some(usage)) = (sponsor, sponsor_usage) {
                    if let Ok(usage) = per_account.take(usage, now, granted) {
                        self.accounts.insert((kind, s), &usage);
                    }
                }
                self.accounts.insert((kind, to), &account);
                *self.desk.of(kind) = desk;
                fx.pay(to, granted, reason);
            }
        }
        if granted < amount {
            fx.emit(DeskEvent::RewardCapped(RewardCapped {
                to,
                wanted: amount,
                granted,
                reason,
            }));
        }
        granted
    }

    /// What `account` earned of `kind` in the epoch containing `now`, and what the desk as a
    /// whole did.
    pub fn used(
        &self,
        caps: &RewardCaps,
        kind: RewardKind,
        account: AccountId,
        now: Timestamp,
    ) -> (u128, u128) {
        let epoch = now.checked_div(caps.epoch_length_ms).unwrap_or(0);
        let in_epoch = |usage: EpochUsage| if usage.epoch == epoch { usage.used } else { 0 };
        let mut desk = self.desk;
        (
            in_epoch(self.accounts.get((kind, account)).unwrap_or_default()),
            in_epoch(*desk.of(kind)),
        )
    }

    /// Credits a payout, to be claimed with `claim_owed`.
    pub fn record_owed(&mut self, to: AccountId, amount: u128) {
        let owed = self.owed(to);
        self.owed.insert(to, &owed.saturating_add(amount));
    }

    /// Takes `amount` of what is owed to `account` (all of it when `None`); `None` if nothing
    /// is owed or `amount` is zero or more than owed.
    pub fn take_owed(&mut self, account: AccountId, amount: Option<u128>) -> Option<u128> {
        let owed = self.owed(account);
        let amount = amount.unwrap_or(owed);
        if amount == 0 || amount > owed {
            return None;
        }
        let left = owed.saturating_sub(amount);
        if left == 0 {
            self.owed.remove(account);
        } else {
            self.owed.insert(account, &left);
        }
        Some(amount)
    }

    pub fn owed(&self, account: AccountId) -> u128 {
        self.owed.get(account).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payouts_summing_past_u128_mint_nothing_so_each_is_credited_instead() {
        let caller = AccountId::from([1; 32]);
        let mut fx = Effects::default();
        fx.pay(caller, u128::MAX, RewardReason::Keeper);
        assert_eq!(fx.minted_to(caller), Some(u128::MAX));
        fx.pay(caller, 1, RewardReason::Keeper);
        assert_eq!(fx.minted_to(caller), None);
        assert_eq!(fx.minted_to(AccountId::from([2; 32])), Some(0));
    }
}
