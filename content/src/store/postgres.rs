//! The PostgreSQL backend: the same table on a server, a few connections used in turn. Every
//! statement commits before it returns, so an acknowledged put is durable (the server's own
//! `fsync` settings apply).

use super::{bytes32, ticket_column, Put, Store, StoreError, MAX_PAGE};
use crate::text::{ContentHash, Kind, Record};
use postgres::{Client, NoTls, Row};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Connections kept open.
const CONNECTIONS: usize = 4;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS texts (
    hash BYTEA PRIMARY KEY NOT NULL,
    ticket BIGINT NOT NULL,
    kind TEXT NOT NULL,
    salt BYTEA NOT NULL,
    body TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    author BYTEA NOT NULL,
    stored_at BIGINT NOT NULL,
    seq BIGSERIAL NOT NULL
);
CREATE INDEX IF NOT EXISTS texts_by_ticket ON texts (ticket, seq);";

const COLUMNS: &str = "hash, ticket, kind, salt, body, public, author, stored_at";

/// Texts in a PostgreSQL database.
pub struct Postgres {
    connections: Vec<Mutex<Client>>,
    next: AtomicUsize,
}

/// Runs `f`, which blocks on the `postgres` crate's own runtime, outside any tokio runtime the
/// caller runs in (the service's blocking threads are inside one).
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => tokio::task::block_in_place(f),
        Err(_) => f(),
    }
}

fn failed(e: postgres::Error) -> StoreError {
    StoreError(e.to_string())
}

impl Postgres {
    /// Connects to `url` (`postgres://user@host:port/db`, or `host=… user=…`) and creates the
    /// table if it is missing.
    pub fn connect(url: &str) -> Result<Postgres, StoreError> {
        blocking(|| Self::connect_now(url))
    }

    fn connect_now(url: &str) -> Result<Postgres, StoreError> {
        let mut connections = Vec::with_capacity(CONNECTIONS);
        for _ in 0..CONNECTIONS {
            connections.push(Client::connect(url, NoTls).map_err(failed)?);
        }
        if let Some(first) = connections.first_mut() {
            first.batch_execute(SCHEMA).map_err(failed)?;
        }
        Ok(Postgres {
            connections: connections.into_iter().map(Mutex::new).collect(),
            next: AtomicUsize::new(0),
        })
    }

    fn connection(&self) -> Result<MutexGuard<'_, Client>, StoreError> {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len().max(1);
        self.connections
            .get(i)
            .map(|c| c.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
            .ok_or_else(|| StoreError("no connection".into()))
    }
}

fn record_of(row: &Row) -> Result<Record, StoreError> {
    let column = |e: postgres::Error| StoreError(e.to_string());
    let kind: String = row.try_get(2).map_err(column)?;
    let ticket: i64 = row.try_get(1).map_err(column)?;
    let stored_at: i64 = row.try_get(7).map_err(column)?;
    Ok(Record {
        hash: bytes32(row.try_get(0).map_err(column)?, "hash")?,
        ticket: u64::try_from(ticket).map_err(|_| StoreError("negative ticket".into()))?,
        kind: Kind::parse(&kind).ok_or_else(|| StoreError(format!("unknown kind {kind}")))?,
        salt: bytes32(row.try_get(3).map_err(column)?, "salt")?,
        text: row.try_get(4).map_err(column)?,
        public: row.try_get(5).map_err(column)?,
        author: bytes32(row.try_get(6).map_err(column)?, "author")?,
        stored_at: u64::try_from(stored_at).unwrap_or(0),
    })
}

impl Drop for Postgres {
    /// Closing a connection blocks on the `postgres` crate's runtime, which may not happen
    /// inside another (the server's, as it shuts down): the connections close on a thread of
    /// their own.
    fn drop(&mut self) {
        let connections = std::mem::take(&mut self.connections);
        let _ = std::thread::spawn(move || drop(connections)).join();
    }
}

impl Store for Postgres {
    fn put(&self, record: &Record) -> Result<Put, StoreError> {
        blocking(|| self.put_now(record))
    }

    fn get(&self, hash: &ContentHash) -> Result<Option<Record>, StoreError> {
        blocking(|| self.get_now(hash))
    }

    fn thread(&self, ticket: u64, from: u32, limit: u32) -> Result<Vec<Record>, StoreError> {
        blocking(|| self.thread_now(ticket, from, limit))
    }

    fn is_public(&self, ticket: u64) -> Result<Option<bool>, StoreError> {
        blocking(|| self.is_public_now(ticket))
    }
}

impl Postgres {
    fn put_now(&self, record: &Record) -> Result<Put, StoreError> {
        let inserted = self
            .connection()?
            .execute(
                "INSERT INTO texts (hash, ticket, kind, salt, body, public, author, stored_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (hash) DO NOTHING",
                &[
                    &record.hash.as_slice(),
                    &ticket_column(record.ticket)?,
                    &record.kind.as_str(),
                    &record.salt.as_slice(),
                    &record.text,
                    &record.public,
                    &record.author.as_slice(),
                    &i64::try_from(record.stored_at).unwrap_or(i64::MAX),
                ],
            )
            .map_err(failed)?;
        if inserted == 1 {
            return Ok(Put::Stored);
        }
        match self.get_now(&record.hash)? {
            Some(existing) => Ok(Put::AlreadyStored(existing)),
            None => Err(StoreError("a conflicting row vanished".into())),
        }
    }

    fn get_now(&self, hash: &ContentHash) -> Result<Option<Record>, StoreError> {
        self.connection()?
            .query_opt(
                &format!("SELECT {COLUMNS} FROM texts WHERE hash = $1"),
                &[&hash.as_slice()],
            )
            .map_err(failed)?
            .as_ref()
            .map(record_of)
            .transpose()
    }

    fn thread_now(&self, ticket: u64, from: u32, limit: u32) -> Result<Vec<Record>, StoreError> {
        self.connection()?
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM texts WHERE ticket = $1 ORDER BY seq LIMIT $2 OFFSET $3"
                ),
                &[
                    &ticket_column(ticket)?,
                    &i64::from(limit.min(MAX_PAGE)),
                    &i64::from(from),
                ],
            )
            .map_err(failed)?
            .iter()
            .map(record_of)
            .collect()
    }

    fn is_public_now(&self, ticket: u64) -> Result<Option<bool>, StoreError> {
        self.connection()?
            .query_opt(
                "SELECT public FROM texts WHERE ticket = $1 AND kind = 'request' LIMIT 1",
                &[&ticket_column(ticket)?],
            )
            .map_err(failed)?
            .map(|row| row.try_get(0).map_err(failed))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{contract, ScratchPostgres};
    use super::*;

    /// Runs `check` against a fresh database on a scratch server, or says why it cannot.
    fn on_scratch_server(name: &str, check: impl FnOnce(&ScratchPostgres)) {
        match ScratchPostgres::start() {
            Ok(Some(server)) => check(&server),
            Ok(None) => {
                eprintln!("{name}: skipped, PostgreSQL is not installed (apt install postgresql)")
            }
            Err(why) => panic!("{name}: the scratch PostgreSQL server did not start: {why}"),
        }
    }

    #[test]
    fn postgres_serves_from_the_blocking_threads_of_a_tokio_runtime_as_the_service_calls_it() {
        on_scratch_server("postgres store in a runtime", |server| {
            let store = std::sync::Arc::new(Postgres::connect(&server.url).unwrap());
            let runtime = tokio::runtime::Runtime::new().unwrap();
            let task = runtime
                .spawn_blocking(move || contract::keeps_what_it_acknowledged(store.as_ref()));
            runtime.block_on(task).unwrap();
        });
    }

    #[test]
    fn postgres_keeps_what_it_acknowledged_a_second_put_changes_nothing_and_threads_page() {
        on_scratch_server("postgres store", |server| {
            let store = &Postgres::connect(&server.url).unwrap();
            contract::keeps_what_it_acknowledged(store);
            contract::a_second_put_of_a_hash_changes_nothing(store);
            contract::a_thread_pages_in_stored_order(store);
        });
    }
}
