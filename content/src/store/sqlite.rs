//! The SQLite backend: one file, write-ahead log, `synchronous = FULL` so an acknowledged put
//! survives a crash; one writer connection and a few readers.

use super::{bytes32, ticket_column, Put, Store, StoreError, MAX_PAGE};
use crate::text::{ContentHash, Kind, Record};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Reader connections (WAL lets them read while the writer writes).
const READERS: usize = 4;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS texts (
    hash BLOB PRIMARY KEY NOT NULL,
    ticket INTEGER NOT NULL,
    kind TEXT NOT NULL,
    salt BLOB NOT NULL,
    body TEXT NOT NULL,
    public INTEGER NOT NULL,
    author BLOB NOT NULL,
    stored_at INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS texts_by_ticket ON texts (ticket, seq);";

const COLUMNS: &str = "hash, ticket, kind, salt, body, public, author, stored_at";

/// Texts in one SQLite file.
pub struct Sqlite {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn failed(e: rusqlite::Error) -> StoreError {
    StoreError(e.to_string())
}

fn lock(connection: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    connection
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sqlite {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> Result<Sqlite, StoreError> {
        let writer = Connection::open(path).map_err(failed)?;
        writer
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .map_err(failed)?;
        writer.execute_batch(SCHEMA).map_err(failed)?;
        let readers = (0..READERS)
            .map(|_| Connection::open(path).map(Mutex::new).map_err(failed))
            .collect::<Result<_, _>>()?;
        Ok(Sqlite {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len().max(1);
        match self.readers.get(i) {
            Some(reader) => lock(reader),
            None => lock(&self.writer),
        }
    }
}

fn record_of(row: &Row) -> rusqlite::Result<Result<Record, StoreError>> {
    let kind: String = row.get(2)?;
    let ticket: i64 = row.get(1)?;
    let stored_at: i64 = row.get(7)?;
    let (hash, salt, author): (Vec<u8>, Vec<u8>, Vec<u8>) = (row.get(0)?, row.get(3)?, row.get(6)?);
    let (text, public): (String, bool) = (row.get(4)?, row.get(5)?);
    Ok((|| {
        Ok(Record {
            hash: bytes32(hash, "hash")?,
            ticket: u64::try_from(ticket).map_err(|_| StoreError("negative ticket".into()))?,
            kind: Kind::parse(&kind).ok_or_else(|| StoreError(format!("unknown kind {kind}")))?,
            salt: bytes32(salt, "salt")?,
            text,
            public,
            author: bytes32(author, "author")?,
            stored_at: u64::try_from(stored_at).unwrap_or(0),
        })
    })())
}

impl Store for Sqlite {
    fn put(&self, record: &Record) -> Result<Put, StoreError> {
        let writer = lock(&self.writer);
        let inserted = writer
            .execute(
                "INSERT OR IGNORE INTO texts (hash, ticket, kind, salt, body, public, author,
                 stored_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                 (SELECT COALESCE(MAX(seq), 0) + 1 FROM texts))",
                params![
                    record.hash.as_slice(),
                    ticket_column(record.ticket)?,
                    record.kind.as_str(),
                    record.salt.as_slice(),
                    record.text,
                    record.public,
                    record.author.as_slice(),
                    i64::try_from(record.stored_at).unwrap_or(i64::MAX),
                ],
            )
            .map_err(failed)?;
        if inserted == 1 {
            return Ok(Put::Stored);
        }
        drop(writer);
        match self.get(&record.hash)? {
            Some(existing) => Ok(Put::AlreadyStored(existing)),
            None => Err(StoreError("a conflicting row vanished".into())),
        }
    }

    fn get(&self, hash: &ContentHash) -> Result<Option<Record>, StoreError> {
        self.reader()
            .query_row(
                &format!("SELECT {COLUMNS} FROM texts WHERE hash = ?1"),
                [hash.as_slice()],
                record_of,
            )
            .optional()
            .map_err(failed)?
            .transpose()
    }

    fn thread(&self, ticket: u64, from: u32, limit: u32) -> Result<Vec<Record>, StoreError> {
        let reader = self.reader();
        let mut statement = reader
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM texts WHERE ticket = ?1 ORDER BY seq LIMIT ?2 OFFSET ?3"
            ))
            .map_err(failed)?;
        let rows = statement
            .query_map(
                params![ticket_column(ticket)?, limit.min(MAX_PAGE), from],
                record_of,
            )
            .map_err(failed)?;
        rows.map(|row| row.map_err(failed)?).collect()
    }

    fn is_public(&self, ticket: u64) -> Result<Option<bool>, StoreError> {
        self.reader()
            .query_row(
                "SELECT public FROM texts WHERE ticket = ?1 AND kind = 'request' LIMIT 1",
                [ticket_column(ticket)?],
                |row| row.get(0),
            )
            .optional()
            .map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::super::contract;
    use super::*;

    fn fresh(name: &str) -> (Sqlite, std::path::PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("helpdesk-sqlite-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("texts.db");
        (Sqlite::open(&path).unwrap(), path)
    }

    #[test]
    fn sqlite_keeps_what_it_acknowledged_across_a_reopen() {
        let (store, path) = fresh("reopen");
        contract::keeps_what_it_acknowledged(&store);
        drop(store);
        let reopened = Sqlite::open(&path).unwrap();
        let request = contract::record(1, Kind::Request, "my printer is on fire", 1);
        assert_eq!(reopened.get(&request.hash).unwrap(), Some(request));
    }

    #[test]
    fn sqlite_a_second_put_of_a_hash_changes_nothing() {
        contract::a_second_put_of_a_hash_changes_nothing(&fresh("again").0);
    }

    #[test]
    fn sqlite_a_thread_pages_in_stored_order() {
        contract::a_thread_pages_in_stored_order(&fresh("thread").0);
    }
}
