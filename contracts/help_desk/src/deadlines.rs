//! The deadline index: which ticket may have an automatic action due when, so a sweep never
//! scans all tickets.
//!
//! Time is cut into buckets of [`BUCKET_MS`]. Scheduling appends `(ticket, version)` to the
//! bucket of its due time; a cursor walks the buckets in order. Rescheduling a ticket bumps its
//! version, so older entries are recognised as stale and skipped (lazy removal). Only buckets
//! that lie entirely in the past are swept, so an action fires at most one bucket (60 s) after
//! its due time. Buckets are grouped in pages of an hour, each with a bitmap of the buckets that
//! ever got an entry: the walk jumps straight to the next such bucket, so empty buckets cost
//! nothing and idle time costs one read per hour.
//!
//! Every walk takes a budget of steps (entries read plus buckets and pages passed): the caller
//! bounds the work; an unfinished walk continues on the next call from the stored cursor.

use crate::ticket::TicketId;
use helpdesk_common::Timestamp;
use ink::storage::Mapping;

/// Width of one bucket: 60 seconds.
pub const BUCKET_MS: u64 = 60_000;
/// Buckets per page: one hour.
pub const BUCKETS_PER_PAGE: u64 = 60;

/// A scheduled check: the ticket and the schedule version it was scheduled under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Entry {
    pub ticket: TicketId,
    pub version: u32,
}

/// Where the walk stands: the next slot to read in the current bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Cursor {
    pub bucket: u64,
    pub slot: u32,
}

#[ink::storage_item]
#[derive(Debug)]
pub struct DeadlineIndex {
    entries: Mapping<(u64, u32), Entry>,
    bucket_lens: Mapping<u64, u32>,
    /// Per page, bit `i` is set when bucket `page * 60 + i` ever got an entry.
    page_bits: Mapping<u64, u64>,
    cursor: Cursor,
}

fn bucket_of(at: Timestamp) -> u64 {
    at.checked_div(BUCKET_MS).unwrap_or(0)
}

fn page_of(bucket: u64) -> u64 {
    bucket.checked_div(BUCKETS_PER_PAGE).unwrap_or(0)
}

/// The bucket's bit in its page's bitmap.
fn bit_of(bucket: u64) -> u64 {
    1u64.checked_shl(offset_in_page(bucket)).unwrap_or(0)
}

fn offset_in_page(bucket: u64) -> u32 {
    u32::try_from(bucket.checked_rem(BUCKETS_PER_PAGE).unwrap_or(0)).unwrap_or(0)
}

/// The first bucket of the page after `bucket`'s.
fn next_page_start(bucket: u64) -> u64 {
    page_of(bucket)
        .saturating_add(1)
        .saturating_mul(BUCKETS_PER_PAGE)
}

impl DeadlineIndex {
    /// An empty index whose walk starts at `now`.
    pub fn new(now: Timestamp) -> Self {
        Self {
            entries: Mapping::default(),
            bucket_lens: Mapping::default(),
            page_bits: Mapping::default(),
            cursor: Cursor {
                bucket: bucket_of(now),
                slot: 0,
            },
        }
    }

    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// Schedules a check of `ticket` (at `version`) at `due`; a time the walk already passed
    /// goes into the cursor's bucket, so it is still found.
    pub fn schedule(&mut self, ticket: TicketId, version: u32, due: Timestamp) {
        let bucket = bucket_of(due).max(self.cursor.bucket);
        let slot = self.bucket_lens.get(bucket).unwrap_or(0);
        self.entries
            .insert((bucket, slot), &Entry { ticket, version });
        self.bucket_lens.insert(bucket, &slot.saturating_add(1));
        if slot == 0 {
            let page = page_of(bucket);
            let bits = self.page_bits.get(page).unwrap_or(0);
            self.page_bits.insert(page, &(bits | bit_of(bucket)));
        }
    }

    /// The next entry (and where it is) at or after `cursor` in a bucket that ended by `now`,
    /// advancing `cursor` past it. Read-only: a sweep removes what it consumed and stores the
    /// cursor; a query just looks. `None` when the walk caught up with `now` or `budget` ran out.
    pub fn next_due(
        &self,
        cursor: &mut Cursor,
        now: Timestamp,
        budget: &mut u32,
    ) -> Option<(Cursor, Entry)> {
        while *budget > 0 {
            *budget = budget.saturating_sub(1);
            let bucket_end = cursor.bucket.saturating_add(1).saturating_mul(BUCKET_MS);
            if bucket_end > now {
                return None;
            }
            if cursor.slot == 0 {
                // Entering a bucket: jump to the next one in this page that has entries (or to
                // the next page), but never past the bucket containing `now`: a deadline
                // scheduled later for a time before the cursor lands in the cursor's bucket, so
                // a cursor ahead of `now` would make it fire late.
                let later = self
                    .page_bits
                    .get(page_of(cursor.bucket))
                    .unwrap_or(0)
                    .checked_shr(offset_in_page(cursor.bucket))
                    .unwrap_or(0);
                let target = if later == 0 {
                    next_page_start(cursor.bucket)
                } else {
                    cursor
                        .bucket
                        .saturating_add(u64::from(later.trailing_zeros()))
                };
                if target != cursor.bucket {
                    cursor.bucket = target.min(bucket_of(now));
                    continue;
                }
            }
            let len = self.bucket_lens.get(cursor.bucket).unwrap_or(0);
            if cursor.slot < len {
                let at = *cursor;
                cursor.slot = cursor.slot.saturating_add(1);
                if let Some(entry) = self.entries.get((at.bucket, at.slot)) {
                    return Some((at, entry));
                }
            } else {
                cursor.bucket = cursor.bucket.saturating_add(1);
                cursor.slot = 0;
            }
        }
        None
    }

    /// Removes the consumed entry at `at` (its storage deposit goes back to the caller).
    pub fn remove(&mut self, at: Cursor) {
        self.entries.remove((at.bucket, at.slot));
    }

    /// Stores how far a sweep got.
    pub fn set_cursor(&mut self, cursor: Cursor) {
        self.cursor = cursor;
    }
}
