//! The weights measured on the reference machine for the runtime as a whole, instead of
//! frame-support's defaults:
//!
//! * `block_weights.rs` and `extrinsic_weights.rs`: an empty block and the base of every
//!   extrinsic (`./scripts/benchmark.sh overhead`, `lineage-node benchmark overhead`);
//! * `paritydb_weights.rs`: a storage read and a storage write in the node's ParityDB, measured
//!   on the state a load benchmark left (`LINEAGE_WRITE_DB_WEIGHTS=1 ./scripts/benchmark.sh load`,
//!   `lineage-node benchmark storage`).
//!
//! The pallets' own weights are in each pallet's `weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;
// The generated file documents each field of the weight it builds, which rustc does not use.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
