//! The logic behind the calls, one file per capability.

mod authorization;
mod disputes;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod metering;
mod queries;
mod retention;
