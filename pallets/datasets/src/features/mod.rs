//! The logic behind the calls and hooks, one file per capability.

mod commit_reveal;
mod commitment;
mod contribute;
mod curators;
mod datasets;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod queries;
mod queues;
mod review;
mod snapshots;
mod withdraw;
