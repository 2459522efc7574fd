//! Benchmarks of every call and of pruning, each in its worst case.
//!
//! `record_inferences_contributors` meters one inference of a model whose dataset has `c` of
//! 100,000 contributors set up: the payout uses reward-per-unit accumulators, so it should read,
//! write and take the same whatever `c` is. `record_inferences_state_size` and
//! `authorize_state_size` show how the measurement itself responds to a growing state. They are
//! `extra` (no weight): `scripts/benchmark.sh` reports them.

use super::*;
use crate::Pallet as Inference;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get, Hooks},
	weights::Weight,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{Bounded, One, Saturating},
	BoundedVec, Perbill,
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn consumer<T: Config>(index: u32, model_id: ModelId) -> T::AccountId {
	let who = funded::<T>("consumer", index);
	let allowance = BalanceOf::<T>::max_value() / 10_000_000u32.into();
	Inference::<T>::do_authorize(&who, model_id, allowance, allowance).expect("funded");
	who
}

fn record<T: Config>(
	consumer: T::AccountId,
	request: u32,
	attribution: &[ContributionId],
) -> InferenceRecord<T> {
	InferenceRecord {
		consumer,
		request_hash: lineage_primitives::merkle::sha256(&request.to_le_bytes()),
		output_hash: sp_core::H256::repeat_byte(7),
		attribution: BoundedVec::try_from(
			attribution.iter().map(|c| (*c, Perbill::from_percent(1))).collect::<Vec<_>>(),
		)
		.expect("within MaxAttributions"),
	}
}

/// How many contributors the `*_contributors` and `*_state_size` benchmarks set up at most.
const CONTRIBUTORS: u32 = 100_000;

/// A model of `owner` whose first dataset has `own` contributors, next to another model whose
/// first dataset has `others`: returns the first model.
fn model_beside_others<T: Config>(owner: &T::AccountId, own: u32, others: u32) -> ModelId {
	let (model_id, _) = T::BenchmarkHelper::model_with_contributors(owner, own, 0);
	let _ = T::BenchmarkHelper::model_with_contributors(&funded::<T>("other", 0), others, 0);
	model_id
}

/// A batch of one record without explicit attribution, from a fresh consumer. The events of the
/// set-up are cleared: it deposited one per contribution into this one block, and a real block
/// starts with none (appending to them would be measured instead of the call).
fn one_record<T: Config>(model_id: ModelId) -> InferenceBatch<T> {
	let batch = BoundedVec::try_from(alloc::vec![record::<T>(consumer::<T>(0, model_id), 0, &[])])
		.expect("one record");
	frame_system::Pallet::<T>::reset_events();
	batch
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize() {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 0);
		let who = funded::<T>("consumer", 0);
		let amount: BalanceOf<T> = 1_000_000u32.into();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), model_id, amount, amount);
		assert!(Authorizations::<T>::contains_key(&who, model_id));
	}

	#[benchmark]
	fn revoke() {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 0);
		let who = consumer::<T>(0, model_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), model_id);
		assert!(!Authorizations::<T>::contains_key(&who, model_id));
	}

	/// `n` inferences of `n` distinct consumers, each attributed to `a` contributions, of a model
	/// on the most datasets (the payout is O(datasets)).
	#[benchmark]
	fn record_inferences(
		n: Linear<1, { T::MaxBatch::get() }>,
		a: Linear<0, { T::MaxAttributions::get() }>,
	) {
		let owner = funded::<T>("owner", 0);
		let (model_id, contributions) = T::BenchmarkHelper::model_with_contributors(&owner, 1, a);
		let records: InferenceBatch<T> = BoundedVec::try_from(
			(0..n)
				.map(|i| record::<T>(consumer::<T>(i, model_id), i, &contributions))
				.collect::<Vec<_>>(),
		)
		.expect("n <= MaxBatch");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model_id, records);
		assert_eq!(NextInferenceId::<T>::get(), u64::from(n));
	}

	/// One inference of a model whose first dataset has `c` contributors, with the other
	/// `CONTRIBUTORS - c` contributors in another model's datasets: the state is as large at both
	/// ends of the range, so only the metered model's number of contributors differs. Not a weight
	/// (`extra`): `scripts/benchmark.sh` reports it at both ends of the range.
	#[benchmark(extra)]
	fn record_inferences_contributors(c: Linear<1, CONTRIBUTORS>) {
		let owner = funded::<T>("owner", 0);
		let model_id = model_beside_others::<T>(&owner, c, CONTRIBUTORS.saturating_sub(c));
		let records = one_record::<T>(model_id);
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, records);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// The state-size control: `c` contributors set up in another model's datasets, and one
	/// inference of a model with one contributor. The state grows with `c`; the metered model does
	/// not change.
	#[benchmark(extra)]
	fn record_inferences_state_size(c: Linear<1, CONTRIBUTORS>) {
		let owner = funded::<T>("owner", 0);
		let model_id = model_beside_others::<T>(&owner, 1, c);
		let records = one_record::<T>(model_id);
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, records);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// The same growing state as `record_inferences_state_size`, and a call that touches none of
	/// it (`authorize`, four keys): how the benchmark environment itself responds to state size.
	#[benchmark(extra)]
	fn authorize_state_size(c: Linear<1, CONTRIBUTORS>) {
		let owner = funded::<T>("owner", 0);
		let model_id = model_beside_others::<T>(&owner, 1, c);
		let who = funded::<T>("consumer", 0);
		let amount: BalanceOf<T> = 1_000_000u32.into();
		frame_system::Pallet::<T>::reset_events();
		#[extrinsic_call]
		authorize(RawOrigin::Signed(who.clone()), model_id, amount, amount);
		assert!(Authorizations::<T>::contains_key(&who, model_id));
	}

	#[benchmark]
	fn pay_inference(a: Linear<0, { T::MaxAttributions::get() }>) {
		let owner = funded::<T>("owner", 0);
		let (model_id, contributions) = T::BenchmarkHelper::model_with_contributors(&owner, 1, a);
		let who = funded::<T>("consumer", 0);
		let attribution: Attribution<T> = BoundedVec::try_from(
			contributions.iter().map(|c| (*c, Perbill::from_percent(1))).collect::<Vec<_>>(),
		)
		.expect("within MaxAttributions");
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			model_id,
			sp_core::H256::repeat_byte(1),
			sp_core::H256::repeat_byte(2),
			attribution,
		);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// `n` expired inferences are removed.
	#[benchmark]
	fn prune(n: Linear<0, { T::MaxPrunePerBlock::get() }>) {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 0);
		let who = consumer::<T>(0, model_id);
		for i in 0..n {
			let batch: InferenceBatch<T> =
				BoundedVec::try_from(alloc::vec![record::<T>(who.clone(), i, &[])]).expect("one");
			Inference::<T>::do_record_inferences(&owner, model_id, batch).expect("authorised");
		}
		let now = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::RetentionPeriod::get())
			.saturating_add(BlockNumberFor::<T>::one());
		#[block]
		{
			Inference::<T>::on_idle(now, Weight::MAX);
		}
		assert_eq!(OldestInference::<T>::get(), u64::from(n));
	}

	impl_benchmark_test_suite!(Inference, crate::mock::new_test_ext(), crate::mock::Test);
}
