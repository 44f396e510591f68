//! The help-desk suite's command-line tool as a library (the `helpdesk` binary is its thin
//! front): the sandbox demo and benchmark, and the node-facing commands.

pub mod bench;
pub mod chain;
pub mod config;
pub mod demo;
pub mod ops;
pub mod profile;
