//! The logic behind the calls, one file per capability.

mod commitment;
mod contribute;
mod curators;
mod datasets;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod queries;
mod review;
mod withdraw;
