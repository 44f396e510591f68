//! The cold blob of a split contract stays on chain while a contract runs it: pallet-contracts
//! lets whoever uploaded unused code remove it, so the token and the desk lock their cold blobs,
//! and the desk's lock follows it through upgrades.

use help_desk::settings::Settings;
use help_desk::ticket::Priority;
use help_desk::{DeskError, HelpDeskRef};
use helpdesk_sandbox::suite::{who, Suite};
use helpdesk_sandbox::{
    account, desk_at, token_at, AccountId, Chain, ChainExt, Code, Contract, Hash, SandboxChain,
};
use loyalty_token::LoyaltyTokenRef;

/// The refusal pallet-contracts gives for code a contract still uses.
const IN_USE: &str = "CodeInUse";

/// Uploads the cold blob of `contract` as `who` and returns its hash.
fn upload_cold(chain: &mut Chain, who: &AccountId, contract: Contract) -> Hash {
    let cold = contract.code().cold.expect("the contract is split");
    chain.backend.fund(who);
    chain
        .upload(who, cold)
        .expect("the cold blob is valid code")
}

/// Announces `code` as the desk's next code, waits the delay and switches to it, as the owner.
fn upgrade(suite: &mut Suite, code: Hash) -> Result<(), DeskError> {
    suite.as_(&who::owner());
    suite
        .desk(|d| d.schedule_upgrade(code))
        .expect("the owner announces the upgrade");
    suite.advance(Settings::default().upgrade_delay_ms);
    suite.desk(|d| d.upgrade(code))
}

#[test]
fn an_attacker_who_uploaded_the_cold_blobs_first_cannot_remove_them_from_under_the_suite() {
    let attacker = account(66);
    let owner = who::owner();
    let mut chain = Chain::new(SandboxChain::default());

    // The attacker front-runs the release: the first to upload code is its owner on chain, and
    // may remove it while no contract uses it.
    let token_cold = upload_cold(&mut chain, &attacker, Contract::LoyaltyToken);
    let desk_cold = upload_cold(&mut chain, &attacker, Contract::HelpDesk);
    assert_eq!(
        chain.backend.remove_code(&attacker, desk_cold),
        Ok(()),
        "unused code is the uploader's to remove"
    );
    let desk_cold = upload_cold(&mut chain, &attacker, Contract::HelpDesk);

    // The business deploys from the same release (its uploads of the same code change nothing).
    let token = chain.deploy(
        &owner,
        Contract::LoyaltyToken,
        LoyaltyTokenRef::new(Some("Help Points".into()), Some("HELP".into()), 0, None),
    );
    let desk = chain.deploy(&owner, Contract::HelpDesk, HelpDeskRef::new(token));

    for cold in [token_cold, desk_cold] {
        let refused = chain
            .backend
            .remove_code(&attacker, cold)
            .expect_err("a locked cold blob cannot be removed");
        assert!(refused.contains(IN_USE), "refused with {refused}");
    }
    // Administration (cold) still runs on both contracts.
    chain
        .call(&owner, token_at(token).grant_minter(desk))
        .expect("the call runs")
        .expect("the owner grants the desk the minter role");
    let settings = chain
        .call(&owner, desk_at(desk).settings())
        .expect("the desk's cold blob answers");
    assert_eq!(settings, Settings::default());
}

#[test]
fn an_upgrade_moves_the_lock_from_the_old_cold_blob_to_the_new_code() {
    let mut suite = Suite::new();
    let uploader = who::owner();
    suite.as_(&who::carol());
    let ticket = suite.open(Priority::Normal, 1);
    let cold = suite
        .desk(|d| d.cold_code_hash())
        .expect("the deployed desk is split");
    let split_code = suite.code_hash(Contract::HelpDesk);

    // To the whole desk in one blob: it needs no cold blob, so the lock is released and the
    // uploader may remove the old one.
    let whole = Code::of_bundle(Contract::HelpDesk.whole_path().expect("built whole too"))
        .expect("the whole build is a bundle");
    let whole_code = suite.chain.upload_code(&uploader, &whole);
    upgrade(&mut suite, whole_code).expect("the whole desk is compatible");
    assert_eq!(suite.desk(|d| d.cold_code_hash()), None);
    assert_eq!(suite.chain.backend.remove_code(&uploader, cold), Ok(()));

    // Back to the split code (its cold blob uploaded again): locked once more.
    assert_eq!(suite.code_hash(Contract::HelpDesk), split_code);
    upgrade(&mut suite, split_code).expect("the split desk is compatible");
    assert_eq!(suite.desk(|d| d.cold_code_hash()), Some(cold));
    let refused = suite
        .chain
        .backend
        .remove_code(&uploader, cold)
        .expect_err("the new code's cold blob is locked");
    assert!(refused.contains(IN_USE), "refused with {refused}");
    assert_eq!(suite.ticket(ticket).customer, who::carol());
}

#[test]
fn an_upgrade_to_the_cold_blob_itself_is_refused_as_incompatible_code() {
    let mut suite = Suite::new();
    let cold = suite
        .desk(|d| d.cold_code_hash())
        .expect("the deployed desk is split");
    // The cold blob decodes the storage and answers `storage_version`, but it is no desk: it
    // lacks every hot message.
    assert_eq!(upgrade(&mut suite, cold), Err(DeskError::IncompatibleCode));
    suite.as_(&who::carol());
    suite.open(Priority::Normal, 1);
    assert_eq!(suite.desk(|d| d.cold_code_hash()), Some(cold));
}
