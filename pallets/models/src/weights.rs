//! Weights for `pallet_models`. Placeholder figures, replaced by `scripts/benchmark.sh`.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed by `pallet_models`.
pub trait WeightInfo {
	fn register_model(d: u32) -> Weight;
	fn set_fee() -> Weight;
	fn set_operators(o: u32) -> Weight;
	fn publish_version() -> Weight;
	fn set_model_status() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_model(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(10_000_000, 3000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 5))
			.saturating_add(T::DbWeight::get().reads(d.into()))
	}
	fn set_fee() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_operators(o: u32) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(500_000, 32).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn publish_version() -> Weight {
		Weight::from_parts(40_000_000, 6000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn set_model_status() -> Weight {
		Weight::from_parts(50_000_000, 6000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
}

impl WeightInfo for () {
	fn register_model(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(10_000_000, 3000).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(3, 5))
	}
	fn set_fee() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn set_operators(o: u32) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(500_000, 32).saturating_mul(o.into()))
	}
	fn publish_version() -> Weight {
		Weight::from_parts(40_000_000, 6000)
	}
	fn set_model_status() -> Weight {
		Weight::from_parts(50_000_000, 6000)
	}
}
