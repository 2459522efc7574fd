
//! Weights for `pallet_datasets`: PROVISIONAL, until `scripts/benchmark.sh` regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_datasets`.
pub trait WeightInfo {
	fn create_dataset() -> Weight;
	fn contribute(m: u32, w: u32, ) -> Weight;
	fn contribute_batch(n: u32, ) -> Weight;
	fn review_accept(w: u32, ) -> Weight;
	fn review_reject() -> Weight;
	fn add_curator() -> Weight;
	fn remove_curator() -> Weight;
	fn withdraw_pending() -> Weight;
	fn withdraw_accepted() -> Weight;
	fn set_dataset_status() -> Weight;
	fn commit() -> Weight;
	fn cancel_commitment() -> Weight;
	fn snapshot_dataset() -> Weight;
	fn release_deposit() -> Weight;
	fn slash_contribution() -> Weight;
}

/// Weights for `pallet_datasets` measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_dataset() -> Weight {
		Weight::from_parts(94000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn contribute(m: u32, w: u32, ) -> Weight {
		Weight::from_parts(450000000, 10000)
			.saturating_add(Weight::from_parts(33000, 0).saturating_mul(m.into()))
			.saturating_add(Weight::from_parts(2000000, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads(16_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(w.into())))
	}
	fn contribute_batch(n: u32, ) -> Weight {
		Weight::from_parts(450000000, 10000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(n.into())))
	}
	fn review_accept(w: u32, ) -> Weight {
		Weight::from_parts(320000000, 10000)
			.saturating_add(Weight::from_parts(2000000, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(w.into())))
	}
	fn review_reject() -> Weight {
		Weight::from_parts(160000000, 10000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn add_curator() -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_curator() -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn withdraw_pending() -> Weight {
		Weight::from_parts(160000000, 10000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn withdraw_accepted() -> Weight {
		Weight::from_parts(200000000, 10000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn set_dataset_status() -> Weight {
		Weight::from_parts(30000000, 10000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn commit() -> Weight {
		Weight::from_parts(80000000, 10000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn cancel_commitment() -> Weight {
		Weight::from_parts(70000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn snapshot_dataset() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(T::DbWeight::get().reads(24_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn release_deposit() -> Weight {
		Weight::from_parts(70000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn slash_contribution() -> Weight {
		Weight::from_parts(200000000, 10000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
}

impl WeightInfo for () {
	fn create_dataset() -> Weight {
		Weight::from_parts(94000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn contribute(m: u32, w: u32, ) -> Weight {
		Weight::from_parts(450000000, 10000)
			.saturating_add(Weight::from_parts(33000, 0).saturating_mul(m.into()))
			.saturating_add(Weight::from_parts(2000000, 0).saturating_mul(w.into()))
			.saturating_add(ParityDbWeight::get().reads(16_u64))
			.saturating_add(ParityDbWeight::get().writes(12_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(w.into())))
	}
	fn contribute_batch(n: u32, ) -> Weight {
		Weight::from_parts(450000000, 10000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(14_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((5_u64).saturating_mul(n.into())))
	}
	fn review_accept(w: u32, ) -> Weight {
		Weight::from_parts(320000000, 10000)
			.saturating_add(Weight::from_parts(2000000, 0).saturating_mul(w.into()))
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(w.into())))
	}
	fn review_reject() -> Weight {
		Weight::from_parts(160000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn add_curator() -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_curator() -> Weight {
		Weight::from_parts(40000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn withdraw_pending() -> Weight {
		Weight::from_parts(160000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn withdraw_accepted() -> Weight {
		Weight::from_parts(200000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn set_dataset_status() -> Weight {
		Weight::from_parts(30000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn commit() -> Weight {
		Weight::from_parts(80000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn cancel_commitment() -> Weight {
		Weight::from_parts(70000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn snapshot_dataset() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(24_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn release_deposit() -> Weight {
		Weight::from_parts(70000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn slash_contribution() -> Weight {
		Weight::from_parts(200000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
}
