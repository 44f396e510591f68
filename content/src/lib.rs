//! The content service: ticket texts off chain, keyed by the salted hash the help desk keeps on
//! chain, so that nobody can alter a text unnoticed.
//!
//! - [`text`]: the text, its salt and hash (BLAKE2b-256 of salt then text).
//! - [`auth`]: requests signed with the reader's chain account (sr25519), no replays.
//! - [`roles`] and [`access`]: who may read and write, from the desk's queries.
//! - [`store`]: SQLite (default) or PostgreSQL.
//! - [`service`] the decisions, [`http`] the routes, [`errors`] every refusal.
//! - [`client`]: what the CLI and tests talk to it with; [`load`]: the load test.

pub mod access;
pub mod auth;
pub mod client;
pub mod errors;
pub mod http;
pub mod limit;
pub mod load;
pub mod roles;
pub mod service;
pub mod store;
pub mod text;
