//! `#[ink::test]` unit tests: the `psp22` crate's standard suite, then every message of the
//! token's own (roles, epoch limits, cap, burn_from, ownership), including each refusal.

use crate::events::{
    MintLimitChanged, MinterGranted, MinterRevoked, OwnershipTransferStarted, OwnershipTransferred,
};
use crate::{LoyaltyToken, TokenError};
use ink::env::test::{default_accounts, recorded_events, set_block_timestamp, set_caller};
use ink::env::DefaultEnvironment as E;
use ink::primitives::AccountId;
use ink::scale::Decode;
use psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22Mintable, Transfer, PSP22};

psp22::tests!(LoyaltyToken, LoyaltyToken::with_supply);

use helpdesk_common::time::DAY_MS as DAY;

fn alice() -> AccountId {
    default_accounts::<E>().alice
}
fn bob() -> AccountId {
    default_accounts::<E>().bob
}
fn charlie() -> AccountId {
    default_accounts::<E>().charlie
}
fn eve() -> AccountId {
    default_accounts::<E>().eve
}

/// A token owned by Alice, with Bob as minter allowed `per_day` tokens a day.
fn token_with_minter(per_day: u128, cap: Option<u128>) -> LoyaltyToken {
    set_caller::<E>(alice());
    let mut token = LoyaltyToken::new(Some("Help".into()), Some("HLP".into()), 2, cap);
    token.grant_minter(bob()).unwrap();
    token.set_mint_limit(DAY, per_day).unwrap();
    token
}

fn event_count() -> usize {
    recorded_events().count()
}

fn last_event<T: Decode>() -> T {
    let event = recorded_events().last().expect("an event");
    T::decode(&mut &event.data[..]).expect("event of the expected type")
}

#[ink::test]
fn constructor_sets_metadata_owner_and_cap() {
    set_caller::<E>(alice());
    let token = LoyaltyToken::new(Some("Help".into()), Some("HLP".into()), 2, Some(1000));
    assert_eq!(token.token_name(), Some("Help".into()));
    assert_eq!(token.token_symbol(), Some("HLP".into()));
    assert_eq!(token.token_decimals(), 2);
    assert_eq!(token.supply_cap(), Some(1000));
    assert_eq!(token.owner(), alice());
    assert_eq!(token.pending_owner(), None);
    assert_eq!(token.total_supply(), 0);
    assert_eq!(token.mint_limit(), (DAY, 0));
    assert_eq!(event_count(), 0);
}

#[ink::test]
fn minter_mints_to_anyone_and_emits_transfer() {
    let mut token = token_with_minter(100, None);
    set_caller::<E>(bob());
    assert_eq!(token.mint_to(charlie(), 40), Ok(()));
    assert_eq!(token.balance_of(charlie()), 40);
    assert_eq!(token.total_supply(), 40);
    let event: Transfer = last_event();
    assert_eq!(
        (event.from, event.to, event.value),
        (None, Some(charlie()), 40)
    );
    assert_eq!(token.mint_allowance_remaining(bob()), 60);
}

#[ink::test]
fn psp22_mint_mints_to_the_minter_itself() {
    let mut token = token_with_minter(100, None);
    set_caller::<E>(bob());
    assert_eq!(token.mint(30), Ok(()));
    assert_eq!(token.balance_of(bob()), 30);
}

#[ink::test]
fn non_minters_cannot_mint() {
    let mut token = token_with_minter(100, None);
    let before = event_count();
    for caller in [alice(), charlie(), eve()] {
        set_caller::<E>(caller);
        assert_eq!(token.mint_to(caller, 1), Err(TokenError::NotMinter));
        assert_eq!(token.mint(1), Err(PSP22Error::Custom("NotMinter".into())));
    }
    assert_eq!(token.total_supply(), 0);
    assert_eq!(event_count(), before);
}

#[ink::test]
fn the_epoch_allowance_caps_minting_and_refills_next_epoch() {
    let mut token = token_with_minter(100, None);
    set_block_timestamp::<E>(5 * DAY + 1);
    set_caller::<E>(bob());
    token.mint_to(charlie(), 70).unwrap();
    assert_eq!(
        token.mint_to(charlie(), 31),
        Err(TokenError::MintAllowanceExceeded { remaining: 30 })
    );
    token.mint_to(charlie(), 30).unwrap();
    assert_eq!(
        token.mint_to(charlie(), 1),
        Err(TokenError::MintAllowanceExceeded { remaining: 0 })
    );
    assert_eq!(token.total_supply(), 100);
    set_block_timestamp::<E>(6 * DAY);
    assert_eq!(token.mint_allowance_remaining(bob()), 100);
    token.mint_to(charlie(), 100).unwrap();
    assert_eq!(token.balance_of(charlie()), 200);
}

#[ink::test]
fn each_minter_has_its_own_allowance() {
    let mut token = token_with_minter(50, None);
    token.grant_minter(charlie()).unwrap();
    set_caller::<E>(bob());
    token.mint_to(bob(), 50).unwrap();
    set_caller::<E>(charlie());
    token.mint_to(charlie(), 50).unwrap();
    assert_eq!(token.total_supply(), 100);
}

#[ink::test]
fn the_supply_cap_is_never_exceeded() {
    let mut token = token_with_minter(1_000, Some(150));
    set_caller::<E>(bob());
    token.mint_to(charlie(), 100).unwrap();
    assert_eq!(
        token.mint_to(charlie(), 51),
        Err(TokenError::SupplyCapExceeded { remaining: 50 })
    );
    // The refused mint used none of the allowance.
    assert_eq!(token.mint_allowance_remaining(bob()), 900);
    token.mint_to(charlie(), 50).unwrap();
    assert_eq!(token.total_supply(), 150);
}

#[ink::test]
fn burning_frees_room_under_the_cap() {
    let mut token = token_with_minter(1_000, Some(100));
    set_caller::<E>(bob());
    token.mint_to(bob(), 100).unwrap();
    token.burn(40).unwrap();
    assert_eq!(token.total_supply(), 60);
    token.mint_to(bob(), 40).unwrap();
    assert_eq!(token.total_supply(), 100);
}

#[ink::test]
fn a_new_token_mints_nothing_until_the_owner_sets_a_limit() {
    set_caller::<E>(alice());
    let mut token = LoyaltyToken::new(None, None, 0, None);
    token.grant_minter(bob()).unwrap();
    set_caller::<E>(bob());
    assert_eq!(
        token.mint_to(bob(), 1),
        Err(TokenError::MintAllowanceExceeded { remaining: 0 })
    );
}

#[ink::test]
fn only_the_owner_manages_minters_and_limits() {
    let mut token = token_with_minter(100, None);
    set_caller::<E>(eve());
    let before = event_count();
    assert_eq!(token.grant_minter(eve()), Err(TokenError::NotOwner));
    assert_eq!(token.revoke_minter(bob()), Err(TokenError::NotOwner));
    assert_eq!(
        token.set_mint_limit(DAY, u128::MAX),
        Err(TokenError::NotOwner)
    );
    set_caller::<E>(bob());
    assert_eq!(token.grant_minter(eve()), Err(TokenError::NotOwner));
    assert_eq!(event_count(), before);
    assert!(!token.is_minter(eve()));
    assert!(token.is_minter(bob()));
    assert_eq!(token.mint_limit(), (DAY, 100));
}

#[ink::test]
fn grant_and_revoke_emit_events_and_take_effect() {
    let mut token = token_with_minter(100, None);
    token.grant_minter(charlie()).unwrap();
    assert_eq!(
        last_event::<MinterGranted>(),
        MinterGranted { account: charlie() }
    );
    assert_eq!(
        token.grant_minter(charlie()),
        Err(TokenError::AlreadyMinter)
    );
    token.revoke_minter(bob()).unwrap();
    assert_eq!(
        last_event::<MinterRevoked>(),
        MinterRevoked { account: bob() }
    );
    assert_eq!(token.revoke_minter(bob()), Err(TokenError::MinterNotFound));
    set_caller::<E>(bob());
    assert_eq!(token.mint_to(bob(), 1), Err(TokenError::NotMinter));
    assert_eq!(token.mint_allowance_remaining(bob()), 0);
}

#[ink::test]
fn set_mint_limit_validates_and_emits() {
    let mut token = token_with_minter(100, None);
    assert_eq!(
        token.set_mint_limit(0, 5),
        Err(TokenError::InvalidEpochLength)
    );
    assert_eq!(token.mint_limit(), (DAY, 100));
    token.set_mint_limit(60_000, 5).unwrap();
    assert_eq!(
        last_event::<MintLimitChanged>(),
        MintLimitChanged {
            epoch_length_ms: 60_000,
            amount_per_epoch: 5
        }
    );
    assert_eq!(token.mint_limit(), (60_000, 5));
}

#[ink::test]
fn ownership_moves_in_two_steps() {
    let mut token = token_with_minter(100, None);
    token.transfer_ownership(charlie()).unwrap();
    assert_eq!(
        last_event::<OwnershipTransferStarted>(),
        OwnershipTransferStarted {
            owner: alice(),
            pending_owner: charlie()
        }
    );
    assert_eq!(token.owner(), alice());
    assert_eq!(token.pending_owner(), Some(charlie()));

    set_caller::<E>(eve());
    assert_eq!(token.accept_ownership(), Err(TokenError::NotPendingOwner));
    assert_eq!(token.transfer_ownership(eve()), Err(TokenError::NotOwner));

    set_caller::<E>(charlie());
    token.accept_ownership().unwrap();
    assert_eq!(
        last_event::<OwnershipTransferred>(),
        OwnershipTransferred {
            previous_owner: alice(),
            new_owner: charlie()
        }
    );
    assert_eq!(token.owner(), charlie());
    assert_eq!(token.pending_owner(), None);
    token.grant_minter(eve()).unwrap();

    set_caller::<E>(alice());
    assert_eq!(token.grant_minter(alice()), Err(TokenError::NotOwner));
}

#[ink::test]
fn burn_from_spends_the_allowance() {
    let mut token = token_with_minter(1_000, None);
    set_caller::<E>(bob());
    token.mint_to(charlie(), 100).unwrap();
    set_caller::<E>(charlie());
    token.approve(bob(), 30).unwrap();

    set_caller::<E>(bob());
    token.burn_from(charlie(), 20).unwrap();
    assert_eq!(token.balance_of(charlie()), 80);
    assert_eq!(token.allowance(charlie(), bob()), 10);
    assert_eq!(token.total_supply(), 80);
    let event: Transfer = last_event();
    assert_eq!(
        (event.from, event.to, event.value),
        (Some(charlie()), None, 20)
    );
}

#[ink::test]
fn burn_from_refuses_without_allowance_or_balance() {
    let mut token = token_with_minter(1_000, None);
    set_caller::<E>(bob());
    token.mint_to(charlie(), 10).unwrap();
    set_caller::<E>(charlie());
    token.approve(bob(), 50).unwrap();
    let before = event_count();

    set_caller::<E>(eve());
    assert_eq!(
        token.burn_from(charlie(), 1),
        Err(TokenError::Psp22(PSP22Error::InsufficientAllowance))
    );
    set_caller::<E>(bob());
    assert_eq!(
        token.burn_from(charlie(), 11),
        Err(TokenError::Psp22(PSP22Error::InsufficientBalance))
    );
    assert_eq!(token.balance_of(charlie()), 10);
    assert_eq!(token.allowance(charlie(), bob()), 50);
    assert_eq!(event_count(), before);
}

#[ink::test]
fn burn_from_self_needs_no_allowance_and_zero_is_a_no_op() {
    let mut token = token_with_minter(1_000, None);
    set_caller::<E>(bob());
    token.mint_to(bob(), 10).unwrap();
    token.burn_from(bob(), 4).unwrap();
    assert_eq!(token.balance_of(bob()), 6);
    let before = event_count();
    token.burn_from(charlie(), 0).unwrap();
    assert_eq!(event_count(), before);
}

#[ink::test]
fn burn_refuses_more_than_the_balance() {
    let mut token = token_with_minter(1_000, None);
    set_caller::<E>(bob());
    token.mint_to(bob(), 10).unwrap();
    assert_eq!(token.burn(11), Err(PSP22Error::InsufficientBalance));
    assert_eq!(token.balance_of(bob()), 10);
}
