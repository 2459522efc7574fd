//! The Lineage JSON-RPC methods, shared by the node (which serves them) and the `lineage` client
//! (which calls them through the typed clients `#[rpc(client, server)]` generates):
//!
//! - `datasets_*` ([`DatasetsApi`]): datasets, contributions, snapshots, content ownership,
//!   commitments and inclusion proofs;
//! - `models_*` ([`ModelsApi`]): models, their versions and fees;
//! - `inference_*` ([`InferenceApi`]): authorisations, recorded inferences, operator bonds;
//! - `attribution_*` ([`AttributionApi`]): earnings, revenue, and disputes.
//!
//! All JSON is camelCase. Accounts are SS58 strings ([`accounts`]), amounts decimal strings (a u128
//! is not safe as a JSON number), hashes 0x-prefixed hex, shares (`Perbill`) integer parts per
//! billion. Every method takes an optional block hash `at` last (default: the best block).
//! Malformed parameters are JSON-RPC errors -32602 saying what is wrong; unknown ids that are
//! valid inputs answer `null` (or zeros for lifetime figures).

pub mod accounts;
mod api;
mod types;

pub use api::*;
pub use types::*;
