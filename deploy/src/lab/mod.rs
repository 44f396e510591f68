//! The developer lab on the embedded drink sandbox: the demo story, the benchmark against the
//! reference PSP22, and the weight profile. Nothing here talks to a node.

pub mod bench;
pub mod demo;
pub mod profile;
