//! Hot and cold code: the entry points that let one contract run from two code blobs.
//!
//! pallet-contracts charges every call for every byte of the called contract's code, so a
//! contract whose customers call a dozen messages but whose owner and dashboards call forty
//! pays for all fifty-odd on every call. A split contract is built twice from the same
//! `#[ink::contract]` module (same storage struct, same selectors):
//! - the **hot** blob, built with the crate features `hot` and `ink-as-dependency` (which turns
//!   ink!'s own entry points off), keeps the messages of the hot path. It is the code the
//!   contract is instantiated with. Its `call` (the [`call`] function here) dispatches those;
//!   any other selector is handed, input and all, to the cold blob by a delegate call whose
//!   output becomes the call's output (`FORWARD_INPUT | TAIL_CALL`): same storage, same caller,
//!   same events, same refusal;
//! - the **cold** blob, built with the feature `cold`, keeps every other message. It is uploaded,
//!   never instantiated; the hot blob names it by code hash, fixed when the hot blob is built
//!   (the build passes it in a compile-time variable, read with [`code_hash`]), so a hot blob and
//!   its cold blob are always one release and an upgrade to a new hot blob brings its cold blob.
//!
//! Built without either feature, the module is the whole contract in one blob: its metadata
//! (every message) is what clients use to talk to the split contract at its one address.
//!
//! **The cold blob stays on chain.** Uploaded code that no contract uses can be removed by
//! whoever uploaded it first, anyone who front-ran the release included. A split contract
//! therefore takes a delegate-dependency lock on its cold blob when it is instantiated
//! ([`hold`]), which pallet-contracts counts as a use: the code cannot be removed while the
//! lock stands. An upgradable contract moves the lock to the new cold blob when it changes
//! code ([`move_hold`]), asking the new code which cold blob it needs ([`cold_code_of`]).

use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::{CallFlags, DefaultEnvironment, ReturnFlags};
use ink::primitives::Hash;
use ink::reflect::{
    ContractConstructorDecoder, ContractMessageDecoder, DecodeDispatch, ExecuteDispatchable,
};

/// The code hash written as 64 hexadecimal digits (an optional `0x` first), read at compile
/// time: `const COLD: [u8; 32] = code_hash(env!("..."));`. Anything else fails the build (the
/// arithmetic and indexing run in const evaluation, where any overflow is a compile error).
#[allow(clippy::arithmetic_side_effects)]
pub const fn code_hash(hex: &str) -> [u8; 32] {
    let digits = hex.as_bytes();
    let skip = if digits.len() == 66 && digits[0] == b'0' && digits[1] == b'x' {
        2
    } else {
        0
    };
    assert!(
        digits.len() == 64 + skip,
        "a code hash is 64 hexadecimal digits"
    );
    let mut hash = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        let high = nibble(digits[skip + 2 * i]);
        let low = nibble(digits[skip + 2 * i + 1]);
        hash[i] = (high << 4) | low;
        i += 1;
    }
    hash
}

/// The value of one hexadecimal digit (each arm stays in range).
#[allow(clippy::arithmetic_side_effects)]
const fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => panic!("a code hash is 64 hexadecimal digits"),
    }
}

/// The selector of `cold_code_hash() -> Option<Hash>`, the message an upgradable split contract
/// answers with the cold blob its code delegates to (`None`: one blob). A cold blob has no such
/// message, so it cannot pass for a contract's code.
pub const COLD_CODE_HASH: [u8; 4] = ink::selector_bytes!("cold_code_hash");

/// Locks `cold` (this build's [`COLD_CODE`](crate::hot_entry_points), if it is split) against
/// removal for as long as the calling contract runs it, and returns what is now held. Call it
/// from the constructor: it traps if the code is not on chain, which a hot blob's deployment
/// needs anyway.
pub fn hold(cold: Option<[u8; 32]>) -> Option<Hash> {
    let cold = cold.map(Hash::from);
    move_hold(None, cold);
    cold
}

/// Moves the calling contract's lock from the cold blob `held` to `wanted` (either `None`: no
/// lock there). Nothing changes if they are equal.
pub fn move_hold(held: Option<Hash>, wanted: Option<Hash>) {
    if held == wanted {
        return;
    }
    if let Some(code) = wanted {
        ink::env::lock_delegate_dependency::<DefaultEnvironment>(&code);
    }
    if let Some(code) = held {
        ink::env::unlock_delegate_dependency::<DefaultEnvironment>(&code);
    }
}

/// The cold blob the code behind `code_hash` delegates to, asked by a delegate call to its
/// `cold_code_hash` message: `Some(None)` for a contract in one blob, `None` if the code has
/// no such message (a cold blob, another contract) or cannot run on this storage.
pub fn cold_code_of(code_hash: Hash) -> Option<Option<Hash>> {
    build_call::<DefaultEnvironment>()
        .delegate(code_hash)
        .exec_input(ExecutionInput::new(Selector::new(COLD_CODE_HASH)))
        .returns::<Option<Hash>>()
        .try_invoke()
        .ok()?
        .ok()
}

/// The hot blob's `call` entry point for contract `C`: a hot message runs here; any other input
/// runs in the cold blob `cold` on this contract's storage, and its output is this call's. Like
/// ink!'s own entry point, it refuses a transferred value (no message of a split contract is
/// payable).
pub fn call<C>(cold: [u8; 32])
where
    C: ContractMessageDecoder,
    C::Type: DecodeDispatch + ExecuteDispatchable,
{
    if ink::codegen::deny_payment::<DefaultEnvironment>().is_err() {
        refuse();
    }
    match ink::env::decode_input::<C::Type>() {
        // Returns only if the message could not run: a message ends the call itself.
        Ok(message) => {
            let _ = <C::Type as ExecuteDispatchable>::execute_dispatchable(message);
        }
        // Returns only if the cold blob did not return (the runtime ends this call with the
        // cold blob's output otherwise, a refusal included): a trap there is a trap here.
        Err(_) => {
            let _ = build_call::<DefaultEnvironment>()
                .delegate(cold.into())
                .call_flags(CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL)
                .exec_input(ExecutionInput::new(Selector::new([0; 4])))
                .returns::<()>()
                .try_invoke();
            trap();
        }
    }
    refuse();
}

/// Ends the call as trapped, as the cold blob did (the caller sees `ContractTrapped`, not a
/// refusal of its input).
fn trap() -> ! {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    refuse()
}

/// The hot blob's `deploy` entry point for contract `C`: runs its constructor, as ink!'s own.
pub fn deploy<C>()
where
    C: ContractConstructorDecoder,
    C::Type: DecodeDispatch + ExecuteDispatchable,
{
    if ink::codegen::deny_payment::<DefaultEnvironment>().is_err() {
        refuse();
    }
    if let Ok(constructor) = ink::env::decode_input::<C::Type>() {
        // Returns only if the constructor could not run.
        let _ = <C::Type as ExecuteDispatchable>::execute_dispatchable(constructor);
    }
    refuse();
}

/// Declares the hot blob's entry points (`call`, `deploy`) for the contract `$contract`, whose
/// cold blob's code hash the build passes in the compile-time variable `$cold_env`. They exist
/// only in the calling crate's hot build for wasm (its feature `hot`, which also turns ink!'s own
/// entry points off through `ink-as-dependency`).
///
/// It also declares `pub const COLD_CODE: Option<[u8; 32]>`: that cold blob's code hash in the
/// hot build, `None` in any other (for [`hold`] and a `cold_code_hash` message).
///
/// `helpdesk_common::hot_entry_points!(crate::MyContract, "MY_COLD_CODE_HASH");`
#[macro_export]
macro_rules! hot_entry_points {
    ($contract:path, $cold_env:literal) => {
        /// The cold blob this build hands every selector it lacks to (`None`: not a hot blob).
        #[cfg(all(feature = "hot", target_arch = "wasm32"))]
        pub const COLD_CODE: Option<[u8; 32]> = Some($crate::split::code_hash(env!($cold_env)));
        /// The cold blob this build hands every selector it lacks to (`None`: not a hot blob).
        #[cfg(not(all(feature = "hot", target_arch = "wasm32")))]
        pub const COLD_CODE: Option<[u8; 32]> = None;

        #[cfg(all(feature = "hot", target_arch = "wasm32"))]
        const _: () = {
            /// Runs a hot message, or hands the call to the cold blob.
            #[no_mangle]
            pub extern "C" fn call() {
                $crate::split::call::<$contract>(
                    const { $crate::split::code_hash(env!($cold_env)) },
                )
            }

            /// Runs the constructor.
            #[no_mangle]
            pub extern "C" fn deploy() {
                $crate::split::deploy::<$contract>()
            }
        };
    };
}

/// Ends the call reverted with the error ink! gives for input it cannot dispatch.
fn refuse() -> ! {
    ink::env::return_value::<ink::MessageResult<()>>(
        ReturnFlags::REVERT,
        &Err(ink::LangError::CouldNotReadInput),
    )
}

#[cfg(test)]
mod tests {
    use super::code_hash;

    #[test]
    fn a_code_hash_is_read_from_its_hex_digits_with_or_without_0x() {
        let hex = "00ff10a0".repeat(8);
        let mut expected = [0u8; 32];
        for chunk in expected.chunks_mut(4) {
            chunk.copy_from_slice(&[0x00, 0xff, 0x10, 0xa0]);
        }
        assert_eq!(code_hash(&hex), expected);
        assert_eq!(code_hash(&format!("0x{hex}")), expected);
    }
}
