//! Weights for `pallet_datasets`. Placeholder figures, replaced by `scripts/benchmark.sh`.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed by `pallet_datasets`.
pub trait WeightInfo {
	fn create_dataset() -> Weight;
	fn contribute(m: u32) -> Weight;
	fn contribute_batch(n: u32) -> Weight;
	fn review_accept() -> Weight;
	fn review_reject() -> Weight;
	fn add_curator() -> Weight;
	fn remove_curator() -> Weight;
	fn withdraw_contribution() -> Weight;
	fn set_dataset_status() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_dataset() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(3, 4))
	}
	fn contribute(m: u32) -> Weight {
		Weight::from_parts(150_000_000, 8000)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 9))
	}
	fn contribute_batch(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 8000)
			.saturating_add(Weight::from_parts(120_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 2))
			.saturating_add(T::DbWeight::get().reads_writes(5, 7).saturating_mul(n.into()))
	}
	fn review_accept() -> Weight {
		Weight::from_parts(150_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(6, 6))
	}
	fn review_reject() -> Weight {
		Weight::from_parts(100_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(6, 7))
	}
	fn add_curator() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn remove_curator() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn withdraw_contribution() -> Weight {
		Weight::from_parts(100_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(6, 5))
	}
	fn set_dataset_status() -> Weight {
		Weight::from_parts(25_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
}

impl WeightInfo for () {
	fn create_dataset() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads_writes(3, 4))
	}
	fn contribute(m: u32) -> Weight {
		Weight::from_parts(150_000_000, 8000)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(m.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(8, 9))
	}
	fn contribute_batch(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 8000)
			.saturating_add(Weight::from_parts(120_000_000, 4000).saturating_mul(n.into()))
	}
	fn review_accept() -> Weight {
		Weight::from_parts(150_000_000, 8000)
	}
	fn review_reject() -> Weight {
		Weight::from_parts(100_000_000, 8000)
	}
	fn add_curator() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn remove_curator() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn withdraw_contribution() -> Weight {
		Weight::from_parts(100_000_000, 8000)
	}
	fn set_dataset_status() -> Weight {
		Weight::from_parts(25_000_000, 4000)
	}
}
