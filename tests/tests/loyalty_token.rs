//! The loyalty token's real WASM in the sandbox: roles, epoch cap, transfer, burn, events.

use helpdesk_sandbox::legacy::suite::{DAY_MS, START_MS};
use helpdesk_sandbox::legacy::{
    account, arg, ink_account, AccountId32, Contract, Sandbox, SandboxExt,
};
use loyalty_token::events::{MintLimitChanged, MinterGranted};
use loyalty_token::TokenError;
use psp22::{PSP22Error, Transfer};

fn owner() -> AccountId32 {
    account(1)
}
fn minter() -> AccountId32 {
    account(2)
}
fn customer() -> AccountId32 {
    account(3)
}
fn stranger() -> AccountId32 {
    account(4)
}

/// Deploys the token as `owner()`, grants `minter()` a daily allowance of 100, and returns the
/// session acting as the minter.
fn token_with_minter() -> Sandbox {
    let mut session = Sandbox::default();
    session.act_as(&owner());
    session.set_time(START_MS);
    session.deploy_contract(
        Contract::LoyaltyToken,
        "new",
        &[
            "Some(\"Help Points\")".into(),
            "Some(\"HELP\")".into(),
            "2".into(),
            "Some(1000)".into(),
        ],
    );
    ok(&mut session, "grant_minter", &[arg(&minter())]);
    assert_eq!(
        session.events::<MinterGranted>(),
        [MinterGranted {
            account: ink_account(&minter())
        }]
    );
    ok(
        &mut session,
        "set_mint_limit",
        &[DAY_MS.to_string(), "100".into()],
    );
    assert_eq!(
        session.events::<MintLimitChanged>(),
        [MintLimitChanged {
            epoch_length_ms: DAY_MS,
            amount_per_epoch: 100
        }]
    );
    session.act_as(&minter());
    session
}

/// Calls a message that returns `Result<(), TokenError>` and expects `Ok`.
fn ok(session: &mut Sandbox, message: &str, args: &[String]) {
    session
        .call::<_, Result<(), TokenError>>(message, args, None)
        .expect("call succeeds")
        .expect("no LangError")
        .expect("message returns Ok");
}

/// Calls a message that returns `Result<(), TokenError>` and returns the error it reverted with.
fn refused(session: &mut Sandbox, message: &str, args: &[String]) -> TokenError {
    session
        .call_and_expect_error::<_, TokenError>(message, args, None)
        .expect("call reverts with a TokenError")
}

fn balance_of(session: &mut Sandbox, who: &AccountId32) -> u128 {
    session
        .call::<_, u128>("PSP22::balance_of", &[arg(who)], None)
        .expect("query succeeds")
        .expect("no LangError")
}

fn total_supply(session: &mut Sandbox) -> u128 {
    session
        .call::<_, u128>("PSP22::total_supply", &[] as &[String], None)
        .expect("query succeeds")
        .expect("no LangError")
}

#[test]
fn metadata_is_standard_psp22() {
    let mut session = token_with_minter();
    let name = session
        .call::<_, Option<String>>("PSP22Metadata::token_name", &[] as &[String], None)
        .unwrap()
        .unwrap();
    let decimals = session
        .call::<_, u8>("PSP22Metadata::token_decimals", &[] as &[String], None)
        .unwrap()
        .unwrap();
    assert_eq!((name.as_deref(), decimals), (Some("Help Points"), 2));
}

#[test]
fn minter_mints_and_the_transfer_event_says_so() {
    let mut session = token_with_minter();
    ok(&mut session, "mint_to", &[arg(&customer()), "40".into()]);
    let minted = session.events::<Transfer>();
    assert_eq!(minted.len(), 1);
    assert_eq!(
        (minted[0].from, minted[0].to, minted[0].value),
        (None, Some(ink_account(&customer())), 40)
    );
    assert_eq!(balance_of(&mut session, &customer()), 40);
    assert_eq!(total_supply(&mut session), 40);
}

#[test]
fn a_non_minter_is_refused_with_not_minter() {
    let mut session = token_with_minter();
    for who in [owner(), customer(), stranger()] {
        session.act_as(&who);
        assert_eq!(
            refused(&mut session, "mint_to", &[arg(&who), "1".into()]),
            TokenError::NotMinter
        );
    }
    // The standard PSP22Mintable::mint refuses too, through PSP22Error::Custom.
    let error = session
        .call_and_expect_error::<_, PSP22Error>("PSP22Mintable::mint", &["1".to_string()], None)
        .unwrap();
    assert_eq!(error, PSP22Error::Custom("NotMinter".into()));
    assert_eq!(total_supply(&mut session), 0);
}

#[test]
fn a_stranger_cannot_manage_roles() {
    let mut session = token_with_minter();
    session.act_as(&stranger());
    assert_eq!(
        refused(&mut session, "grant_minter", &[arg(&stranger())]),
        TokenError::NotOwner
    );
    assert_eq!(
        refused(&mut session, "set_mint_limit", &["1".into(), "1000".into()]),
        TokenError::NotOwner
    );
    let is_minter = session
        .call::<_, bool>("is_minter", &[arg(&stranger())], None)
        .unwrap()
        .unwrap();
    assert!(!is_minter);
}

#[test]
fn epoch_cap_is_reached_then_reset_when_time_advances() {
    let mut session = token_with_minter();
    ok(&mut session, "mint_to", &[arg(&customer()), "70".into()]);
    assert_eq!(
        refused(&mut session, "mint_to", &[arg(&customer()), "31".into()]),
        TokenError::MintAllowanceExceeded { remaining: 30 }
    );
    ok(&mut session, "mint_to", &[arg(&customer()), "30".into()]);
    assert_eq!(
        refused(&mut session, "mint_to", &[arg(&customer()), "1".into()]),
        TokenError::MintAllowanceExceeded { remaining: 0 }
    );

    session.advance_to(START_MS + DAY_MS);
    ok(&mut session, "mint_to", &[arg(&customer()), "100".into()]);
    assert_eq!(balance_of(&mut session, &customer()), 200);
}

#[test]
fn supply_cap_holds_across_epochs() {
    let mut session = token_with_minter();
    for day in 0..10 {
        session.advance_to(START_MS + day * DAY_MS);
        ok(&mut session, "mint_to", &[arg(&customer()), "100".into()]);
    }
    session.advance_to(START_MS + 10 * DAY_MS);
    assert_eq!(
        refused(&mut session, "mint_to", &[arg(&customer()), "1".into()]),
        TokenError::SupplyCapExceeded { remaining: 0 }
    );
    assert_eq!(total_supply(&mut session), 1000);
}

#[test]
fn holders_transfer_and_burn() {
    let mut session = token_with_minter();
    ok(&mut session, "mint_to", &[arg(&customer()), "50".into()]);
    session.act_as(&customer());
    session
        .call::<_, Result<(), PSP22Error>>(
            "PSP22::transfer",
            &[arg(&stranger()), "20".into(), "[]".into()],
            None,
        )
        .unwrap()
        .unwrap()
        .unwrap();
    let moved = session.events::<Transfer>();
    assert_eq!(
        (moved[0].from, moved[0].to, moved[0].value),
        (
            Some(ink_account(&customer())),
            Some(ink_account(&stranger())),
            20
        )
    );
    session
        .call::<_, Result<(), PSP22Error>>("PSP22Burnable::burn", &["5".to_string()], None)
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(balance_of(&mut session, &customer()), 25);
    assert_eq!(balance_of(&mut session, &stranger()), 20);
    assert_eq!(total_supply(&mut session), 45);

    let error = session
        .call_and_expect_error::<_, PSP22Error>(
            "PSP22::transfer",
            &[arg(&stranger()), "26".into(), "[]".into()],
            None,
        )
        .unwrap();
    assert_eq!(error, PSP22Error::InsufficientBalance);
}

#[test]
fn an_approved_spender_burns_from_a_holder() {
    let mut session = token_with_minter();
    ok(&mut session, "mint_to", &[arg(&customer()), "50".into()]);
    session.act_as(&customer());
    session
        .call::<_, Result<(), PSP22Error>>("PSP22::approve", &[arg(&stranger()), "10".into()], None)
        .unwrap()
        .unwrap()
        .unwrap();
    session.act_as(&stranger());
    assert_eq!(
        refused(&mut session, "burn_from", &[arg(&customer()), "11".into()]),
        TokenError::Psp22(PSP22Error::InsufficientAllowance)
    );
    ok(&mut session, "burn_from", &[arg(&customer()), "10".into()]);
    let burned = session.events::<Transfer>();
    assert_eq!(
        (burned[0].from, burned[0].to, burned[0].value),
        (Some(ink_account(&customer())), None, 10)
    );
    assert_eq!(balance_of(&mut session, &customer()), 40);
    assert_eq!(total_supply(&mut session), 40);
}
