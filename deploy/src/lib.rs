//! The help-desk suite's command-line tool as a library (the `helpdesk` binary is its thin
//! front): [`lab`] on the embedded sandbox (demo, benchmark, profile) and [`node`], the operator
//! commands against a contracts node. The lab never reaches into the node side.

pub mod fmt;
pub mod lab;
pub mod node;
