//! Vote weight: tokens held in the governor's escrow, locked while they back a live vote or
//! proposal. Tokens in escrow cannot be moved, so moving them to a second account to vote again
//! is impossible, and borrowed tokens cannot be returned within the vote, so a flash loan buys
//! no weight.

use crate::errors::{GovernorError, Result};
use helpdesk_common::Timestamp;
use ink::primitives::AccountId;
use ink::storage::Mapping;

/// One account's escrow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Deposit {
    /// Tokens held: the account's vote weight.
    pub amount: u128,
    /// Before this time none of it may leave (the end of the latest vote it backs).
    pub locked_until: Timestamp,
}

/// Every account's escrow and their sum.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Escrow {
    deposits: Mapping<AccountId, Deposit>,
    total: u128,
}

impl Escrow {
    /// `account`'s escrow.
    pub fn of(&self, account: AccountId) -> Deposit {
        self.deposits.get(account).unwrap_or_default()
    }

    /// Tokens in escrow altogether.
    pub fn total(&self) -> u128 {
        self.total
    }

    /// Records `amount` more for `account` (after the token moved it here); its new escrow.
    pub fn deposit(&mut self, account: AccountId, amount: u128) -> Result<u128> {
        if amount == 0 {
            return Err(GovernorError::ZeroAmount);
        }
        let mut deposit = self.of(account);
        deposit.amount = deposit
            .amount
            .checked_add(amount)
            .ok_or(GovernorError::Overflow)?;
        self.total = self
            .total
            .checked_add(amount)
            .ok_or(GovernorError::Overflow)?;
        self.deposits.insert(account, &deposit);
        Ok(deposit.amount)
    }

    /// Takes `amount` out of `account`'s escrow at `now` (before the token returns it); what
    /// is left.
    pub fn withdraw(&mut self, account: AccountId, amount: u128, now: Timestamp) -> Result<u128> {
        if amount == 0 {
            return Err(GovernorError::ZeroAmount);
        }
        let mut deposit = self.of(account);
        if now < deposit.locked_until {
            return Err(GovernorError::EscrowLocked {
                until: deposit.locked_until,
            });
        }
        deposit.amount =
            deposit
                .amount
                .checked_sub(amount)
                .ok_or(GovernorError::InsufficientEscrow {
                    held: deposit.amount,
                })?;
        self.total = self.total.saturating_sub(amount);
        if deposit.amount == 0 {
            self.deposits.remove(account);
        } else {
            self.deposits.insert(account, &deposit);
        }
        Ok(deposit.amount)
    }

    /// Keeps `account`'s escrow in place until at least `until`.
    pub fn lock_until(&mut self, account: AccountId, until: Timestamp) {
        let mut deposit = self.of(account);
        if until > deposit.locked_until {
            deposit.locked_until = until;
            self.deposits.insert(account, &deposit);
        }
    }
}
