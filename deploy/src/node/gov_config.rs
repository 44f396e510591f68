//! Governance in the operator's files: the `[governor]` section of the deployment config, and
//! a proposal file (TOML) whose actions are the governor's typed actions, by name.

use super::chain::{account, ink};
use super::config::{priority, tier, PolicyConfig, SettingsConfig};
use anyhow::{Context, Result};
use governor::action::Action;
use governor::params::Params;
use ink::primitives::Hash;
use serde::Deserialize;
use std::path::Path;

/// `[governor]`: deploy a governor with these parameters; with `hand_over`, give it the desk
/// and the token (the owner proposes, the governor accepts). Times in ms, amounts in the token's
/// smallest unit; every field is checked against the contract's bounds when it is deployed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernorConfig {
    pub voting_delay_ms: u64,
    pub voting_period_ms: u64,
    pub proposal_threshold: u64,
    pub quorum_bps: u16,
    pub late_quorum_extension_ms: u64,
    pub timelock_ms: u64,
    pub upgrade_timelock_ms: u64,
    /// An account that can only cancel proposals (SS58 or a dev URI).
    pub guardian: Option<String>,
    /// Hand the desk's and the token's ownership to the governor.
    #[serde(default)]
    pub hand_over: bool,
}

impl GovernorConfig {
    /// The contract's parameters.
    pub fn params(&self) -> Params {
        Params {
            voting_delay_ms: self.voting_delay_ms,
            voting_period_ms: self.voting_period_ms,
            proposal_threshold: self.proposal_threshold.into(),
            quorum_bps: self.quorum_bps,
            late_quorum_extension_ms: self.late_quorum_extension_ms,
            timelock_ms: self.timelock_ms,
            upgrade_timelock_ms: self.upgrade_timelock_ms,
        }
    }
}

/// A proposal as a file: its text (hashed on chain, kept off chain) and 1–10 actions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalFile {
    pub description: String,
    pub actions: Vec<ActionConfig>,
}

/// One action, by the name of the governor's `Action` variant (`action = "set_sla_policy"`),
/// with its fields as in the deployment config.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionConfig {
    SetSlaPolicy(PolicyConfig),
    SetSettings(SettingsConfig),
    SetAgent {
        account: String,
        level: u8,
    },
    RemoveAgent {
        account: String,
    },
    SetCustomerTier {
        account: String,
        tier: String,
    },
    Pause,
    Unpause,
    ScheduleDeskUpgrade {
        code_hash: String,
    },
    CancelDeskUpgrade,
    SetMintLimit {
        epoch_length_ms: u64,
        amount_per_epoch: u64,
    },
    SetParams(ParamsConfig),
    SetGuardian {
        account: Option<String>,
    },
}

/// The governor's parameters in a proposal file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamsConfig {
    pub voting_delay_ms: u64,
    pub voting_period_ms: u64,
    pub proposal_threshold: u64,
    pub quorum_bps: u16,
    pub late_quorum_extension_ms: u64,
    pub timelock_ms: u64,
    pub upgrade_timelock_ms: u64,
}

impl ProposalFile {
    /// Reads a proposal file.
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{}", path.display()))
    }

    /// The actions as the governor takes them.
    pub fn actions(&self) -> Result<Vec<Action>> {
        self.actions.iter().map(ActionConfig::to_action).collect()
    }

    /// BLAKE2b-256 of the description, what the chain records.
    pub fn description_hash(&self) -> Hash {
        use blake2::digest::{consts::U32, Digest};
        let digest: [u8; 32] = blake2::Blake2b::<U32>::digest(self.description.as_bytes()).into();
        Hash::from(digest)
    }
}

impl ActionConfig {
    /// The governor's action.
    pub fn to_action(&self) -> Result<Action> {
        Ok(match self {
            ActionConfig::SetSlaPolicy(policy) => Action::SetSlaPolicy {
                tier: tier(&policy.tier)?,
                priority: priority(&policy.priority)?,
                policy: policy.to_policy(),
            },
            ActionConfig::SetSettings(settings) => Action::SetSettings(settings.to_settings()?),
            ActionConfig::SetAgent { account: a, level } => Action::SetAgent {
                agent: ink(&account(a)?),
                level: *level,
            },
            ActionConfig::RemoveAgent { account: a } => Action::RemoveAgent {
                agent: ink(&account(a)?),
            },
            ActionConfig::SetCustomerTier {
                account: a,
                tier: t,
            } => Action::SetCustomerTier {
                customer: ink(&account(a)?),
                tier: tier(t)?,
            },
            ActionConfig::Pause => Action::Pause,
            ActionConfig::Unpause => Action::Unpause,
            ActionConfig::ScheduleDeskUpgrade { code_hash } => Action::ScheduleDeskUpgrade {
                code_hash: code_hash_of(code_hash)?,
            },
            ActionConfig::CancelDeskUpgrade => Action::CancelDeskUpgrade,
            ActionConfig::SetMintLimit {
                epoch_length_ms,
                amount_per_epoch,
            } => Action::SetMintLimit {
                epoch_length_ms: *epoch_length_ms,
                amount_per_epoch: (*amount_per_epoch).into(),
            },
            ActionConfig::SetParams(p) => Action::SetParams(Params {
                voting_delay_ms: p.voting_delay_ms,
                voting_period_ms: p.voting_period_ms,
                proposal_threshold: p.proposal_threshold.into(),
                quorum_bps: p.quorum_bps,
                late_quorum_extension_ms: p.late_quorum_extension_ms,
                timelock_ms: p.timelock_ms,
                upgrade_timelock_ms: p.upgrade_timelock_ms,
            }),
            ActionConfig::SetGuardian { account: a } => Action::SetGuardian(
                a.as_deref()
                    .map(|a| account(a).map(|a| ink(&a)))
                    .transpose()?,
            ),
        })
    }
}

/// A code hash written as 64 hex digits (`0x` optional).
fn code_hash_of(text: &str) -> Result<Hash> {
    let digits = text.trim_start_matches("0x");
    let bytes: Vec<u8> = (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(digits.get(i..i + 2).unwrap_or("x"), 16))
        .collect::<std::result::Result<_, _>>()
        .with_context(|| format!("{text} is not a hex code hash"))?;
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("{text} is not 32 bytes"))?;
    Ok(Hash::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_proposal_parses_into_typed_actions() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("proposal.example.toml");
        let file = ProposalFile::load(&path).unwrap();
        let actions = file.actions().unwrap();
        assert!(matches!(actions[0], Action::SetSlaPolicy { .. }));
        assert!(actions.len() >= 2);
    }

    #[test]
    fn the_documented_governor_section_holds_the_contracts_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("desk.example.toml");
        let text = std::fs::read_to_string(path).unwrap();
        let (head, section) = text.split_once("# [governor]").unwrap();
        let section: Vec<&str> = section
            .lines()
            .map(|line| line.strip_prefix("# ").unwrap_or(line))
            .collect();
        let text = format!("{head}[governor]{}", section.join("\n"));
        let config: super::super::config::DeskConfig = toml::from_str(&text).unwrap();
        let governor = config.governor.unwrap();
        assert_eq!(governor.params(), Params::default());
        assert!(governor.hand_over);
    }

    #[test]
    fn an_unknown_action_is_refused_by_name() {
        let error = toml::from_str::<ProposalFile>(
            "description = \"x\"\n[[actions]]\naction = \"mint_everything\"\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("unknown variant"), "{error}");
    }
}
