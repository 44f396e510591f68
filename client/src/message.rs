//! A contract message or constructor as ink!'s generated call builders spell it
//! (`desk.resolve(id, hash)`): where it goes, its SCALE-encoded input and its return type. This
//! is how every call outside the contracts names a message: no message name or argument text.

use ink::env::call::utils::{ReturnType, Set, Unset};
use ink::env::call::{
    Call, CallBuilder, CreateBuilder, ExecutionInput, FromAccountId, LimitParamsV2,
};
use ink::env::DefaultEnvironment;
use ink::primitives::{AccountId, Hash};
use ink::scale::{Decode, Encode};

/// The contracts' environment.
pub type Env = DefaultEnvironment;

/// The typed messages of the help desk at an address (`desk.resolve(id, hash)`).
pub type DeskCalls = <help_desk::HelpDesk as ink::codegen::ContractCallBuilder>::Type;
/// The typed messages of the loyalty token, or of any PSP22 token (`token.transfer(..)` with
/// `psp22::PSP22` in scope), at an address.
pub type TokenCalls = <loyalty_token::LoyaltyToken as ink::codegen::ContractCallBuilder>::Type;

/// The typed messages of the governor at an address (`governor.vote(id, Support::For)`).
pub type GovernorCalls = <governor::Governor as ink::codegen::ContractCallBuilder>::Type;

/// The governor's messages at `address`.
pub fn governor_at(address: AccountId) -> GovernorCalls {
    <GovernorCalls as FromAccountId<Env>>::from_account_id(address)
}

/// The help desk's messages at `address`.
pub fn desk_at(address: AccountId) -> DeskCalls {
    <DeskCalls as FromAccountId<Env>>::from_account_id(address)
}

/// The loyalty token's (or any PSP22 token's) messages at `address`.
pub fn token_at(address: AccountId) -> TokenCalls {
    <TokenCalls as FromAccountId<Env>>::from_account_id(address)
}

/// A message call, ready to send.
pub trait Message {
    /// What the message returns (`Result<T, DeskError>`, or a query's value).
    type Output: Decode;
    /// The contract it goes to, the value it transfers and its encoded input (selector first).
    fn into_parts(self) -> (AccountId, u128, Vec<u8>);
}

impl<Args: Encode, R: Decode> Message
    for CallBuilder<Env, Set<Call<Env>>, Set<ExecutionInput<Args>>, Set<ReturnType<R>>>
{
    type Output = R;

    fn into_parts(self) -> (AccountId, u128, Vec<u8>) {
        let params = self.params();
        (
            *params.callee(),
            *params.transferred_value(),
            params.exec_input().encode(),
        )
    }
}

/// A constructor call, ready to instantiate code with.
pub trait Constructor {
    /// The encoded input (selector first).
    fn input(self) -> Vec<u8>;
}

impl<ContractRef, Args: Encode, R> Constructor
    for CreateBuilder<
        Env,
        ContractRef,
        Unset<Hash>,
        Set<LimitParamsV2<Env>>,
        Unset<u128>,
        Set<ExecutionInput<Args>>,
        Unset<ink::env::call::state::Salt>,
        Set<ReturnType<R>>,
    >
{
    fn input(self) -> Vec<u8> {
        self.code_hash(Hash::default())
            .endowment(0)
            .salt_bytes(Vec::<u8>::new())
            .params()
            .exec_input()
            .encode()
    }
}

/// A constructor given as its encoded input, for contracts whose builders are not in scope (the
/// PSP22 reference token).
pub struct RawConstructor(pub Vec<u8>);

impl Constructor for RawConstructor {
    fn input(self) -> Vec<u8> {
        self.0
    }
}

/// The PSP22 reference token's (the `psp22` crate's example) constructor `new(supply, name,
/// symbol, decimals)`: its module is private, so its builder is spelled here, once.
pub fn psp22_reference_new(
    supply: u128,
    name: Option<String>,
    symbol: Option<String>,
    decimals: u8,
) -> RawConstructor {
    let input = ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("new")))
        .push_arg(supply)
        .push_arg(name)
        .push_arg(symbol)
        .push_arg(decimals);
    RawConstructor(input.encode())
}

/// A message taken apart (see [`Message::into_parts`]), to look at its input before sending it.
pub struct Prepared<R> {
    /// The contract it goes to.
    pub contract: AccountId,
    /// The value it transfers.
    pub value: u128,
    /// Its encoded input, selector first.
    pub input: Vec<u8>,
    _output: core::marker::PhantomData<fn() -> R>,
}

impl<R> Prepared<R> {
    /// Takes `message` apart.
    pub fn of<M: Message<Output = R>>(message: M) -> Self {
        let (contract, value, input) = message.into_parts();
        Self {
            contract,
            value,
            input,
            _output: core::marker::PhantomData,
        }
    }

    /// The message's selector.
    pub fn selector(&self) -> [u8; 4] {
        let mut selector = [0; 4];
        for (to, from) in selector.iter_mut().zip(&self.input) {
            *to = *from;
        }
        selector
    }
}

impl<R: Decode> Message for Prepared<R> {
    type Output = R;

    fn into_parts(self) -> (AccountId, u128, Vec<u8>) {
        (self.contract, self.value, self.input)
    }
}
