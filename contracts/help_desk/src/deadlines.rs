//! The deadline index: which ticket may have an automatic action due when, so a sweep never
//! scans all tickets.
//!
//! Time is cut into buckets of [`BUCKET_MS`]. Scheduling appends `(ticket, version)` to the
//! bucket of its due time; a cursor walks the buckets in order. Rescheduling a ticket bumps its
//! version, so older entries are recognised as stale and skipped (lazy removal). Only buckets
//! that lie entirely in the past are swept, so an action fires at most one bucket (60 s) after
//! its due time. Buckets are grouped in pages of an hour, each with a bitmap of the buckets that
//! ever got an entry, and pages in groups of [`PAGES_PER_GROUP`] (64 hours), each with a bitmap
//! of the pages that ever got a bucket: the walk jumps straight to the next bucket with entries,
//! so empty buckets cost nothing and idle time costs two reads per 64 hours (60 idle days: ~45
//! steps of a walk).
//!
//! A bucket is stored as a head cell (its newest entries, up to [`CHUNK`], and how many full
//! chunks came before) plus those full chunks. Storage writes are what cost (~131 M ref_time
//! each, against ~30 M for a read): scheduling reads and writes the head, one write, where an
//! entry cell plus a length cell took two; a chunk is written once per [`CHUNK`] entries; and a
//! sweep removes a bucket's cells once it has walked past it, instead of one removal per entry.
//!
//! Every walk takes a budget of steps (entries read plus buckets and pages passed): the caller
//! bounds the work; an unfinished walk continues on the next call from the stored cursor.

use crate::ticket::TicketId;
use helpdesk_common::Timestamp;
use ink::prelude::vec::Vec;
use ink::storage::Mapping;

/// Width of one bucket: 60 seconds.
pub const BUCKET_MS: u64 = crate::time::MINUTE;
/// Buckets per page: one hour.
pub const BUCKETS_PER_PAGE: u64 = 60;
/// Pages per group: 64 hours (a group's bitmap is a `u64`).
pub const PAGES_PER_GROUP: u64 = 64;

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

/// A bucket's head cell: how many full chunks precede `open`, and its newest entries. Slot `s`
/// of the bucket is in chunk `s / CHUNK` while that chunk is full, else in `open`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct BucketHead {
    pub full_chunks: u32,
    pub open: Vec<Entry>,
}

impl BucketHead {
    fn first_open_slot(&self) -> u32 {
        self.full_chunks.saturating_mul(CHUNK)
    }

    fn len(&self) -> u32 {
        let open = u32::try_from(self.open.len()).unwrap_or(u32::MAX);
        self.first_open_slot().saturating_add(open)
    }
}

/// A stored chunk's key: (bucket, chunk number).
pub type ChunkKey = (u64, u32);
/// A full chunk of a bucket: [`CHUNK`] entries.
pub type Chunk = Vec<Entry>;

/// Entries per chunk (12 bytes each: a chunk stays a few hundred bytes, cheap to read and write).
pub const CHUNK: u32 = 32;

/// A walk over the index: the cursor, the entries last read (so a sweep reads each chunk once),
/// and the buckets it went past, whose cells a sweep removes.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub cursor: Cursor,
    view: Option<View>,
    /// Cells the walk is done with, for a sweep to remove. At most one per step, so the
    /// removals stay within the walk's budget.
    done: Vec<Cell>,
    /// The page the cursor is in, and whether that page's bitmap is stored.
    page: Option<(u64, bool)>,
    /// The group the cursor is in, and whether that group's bitmap is stored.
    group: Option<(u64, bool)>,
}

/// A storage cell of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// A bucket's head, once the walk went past the bucket.
    Head(u64),
    /// A full chunk (bucket, number), once the walk read its last entry.
    Chunk(u64, u32),
    /// A page's bitmap, once the walk went past the page.
    Page(u64),
    /// A group's bitmap, once the walk went past the group.
    Group(u64),
}

/// The entries a walk last read: a stored full chunk, or a bucket's open head.
#[derive(Debug, Clone)]
struct View {
    bucket: u64,
    /// The slot of `entries[0]`.
    first: u32,
    entries: Vec<Entry>,
    /// A full chunk (never changes again) rather than the open head.
    chunk: Option<u32>,
}

impl Walk {
    fn entry(&self, at: Cursor) -> Option<Entry> {
        let view = self.view.as_ref()?;
        if view.bucket != at.bucket {
            return None;
        }
        let offset = usize::try_from(at.slot.checked_sub(view.first)?).ok()?;
        view.entries.get(offset).copied()
    }
}

#[ink::storage_item]
#[derive(Debug)]
pub struct DeadlineIndex {
    heads: Mapping<u64, BucketHead>,
    chunks: Mapping<ChunkKey, Chunk>,
    /// Per page, bit `i` is set when bucket `page * 60 + i` ever got an entry.
    page_bits: Mapping<u64, u64>,
    /// Per group, bit `i` is set when page `group * 64 + i` ever got a bucket.
    group_bits: Mapping<u64, u64>,
    cursor: Cursor,
}

fn bucket_of(at: Timestamp) -> u64 {
    at.checked_div(BUCKET_MS).unwrap_or(0)
}

fn page_of(bucket: u64) -> u64 {
    bucket.checked_div(BUCKETS_PER_PAGE).unwrap_or(0)
}

fn group_of(page: u64) -> u64 {
    page.checked_div(PAGES_PER_GROUP).unwrap_or(0)
}

/// The page's bit in its group's bitmap.
fn page_bit(page: u64) -> u64 {
    1u64.checked_shl(offset_in_group(page)).unwrap_or(0)
}

fn offset_in_group(page: u64) -> u32 {
    u32::try_from(page.checked_rem(PAGES_PER_GROUP).unwrap_or(0)).unwrap_or(0)
}

/// The bucket's bit in its page's bitmap.
fn bit_of(bucket: u64) -> u64 {
    1u64.checked_shl(offset_in_page(bucket)).unwrap_or(0)
}

fn offset_in_page(bucket: u64) -> u32 {
    u32::try_from(bucket.checked_rem(BUCKETS_PER_PAGE).unwrap_or(0)).unwrap_or(0)
}

impl DeadlineIndex {
    /// An empty index whose walk starts at `now`.
    pub fn new(now: Timestamp) -> Self {
        Self {
            heads: Mapping::default(),
            chunks: Mapping::default(),
            page_bits: Mapping::default(),
            group_bits: Mapping::default(),
            cursor: Cursor {
                bucket: bucket_of(now),
                slot: 0,
            },
        }
    }

    /// A walk from the stored cursor. It knows which bitmaps the cursor's page and group have
    /// (two reads), so it removes them once it leaves them, wherever in them it started.
    pub fn walk(&self) -> Walk {
        let page = page_of(self.cursor.bucket);
        let group = group_of(page);
        Walk {
            cursor: self.cursor,
            page: Some((page, self.page_bits.contains(page))),
            group: Some((group, self.group_bits.contains(group))),
            ..Walk::default()
        }
    }

    /// Notes that the walk's cursor is in `page` (whose bitmap is `bits`): the page and group it
    /// left, if any, are done with.
    /// A bitmap first stored after the walk looked (a schedule during the sweep) is checked
    /// again before the walk leaves it.
    fn enter_page(&self, walk: &mut Walk, page: u64, bits: u64) {
        if let Some((left, stored)) = walk.page {
            if left != page && (stored || self.page_bits.contains(left)) {
                walk.done.push(Cell::Page(left));
            }
        }
        walk.page = Some((page, bits != 0));
        let group = group_of(page);
        if let Some((left, stored)) = walk.group {
            if left == group {
                return;
            }
            if stored || self.group_bits.contains(left) {
                walk.done.push(Cell::Group(left));
            }
        }
        walk.group = Some((group, self.group_bits.contains(group)));
    }

    /// Schedules a check of `ticket` (at `version`) at `due`; a time the walk already passed
    /// goes into the cursor's bucket, so it is still found.
    pub fn schedule(&mut self, ticket: TicketId, version: u32, due: Timestamp) {
        let bucket = bucket_of(due).max(self.cursor.bucket);
        let mut head = self.heads.get(bucket).unwrap_or_default();
        if head.len() == 0 {
            let page = page_of(bucket);
            let bits = self.page_bits.get(page).unwrap_or(0);
            if bits & bit_of(bucket) == 0 {
                if bits == 0 {
                    let group = group_of(page);
                    let pages = self.group_bits.get(group).unwrap_or(0);
                    self.group_bits.insert(group, &(pages | page_bit(page)));
                }
                self.page_bits.insert(page, &(bits | bit_of(bucket)));
            }
        }
        if head.open.len() >= CHUNK as usize {
            // A chunk whose slots a walk already read (while they were the open head) is never
            // read again: storing it would leave a cell no sweep removes.
            let chunk_end = head.first_open_slot().saturating_add(CHUNK);
            let walked = self.cursor.bucket == bucket && self.cursor.slot >= chunk_end;
            if !walked {
                self.chunks.insert((bucket, head.full_chunks), &head.open);
            }
            head.full_chunks = head.full_chunks.saturating_add(1);
            head.open.clear();
        }
        head.open.push(Entry { ticket, version });
        self.heads.insert(bucket, &head);
    }

    /// Reads the part of the cursor's bucket that holds its slot into the walk. `false` when the
    /// bucket has no entry at or after the slot.
    fn load(&self, walk: &mut Walk) -> bool {
        let at = walk.cursor;
        let Some(head) = self.heads.get(at.bucket) else {
            walk.view = None;
            return false;
        };
        if at.slot >= head.len() {
            walk.done.push(Cell::Head(at.bucket));
            walk.view = None;
            return false;
        }
        walk.view = Some(if at.slot >= head.first_open_slot() {
            View {
                bucket: at.bucket,
                first: head.first_open_slot(),
                entries: head.open,
                chunk: None,
            }
        } else {
            let chunk = at.slot.checked_div(CHUNK).unwrap_or(0);
            View {
                bucket: at.bucket,
                first: chunk.saturating_mul(CHUNK),
                entries: self.chunks.get((at.bucket, chunk)).unwrap_or_default(),
                chunk: Some(chunk),
            }
        });
        true
    }

    /// The next entry (and where it is) at or after the walk's cursor in a bucket that ended by
    /// `now`, advancing the cursor past it. Read-only: a sweep stores the cursor and removes the
    /// buckets walked past ([`DeadlineIndex::finish`]); a query just looks. `None` when the walk
    /// caught up with `now` or `budget` ran out.
    pub fn next_due(
        &self,
        walk: &mut Walk,
        now: Timestamp,
        budget: &mut u32,
    ) -> Option<(Cursor, Entry)> {
        while *budget > 0 {
            *budget = budget.saturating_sub(1);
            let cursor = walk.cursor;
            let bucket_end = cursor.bucket.saturating_add(1).saturating_mul(BUCKET_MS);
            if bucket_end > now {
                return None;
            }
            if cursor.slot == 0 {
                // Entering a bucket: jump to the next one in this page that has entries (or to
                // the next page), but never past the bucket containing `now`: a deadline
                // scheduled later for a time before the cursor lands in the cursor's bucket, so
                // a cursor ahead of `now` would make it fire late.
                let page = page_of(cursor.bucket);
                let bits = self.page_bits.get(page).unwrap_or(0);
                self.enter_page(walk, page, bits);
                let later = bits.checked_shr(offset_in_page(cursor.bucket)).unwrap_or(0);
                let target = if later == 0 {
                    self.next_page_with_buckets(page)
                        .saturating_mul(BUCKETS_PER_PAGE)
                } else {
                    cursor
                        .bucket
                        .saturating_add(u64::from(later.trailing_zeros()))
                };
                if target != cursor.bucket {
                    walk.cursor.bucket = target.min(bucket_of(now));
                    continue;
                }
            }
            // Entries appended since the last read are seen: a slot past what was read reloads.
            let entry = match walk.entry(cursor) {
                Some(entry) => Some(entry),
                None if self.load(walk) => walk.entry(cursor),
                None => None,
            };
            match entry {
                Some(entry) => {
                    walk.cursor.slot = cursor.slot.saturating_add(1);
                    // Past the last slot of a chunk's worth: if those entries sit in a stored
                    // chunk (read as one, or rolled over from the head since the walk read it),
                    // the walk is done with that cell.
                    if walk.cursor.slot.checked_rem(CHUNK) == Some(0) {
                        let chunk = cursor.slot.checked_div(CHUNK).unwrap_or(0);
                        let stored = match walk.view.as_ref().and_then(|view| view.chunk) {
                            Some(read) => read == chunk,
                            None => self
                                .heads
                                .get(cursor.bucket)
                                .is_some_and(|head| cursor.slot < head.first_open_slot()),
                        };
                        if stored {
                            walk.done.push(Cell::Chunk(cursor.bucket, chunk));
                        }
                    }
                    return Some((cursor, entry));
                }
                None => {
                    walk.cursor.bucket = cursor.bucket.saturating_add(1);
                    walk.cursor.slot = 0;
                }
            }
        }
        None
    }

    /// The first page after `page` that ever got a bucket, as far as the group of the page
    /// after it tells (else the first page of the next group): one group read.
    fn next_page_with_buckets(&self, page: u64) -> u64 {
        let next = page.saturating_add(1);
        let group = group_of(next);
        let pages = self.group_bits.get(group).unwrap_or(0);
        let later = pages.checked_shr(offset_in_group(next)).unwrap_or(0);
        if later == 0 {
            group.saturating_add(1).saturating_mul(PAGES_PER_GROUP)
        } else {
            next.saturating_add(u64::from(later.trailing_zeros()))
        }
    }

    /// Ends a sweep's walk: stores its cursor and removes the cells it is done with (their
    /// storage deposit goes back to the caller). Returns how many cells it removed.
    pub fn finish(&mut self, walk: &mut Walk) -> u32 {
        self.cursor = walk.cursor;
        // A page or group the walk left without reading the next page's bitmap.
        let page = page_of(walk.cursor.bucket);
        if walk.page.is_some_and(|(p, _)| p != page) {
            let bits = self.page_bits.get(page).unwrap_or(0);
            self.enter_page(walk, page, bits);
        }
        let mut removed = 0u32;
        for cell in walk.done.drain(..) {
            match cell {
                Cell::Head(bucket) => self.heads.remove(bucket),
                Cell::Chunk(bucket, chunk) => self.chunks.remove((bucket, chunk)),
                Cell::Page(page) => self.page_bits.remove(page),
                Cell::Group(group) => self.group_bits.remove(group),
            }
            removed = removed.saturating_add(1);
        }
        walk.page = None;
        walk.group = None;
        removed
    }

    /// Where the stored walk stands: sweeps continue from here.
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// Desk time at which the stored cursor's bucket starts: `now` minus this is how far the
    /// sweeps lag behind.
    pub fn cursor_time(&self) -> Timestamp {
        self.cursor.bucket.saturating_mul(BUCKET_MS)
    }

    /// How many of `bucket`'s cells (head, chunks 0..`chunks`, its page's and its group's
    /// bitmaps) are stored.
    #[cfg(test)]
    pub fn stored_cells(&self, bucket: u64, chunks: u32) -> usize {
        let page = page_of(bucket);
        let head = usize::from(self.heads.contains(bucket))
            .saturating_add(usize::from(self.page_bits.contains(page)))
            .saturating_add(usize::from(self.group_bits.contains(group_of(page))));
        let stored = (0..chunks)
            .filter(|chunk| self.chunks.contains((bucket, *chunk)))
            .count();
        head.saturating_add(stored)
    }

    /// Stores how far a sweep got (before running an action, so that a reschedule it causes
    /// lands at or after this position).
    pub fn set_cursor(&mut self, cursor: Cursor) {
        self.cursor = cursor;
    }
}
