//! Signed requests: the reader's chain account signs (sr25519) the method, the service's host, the
//! path, a timestamp, a nonce and the body's hash, so the service knows who asks, no request can
//! be replayed, and a request signed for another service (a page sent to a look-alike) is no good
//! at this one.
//!
//! The signed payload is these lines joined by `\n`:
//! `helpdesk-content/2`, the method, the host the request is addressed to (its `Host` header:
//! `name:port` unless the port is the scheme's default), the path with its query, the timestamp
//! (ms since the Unix epoch), the nonce, and `0x`-hex BLAKE2b-256 of the body. A signature over the payload
//! wrapped in `<Bytes>…</Bytes>` (what browser wallets' `signRaw` signs) is accepted too.

use crate::text::blake2_256;
use std::collections::HashMap;
use std::sync::Mutex;
use subxt_signer::sr25519::{self, Keypair, PublicKey, Signature};

/// Header carrying the signer's account (`0x`-hex public key).
pub const ACCOUNT: &str = "x-helpdesk-account";
/// Header carrying the time of signing, ms since the Unix epoch.
pub const TIMESTAMP: &str = "x-helpdesk-timestamp";
/// Header carrying a value the signer uses once (1 to 64 characters).
pub const NONCE: &str = "x-helpdesk-nonce";
/// Header carrying the sr25519 signature (`0x`-hex, 64 bytes).
pub const SIGNATURE: &str = "x-helpdesk-signature";

/// How far a request's timestamp may be from the service's clock, either way.
pub const WINDOW_MS: u64 = 60_000;

/// The longest nonce taken.
pub const MAX_NONCE_CHARS: usize = 64;

/// Why a signed request was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthError {
    /// A header is missing (the others are there).
    Missing(&'static str),
    /// A header is not in its format.
    Malformed(&'static str),
    /// The timestamp is more than [`WINDOW_MS`] from the service's clock.
    Expired,
    /// The signature does not verify for the account.
    BadSignature,
    /// The account used this nonce before.
    Replayed,
}

impl std::fmt::Display for AuthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthError::Missing(header) => write!(f, "the signed request lacks the {header} header"),
            AuthError::Malformed(header) => write!(f, "the {header} header is malformed"),
            AuthError::Expired => write!(
                f,
                "the request's timestamp is more than {} s from the service's clock",
                WINDOW_MS / 1000
            ),
            AuthError::BadSignature => write!(f, "the signature does not verify for the account"),
            AuthError::Replayed => write!(f, "this nonce was used before: a replay"),
        }
    }
}

/// The headers of a signed request, as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    pub account: [u8; 32],
    pub timestamp_ms: u64,
    pub nonce: String,
    pub signature: [u8; 64],
}

impl Signed {
    /// Reads the four headers (`get` looks one up); `Ok(None)` if none is there (an anonymous
    /// request).
    pub fn from_headers<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Option<Signed>, AuthError> {
        let headers = [ACCOUNT, TIMESTAMP, NONCE, SIGNATURE];
        if headers.iter().all(|header| get(header).is_none()) {
            return Ok(None);
        }
        let header = |name: &'static str| get(name).ok_or(AuthError::Missing(name));
        let account =
            crate::text::hex32::parse(header(ACCOUNT)?).ok_or(AuthError::Malformed(ACCOUNT))?;
        let timestamp_ms = header(TIMESTAMP)?
            .parse()
            .map_err(|_| AuthError::Malformed(TIMESTAMP))?;
        let nonce = header(NONCE)?;
        if nonce.is_empty() || nonce.len() > MAX_NONCE_CHARS {
            return Err(AuthError::Malformed(NONCE));
        }
        let mut signature = [0; 64];
        header(SIGNATURE)?
            .strip_prefix("0x")
            .and_then(|digits| hex::decode_to_slice(digits, &mut signature).ok())
            .ok_or(AuthError::Malformed(SIGNATURE))?;
        Ok(Some(Signed {
            account,
            timestamp_ms,
            nonce: nonce.to_string(),
            signature,
        }))
    }

    /// The headers to send.
    pub fn headers(&self) -> [(&'static str, String); 4] {
        [
            (ACCOUNT, format!("0x{}", hex::encode(self.account))),
            (TIMESTAMP, self.timestamp_ms.to_string()),
            (NONCE, self.nonce.clone()),
            (SIGNATURE, format!("0x{}", hex::encode(self.signature))),
        ]
    }

    /// Whether the signature is the account's over this request (plain or `<Bytes>`-wrapped),
    /// addressed to `host`.
    pub fn verifies(&self, method: &str, host: &str, path: &str, body: &[u8]) -> bool {
        let payload = payload(method, host, path, self.timestamp_ms, &self.nonce, body);
        let key = PublicKey(self.account);
        let signature = Signature(self.signature);
        sr25519::verify(&signature, &payload, &key)
            || sr25519::verify(&signature, wrapped(&payload), &key)
    }
}

/// What the signer signs.
pub fn payload(
    method: &str,
    host: &str,
    path: &str,
    timestamp_ms: u64,
    nonce: &str,
    body: &[u8],
) -> Vec<u8> {
    format!(
        "helpdesk-content/2\n{method}\n{host}\n{path}\n{timestamp_ms}\n{nonce}\n0x{}",
        hex::encode(blake2_256(body))
    )
    .into_bytes()
}

/// The payload as browser wallets sign raw bytes.
fn wrapped(payload: &[u8]) -> Vec<u8> {
    [b"<Bytes>".as_slice(), payload, b"</Bytes>".as_slice()].concat()
}

/// Signs a request to `host` as `keypair` at `timestamp_ms` with `nonce`.
pub fn sign(
    keypair: &Keypair,
    method: &str,
    host: &str,
    path: &str,
    body: &[u8],
    timestamp_ms: u64,
    nonce: String,
) -> Signed {
    let signature = keypair.sign(&payload(method, host, path, timestamp_ms, &nonce, body));
    Signed {
        account: keypair.public_key().0,
        timestamp_ms,
        nonce,
        signature: signature.0,
    }
}

/// The nonces seen within the window, per account: a request whose (account, nonce) was seen is
/// a replay. Entries older than twice the window are dropped (their timestamps are expired
/// anyway).
#[derive(Default)]
pub struct Nonces {
    seen: Mutex<HashMap<([u8; 32], String), u64>>,
}

impl Nonces {
    /// Checks `signed`'s freshness at `now_ms` and remembers its nonce.
    pub fn admit(&self, signed: &Signed, now_ms: u64) -> Result<(), AuthError> {
        if signed.timestamp_ms.abs_diff(now_ms) > WINDOW_MS {
            return Err(AuthError::Expired);
        }
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() > 100_000 {
            seen.retain(|_, at| now_ms.saturating_sub(*at) <= 2 * WINDOW_MS);
        }
        match seen.insert((signed.account, signed.nonce.clone()), now_ms) {
            Some(_) => Err(AuthError::Replayed),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use subxt_signer::sr25519::dev;

    const HOST: &str = "texts.example.com";

    fn signed(body: &[u8]) -> Signed {
        sign(
            &dev::alice(),
            "PUT",
            HOST,
            "/v1/texts/0x01",
            body,
            1_000,
            "n1".into(),
        )
    }

    #[test]
    fn a_signed_request_verifies_for_its_signer() {
        assert!(signed(b"{}").verifies("PUT", HOST, "/v1/texts/0x01", b"{}"));
    }

    #[test]
    fn a_request_signed_for_another_service_does_not_verify_at_this_one() {
        let s = signed(b"{}");
        assert!(!s.verifies("PUT", "look-alike.example.com", "/v1/texts/0x01", b"{}"));
        assert!(!s.verifies("PUT", "texts.example.com:8080", "/v1/texts/0x01", b"{}"));
    }

    #[test]
    fn a_request_with_another_body_path_or_method_does_not_verify() {
        let s = signed(b"{}");
        assert!(!s.verifies("PUT", HOST, "/v1/texts/0x01", b"{ }"));
        assert!(!s.verifies("PUT", HOST, "/v1/texts/0x02", b"{}"));
        assert!(!s.verifies("GET", HOST, "/v1/texts/0x01", b"{}"));
    }

    #[test]
    fn a_signature_claimed_for_another_account_does_not_verify() {
        let mut s = signed(b"{}");
        s.account = dev::bob().public_key().0;
        assert!(!s.verifies("PUT", HOST, "/v1/texts/0x01", b"{}"));
    }

    #[test]
    fn a_wallet_signature_over_the_bytes_wrapped_payload_verifies() {
        let alice = dev::alice();
        let raw = payload("GET", HOST, "/v1/tickets/1/texts", 5, "n", b"");
        let s = Signed {
            account: alice.public_key().0,
            timestamp_ms: 5,
            nonce: "n".into(),
            signature: alice.sign(&wrapped(&raw)).0,
        };
        assert!(s.verifies("GET", HOST, "/v1/tickets/1/texts", b""));
    }

    #[test]
    fn a_replayed_nonce_is_refused_and_a_fresh_one_taken() {
        let nonces = Nonces::default();
        let s = signed(b"");
        assert_eq!(nonces.admit(&s, 1_000), Ok(()));
        assert_eq!(nonces.admit(&s, 1_001), Err(AuthError::Replayed));
        let fresh = Signed {
            nonce: "n2".into(),
            ..s
        };
        assert_eq!(nonces.admit(&fresh, 1_002), Ok(()));
    }

    #[test]
    fn a_timestamp_outside_the_window_is_expired() {
        let nonces = Nonces::default();
        let s = signed(b"");
        assert_eq!(
            nonces.admit(&s, 1_000 + WINDOW_MS + 1),
            Err(AuthError::Expired)
        );
        assert_eq!(nonces.admit(&s, 1_000 + WINDOW_MS), Ok(()));
    }

    #[test]
    fn headers_read_back_as_sent_and_none_means_anonymous() {
        let s = signed(b"x");
        let headers = s.headers();
        let get = |name: &str| {
            headers
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| value.as_str())
        };
        assert_eq!(Signed::from_headers(get), Ok(Some(s)));
        assert_eq!(Signed::from_headers(|_| None), Ok(None));
        assert_eq!(
            Signed::from_headers(|name| (name == ACCOUNT).then_some("0x00")),
            Err(AuthError::Malformed(ACCOUNT))
        );
        assert_eq!(
            Signed::from_headers(|name| (name == NONCE).then_some("n")),
            Err(AuthError::Missing(ACCOUNT))
        );
    }
}
