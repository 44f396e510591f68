//! Who may mint, how much per epoch, and up to which total supply; who may burn from whom.
//!
//! Plain Rust over storage types: the caller and the time come in as arguments and the
//! events to emit come out, so every rule here is unit-testable without a chain.

use crate::errors::{Result, TokenError};
use crate::events::{MintLimitChanged, MinterEvent, MinterGranted, MinterRevoked, TokenEvent};
use helpdesk_common::ownership::Ownership;
use helpdesk_common::quota::{EpochLimit, EpochUsage, QuotaExceeded};
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::Mapping;
use psp22::{PSP22Data, PSP22Error, PSP22Event};

/// Epoch length a new token starts with: one day.
pub const DEFAULT_EPOCH_LENGTH_MS: u64 = helpdesk_common::time::DAY_MS;

/// The owner, the minters with their usage in the current epoch, the per-minter limit and the
/// supply cap.
#[ink::storage_item]
#[derive(Debug)]
pub struct MintAuthority {
    ownership: Ownership,
    /// Presence of a key is the minter role; the value is that minter's usage.
    minters: Mapping<AccountId, EpochUsage>,
    limit: EpochLimit,
    supply_cap: Option<u128>,
}

impl MintAuthority {
    /// `owner` in charge, no minters, a one-day epoch with an allowance of zero until the owner
    /// sets one with [`MintAuthority::set_mint_limit`].
    pub fn new(owner: AccountId, supply_cap: Option<u128>) -> Self {
        Self {
            ownership: Ownership::new(owner),
            minters: Mapping::default(),
            limit: EpochLimit {
                epoch_length_ms: DEFAULT_EPOCH_LENGTH_MS,
                limit: 0,
            },
            supply_cap,
        }
    }

    pub fn owner(&self) -> AccountId {
        self.ownership.owner()
    }

    pub fn pending_owner(&self) -> Option<AccountId> {
        self.ownership.pending_owner()
    }

    pub fn is_minter(&self, account: AccountId) -> bool {
        self.minters.contains(account)
    }

    pub fn mint_limit(&self) -> EpochLimit {
        self.limit
    }

    pub fn supply_cap(&self) -> Option<u128> {
        self.supply_cap
    }

    /// Tokens `minter` may still mint in the epoch containing `now` (0 for a non-minter).
    pub fn remaining_allowance(&self, minter: AccountId, now: Timestamp) -> u128 {
        self.minters
            .get(minter)
            .map_or(0, |usage| self.limit.remaining(usage, now))
    }

    pub fn propose_owner(
        &mut self,
        caller: AccountId,
        new_owner: AccountId,
    ) -> Result<MinterEvent> {
        Ok(MinterEvent::OwnershipTransferStarted(
            self.ownership.propose(caller, new_owner)?,
        ))
    }

    pub fn accept_owner(&mut self, caller: AccountId) -> Result<MinterEvent> {
        Ok(MinterEvent::OwnershipTransferred(
            self.ownership.accept(caller)?,
        ))
    }

    pub fn grant_minter(&mut self, caller: AccountId, account: AccountId) -> Result<MinterEvent> {
        self.ownership.ensure_owner(caller)?;
        if self.is_minter(account) {
            return Err(TokenError::AlreadyMinter);
        }
        self.minters.insert(account, &EpochUsage::default());
        Ok(MinterEvent::MinterGranted(MinterGranted { account }))
    }

    pub fn revoke_minter(&mut self, caller: AccountId, account: AccountId) -> Result<MinterEvent> {
        self.ownership.ensure_owner(caller)?;
        if !self.is_minter(account) {
            return Err(TokenError::MinterNotFound);
        }
        self.minters.remove(account);
        Ok(MinterEvent::MinterRevoked(MinterRevoked { account }))
    }

    pub fn set_mint_limit(
        &mut self,
        caller: AccountId,
        epoch_length_ms: u64,
        amount_per_epoch: u128,
    ) -> Result<MinterEvent> {
        self.ownership.ensure_owner(caller)?;
        self.limit = EpochLimit::new(epoch_length_ms, amount_per_epoch)
            .ok_or(TokenError::InvalidEpochLength)?;
        Ok(MinterEvent::MintLimitChanged(MintLimitChanged {
            epoch_length_ms,
            amount_per_epoch,
        }))
    }

    /// `caller` mints `value` new tokens to `to`: it must be a minter with enough allowance
    /// left in this epoch, and the supply must stay within the cap.
    pub fn mint(
        &mut self,
        ledger: &mut PSP22Data,
        caller: AccountId,
        now: Timestamp,
        to: AccountId,
        value: u128,
    ) -> Result<Vec<TokenEvent>> {
        let usage = self.minters.get(caller).ok_or(TokenError::NotMinter)?;
        let usage = self
            .limit
            .take(usage, now, value)
            .map_err(
                |QuotaExceeded { remaining }| TokenError::MintAllowanceExceeded { remaining },
            )?;
        if let Some(cap) = self.supply_cap {
            let remaining = cap.saturating_sub(ledger.total_supply());
            if value > remaining {
                return Err(TokenError::SupplyCapExceeded { remaining });
            }
        }
        // Every check passed; `mint` itself can only fail on u128 overflow, before writing.
        let events = ledger.mint(to, value)?;
        self.minters.insert(caller, &usage);
        Ok(psp22_events(events))
    }
}

/// `spender` burns `value` of `from`'s tokens, spending the allowance `from` gave it (or its own
/// tokens when `spender == from`). Emits `Approval` with the lowered allowance and `Transfer` to
/// `None`. Both checks run before anything is written.
pub fn burn_from(
    ledger: &mut PSP22Data,
    spender: AccountId,
    from: AccountId,
    value: u128,
) -> Result<Vec<TokenEvent>> {
    if value == 0 {
        return Ok(Vec::new());
    }
    let mut events = Vec::new();
    if spender != from {
        if ledger.allowance(from, spender) < value {
            return Err(PSP22Error::InsufficientAllowance.into());
        }
        if ledger.balance_of(from) < value {
            return Err(PSP22Error::InsufficientBalance.into());
        }
        events.extend(ledger.decrease_allowance(from, spender, value)?);
    }
    events.extend(ledger.burn(from, value)?);
    Ok(psp22_events(events))
}

/// Wraps the PSP22 crate's events for [`TokenEvent`].
pub fn psp22_events(events: Vec<PSP22Event>) -> Vec<TokenEvent> {
    events.into_iter().map(TokenEvent).collect()
}
