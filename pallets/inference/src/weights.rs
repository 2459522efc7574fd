
//! Weights for `pallet_inference`: PROVISIONAL, until `scripts/benchmark.sh` regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_inference`.
pub trait WeightInfo {
	fn authorize() -> Weight;
	fn revoke() -> Weight;
	fn record_inferences(n: u32, e: u32, ) -> Weight;
	fn pay_inference(e: u32, ) -> Weight;
	fn prune(n: u32, ) -> Weight;
	fn bond_operator() -> Weight;
	fn unbond_operator() -> Weight;
	fn challenge() -> Weight;
	fn resolve_dispute() -> Weight;
	fn expire_dispute() -> Weight;
}

/// Weights for `pallet_inference` measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn authorize() -> Weight {
		Weight::from_parts(150000000, 10000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn record_inferences(n: u32, e: u32, ) -> Weight {
		Weight::from_parts(900000000, 10000)
			.saturating_add(Weight::from_parts(400000000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(100000000, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(30_u64))
			.saturating_add(T::DbWeight::get().writes(30_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
	}
	fn pay_inference(e: u32, ) -> Weight {
		Weight::from_parts(400000000, 10000)
			.saturating_add(Weight::from_parts(100000000, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(30_u64))
			.saturating_add(T::DbWeight::get().writes(30_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
	}
	fn prune(n: u32, ) -> Weight {
		Weight::from_parts(10000000, 10000)
			.saturating_add(Weight::from_parts(20000000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn bond_operator() -> Weight {
		Weight::from_parts(100000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn unbond_operator() -> Weight {
		Weight::from_parts(100000000, 10000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn challenge() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn resolve_dispute() -> Weight {
		Weight::from_parts(250000000, 10000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn expire_dispute() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
}

impl WeightInfo for () {
	fn authorize() -> Weight {
		Weight::from_parts(150000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn record_inferences(n: u32, e: u32, ) -> Weight {
		Weight::from_parts(900000000, 10000)
			.saturating_add(Weight::from_parts(400000000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(100000000, 0).saturating_mul(e.into()))
			.saturating_add(ParityDbWeight::get().reads(30_u64))
			.saturating_add(ParityDbWeight::get().writes(30_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(e.into())))
	}
	fn pay_inference(e: u32, ) -> Weight {
		Weight::from_parts(400000000, 10000)
			.saturating_add(Weight::from_parts(100000000, 0).saturating_mul(e.into()))
			.saturating_add(ParityDbWeight::get().reads(30_u64))
			.saturating_add(ParityDbWeight::get().writes(30_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(e.into())))
	}
	fn prune(n: u32, ) -> Weight {
		Weight::from_parts(10000000, 10000)
			.saturating_add(Weight::from_parts(20000000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn bond_operator() -> Weight {
		Weight::from_parts(100000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn unbond_operator() -> Weight {
		Weight::from_parts(100000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn challenge() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn resolve_dispute() -> Weight {
		Weight::from_parts(250000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn expire_dispute() -> Weight {
		Weight::from_parts(120000000, 10000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
}
