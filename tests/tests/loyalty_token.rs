//! The loyalty token's real WASM in the sandbox: roles, epoch cap, supply cap, transfer, burn,
//! events.

use helpdesk_sandbox::suite::{DAY_MS, START_MS};
use helpdesk_sandbox::{
    account, token_at, AccountId, Chain, ChainExt, Contract, Message, SandboxChain, TokenCalls,
};
use loyalty_token::events::{MintLimitChanged, MinterGranted};
use loyalty_token::{LoyaltyTokenRef, TokenError};
use psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22Mintable, Transfer, PSP22};

fn owner() -> AccountId {
    account(1)
}
fn minter() -> AccountId {
    account(2)
}
fn customer() -> AccountId {
    account(3)
}
fn stranger() -> AccountId {
    account(4)
}

/// The token alone on a sandbox chain, and who sends the next calls.
struct Token {
    chain: Chain,
    address: AccountId,
    actor: AccountId,
}

impl Token {
    /// Deploys the token (`HELP`, 2 decimals, a supply cap of 1000) at [`START_MS`] as
    /// `owner()`, grants `minter()` a daily allowance of 100, and acts as the minter.
    fn with_minter() -> Self {
        let mut chain = Chain::new(SandboxChain::default());
        chain.backend.set_time(START_MS);
        let address = chain.deploy(
            &owner(),
            Contract::LoyaltyToken,
            LoyaltyTokenRef::new(
                Some("Help Points".into()),
                Some("HELP".into()),
                2,
                Some(1000),
            ),
        );
        let mut token = Self {
            chain,
            address,
            actor: owner(),
        };
        assert_eq!(token.call(|t| t.grant_minter(minter())), Ok(()));
        assert_eq!(
            token.events::<MinterGranted>(),
            [MinterGranted { account: minter() }]
        );
        assert_eq!(token.call(|t| t.set_mint_limit(DAY_MS, 100)), Ok(()));
        assert_eq!(
            token.events::<MintLimitChanged>(),
            [MintLimitChanged {
                epoch_length_ms: DAY_MS,
                amount_per_epoch: 100
            }]
        );
        token.as_(&minter());
        token
    }

    /// Makes `who` the caller of the next calls (funded with native tokens for fees).
    fn as_(&mut self, who: &AccountId) {
        self.chain.backend.fund(who);
        self.actor = *who;
    }

    /// Builds a new block at `now_ms`.
    fn advance_to(&mut self, now_ms: u64) {
        self.chain.backend.advance_to(now_ms);
    }

    /// Sends a token message as the current actor and returns what it returned (a refusal is
    /// the message's own `Err`). Panics if the call fails below the contract.
    fn call<M: Message>(&mut self, message: impl FnOnce(&mut TokenCalls) -> M) -> M::Output {
        let message = message(&mut token_at(self.address));
        let actor = self.actor;
        self.chain
            .call(&actor, message)
            .unwrap_or_else(|e| panic!("the call failed: {e}"))
    }

    /// Mints `value` to `to` as the current actor, which must succeed.
    fn mint(&mut self, to: AccountId, value: u128) {
        assert_eq!(
            self.call(|t| t.mint_to(to, value)),
            Ok(()),
            "minting {value} to {to:?}"
        );
    }

    /// Events of type `E` the last call emitted.
    fn events<E: ink::env::Event + ink::scale::Decode>(&self) -> Vec<E> {
        self.chain.events::<E>()
    }

    /// `(from, to, value)` of each `Transfer` the last call emitted (the psp22 crate's events
    /// are not comparable).
    fn transfers(&self) -> Vec<(Option<AccountId>, Option<AccountId>, u128)> {
        self.events::<Transfer>()
            .into_iter()
            .map(|e| (e.from, e.to, e.value))
            .collect()
    }

    fn balance_of(&mut self, who: AccountId) -> u128 {
        self.call(|t| t.balance_of(who))
    }

    fn total_supply(&mut self) -> u128 {
        self.call(|t| t.total_supply())
    }
}

#[test]
fn metadata_is_standard_psp22() {
    let mut token = Token::with_minter();
    let name = token.call(|t| t.token_name());
    let decimals = token.call(|t| t.token_decimals());
    assert_eq!((name.as_deref(), decimals), (Some("Help Points"), 2));
}

#[test]
fn minter_mints_and_the_transfer_event_says_so() {
    let mut token = Token::with_minter();
    token.mint(customer(), 40);
    assert_eq!(token.transfers(), [(None, Some(customer()), 40)]);
    assert_eq!(token.balance_of(customer()), 40);
    assert_eq!(token.total_supply(), 40);
}

#[test]
fn a_non_minter_is_refused_with_not_minter() {
    let mut token = Token::with_minter();
    for who in [owner(), customer(), stranger()] {
        token.as_(&who);
        assert_eq!(
            token.call(|t| t.mint_to(who, 1)),
            Err(TokenError::NotMinter)
        );
    }
    // The standard PSP22Mintable::mint refuses too, through PSP22Error::Custom.
    assert_eq!(
        token.call(|t| t.mint(1)),
        Err(PSP22Error::Custom("NotMinter".into()))
    );
    assert_eq!(token.total_supply(), 0);
}

#[test]
fn a_stranger_cannot_manage_roles() {
    let mut token = Token::with_minter();
    token.as_(&stranger());
    assert_eq!(
        token.call(|t| t.grant_minter(stranger())),
        Err(TokenError::NotOwner)
    );
    assert_eq!(
        token.call(|t| t.set_mint_limit(1, 1000)),
        Err(TokenError::NotOwner)
    );
    assert!(!token.call(|t| t.is_minter(stranger())));
}

#[test]
fn epoch_cap_is_reached_then_reset_when_time_advances() {
    let mut token = Token::with_minter();
    token.mint(customer(), 70);
    assert_eq!(
        token.call(|t| t.mint_to(customer(), 31)),
        Err(TokenError::MintAllowanceExceeded { remaining: 30 })
    );
    token.mint(customer(), 30);
    assert_eq!(
        token.call(|t| t.mint_to(customer(), 1)),
        Err(TokenError::MintAllowanceExceeded { remaining: 0 })
    );

    token.advance_to(START_MS + DAY_MS);
    token.mint(customer(), 100);
    assert_eq!(token.balance_of(customer()), 200);
}

#[test]
fn supply_cap_holds_across_epochs() {
    let mut token = Token::with_minter();
    for day in 0..10 {
        token.advance_to(START_MS + day * DAY_MS);
        token.mint(customer(), 100);
    }
    token.advance_to(START_MS + 10 * DAY_MS);
    assert_eq!(
        token.call(|t| t.mint_to(customer(), 1)),
        Err(TokenError::SupplyCapExceeded { remaining: 0 })
    );
    assert_eq!(token.total_supply(), 1000);
}

#[test]
fn holders_transfer_and_burn() {
    let mut token = Token::with_minter();
    token.mint(customer(), 50);
    token.as_(&customer());
    assert_eq!(
        token.call(|t| t.transfer(stranger(), 20, Vec::new())),
        Ok(())
    );
    assert_eq!(
        token.transfers(),
        [(Some(customer()), Some(stranger()), 20)]
    );
    assert_eq!(token.call(|t| t.burn(5)), Ok(()));
    assert_eq!(token.balance_of(customer()), 25);
    assert_eq!(token.balance_of(stranger()), 20);
    assert_eq!(token.total_supply(), 45);

    assert_eq!(
        token.call(|t| t.transfer(stranger(), 26, Vec::new())),
        Err(PSP22Error::InsufficientBalance)
    );
}

#[test]
fn an_approved_spender_burns_from_a_holder() {
    let mut token = Token::with_minter();
    token.mint(customer(), 50);
    token.as_(&customer());
    assert_eq!(token.call(|t| t.approve(stranger(), 10)), Ok(()));
    token.as_(&stranger());
    assert_eq!(
        token.call(|t| t.burn_from(customer(), 11)),
        Err(TokenError::Psp22(PSP22Error::InsufficientAllowance))
    );
    assert_eq!(token.call(|t| t.burn_from(customer(), 10)), Ok(()));
    assert_eq!(token.transfers(), [(Some(customer()), None, 10)]);
    assert_eq!(token.balance_of(customer()), 40);
    assert_eq!(token.total_supply(), 40);
}
