//! The Lineage node and client library.
//!
//! `lineage-node` runs a validator or full node of the Lineage chain; the same binary is also a
//! client for its users (see [`client`]).

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod chain_spec;
pub mod client;
pub mod cli;
pub mod command;
pub mod rpc;
pub mod service;
