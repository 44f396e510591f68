//! The deployment's configuration file (TOML; `deploy/desk.example.toml` documents every
//! field) and the address book `deploy/deployments/<network>.json` a deployment writes.

use anyhow::bail;
use anyhow::{Context, Result};
use help_desk::settings::{Cap, RewardCaps, Settings};
use help_desk::sla::SlaPolicy;
use help_desk::ticket::{Priority, Tier};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The whole configuration. Every section is optional: what is left out keeps the contracts'
/// defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskConfig {
    #[serde(default)]
    pub token: TokenConfig,
    pub settings: Option<SettingsConfig>,
    #[serde(default)]
    pub agents: Vec<AgentConfig>,
    #[serde(default)]
    pub customers: Vec<CustomerConfig>,
    #[serde(default)]
    pub policies: Vec<PolicyConfig>,
    /// A governor to deploy (and hand the suite to), if any.
    pub governor: Option<super::gov_config::GovernorConfig>,
}

/// The loyalty token's constructor arguments and the desk's mint allowance. Token amounts in the
/// file are u64 (TOML integers are 64-bit); the contracts take them as u128.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenConfig {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub supply_cap: Option<u64>,
    /// What the desk may mint per epoch (its rewards and compensations).
    pub mint_epoch_ms: u64,
    pub mint_per_epoch: u64,
}

impl Default for TokenConfig {
    fn default() -> Self {
        Self {
            name: "Help Points".into(),
            symbol: "HELP".into(),
            decimals: 0,
            supply_cap: None,
            mint_epoch_ms: 86_400_000,
            mint_per_epoch: 1_000_000,
        }
    }
}

/// The desk's settings (all fields, as `set_settings` replaces them as a whole).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsConfig {
    pub reopen_window_ms: u64,
    pub boost_price: u64,
    pub answer_reward: u64,
    pub rating_reward: u64,
    pub keeper_reward_per_action: u64,
    /// `Low`, `Normal`, `High` or `Urgent`.
    pub unplaced_max_priority: String,
    pub reward_epoch_ms: u64,
    pub compensation_per_account: u64,
    pub compensation_desk: u64,
    pub community_per_account: u64,
    pub community_desk: u64,
    pub keeper_per_account: u64,
    pub keeper_desk: u64,
    pub upgrade_delay_ms: u64,
}

impl SettingsConfig {
    pub fn to_settings(&self) -> Result<Settings> {
        let cap = |per_account: u64, desk: u64| Cap {
            per_account: per_account.into(),
            desk: desk.into(),
        };
        Ok(Settings {
            reopen_window_ms: self.reopen_window_ms,
            boost_price: self.boost_price.into(),
            answer_reward: self.answer_reward.into(),
            rating_reward: self.rating_reward.into(),
            keeper_reward_per_action: self.keeper_reward_per_action.into(),
            unplaced_max_priority: priority(&self.unplaced_max_priority)?,
            caps: RewardCaps {
                epoch_length_ms: self.reward_epoch_ms,
                compensation: cap(self.compensation_per_account, self.compensation_desk),
                community: cap(self.community_per_account, self.community_desk),
                keeper: cap(self.keeper_per_account, self.keeper_desk),
            },
            upgrade_delay_ms: self.upgrade_delay_ms,
        })
    }
}

/// A priority by name.
pub fn priority(name: &str) -> Result<Priority> {
    match Priority::ALL.iter().find(|p| format!("{p:?}") == name) {
        Some(p) => Ok(*p),
        None => bail!("unknown priority {name:?}: Low, Normal, High or Urgent"),
    }
}

/// A customer tier by name.
pub fn tier(name: &str) -> Result<Tier> {
    match Tier::ALL.iter().find(|t| format!("{t:?}") == name) {
        Some(t) => Ok(*t),
        None => bail!("unknown tier {name:?}: Standard, Premium or Enterprise"),
    }
}

/// A customer the business places in a tier: an SS58 account (or a dev secret URI such as
/// `//Eve`) and `Standard`, `Premium` or `Enterprise`. Only placed customers are compensated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerConfig {
    pub account: String,
    pub tier: String,
}

/// An agent: an SS58 account (or a dev secret URI such as `//Bob`) and its level (1–3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
    pub account: String,
    pub level: u8,
}

/// The SLA policy of one (tier, priority).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// `Standard`, `Premium` or `Enterprise`.
    pub tier: String,
    /// `Low`, `Normal`, `High` or `Urgent`.
    pub priority: String,
    pub first_response_ms: u64,
    pub resolution_ms: u64,
    pub warning_lead_ms: u64,
    #[serde(default)]
    pub escalation_delays_ms: Vec<u64>,
    pub auto_close_ms: u64,
    pub abandon_after_ms: u64,
    pub compensation: u64,
}

impl PolicyConfig {
    pub fn to_policy(&self) -> SlaPolicy {
        SlaPolicy {
            first_response_ms: self.first_response_ms,
            resolution_ms: self.resolution_ms,
            warning_lead_ms: self.warning_lead_ms,
            escalation_delays_ms: self.escalation_delays_ms.clone(),
            auto_close_ms: self.auto_close_ms,
            abandon_after_ms: self.abandon_after_ms,
            compensation: self.compensation.into(),
        }
    }
}

impl DeskConfig {
    /// Reads a TOML file.
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text)
            .with_context(|| format!("{} is not a valid desk config", path.display()))
    }
}

/// One deployed contract in the address book.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Deployed {
    pub address: String,
    pub code_hash: String,
}

/// `deploy/deployments/<network>.json`: where the suite lives on a network.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AddressBook {
    pub network: String,
    pub url: String,
    pub loyalty_token: Deployed,
    pub help_desk: Deployed,
    /// The governor, if the config has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governor: Option<Deployed>,
    /// The best block when the deployment finished.
    pub block: u64,
}

impl AddressBook {
    /// The address book's path for `network` under `dir`.
    pub fn path(dir: &Path, network: &str) -> PathBuf {
        dir.join(format!("{network}.json"))
    }

    /// Reads the address book, if there is one.
    pub fn load(path: &Path) -> Result<Option<Self>> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(
                serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("{}", path.display())),
        }
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("writing {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses_and_its_policies_are_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("desk.example.toml");
        let config = DeskConfig::load(&path).unwrap();
        assert!(!config.agents.is_empty());
        assert!(!config.policies.is_empty());
        for policy in &config.policies {
            assert!(policy.to_policy().is_valid(), "{policy:?}");
        }
        assert!(config.settings.unwrap().to_settings().unwrap().is_valid());
        let desk_caps = help_desk::settings::Settings::default().caps.desk_total();
        assert!(
            u128::from(config.token.mint_per_epoch) >= desk_caps,
            "the token allowance covers what the desk may mint"
        );
        assert_eq!(config.customers.len(), 1);
    }

    #[test]
    fn an_unknown_priority_is_refused_by_name() {
        let mut settings =
            DeskConfig::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("desk.example.toml"))
                .unwrap()
                .settings
                .unwrap();
        settings.unplaced_max_priority = "Critical".into();
        let error = settings.to_settings().unwrap_err();
        assert!(error.to_string().contains("unknown priority"), "{error}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let error = toml::from_str::<DeskConfig>("[token]\nnmae = \"x\"").unwrap_err();
        assert!(error.to_string().contains("unknown field"), "{error}");
    }
}
