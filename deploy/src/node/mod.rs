//! The operator tool's node side: every command that talks to a contracts node goes through
//! [`chain::Chain`], so each transaction is dry-run first and a refusal prints the contract's
//! decoded error.

pub mod admin;
pub mod chain;
pub mod config;
pub mod content;
pub mod deploy;
pub mod gov;
pub mod gov_config;
pub mod keeper;
mod say;
pub mod upgrade;
