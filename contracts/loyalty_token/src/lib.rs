//! # Loyalty token
//!
//! The help desk's PSP22 token. Standard PSP22 (plus `PSP22Metadata`, `PSP22Burnable`,
//! `PSP22Mintable`) built on the `psp22` reference crate, so wallets and explorers see a plain
//! PSP22 with the standard selectors and `Transfer`/`Approval` events.
//!
//! On top of the standard:
//! - an owner (two-step transfer) who grants and revokes the **minter** role;
//! - a **mint allowance per epoch** for every minter, so a buggy or compromised minter (the help
//!   desk contract is one) cannot inflate the supply beyond it;
//! - an optional **supply cap**;
//! - `burn_from`: an approved spender burns a holder's tokens (how perks are paid for).
//!
//! The rules live in plain Rust ([`minting`]); this module only passes the caller and the block
//! time in and emits the events that come out.
//!
//! **Hot and cold code** ([`helpdesk_common::split`]): the PSP22 core and the desk's
//! `mint_to`/`burn_from` (marked `#[cfg(not(feature = "cold"))]`) and the standard extensions
//! (ink! cannot leave a trait's messages out of one blob) make the hot blob every call loads;
//! minter administration, ownership and the minting queries (marked
//! `#[cfg(not(feature = "hot"))]`) make the cold blob, run by delegate call for any other
//! selector. Built without either feature, this is the whole token, whose metadata wallets use.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// Each blob keeps only the helpers its messages use.
#![cfg_attr(
    any(feature = "hot", feature = "cold"),
    allow(dead_code, unused_imports)
)]

pub mod errors;
pub mod events;
pub mod minting;

pub use self::loyalty_token::{LoyaltyToken, LoyaltyTokenRef};
pub use errors::{Result, TokenError};

// The hot blob's entry points; the build passes the cold blob's code hash (it builds the cold
// blob first).
helpdesk_common::hot_entry_points!(crate::LoyaltyToken, "HELPDESK_COLD_LOYALTY_TOKEN");

#[ink::contract]
mod loyalty_token {
    use crate::errors::Result;
    use crate::events::TokenEvent;
    use crate::minting::{self, psp22_events, MintAuthority};
    use ink::prelude::{string::String, vec::Vec};
    use psp22::{PSP22Burnable, PSP22Data, PSP22Error, PSP22Metadata, PSP22Mintable, PSP22};

    #[ink(storage)]
    pub struct LoyaltyToken {
        ledger: PSP22Data,
        minting: MintAuthority,
        name: Option<String>,
        symbol: Option<String>,
        decimals: u8,
    }

    impl LoyaltyToken {
        /// Creates the token with no supply; the deployer becomes the owner. `supply_cap`
        /// bounds the total supply forever (`None`: only the per-minter epoch limits apply).
        /// A split build locks its cold blob against removal (the blob must be on chain).
        #[ink(constructor)]
        pub fn new(
            name: Option<String>,
            symbol: Option<String>,
            decimals: u8,
            supply_cap: Option<u128>,
        ) -> Self {
            // The token never changes code, so the lock never moves.
            helpdesk_common::split::hold(crate::COLD_CODE);
            Self {
                ledger: PSP22Data::default(),
                minting: MintAuthority::new(Self::env().caller(), supply_cap),
                name,
                symbol,
                decimals,
            }
        }

        /// Mints `value` new tokens to `to`. Caller: a minter. Errors: `NotMinter`,
        /// `MintAllowanceExceeded { remaining }`, `SupplyCapExceeded { remaining }`.
        /// Emits `Transfer { from: None, to, value }`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn mint_to(&mut self, to: AccountId, value: u128) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let events = self
                .minting
                .mint(&mut self.ledger, caller, now, to, value)?;
            self.emit(events);
            Ok(())
        }

        /// Burns `value` of `from`'s tokens using the allowance `from` gave the caller.
        /// Errors: `Psp22(InsufficientAllowance)`, `Psp22(InsufficientBalance)`.
        /// Emits `Approval` (lowered allowance) and `Transfer { to: None }`.
        #[cfg(not(feature = "cold"))]
        #[ink(message)]
        pub fn burn_from(&mut self, from: AccountId, value: u128) -> Result<()> {
            let caller = self.env().caller();
            let events = minting::burn_from(&mut self.ledger, caller, from, value)?;
            self.emit(events);
            Ok(())
        }

        /// Grants the minter role to `account`. Caller: the owner.
        /// Errors: `NotOwner`, `AlreadyMinter`. Emits `MinterGranted`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn grant_minter(&mut self, account: AccountId) -> Result<()> {
            let event = self.minting.grant_minter(self.env().caller(), account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Revokes the minter role of `account`. Caller: the owner.
        /// Errors: `NotOwner`, `MinterNotFound`. Emits `MinterRevoked`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn revoke_minter(&mut self, account: AccountId) -> Result<()> {
            let event = self.minting.revoke_minter(self.env().caller(), account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Sets how much each minter may mint per epoch of `epoch_length_ms` milliseconds.
        /// Caller: the owner. Errors: `NotOwner`, `InvalidEpochLength` (zero).
        /// Emits `MintLimitChanged`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn set_mint_limit(
            &mut self,
            epoch_length_ms: u64,
            amount_per_epoch: u128,
        ) -> Result<()> {
            let event = self.minting.set_mint_limit(
                self.env().caller(),
                epoch_length_ms,
                amount_per_epoch,
            )?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Proposes `new_owner`; ownership moves when it calls `accept_ownership`.
        /// Caller: the owner. Errors: `NotOwner`. Emits `OwnershipTransferStarted`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn transfer_ownership(&mut self, new_owner: AccountId) -> Result<()> {
            let event = self.minting.propose_owner(self.env().caller(), new_owner)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Completes an ownership transfer. Caller: the proposed owner.
        /// Errors: `NotPendingOwner`. Emits `OwnershipTransferred`.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn accept_ownership(&mut self) -> Result<()> {
            let event = self.minting.accept_owner(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The owner.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn owner(&self) -> AccountId {
            self.minting.owner()
        }

        /// The proposed owner, until it accepts.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn pending_owner(&self) -> Option<AccountId> {
            self.minting.pending_owner()
        }

        /// Whether `account` holds the minter role.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn is_minter(&self, account: AccountId) -> bool {
            self.minting.is_minter(account)
        }

        /// Epoch length (ms) and amount each minter may mint per epoch.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn mint_limit(&self) -> (u64, u128) {
            let limit = self.minting.mint_limit();
            (limit.epoch_length_ms, limit.limit)
        }

        /// Tokens `minter` may still mint in the current epoch (0 for a non-minter).
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn mint_allowance_remaining(&self, minter: AccountId) -> u128 {
            self.minting
                .remaining_allowance(minter, self.env().block_timestamp())
        }

        /// The supply cap, if any.
        #[cfg(not(feature = "hot"))]
        #[ink(message)]
        pub fn supply_cap(&self) -> Option<u128> {
            self.minting.supply_cap()
        }

        /// A token holding `supply` tokens minted to the caller, without any role set up: the
        /// starting point of the `psp22` crate's shared test suite.
        #[cfg(test)]
        pub(crate) fn with_supply(supply: u128) -> Self {
            let mut token = Self::new(None, None, 0, None);
            let (ledger, events) = psp22::PSP22Data::new(supply, Self::env().caller());
            token.ledger = ledger;
            token.emit_psp22(events);
            token
        }

        /// Emits the PSP22 events through their one `emit_event` instance (see [`TokenEvent`]);
        /// the owner's levers emit their [`crate::events::MinterEvent`] directly.
        fn emit(&self, events: impl IntoIterator<Item = TokenEvent>) {
            for event in events {
                self.env().emit_event(event);
            }
        }

        fn emit_psp22(&self, events: Vec<psp22::PSP22Event>) {
            self.emit(psp22_events(events));
        }
    }

    impl PSP22 for LoyaltyToken {
        /// Tokens in existence: minted minus burned.
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.ledger.total_supply()
        }

        /// Tokens `owner` holds (0 for an unknown account).
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.ledger.balance_of(owner)
        }

        /// Tokens `spender` may still move from `owner`'s balance with `transfer_from`.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.ledger.allowance(owner, spender)
        }

        /// Moves `value` of the caller's tokens to `to`; `_data` is ignored. A zero `value` or
        /// a transfer to oneself changes nothing and emits nothing.
        /// Errors: `InsufficientBalance`. Emits `Transfer`.
        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let events = self.ledger.transfer(self.env().caller(), to, value)?;
            self.emit_psp22(events);
            Ok(())
        }

        /// Moves `value` of `from`'s tokens to `to` using the allowance `from` gave the caller;
        /// `_data` is ignored. Errors: `InsufficientAllowance`, `InsufficientBalance`.
        /// Emits `Approval` (the lowered allowance) and `Transfer`.
        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let events = self
                .ledger
                .transfer_from(self.env().caller(), from, to, value)?;
            self.emit_psp22(events);
            Ok(())
        }

        /// Lets `spender` move up to `value` of the caller's tokens (replaces any earlier
        /// allowance). Emits `Approval`.
        #[ink(message)]
        fn approve(
            &mut self,
            spender: AccountId,
            value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            let events = self.ledger.approve(self.env().caller(), spender, value)?;
            self.emit_psp22(events);
            Ok(())
        }

        /// Raises `spender`'s allowance on the caller's tokens by `delta_value`, saturating at the
        /// largest amount. Emits `Approval`.
        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            let events =
                self.ledger
                    .increase_allowance(self.env().caller(), spender, delta_value)?;
            self.emit_psp22(events);
            Ok(())
        }

        /// Lowers `spender`'s allowance on the caller's tokens by `delta_value`.
        /// Errors: `InsufficientAllowance` (more than allowed). Emits `Approval`.
        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            let events =
                self.ledger
                    .decrease_allowance(self.env().caller(), spender, delta_value)?;
            self.emit_psp22(events);
            Ok(())
        }
    }

    impl PSP22Metadata for LoyaltyToken {
        /// The token's name, as set at creation.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.name.clone()
        }

        /// The token's ticker symbol, as set at creation.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.symbol.clone()
        }

        /// How many decimals a wallet shows: an amount of `n` tokens is `n * 10^decimals` units.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.decimals
        }
    }

    impl PSP22Burnable for LoyaltyToken {
        /// Destroys `value` of the caller's tokens, lowering the total supply.
        /// Errors: `InsufficientBalance`. Emits `Transfer { to: None }`.
        #[ink(message)]
        fn burn(&mut self, value: u128) -> core::result::Result<(), PSP22Error> {
            let events = self.ledger.burn(self.env().caller(), value)?;
            self.emit_psp22(events);
            Ok(())
        }
    }

    impl PSP22Mintable for LoyaltyToken {
        /// Mints `value` to the caller, under the same minter rules as `mint_to`; refusals come
        /// back as `PSP22Error::Custom("<TokenError variant>")`.
        #[ink(message)]
        fn mint(&mut self, value: u128) -> core::result::Result<(), PSP22Error> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let events = self
                .minting
                .mint(&mut self.ledger, caller, now, caller, value)?;
            self.emit(events);
            Ok(())
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
