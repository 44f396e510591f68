//! The loyalty token's state-changing messages, each measured in the situations its rows name:
//! deployment, minting, transfers, allowances, burning and ownership.

use super::messages::{second_instance, MessageRow, Recorder};
use helpdesk_sandbox::suite::{who, Suite, DAY_MS, PSP22};
use helpdesk_sandbox::{account, Contract};
use loyalty_token::LoyaltyTokenRef;
use psp22::{PSP22Burnable, PSP22Mintable};

/// Measures the token's deployment (a second instance) and every state-changing message of
/// the suite's token, one row each onto `rows`.
pub(super) fn token_messages(rows: &mut Vec<MessageRow>) -> anyhow::Result<()> {
    let mut suite = Suite::new();
    suite.as_(&who::owner());
    let cost = second_instance(
        &mut suite,
        Contract::LoyaltyToken,
        LoyaltyTokenRef::new(Some("Help Points".into()), Some("HELP".into()), 0, None),
    )?;
    rows.push(MessageRow::deployment(Contract::LoyaltyToken, cost));
    let minter = account(40);
    let (carol, dave) = (who::carol(), who::dave());
    let mut r = Recorder {
        rows,
        contract: Contract::LoyaltyToken,
    };
    let result = suite.token(|t| t.grant_minter(minter));
    r.push(&suite, "owner", result)?;
    let result = suite.token(|t| t.set_mint_limit(DAY_MS, 1000000));
    r.push(&suite, "owner", result)?;
    suite.as_(&minter);
    let result = suite.token(|t| t.mint_to(carol, 1000));
    r.push(&suite, "minter, new holder", result)?;
    let result = suite.token(|t| t.mint_to(carol, 1000));
    r.push(&suite, "minter, existing holder", result)?;
    let result = suite.token(|t| t.mint(500));
    r.push(&suite, "minter", result)?;
    suite.as_(&carol);
    let result = suite.token(|t| t.transfer(dave, 10, vec![]));
    r.push(&suite, "new holder", result)?;
    let result = suite.token(|t| t.transfer(dave, 10, vec![]));
    r.push(&suite, "existing holder", result)?;
    let result = suite.token(|t| t.approve(dave, 100));
    r.push(&suite, "", result)?;
    let result = suite.token(|t| t.increase_allowance(dave, 50));
    r.push(&suite, "", result)?;
    let result = suite.token(|t| t.decrease_allowance(dave, 50));
    r.push(&suite, "", result)?;
    let result = suite.token(|t| t.burn(5));
    r.push(&suite, "", result)?;
    suite.as_(&dave);
    let result = suite.token(|t| t.transfer_from(carol, dave, 10, vec![]));
    r.push(&suite, "approved spender", result)?;
    let result = suite.token(|t| t.burn_from(carol, 10));
    r.push(&suite, "approved spender", result)?;
    suite.as_(&who::owner());
    let result = suite.token(|t| t.revoke_minter(minter));
    r.push(&suite, "owner", result)?;
    let result = suite.token(|t| t.transfer_ownership(dave));
    r.push(&suite, "owner", result)?;
    suite.as_(&dave);
    let result = suite.token(|t| t.accept_ownership());
    r.push(&suite, "proposed owner", result)?;
    Ok(())
}
