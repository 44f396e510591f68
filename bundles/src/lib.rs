//! The suite's contracts as built code: where each `.contract` bundle that `build.rs` produced
//! is, the code it carries (hot and cold blob), and the labels of its messages.

/// A contract of the suite, as the optimized `.contract` bundle `build.rs` produced.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Contract {
    /// `contracts/loyalty_token`.
    LoyaltyToken,
    /// `contracts/help_desk`.
    HelpDesk,
    /// `contracts/governor`.
    Governor,
    /// The benchmark's yardstick: the example token of the `psp22` 2.0.0 crate (the PSP22
    /// reference implementation), constructor `new(supply, name, symbol, decimals)`.
    Psp22Reference,
}

impl Contract {
    /// The suite's own contracts, in the order they are deployed.
    pub const SUITE: [Contract; 3] = [
        Contract::LoyaltyToken,
        Contract::HelpDesk,
        Contract::Governor,
    ];

    /// The contract's crate name, which its artifacts and reports are named after.
    pub fn name(self) -> &'static str {
        match self {
            Contract::LoyaltyToken => "loyalty_token",
            Contract::HelpDesk => "help_desk",
            Contract::Governor => "governor",
            Contract::Psp22Reference => "psp22_reference",
        }
    }

    /// Path of the `.contract` bundle clients deploy and call: for the suite's own contracts,
    /// the hot blob with the whole contract's metadata (see `helpdesk_common::split`).
    pub fn bundle_path(self) -> &'static str {
        match self {
            Contract::LoyaltyToken => env!("HELPDESK_BUNDLE_LOYALTY_TOKEN"),
            Contract::HelpDesk => env!("HELPDESK_BUNDLE_HELP_DESK"),
            Contract::Governor => env!("HELPDESK_BUNDLE_GOVERNOR"),
            Contract::Psp22Reference => env!("HELPDESK_BUNDLE_PSP22_REFERENCE"),
        }
    }

    /// The bundle's code: the contract's (hot) blob, and the cold blob that must be on chain
    /// before it is deployed or upgraded to (`None`: the contract is one blob).
    pub fn code(self) -> Code {
        Code::of_bundle(self.bundle_path()).expect("build.rs wrote a readable bundle")
    }

    /// Path of the whole contract built as one blob (`.contract`), which the split is measured
    /// against (`None`: the contract is one blob).
    pub fn whole_path(self) -> Option<&'static str> {
        match self {
            Contract::LoyaltyToken => Some(env!("HELPDESK_WHOLE_LOYALTY_TOKEN")),
            Contract::HelpDesk => Some(env!("HELPDESK_WHOLE_HELP_DESK")),
            Contract::Governor => Some(env!("HELPDESK_WHOLE_GOVERNOR")),
            Contract::Psp22Reference => None,
        }
    }
}

/// The label of a message of the suite's contracts (`respond`, `PSP22::transfer`) by its
/// selector, as their metadata names it.
pub fn message_label(selector: [u8; 4]) -> Option<&'static str> {
    static LABELS: std::sync::OnceLock<Vec<([u8; 4], String)>> = std::sync::OnceLock::new();
    LABELS
        .get_or_init(|| {
            Contract::SUITE
                .iter()
                .flat_map(|contract| labels_in(contract.bundle_path()).unwrap_or_default())
                .collect()
        })
        .iter()
        .find(|(known, _)| *known == selector)
        .map(|(_, label)| label.as_str())
}

/// (selector, label) of every message in a bundle's metadata.
fn labels_in(bundle: &str) -> std::io::Result<Vec<([u8; 4], String)>> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(bundle)?)?;
    let messages = json["spec"]["messages"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    Ok(messages
        .iter()
        .filter_map(|message| {
            let bytes = from_hex(message["selector"].as_str()?).ok()?;
            Some((
                bytes.try_into().ok()?,
                message["label"].as_str()?.to_string(),
            ))
        })
        .collect())
}

/// The code a `.contract` bundle carries.
#[derive(Clone, Debug)]
pub struct Code {
    /// `source.wasm`: the blob that is instantiated (the hot blob of a split contract).
    pub wasm: Vec<u8>,
    /// `user.cold_code`: a split contract's cold blob (see `helpdesk_common::split`).
    pub cold: Option<Vec<u8>>,
}

impl Code {
    /// Reads the code of the `.contract` bundle at `path`.
    pub fn of_bundle(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        let json: serde_json::Value = serde_json::from_str(&text)?;
        let hex_field = |value: &serde_json::Value| value.as_str().map(from_hex).transpose();
        let wasm = hex_field(&json["source"]["wasm"])?.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "the bundle has no code")
        })?;
        let cold = hex_field(&json["user"]["cold_code"])?;
        Ok(Self { wasm, cold })
    }
}

/// `0x`-prefixed (or bare) hex as bytes.
fn from_hex(hex: &str) -> std::io::Result<Vec<u8>> {
    let digits = hex.trim_start_matches("0x");
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(digits.get(i..i.saturating_add(2)).unwrap_or("x"), 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}
