//! The help-desk suite's command-line tool as a library (the `helpdesk` binary is its thin
//! front): `lab` on the embedded sandbox (demo, benchmark, profile; the crate feature `lab`) and
//! [`node`], the operator commands against a contracts node. The lab never reaches into the
//! node side, and the node side builds without the lab.

pub mod fmt;
#[cfg(feature = "lab")]
pub mod lab;
pub mod node;
