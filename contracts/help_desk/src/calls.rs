//! The calls the desk makes to other code: the loyalty token's `mint_to` and `burn_from`, and a
//! candidate code's `storage_version` (run on the desk's own storage before an upgrade).

use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::{AccountId, Hash};

/// The loyalty-token messages the desk calls.
pub enum TokenMessage {
    /// `PSP22Mintable`-style `mint_to(account, amount)` of the loyalty token.
    MintTo,
    /// `burn_from(account, amount)`: spends an allowance the account gave the desk.
    BurnFrom,
}

/// Calls the token at `token` with `message(account, amount)`; `true` if it returned `Ok`.
pub fn token_call(
    token: AccountId,
    message: TokenMessage,
    account: AccountId,
    amount: u128,
) -> bool {
    let selector = match message {
        TokenMessage::MintTo => Selector::new(ink::selector_bytes!("mint_to")),
        TokenMessage::BurnFrom => Selector::new(ink::selector_bytes!("burn_from")),
    };
    let result = build_call::<DefaultEnvironment>()
        .call(token)
        .exec_input(
            ExecutionInput::new(selector)
                .push_arg(account)
                .push_arg(amount),
        )
        .returns::<core::result::Result<(), ()>>()
        .try_invoke();
    matches!(result, Ok(Ok(Ok(()))))
}

/// What the code behind `code_hash` answers to `storage_version`, run on the calling contract's
/// storage (a delegate call: the code must decode this storage first); `None` if it traps,
/// reverts or has no such message.
pub fn storage_version_of(code_hash: Hash) -> Option<u32> {
    let selector = Selector::new(ink::selector_bytes!("storage_version"));
    build_call::<DefaultEnvironment>()
        .delegate(code_hash)
        .exec_input(ExecutionInput::new(selector))
        .returns::<u32>()
        .try_invoke()
        .ok()?
        .ok()
}
