//! The Lineage node.
//!
//! `lineage-node` runs a validator or full node of the Lineage chain and serves its JSON-RPC. The
//! user commands (contribute, register models, meter inferences, claim) are the `lineage` client's,
//! in the `lineage-client` crate.

// The error types of the Substrate client crates (sc_cli::Error, sc_service::Error) are large;
// they are what the CLI runner expects, so they are returned as they are.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod chain_spec;
pub mod cli;
pub mod command;
pub mod dev_keys;
pub mod import_timing;
pub mod production;
pub mod rpc;
pub mod service;
