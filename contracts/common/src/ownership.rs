//! Two-step ownership: the owner proposes a successor, the successor accepts.
//!
//! A typo in the proposed address can never lock a contract out of its admin: until the
//! proposed account accepts, the current owner stays in charge and may propose again.

use ink::primitives::AccountId;

/// Why an ownership operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnershipError {
    /// The caller is not the current owner.
    NotOwner,
    /// The caller is not the account the owner proposed.
    NotPendingOwner,
}

/// The owner proposed a new owner; it takes over once it accepts.
#[ink::event]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnershipTransferStarted {
    /// The current owner.
    #[ink(topic)]
    pub owner: AccountId,
    /// The proposed owner.
    #[ink(topic)]
    pub pending_owner: AccountId,
}

/// Ownership moved to `new_owner`.
#[ink::event]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnershipTransferred {
    /// The owner before the transfer.
    #[ink(topic)]
    pub previous_owner: AccountId,
    /// The owner now.
    #[ink(topic)]
    pub new_owner: AccountId,
}

/// The owner of a contract and the successor it proposed, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Ownership {
    owner: AccountId,
    pending_owner: Option<AccountId>,
}

impl Ownership {
    /// Ownership held by `owner`, with no transfer under way.
    pub fn new(owner: AccountId) -> Self {
        Self {
            owner,
            pending_owner: None,
        }
    }

    /// The current owner.
    pub fn owner(&self) -> AccountId {
        self.owner
    }

    /// The proposed successor, until it accepts.
    pub fn pending_owner(&self) -> Option<AccountId> {
        self.pending_owner
    }

    /// `Ok` if `caller` is the owner.
    pub fn ensure_owner(&self, caller: AccountId) -> Result<(), OwnershipError> {
        if caller == self.owner {
            Ok(())
        } else {
            Err(OwnershipError::NotOwner)
        }
    }

    /// The owner proposes `new_owner`; a later proposal replaces an earlier one.
    pub fn propose(
        &mut self,
        caller: AccountId,
        new_owner: AccountId,
    ) -> Result<OwnershipTransferStarted, OwnershipError> {
        self.ensure_owner(caller)?;
        self.pending_owner = Some(new_owner);
        Ok(OwnershipTransferStarted {
            owner: caller,
            pending_owner: new_owner,
        })
    }

    /// The proposed account takes over.
    pub fn accept(&mut self, caller: AccountId) -> Result<OwnershipTransferred, OwnershipError> {
        if self.pending_owner != Some(caller) {
            return Err(OwnershipError::NotPendingOwner);
        }
        let previous_owner = self.owner;
        self.owner = caller;
        self.pending_owner = None;
        Ok(OwnershipTransferred {
            previous_owner,
            new_owner: caller,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: [u8; 32] = [1; 32];
    const BOB: [u8; 32] = [2; 32];
    const EVE: [u8; 32] = [3; 32];

    #[test]
    fn transfer_takes_effect_only_when_the_successor_accepts() {
        let mut ownership = Ownership::new(AccountId::from(ALICE));
        assert_eq!(
            ownership.propose(AccountId::from(ALICE), AccountId::from(BOB)),
            Ok(OwnershipTransferStarted {
                owner: AccountId::from(ALICE),
                pending_owner: AccountId::from(BOB)
            })
        );
        assert_eq!(ownership.owner(), AccountId::from(ALICE));
        assert_eq!(ownership.pending_owner(), Some(AccountId::from(BOB)));
        assert_eq!(
            ownership.accept(AccountId::from(BOB)),
            Ok(OwnershipTransferred {
                previous_owner: AccountId::from(ALICE),
                new_owner: AccountId::from(BOB)
            })
        );
        assert_eq!(ownership.owner(), AccountId::from(BOB));
        assert_eq!(ownership.pending_owner(), None);
        assert_eq!(
            ownership.ensure_owner(AccountId::from(ALICE)),
            Err(OwnershipError::NotOwner)
        );
    }

    #[test]
    fn strangers_can_neither_propose_nor_accept() {
        let mut ownership = Ownership::new(AccountId::from(ALICE));
        assert_eq!(
            ownership.propose(AccountId::from(EVE), AccountId::from(EVE)),
            Err(OwnershipError::NotOwner)
        );
        assert_eq!(
            ownership.accept(AccountId::from(EVE)),
            Err(OwnershipError::NotPendingOwner)
        );
        ownership
            .propose(AccountId::from(ALICE), AccountId::from(BOB))
            .ok();
        assert_eq!(
            ownership.accept(AccountId::from(EVE)),
            Err(OwnershipError::NotPendingOwner)
        );
        assert_eq!(ownership, {
            let mut expected = Ownership::new(AccountId::from(ALICE));
            expected.pending_owner = Some(AccountId::from(BOB));
            expected
        });
    }

    #[test]
    fn a_new_proposal_replaces_the_old_one() {
        let mut ownership = Ownership::new(AccountId::from(ALICE));
        ownership
            .propose(AccountId::from(ALICE), AccountId::from(EVE))
            .ok();
        ownership
            .propose(AccountId::from(ALICE), AccountId::from(BOB))
            .ok();
        assert_eq!(
            ownership.accept(AccountId::from(EVE)),
            Err(OwnershipError::NotPendingOwner)
        );
        assert!(ownership.accept(AccountId::from(BOB)).is_ok());
    }
}
