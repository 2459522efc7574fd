//! The Lineage node and client library.
//!
//! `lineage-node` runs a validator or full node of the Lineage chain; the same binary is also a
//! client for its users (see [`client`]).

// The error types of the Substrate client crates (sc_cli::Error, sc_service::Error) are large;
// they are what the CLI runner expects, so they are returned as they are.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod chain_spec;
pub mod cli;
pub mod client;
pub mod command;
pub mod rpc;
pub mod service;
