//! Weights for `pallet_inference`. Placeholder figures, replaced by `scripts/benchmark.sh`.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed by `pallet_inference`.
pub trait WeightInfo {
	fn authorize() -> Weight;
	fn revoke() -> Weight;
	fn record_inferences(n: u32, a: u32) -> Weight;
	fn record_inferences_contributors(c: u32) -> Weight;
	fn pay_inference(a: u32) -> Weight;
	fn prune(n: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn authorize() -> Weight {
		Weight::from_parts(60_000_000, 6000).saturating_add(T::DbWeight::get().reads_writes(3, 2))
	}
	fn revoke() -> Weight {
		Weight::from_parts(60_000_000, 6000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn record_inferences(n: u32, a: u32) -> Weight {
		Weight::from_parts(50_000_000, 8000)
			.saturating_add(Weight::from_parts(250_000_000, 20000).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(30_000_000, 3000).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 0))
			.saturating_add(T::DbWeight::get().reads_writes(14, 14).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(a.into()))
	}
	fn record_inferences_contributors(_c: u32) -> Weight {
		Weight::from_parts(300_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads_writes(17, 14))
	}
	fn pay_inference(a: u32) -> Weight {
		Weight::from_parts(250_000_000, 20000)
			.saturating_add(Weight::from_parts(30_000_000, 3000).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads_writes(14, 14))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(a.into()))
	}
	fn prune(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 1000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 1))
			.saturating_add(T::DbWeight::get().reads_writes(1, 2).saturating_mul(n.into()))
	}
}

impl WeightInfo for () {
	fn authorize() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads_writes(3, 2))
	}
	fn revoke() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads_writes(2, 2))
	}
	fn record_inferences(n: u32, a: u32) -> Weight {
		Weight::from_parts(50_000_000, 8000)
			.saturating_add(Weight::from_parts(250_000_000, 20000).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(30_000_000, 3000).saturating_mul(a.into()))
	}
	fn record_inferences_contributors(_c: u32) -> Weight {
		Weight::from_parts(300_000_000, 20000)
	}
	fn pay_inference(a: u32) -> Weight {
		Weight::from_parts(250_000_000, 20000)
			.saturating_add(Weight::from_parts(30_000_000, 3000).saturating_mul(a.into()))
	}
	fn prune(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 1000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(2, 1))
			.saturating_add(ParityDbWeight::get().reads_writes(1, 2).saturating_mul(n.into()))
	}
}
