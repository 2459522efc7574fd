//! Dev-only: what the Lineage pallets' tests and benchmarks share, so that it is written once.
//!
//! - [`construct_lineage_mock!`]: the mock runtime of the unit tests of pallet-models,
//!   pallet-inference and pallet-attribution — System, Balances and the four Lineage pallets wired
//!   together as in the real runtime, with the values of [`mock`] — plus its genesis, its test
//!   wrapper (which checks every pallet's invariants afterwards) and its benchmark set-up.
//! - [`impl_benchmark_setup!`]: creates datasets, contributions (commit, then reveal a block
//!   later) and models with the real pallets, and implements the pallets' `BenchmarkHelper`s with
//!   them; used by the mock runtime above and by the real runtime's benchmarks.
//!
//! Both are macros because they must expand in the crate of the pallet under test: a pallet's
//! unit tests compile their own copy of the pallet (`crate`), which a function of this crate
//! could not name. Each mock therefore says `use crate as pallet_x;` and the macros name the
//! pallets `pallet_datasets`, `pallet_models`, `pallet_inference` and `pallet_attribution`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod macros;
pub mod mock;

/// A content hash unique to `seed` (for set-ups that need many distinct contributions).
pub fn content_hash(seed: impl codec::Encode) -> sp_core::H256 {
	lineage_primitives::merkle::sha256(&seed.encode())
}

/// Re-exports the macros' expansions use, so that the calling crate needs no extra imports.
#[doc(hidden)]
pub mod reexport {
	pub use alloc::vec::Vec;
	pub use codec;
	pub use frame_support;
	pub use lineage_primitives;
	pub use sp_core;
	pub use sp_runtime;
}
