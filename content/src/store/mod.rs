//! Where texts are kept: a small trait with two backends, SQLite (embedded, one file: the
//! default) and PostgreSQL (a server, for businesses that outgrow one machine). Both keep one
//! table, `texts`, keyed by the content hash; a put of a hash already there changes nothing.

mod postgres;
mod scratch;
mod sqlite;

pub use self::postgres::Postgres;
pub use self::scratch::ScratchPostgres;
pub use self::sqlite::Sqlite;

use crate::text::{ContentHash, Record};

/// The most texts one page of a ticket's thread holds.
pub const MAX_PAGE: u32 = 100;

/// What a put did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Put {
    /// The record is now stored (durably: it survives a restart).
    Stored,
    /// A record with this hash was there already; it is returned unchanged.
    AlreadyStored(Record),
}

/// A failure of the storage itself (never a refusal of the request).
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "storage: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Text storage. Calls block; the server makes them on its blocking threads.
pub trait Store: Send + Sync + 'static {
    /// Stores `record` unless a record with its hash is there.
    fn put(&self, record: &Record) -> Result<Put, StoreError>;
    /// The record with key `hash`.
    fn get(&self, hash: &ContentHash) -> Result<Option<Record>, StoreError>;
    /// Up to `limit` (at most [`MAX_PAGE`]) of `ticket`'s texts from position `from`, in the
    /// order they were stored.
    fn thread(&self, ticket: u64, from: u32, limit: u32) -> Result<Vec<Record>, StoreError>;
    /// Whether `ticket`'s texts are public: the flag of its stored request (`None`: no request
    /// text stored yet).
    fn is_public(&self, ticket: u64) -> Result<Option<bool>, StoreError>;
}

/// A ticket id as both databases store it (BIGINT).
fn ticket_column(ticket: u64) -> Result<i64, StoreError> {
    i64::try_from(ticket).map_err(|_| StoreError(format!("ticket id {ticket} exceeds BIGINT")))
}

/// 32 bytes read back from a BLOB / BYTEA column.
fn bytes32(bytes: Vec<u8>, column: &str) -> Result<[u8; 32], StoreError> {
    bytes
        .try_into()
        .map_err(|_| StoreError(format!("column {column} does not hold 32 bytes")))
}

#[cfg(test)]
pub(crate) mod contract {
    //! The behaviour every backend must show, run against each.

    use super::*;
    use crate::text::{content_hash, Kind};

    pub fn record(ticket: u64, kind: Kind, text: &str, stored_at: u64) -> Record {
        let salt = [stored_at as u8; 32];
        Record {
            hash: content_hash(&salt, text),
            ticket,
            kind,
            salt,
            text: text.into(),
            public: kind == Kind::Request,
            author: [9; 32],
            stored_at,
        }
    }

    pub fn keeps_what_it_acknowledged(store: &dyn Store) {
        let request = record(1, Kind::Request, "my printer is on fire", 1);
        assert_eq!(store.put(&request).unwrap(), Put::Stored);
        assert_eq!(store.get(&request.hash).unwrap(), Some(request.clone()));
        assert_eq!(store.is_public(1).unwrap(), Some(true));
        assert_eq!(store.is_public(2).unwrap(), None);
    }

    pub fn a_second_put_of_a_hash_changes_nothing(store: &dyn Store) {
        let first = record(3, Kind::Response, "try turning it off", 2);
        assert_eq!(store.put(&first).unwrap(), Put::Stored);
        let again = Record {
            ticket: 4,
            ..first.clone()
        };
        assert_eq!(
            store.put(&again).unwrap(),
            Put::AlreadyStored(first.clone())
        );
        assert_eq!(store.get(&first.hash).unwrap(), Some(first));
    }

    pub fn a_thread_pages_in_stored_order(store: &dyn Store) {
        let texts: Vec<Record> = (0..5)
            .map(|i| record(7, Kind::Response, &format!("answer {i}"), 10 + i))
            .collect();
        for text in &texts {
            store.put(text).unwrap();
        }
        assert_eq!(store.thread(7, 0, 3).unwrap(), texts[..3].to_vec());
        assert_eq!(store.thread(7, 3, 100).unwrap(), texts[3..].to_vec());
        assert_eq!(
            store.thread(7, 0, 1_000).unwrap().len(),
            5,
            "limit capped, not refused"
        );
        assert!(store.thread(8, 0, 10).unwrap().is_empty());
    }
}
