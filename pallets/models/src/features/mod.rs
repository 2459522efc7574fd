//! The logic behind the calls, one file per capability.

#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod manage;
mod queries;
mod register;
