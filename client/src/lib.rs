//! The Lineage client: what the `lineage` command (and the end-to-end tests, and anyone building
//! on Lineage in Rust) uses to read the chain and submit signed transactions over JSON-RPC.
//!
//! - [`Chain`]: a connection to a node, with the typed Lineage RPC clients of `lineage-rpc-api`
//!   (`chain.rpc.dataset(..)`, `chain.rpc.earnings(..)`) and the standard methods;
//! - [`tx`]: building and signing transactions with the runtime's own types, submitting one or many
//!   (consecutive nonces, without waiting for each), and reporting what each did;
//! - [`vouchers`]: the signed vouchers consumers give operators for each inference;
//! - [`records`]: files and JSONL records, hashed as the chain identifies them (sha2-256);
//! - [`commands`]: the `lineage` subcommands.
//!
//! Transactions are built with the runtime's own types (`RuntimeCall`, `TxExtension`), so they
//! always match the runtime this client was built with; [`Chain::connect`] checks that the node
//! runs the same `spec_version`. The client depends on no `sc-*` crate.

pub mod amounts;
pub mod chain;
pub mod commands;
pub mod errors;
pub mod keys;
pub mod output;
pub mod records;
pub mod tx;
pub mod vouchers;

pub use chain::Chain;
pub use errors::ClientError;
pub use tx::{TxReport, Wait};

/// A `Result` whose error says what went wrong in words.
pub type Result<T> = std::result::Result<T, ClientError>;
