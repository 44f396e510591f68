//! A blocking client of the content service, for the CLI, the demo and the tests: it salts and
//! hashes texts, signs requests with the writer's or reader's key, and checks every text it
//! reads against the hash it was asked for.

use crate::auth::sign;
use crate::errors::ErrorBody;
use crate::http::UploadReply;
use crate::service::{now_ms, Stored, Thread};
use crate::text::{content_hash, ContentHash, Kind, Record, Salt, Upload};
use std::sync::atomic::{AtomicU64, Ordering};
use subxt_signer::sr25519::Keypair;

/// Why a request did not give what was asked.
#[derive(Debug)]
pub enum ClientError {
    /// The service refused, with its status and error.
    Refused { status: u16, body: ErrorBody },
    /// The service could not be reached or answered something unreadable.
    Transport(String),
    /// The service sent a text that does not hash to its key: it was altered.
    Tampered(ContentHash),
}

impl ClientError {
    /// The service's error name, if it refused.
    pub fn refusal(&self) -> Option<&str> {
        match self {
            ClientError::Refused { body, .. } => Some(&body.error),
            _ => None,
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Refused { status, body } => {
                write!(f, "{} ({status}): {}", body.error, body.message)
            }
            ClientError::Transport(why) => write!(f, "content service: {why}"),
            ClientError::Tampered(hash) => write!(
                f,
                "the text served for 0x{} does not match its hash: it was altered",
                hex::encode(hash)
            ),
        }
    }
}

impl std::error::Error for ClientError {}

/// A fresh random salt.
pub fn new_salt() -> Result<Salt, ClientError> {
    let mut salt = [0; 32];
    getrandom::getrandom(&mut salt).map_err(|e| ClientError::Transport(e.to_string()))?;
    Ok(salt)
}

/// The content service at a base URL (`http://127.0.0.1:8080`), as an account or anonymous.
pub struct ContentClient {
    base: String,
    agent: ureq::Agent,
    signer: Option<Keypair>,
    nonce_prefix: u64,
    counter: AtomicU64,
}

impl ContentClient {
    /// A client signing as `signer` (`None`: unsigned, for public tickets only).
    pub fn new(base: &str, signer: Option<Keypair>) -> Self {
        let mut prefix = [0; 8];
        let _ = getrandom::getrandom(&mut prefix);
        Self {
            base: base.trim_end_matches('/').to_string(),
            agent: ureq::AgentBuilder::new()
                .timeout(std::time::Duration::from_secs(30))
                .build(),
            signer,
            nonce_prefix: u64::from_le_bytes(prefix),
            counter: AtomicU64::new(0),
        }
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<ureq::Response, ClientError> {
        let mut request = self.agent.request(method, &format!("{}{path}", self.base));
        let bytes = body.unwrap_or_default();
        if let Some(signer) = &self.signer {
            let nonce = format!(
                "{:016x}{:x}",
                self.nonce_prefix,
                self.counter.fetch_add(1, Ordering::Relaxed)
            );
            let host = host_of(&self.base);
            for (name, value) in
                sign(signer, method, &host, path, &bytes, now_ms(), nonce).headers()
            {
                request = request.set(name, &value);
            }
        }
        let sent = if bytes.is_empty() && method == "GET" {
            request.call()
        } else {
            request
                .set("content-type", "application/json")
                .send_bytes(&bytes)
        };
        match sent {
            Ok(response) => Ok(response),
            Err(ureq::Error::Status(status, response)) => Err(ClientError::Refused {
                status,
                body: response.into_json().unwrap_or_else(|e| ErrorBody {
                    error: "Unreadable".into(),
                    message: e.to_string(),
                }),
            }),
            Err(e) => Err(ClientError::Transport(e.to_string())),
        }
    }

    /// Uploads `text` of `kind` for `ticket` with `salt`; returns its hash (what goes on chain)
    /// and whether it was stored now.
    pub fn upload(
        &self,
        ticket: u64,
        kind: Kind,
        salt: Salt,
        text: &str,
        public: bool,
    ) -> Result<(ContentHash, Stored), ClientError> {
        let hash = content_hash(&salt, text);
        let body = serde_json::to_vec(&Upload {
            ticket,
            kind,
            salt,
            text: text.into(),
            public,
        })
        .map_err(|e| ClientError::Transport(e.to_string()))?;
        let reply: UploadReply = self
            .send(
                "PUT",
                &format!("/v1/texts/0x{}", hex::encode(hash)),
                Some(body),
            )?
            .into_json()
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        Ok((hash, reply.stored))
    }

    /// The text stored under `hash`, checked to hash to it.
    pub fn read(&self, hash: &ContentHash) -> Result<Record, ClientError> {
        let record: Record = self
            .send("GET", &format!("/v1/texts/0x{}", hex::encode(hash)), None)?
            .into_json()
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        if record.hash != *hash || !record.is_intact() {
            return Err(ClientError::Tampered(*hash));
        }
        Ok(record)
    }

    /// A page of `ticket`'s texts, each checked to hash to its key.
    pub fn thread(&self, ticket: u64, from: u32, limit: u32) -> Result<Thread, ClientError> {
        let thread: Thread = self
            .send(
                "GET",
                &format!("/v1/tickets/{ticket}/texts?from={from}&limit={limit}"),
                None,
            )?
            .into_json()
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        match thread.texts.iter().find(|record| !record.is_intact()) {
            Some(altered) => Err(ClientError::Tampered(altered.hash)),
            None => Ok(thread),
        }
    }
}

/// The host (and port) of a base URL as its requests' `Host` header carries it (and browsers'
/// `URL.host` gives it): lower case, without user info, the port left out when it is the
/// scheme's default. `http://127.0.0.1:8080` → `127.0.0.1:8080`, `https://Texts.example:443/`
/// → `texts.example`.
pub fn host_of(base: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" => ":443",
        _ => ":80",
    };
    let host = host.to_ascii_lowercase();
    match host.strip_suffix(default) {
        Some(bare) => bare.to_string(),
        None => host,
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn the_host_signed_is_the_base_urls_host_and_port() {
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
        assert_eq!(host_of("https://texts.example.com/"), "texts.example.com");
        assert_eq!(host_of("http://[::1]:9/base"), "[::1]:9");
    }

    #[test]
    fn the_host_signed_is_the_one_sent_lower_case_without_user_or_default_port() {
        assert_eq!(
            host_of("https://Texts.Example.com:443/v1"),
            "texts.example.com"
        );
        assert_eq!(
            host_of("http://user:pw@texts.example.com:80"),
            "texts.example.com"
        );
        assert_eq!(
            host_of("http://texts.example.com:443"),
            "texts.example.com:443"
        );
        assert_eq!(
            host_of("https://texts.example.com:8443?x"),
            "texts.example.com:8443"
        );
    }
}
