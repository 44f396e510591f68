//! A ticket text and the hash the help desk stores for it: BLAKE2b-256 of the writer's 32-byte
//! salt followed by the text's UTF-8 bytes. The salt keeps a short text ("yes") from being
//! guessed from its hash on chain; it is stored with the text so any reader can re-check it.

use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use serde::{Deserialize, Serialize};

/// The largest text the service takes: 64 KiB of UTF-8.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// A salt: 32 bytes the writer chose at random.
pub type Salt = [u8; 32];

/// A content hash as the desk stores it.
pub type ContentHash = [u8; 32];

/// BLAKE2b-256 of `bytes`.
pub fn blake2_256(bytes: &[u8]) -> [u8; 32] {
    Blake2b::<U32>::digest(bytes).into()
}

/// The hash the desk stores for `text` written with `salt`: BLAKE2b-256(salt ‖ UTF-8 text).
pub fn content_hash(salt: &Salt, text: &str) -> ContentHash {
    let mut hasher = Blake2b::<U32>::new();
    hasher.update(salt);
    hasher.update(text.as_bytes());
    hasher.finalize().into()
}

/// Which of the desk's messages a text belongs to (each stores a hash of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The customer's request: `open_ticket` / `open_follow_up` (the ticket's `content`).
    Request,
    /// A response: `respond`.
    Response,
    /// The reason for an escalation: `escalate`.
    Escalation,
    /// A resolution: `resolve`.
    Resolution,
    /// Why a ticket was closed as invalid: `close_invalid`.
    Invalid,
    /// Why the customer reopened: `reopen`.
    Reopening,
}

impl Kind {
    /// How it is stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
            Kind::Escalation => "escalation",
            Kind::Resolution => "resolution",
            Kind::Invalid => "invalid",
            Kind::Reopening => "reopening",
        }
    }

    /// The kind stored as `text`.
    pub fn parse(text: &str) -> Option<Kind> {
        [
            Kind::Request,
            Kind::Response,
            Kind::Escalation,
            Kind::Resolution,
            Kind::Invalid,
            Kind::Reopening,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

/// A text as the service keeps it and serves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Its key: the content hash, `0x`-hex.
    #[serde(with = "hex32")]
    pub hash: ContentHash,
    /// The ticket it belongs to.
    pub ticket: u64,
    pub kind: Kind,
    /// The writer's salt, `0x`-hex.
    #[serde(with = "hex32")]
    pub salt: Salt,
    pub text: String,
    /// Whether anyone may read the ticket's texts (set by the customer with the request).
    pub public: bool,
    /// Who uploaded it (`0x`-hex account).
    #[serde(with = "hex32")]
    pub author: [u8; 32],
    /// When the service stored it (ms since the Unix epoch).
    pub stored_at: u64,
}

impl Record {
    /// Whether the text still hashes to its key: what every reader checks.
    pub fn is_intact(&self) -> bool {
        content_hash(&self.salt, &self.text) == self.hash
    }
}

/// The body of an upload (`PUT /v1/texts/{hash}`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upload {
    pub ticket: u64,
    pub kind: Kind,
    #[serde(with = "hex32")]
    pub salt: Salt,
    pub text: String,
    /// Only for a request: whether anyone may read the ticket's texts.
    #[serde(default)]
    pub public: bool,
}

/// `0x`-hex of 32 bytes, for serde.
pub mod hex32 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8; 32], to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(&format!("0x{}", hex::encode(bytes)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(from)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom("expected 0x and 64 hex digits"))
    }

    /// `0x` and 64 hex digits as 32 bytes.
    pub fn parse(text: &str) -> Option<[u8; 32]> {
        let digits = text.strip_prefix("0x")?;
        let mut bytes = [0; 32];
        hex::decode_to_slice(digits, &mut bytes).ok()?;
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_blake2b_256_of_salt_then_text() {
        let salt = [7; 32];
        let mut joined = salt.to_vec();
        joined.extend_from_slice("printer on fire".as_bytes());
        assert_eq!(content_hash(&salt, "printer on fire"), blake2_256(&joined));
    }

    #[test]
    fn the_same_text_with_another_salt_has_another_hash() {
        assert_ne!(content_hash(&[1; 32], "yes"), content_hash(&[2; 32], "yes"));
    }

    #[test]
    fn the_hash_of_an_empty_salted_text_is_the_known_blake2b_256_value() {
        // BLAKE2b-256 of 32 zero bytes, as Python's
        // `hashlib.blake2b(bytes(32), digest_size=32)` gives it.
        assert_eq!(
            hex::encode(content_hash(&[0; 32], "")),
            "89eb0d6a8a691dae2cd15ed0369931ce0a949ecafa5c3f93f8121833646e15c3"
        );
    }

    #[test]
    fn an_altered_text_is_no_longer_intact() {
        let salt = [3; 32];
        let mut record = Record {
            hash: content_hash(&salt, "refund 10"),
            ticket: 1,
            kind: Kind::Response,
            salt,
            text: "refund 10".into(),
            public: false,
            author: [0; 32],
            stored_at: 0,
        };
        assert!(record.is_intact());
        record.text = "refund 100".into();
        assert!(!record.is_intact());
    }

    #[test]
    fn every_kind_reads_back_from_its_stored_name() {
        for kind in [
            Kind::Request,
            Kind::Response,
            Kind::Invalid,
            Kind::Reopening,
        ] {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("answer"), None);
    }
}
