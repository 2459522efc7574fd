//! Weights for `pallet_attribution`. Placeholder figures, replaced by `scripts/benchmark.sh`.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed by `pallet_attribution`.
pub trait WeightInfo {
	fn claim_rewards(p: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn claim_rewards(p: u32) -> Weight {
		Weight::from_parts(80_000_000, 6000)
			.saturating_add(Weight::from_parts(20_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads_writes(6, 5))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(p.into()))
	}
}

impl WeightInfo for () {
	fn claim_rewards(p: u32) -> Weight {
		Weight::from_parts(80_000_000, 6000)
			.saturating_add(Weight::from_parts(20_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(6, 5))
			.saturating_add(ParityDbWeight::get().reads_writes(2, 2).saturating_mul(p.into()))
	}
}
