//! Every way a loyalty-token call can be refused.

use helpdesk_common::ownership::OwnershipError;
use psp22::PSP22Error;

/// Why a loyalty-token message was refused. A refused call changes nothing.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
// The SCALE derive casts the variant index; clippy's pedantic lint in contract-build trips on it.
#[allow(clippy::cast_possible_truncation)]
pub enum TokenError {
    /// A standard PSP22 refusal (insufficient balance or allowance).
    Psp22(PSP22Error),
    /// Only the owner may do this.
    NotOwner,
    /// Only the account the owner proposed may accept ownership.
    NotPendingOwner,
    /// Only an account with the minter role may mint.
    NotMinter,
    /// The account already holds the minter role.
    AlreadyMinter,
    /// The account does not hold the minter role.
    MinterNotFound,
    /// The minter's allowance for the current epoch is smaller than the amount.
    MintAllowanceExceeded {
        /// Tokens the minter may still mint in this epoch.
        remaining: u128,
    },
    /// Minting the amount would take the total supply above the cap.
    SupplyCapExceeded {
        /// Tokens that may still be minted before the cap is reached.
        remaining: u128,
    },
    /// The epoch length must be greater than zero.
    InvalidEpochLength,
}

impl From<PSP22Error> for TokenError {
    fn from(error: PSP22Error) -> Self {
        TokenError::Psp22(error)
    }
}

impl From<OwnershipError> for TokenError {
    fn from(error: OwnershipError) -> Self {
        match error {
            OwnershipError::NotOwner => TokenError::NotOwner,
            OwnershipError::NotPendingOwner => TokenError::NotPendingOwner,
        }
    }
}

impl From<TokenError> for PSP22Error {
    /// The standard PSP22 messages can only return `PSP22Error`: the token's own refusals
    /// travel as `Custom` with the variant's name, as the PSP22 standard suggests.
    fn from(error: TokenError) -> Self {
        match error {
            TokenError::Psp22(inner) => inner,
            TokenError::NotOwner => PSP22Error::Custom("NotOwner".into()),
            TokenError::NotPendingOwner => PSP22Error::Custom("NotPendingOwner".into()),
            TokenError::NotMinter => PSP22Error::Custom("NotMinter".into()),
            TokenError::AlreadyMinter => PSP22Error::Custom("AlreadyMinter".into()),
            TokenError::MinterNotFound => PSP22Error::Custom("MinterNotFound".into()),
            TokenError::MintAllowanceExceeded { .. } => {
                PSP22Error::Custom("MintAllowanceExceeded".into())
            }
            TokenError::SupplyCapExceeded { .. } => PSP22Error::Custom("SupplyCapExceeded".into()),
            TokenError::InvalidEpochLength => PSP22Error::Custom("InvalidEpochLength".into()),
        }
    }
}

/// Result of a loyalty-token message.
pub type Result<T> = core::result::Result<T, TokenError>;
