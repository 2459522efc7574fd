
//! Weights for `pallet_models`: PROVISIONAL, until `scripts/benchmark.sh` regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_models`.
pub trait WeightInfo {
	fn register_model(d: u32, ) -> Weight;
	fn set_fee() -> Weight;
	fn set_operators(o: u32, ) -> Weight;
	fn publish_version(d: u32, ) -> Weight;
	fn set_model_status() -> Weight;
}

/// Weights for `pallet_models` measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_model(d: u32, ) -> Weight {
		Weight::from_parts(150000000, 10000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().reads((28_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(d.into())))
	}
	fn set_fee() -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_operators(o: u32, ) -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(Weight::from_parts(100000, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn publish_version(d: u32, ) -> Weight {
		Weight::from_parts(150000000, 10000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().reads((28_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(d.into())))
	}
	fn set_model_status() -> Weight {
		Weight::from_parts(60000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

impl WeightInfo for () {
	fn register_model(d: u32, ) -> Weight {
		Weight::from_parts(150000000, 10000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(ParityDbWeight::get().reads((28_u64).saturating_mul(d.into())))
			.saturating_add(ParityDbWeight::get().writes((6_u64).saturating_mul(d.into())))
	}
	fn set_fee() -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_operators(o: u32, ) -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(Weight::from_parts(100000, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn publish_version(d: u32, ) -> Weight {
		Weight::from_parts(150000000, 10000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(d.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
			.saturating_add(ParityDbWeight::get().reads((28_u64).saturating_mul(d.into())))
			.saturating_add(ParityDbWeight::get().writes((6_u64).saturating_mul(d.into())))
	}
	fn set_model_status() -> Weight {
		Weight::from_parts(60000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
}
