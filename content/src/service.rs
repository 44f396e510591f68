//! The service's decisions, one method per endpoint, on a request already read off the wire:
//! check the signature, the rate, the input, the hash and the access rules, then store or read.
//! Blocking (storage, chain); the HTTP shell (`http`) runs it on blocking threads.

use crate::access::{may_read, may_write};
use crate::auth::{Nonces, Signed};
use crate::errors::ApiError;
use crate::limit::RateLimiter;
use crate::roles::{Roles, TicketFacts};
use crate::store::{Put, Store};
use crate::text::{content_hash, ContentHash, Record, Upload, MAX_TEXT_BYTES};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Who may send how much: per account or address, on average and at once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_second: u32,
    pub burst: u32,
}

impl Default for Limits {
    /// 50 requests a second, 100 at once: far above a person's use, well below a flood.
    fn default() -> Self {
        Limits {
            per_second: 50,
            burst: 100,
        }
    }
}

/// A request as read off the wire.
pub struct Request<'a> {
    pub method: &'a str,
    /// The host it was addressed to (its `Host` header), as signed.
    pub host: &'a str,
    /// Path and query, as signed.
    pub path: &'a str,
    /// The signature headers (`None`: unsigned).
    pub signed: Option<Signed>,
    pub body: &'a [u8],
    /// The peer's address, which unsigned requests are rate-limited by.
    pub peer: IpAddr,
}

/// What an upload did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stored {
    /// Stored now (201).
    Created,
    /// The same text was stored before (200).
    AlreadyThere,
}

/// One page of a ticket's texts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub ticket: u64,
    pub texts: Vec<Record>,
}

#[derive(Hash, PartialEq, Eq)]
enum Client {
    Account([u8; 32]),
    Address(IpAddr),
}

/// The content service.
pub struct Service {
    store: Arc<dyn Store>,
    roles: Arc<dyn Roles>,
    nonces: Nonces,
    limiter: RateLimiter<Client>,
    /// Whether a ticket's texts are public, for tickets whose request is stored (it never
    /// changes after that): one storage query saved per read.
    public: Mutex<HashMap<u64, bool>>,
}

/// The most tickets whose public flag is remembered before the memory starts afresh.
const PUBLIC_FLAGS: usize = 100_000;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Service {
    pub fn new(store: Arc<dyn Store>, roles: Arc<dyn Roles>, limits: Limits) -> Self {
        Self {
            store,
            roles,
            nonces: Nonces::default(),
            limiter: RateLimiter::new(limits.per_second, limits.burst),
            public: Mutex::default(),
        }
    }

    /// Who sent `request`: its verified account, or `None` if unsigned. Rate-limits either way
    /// (after the signature is checked, so nobody can spend another account's allowance).
    fn admit(&self, request: &Request) -> Result<Option<[u8; 32]>, ApiError> {
        let account = match &request.signed {
            Some(signed) => {
                if !signed.verifies(request.method, request.host, request.path, request.body) {
                    return Err(ApiError::Auth(crate::auth::AuthError::BadSignature));
                }
                self.nonces
                    .admit(signed, now_ms())
                    .map_err(ApiError::Auth)?;
                Some(signed.account)
            }
            None => None,
        };
        let client = account.map_or(Client::Address(request.peer), Client::Account);
        if !self.limiter.admit(client, Instant::now()) {
            return Err(ApiError::RateLimited);
        }
        Ok(account)
    }

    fn ticket(&self, id: u64) -> Result<TicketFacts, ApiError> {
        self.roles
            .ticket(id)
            .map_err(ApiError::ChainUnavailable)?
            .ok_or(ApiError::UnknownTicket(id))
    }

    fn agent_level(&self, who: Option<&[u8; 32]>) -> Result<Option<u8>, ApiError> {
        match who {
            Some(who) => self
                .roles
                .agent_level(who)
                .map_err(ApiError::ChainUnavailable),
            None => Ok(None),
        }
    }

    fn is_public(&self, ticket: u64) -> Result<bool, ApiError> {
        let flags = || {
            self.public
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(public) = flags().get(&ticket).copied() {
            return Ok(public);
        }
        let stored = self.store.is_public(ticket).map_err(storage)?;
        if let Some(public) = stored {
            let mut flags = flags();
            if flags.len() >= PUBLIC_FLAGS {
                flags.clear();
            }
            flags.insert(ticket, public);
        }
        Ok(stored.unwrap_or(false))
    }

    /// Checks that `reader` may read `ticket`'s texts.
    fn check_read(&self, reader: Option<&[u8; 32]>, ticket: u64) -> Result<(), ApiError> {
        let facts = self.ticket(ticket)?;
        let public = self.is_public(ticket)?;
        let trusted = public || reader == Some(&facts.customer);
        // Only ask the chain about agents when it decides the matter.
        let level = if trusted {
            None
        } else {
            self.agent_level(reader)?
        };
        may_read(reader, &facts, level, public).map_err(ApiError::Refused)
    }

    /// `PUT /v1/texts/{hash}`: stores a text under its hash.
    pub fn upload(&self, hash: &str, request: &Request) -> Result<Stored, ApiError> {
        let hash = parse_hash(hash)?;
        let writer = self.admit(request)?.ok_or(ApiError::SignatureRequired)?;
        let upload: Upload = serde_json::from_slice(request.body)
            .map_err(|e| ApiError::MalformedJson(e.to_string()))?;
        if upload.text.len() > MAX_TEXT_BYTES {
            return Err(ApiError::TextTooLarge(upload.text.len()));
        }
        if content_hash(&upload.salt, &upload.text) != hash {
            return Err(ApiError::WrongHash);
        }
        let facts = self.ticket(upload.ticket)?;
        let public_ticket = self.is_public(upload.ticket)?;
        let level = if writer == facts.customer || public_ticket {
            None
        } else {
            self.agent_level(Some(&writer))?
        };
        may_write(
            &writer,
            &facts,
            level,
            public_ticket,
            upload.kind,
            &hash,
            upload.public,
        )
        .map_err(ApiError::Refused)?;
        let record = Record {
            hash,
            ticket: upload.ticket,
            kind: upload.kind,
            salt: upload.salt,
            text: upload.text,
            public: upload.public,
            author: writer,
            stored_at: now_ms(),
        };
        match self.store.put(&record).map_err(storage)? {
            Put::Stored => Ok(Stored::Created),
            Put::AlreadyStored(existing)
                if existing.ticket == record.ticket && existing.kind == record.kind =>
            {
                Ok(Stored::AlreadyThere)
            }
            Put::AlreadyStored(_) => Err(ApiError::StoredElsewhere),
        }
    }

    /// `GET /v1/texts/{hash}`: one text, if the reader may read its ticket.
    pub fn read(&self, hash: &str, request: &Request) -> Result<Record, ApiError> {
        let hash = parse_hash(hash)?;
        let reader = self.admit(request)?;
        let record = self
            .store
            .get(&hash)
            .map_err(storage)?
            .ok_or(ApiError::NotFound)?;
        self.check_read(reader.as_ref(), record.ticket)?;
        Ok(record)
    }

    /// `GET /v1/tickets/{id}/texts?from=&limit=`: a page of a ticket's texts, in the order
    /// stored, if the reader may read them.
    pub fn thread(
        &self,
        ticket: &str,
        from: u32,
        limit: u32,
        request: &Request,
    ) -> Result<Thread, ApiError> {
        let ticket: u64 = ticket.parse().map_err(|_| ApiError::MalformedPath)?;
        let reader = self.admit(request)?;
        self.check_read(reader.as_ref(), ticket)?;
        let texts = self.store.thread(ticket, from, limit).map_err(storage)?;
        Ok(Thread { ticket, texts })
    }
}

fn storage(e: crate::store::StoreError) -> ApiError {
    ApiError::Storage(e.0)
}

fn parse_hash(text: &str) -> Result<ContentHash, ApiError> {
    crate::text::hex32::parse(text).ok_or(ApiError::MalformedPath)
}
