//! The logic behind the calls and hooks, one file per capability.

mod claims;
mod distribution;
mod epochs;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod positions;
mod queries;
