//! Benchmarks of every call and of pruning, each in its worst case.
//!
//! `record_inferences` is measured in three parts whose components never cap one another, and
//! `Pallet::metering_weight` adds them: `record_inferences` (`n` records of one consumer, each
//! with a voucher signed with a real key of the chain's scheme, for a model on `d` datasets, each
//! with the deepest epoch tree), `record_inferences_consumers` (`c` distinct consumers in a full
//! batch) and `record_inferences_entries` (`e` attribution entries in a full batch, each a
//! distinct contribution of a distinct contributor).
//!
//! Extra benchmarks (no weight; `scripts/benchmark.sh payout` reports them) show that the payout
//! does not grow with the number of contributors or of snapshots:
//! - `record_inferences_contributors`: one inference of a model whose dataset has `c` of 100,000
//!   contributors set up (the rest in another model), so the state is as large at both ends;
//! - `record_inferences_snapshots`: one inference of a model whose dataset has `s` of 1,000
//!   snapshots (the rest of another dataset);
//! - `record_inferences_state_size` and `authorize_state_size`: how the measurement itself
//!   responds to a growing state.

use super::*;
use crate::Pallet as Inference;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get, Hooks},
	weights::Weight,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use lineage_primitives::voucher::{InferenceVoucher, VoucherSignature};
use sp_runtime::{
	traits::{Bounded, One, Saturating, Zero},
	BoundedVec, Perbill,
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// Consumer `index`, who authorised `model_id` (through its owner, by default).
fn consumer<T: Config>(index: u32, model_id: ModelId) -> T::AccountId {
	let who = T::BenchmarkHelper::consumer(index);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	let allowance = BalanceOf::<T>::max_value() / 10_000_000u32.into();
	Inference::<T>::do_authorize(&who, model_id, allowance, allowance, None).expect("funded");
	who
}

/// A record of `consumer`'s request `request`, with a voucher it signed, attributed to
/// `attribution`.
fn record<T: Config>(
	consumer: T::AccountId,
	model_id: ModelId,
	request: u32,
	attribution: &[ContributionId],
) -> InferenceRecord<T> {
	let now = frame_system::Pallet::<T>::block_number();
	let voucher = InferenceVoucher {
		genesis_hash: sp_core::H256::from_slice(
			frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()).as_ref(),
		),
		model_id,
		request_hash: lineage_primitives::merkle::sha256(&request.to_le_bytes()),
		max_fee: BalanceOf::<T>::max_value(),
		expires_at: now.saturating_add(10u32.into()),
	};
	// Browser wallets' format: the longer of the two payloads to hash and verify.
	let signature =
		VoucherSignature::Wrapped(T::BenchmarkHelper::sign(&consumer, &voucher.wrapped_payload()));
	InferenceRecord {
		consumer,
		voucher,
		signature,
		output_hash: sp_core::H256::repeat_byte(7),
		attribution: BoundedVec::try_from(
			attribution.iter().map(|c| (*c, Perbill::from_percent(1))).collect::<Vec<_>>(),
		)
		.expect("within MaxAttributions"),
		method: AttributionMethod::SpanMatchV1 { min_tokens: 8 },
		evidence_hash: sp_core::H256::repeat_byte(9),
	}
}

/// `n` records of `consumers` consumers (taking turns), with `entries` attribution entries in all
/// (at most `MaxAttributions` per record), each a distinct contribution of `contributions`.
fn records<T: Config>(
	model_id: ModelId,
	n: u32,
	consumers: u32,
	contributions: &[ContributionId],
) -> InferenceBatch<T> {
	let per_record = T::MaxAttributions::get() as usize;
	let mut chunks = contributions.chunks(per_record.max(1));
	let consumers: Vec<T::AccountId> =
		(0..consumers.clamp(1, n.max(1))).map(|i| consumer::<T>(i, model_id)).collect();
	BoundedVec::try_from(
		(0..n)
			.map(|i| {
				let attribution = chunks.next().unwrap_or(&[]);
				let who = consumers[i as usize % consumers.len()].clone();
				record::<T>(who, model_id, i, attribution)
			})
			.collect::<Vec<_>>(),
	)
	.expect("n <= MaxBatch")
}

/// How many datasets the models of the extra benchmarks are on: the most a model may have.
const MODEL_DATASETS: u32 = u32::MAX;

/// How many contributors the `*_contributors` and `*_state_size` benchmarks set up at most (fewer
/// when the benchmarks run once each as unit tests, to keep the test suite quick).
const CONTRIBUTORS: u32 = if cfg!(test) { 1_000 } else { 100_000 };
/// How many snapshots `record_inferences_snapshots` sets up at most (fewer as unit tests).
const SNAPSHOTS: u32 = if cfg!(test) { 50 } else { 1_000 };

/// A model of `owner` whose first dataset has `own` contributors, next to another model whose
/// first dataset has `others`: returns the first model.
fn model_beside_others<T: Config>(owner: &T::AccountId, own: u32, others: u32) -> ModelId {
	let (model_id, _) = T::BenchmarkHelper::model_with_contributors(owner, MODEL_DATASETS, own, 0);
	let _ = T::BenchmarkHelper::model_with_contributors(
		&funded::<T>("other", 0),
		MODEL_DATASETS,
		others,
		0,
	);
	model_id
}

/// A batch of one record without explicit attribution, from a fresh consumer. The events of the
/// set-up are cleared: it deposited one per contribution into this one block, and a real block
/// starts with none (appending to them would be measured instead of the call).
fn one_record<T: Config>(model_id: ModelId) -> InferenceBatch<T> {
	let batch = records::<T>(model_id, 1, 1, &[]);
	frame_system::Pallet::<T>::reset_events();
	batch
}

/// An attributed inference of a model of `owner` whose operator `operator` (bonded, with a full
/// list of operators beside it) recorded it; returns the model and the inference.
fn attributed_inference<T: Config>(owner: &T::AccountId) -> (ModelId, T::AccountId, InferenceId) {
	let (model_id, contributions) = T::BenchmarkHelper::model_with_contributors(owner, 1, 1, 1);
	let operator = funded::<T>("operator", 0);
	let operators: Vec<_> = (0..T::MaxAcceptedOperators::get().saturating_sub(1))
		.map(|i| if i == 0 { operator.clone() } else { account("operator", i, 0) })
		.collect();
	T::BenchmarkHelper::set_operators(owner, model_id, operators);
	Inference::<T>::do_bond_operator(&operator, model_id).expect("an operator, funded");
	let batch = records::<T>(model_id, 1, 1, &contributions);
	Inference::<T>::do_record_inferences(&operator, model_id, batch).expect("a valid batch");
	(model_id, operator, NextInferenceId::<T>::get().saturating_sub(1))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize() {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 1, 0);
		let who = funded::<T>("consumer", 0);
		let amount: BalanceOf<T> = 1_000_000u32.into();
		let operators: AcceptedOperators<T> = BoundedVec::try_from(
			(0..T::MaxAcceptedOperators::get())
				.map(|i| account("operator", i, 0))
				.collect::<Vec<_>>(),
		)
		.expect("within the bound");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), model_id, amount, amount, Some(operators));
		assert!(Authorizations::<T>::contains_key(&who, model_id));
	}

	#[benchmark]
	fn revoke() {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 1, 0);
		let who = consumer::<T>(0, model_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), model_id);
		assert!(!Authorizations::<T>::contains_key(&who, model_id));
	}

	/// `n` inferences of one consumer with real voucher signatures and no attribution, of a
	/// model on `d` datasets, each with the deepest epoch tree: what a batch costs per record and
	/// per dataset of its model. The consumers and the attribution entries have benchmarks of
	/// their own, so no component here is capped by another (`Pallet::metering_weight` adds the
	/// three).
	#[benchmark]
	fn record_inferences(
		n: Linear<1, { T::MaxBatch::get() }>,
		d: Linear<1, { T::MaxModelDatasets::get() }>,
	) {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, d, 1, 0);
		Inference::<T>::do_bond_operator(&owner, model_id).expect("the owner, funded");
		let batch = records::<T>(model_id, n, 1, &[]);
		frame_system::Pallet::<T>::reset_events();
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, batch);
		assert_eq!(NextInferenceId::<T>::get(), u64::from(n));
	}

	/// `MaxBatch` inferences of `c` distinct consumers, each authorised and charged in one
	/// transfer, no attribution, one dataset: what each consumer of a batch beyond the first
	/// adds.
	#[benchmark]
	fn record_inferences_consumers(c: Linear<1, { T::MaxBatch::get() }>) {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 1, 0);
		Inference::<T>::do_bond_operator(&owner, model_id).expect("the owner, funded");
		let batch = records::<T>(model_id, T::MaxBatch::get(), c, &[]);
		frame_system::Pallet::<T>::reset_events();
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, batch);
		assert_eq!(NextInferenceId::<T>::get(), u64::from(T::MaxBatch::get()));
	}

	/// `MaxBatch` inferences of one consumer, one dataset, with `e` attribution entries in all,
	/// each a distinct contribution of a distinct contributor: what each entry adds.
	#[benchmark]
	fn record_inferences_entries(e: Linear<0, { T::MaxBatchAttributions::get() }>) {
		let owner = funded::<T>("owner", 0);
		let n = T::MaxBatch::get();
		// Only a runtime whose batches cannot carry MaxBatchAttributions entries caps `e`.
		let e = e.min(n.saturating_mul(T::MaxAttributions::get()));
		let (model_id, contributions) =
			T::BenchmarkHelper::model_with_contributors(&owner, 1, 1, e);
		Inference::<T>::do_bond_operator(&owner, model_id).expect("the owner, funded");
		let batch = records::<T>(model_id, n, 1, &contributions);
		frame_system::Pallet::<T>::reset_events();
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, batch);
		assert_eq!(NextInferenceId::<T>::get(), u64::from(n));
	}

	/// One inference of a model whose first dataset has `c` contributors, with the other
	/// `CONTRIBUTORS - c` contributors in another model's datasets: the state is as large at both
	/// ends of the range, so only the metered model's number of contributors differs.
	#[benchmark(extra)]
	fn record_inferences_contributors(c: Linear<1, CONTRIBUTORS>) {
		let owner = funded::<T>("owner", 0);
		let model_id = model_beside_others::<T>(&owner, c, CONTRIBUTORS.saturating_sub(c));
		let batch = one_record::<T>(model_id);
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, batch);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// One inference of a model whose dataset has `s` snapshots (it names the last), with the other
	/// `SNAPSHOTS - s` snapshots in another dataset: the same total state at both ends.
	#[benchmark(extra)]
	fn record_inferences_snapshots(s: Linear<1, SNAPSHOTS>) {
		let owner = funded::<T>("owner", 0);
		let model_id =
			T::BenchmarkHelper::model_with_snapshots(&owner, s, SNAPSHOTS.saturating_sub(s));
		let batch = one_record::<T>(model_id);
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, batch);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// The state-size control: `c` contributors set up in another model's datasets, and one
	/// inference of a model with one contributor.
	#[benchmark(extra)]
	fn record_inferences_state_size(c: Linear<1, CONTRIBUTORS>) {
		let owner = funded::<T>("owner", 0);
		let model_id = model_beside_others::<T>(&owner, 1, c);
		let batch = one_record::<T>(model_id);
		#[extrinsic_call]
		record_inferences(RawOrigin::Signed(owner), model_id, batch);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// The same growing state as `record_inferences_state_size`, and a call that touches none of
	/// it: how the benchmark environment itself responds to state size.
	#[benchmark(extra)]
	fn authorize_state_size(c: Linear<1, CONTRIBUTORS>) {
		let owner = funded::<T>("owner", 0);
		let model_id = model_beside_others::<T>(&owner, 1, c);
		let who = funded::<T>("consumer", 0);
		let amount: BalanceOf<T> = 1_000_000u32.into();
		frame_system::Pallet::<T>::reset_events();
		#[extrinsic_call]
		authorize(RawOrigin::Signed(who.clone()), model_id, amount, amount, None);
		assert!(Authorizations::<T>::contains_key(&who, model_id));
	}

	/// A direct payment with `e` attribution entries of distinct contributors, for a model on `d`
	/// datasets.
	#[benchmark]
	fn pay_inference(
		e: Linear<0, { T::MaxAttributions::get() }>,
		d: Linear<1, { T::MaxModelDatasets::get() }>,
	) {
		let owner = funded::<T>("owner", 0);
		let (model_id, contributions) =
			T::BenchmarkHelper::model_with_contributors(&owner, d, 1, e);
		let who = funded::<T>("consumer", 0);
		let attribution: Attribution<T> = BoundedVec::try_from(
			contributions.iter().map(|c| (*c, Perbill::from_percent(1))).collect::<Vec<_>>(),
		)
		.expect("within MaxAttributions");
		frame_system::Pallet::<T>::reset_events();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			model_id,
			sp_core::H256::repeat_byte(1),
			sp_core::H256::repeat_byte(2),
			attribution,
			BalanceOf::<T>::max_value(),
		);
		assert_eq!(NextInferenceId::<T>::get(), 1);
	}

	/// `n` expired inferences are removed.
	#[benchmark]
	fn prune(n: Linear<0, { T::MaxPrunePerBlock::get() }>) {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 1, 0);
		let who = consumer::<T>(0, model_id);
		for i in 0..n {
			let batch: InferenceBatch<T> =
				BoundedVec::try_from(vec![record::<T>(who.clone(), model_id, i, &[])])
					.expect("one");
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

	#[benchmark]
	fn bond_operator() {
		let owner = funded::<T>("owner", 0);
		let (model_id, _) = T::BenchmarkHelper::model_with_contributors(&owner, 1, 1, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model_id);
		assert!(OperatorBonds::<T>::contains_key(model_id, &owner));
	}

	#[benchmark]
	fn unbond_operator() {
		let owner = funded::<T>("owner", 0);
		let (model_id, operator, _) = attributed_inference::<T>(&owner);
		let later = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ChallengePeriod::get())
			.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), model_id);
		assert!(!OperatorBonds::<T>::contains_key(model_id, &operator));
	}

	#[benchmark]
	fn challenge() {
		let owner = funded::<T>("owner", 0);
		let (_, _, inference_id) = attributed_inference::<T>(&owner);
		let challenger: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&challenger, BalanceOf::<T>::max_value() / 1_000_000u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), inference_id, sp_core::H256::repeat_byte(3));
		assert!(Disputes::<T>::contains_key(inference_id));
	}

	/// Upheld (the costlier outcome): the bond is slashed to two accounts and the operator taken
	/// off a full list of operators.
	#[benchmark]
	fn resolve_dispute() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let (_, _, inference_id) = attributed_inference::<T>(&owner);
		let challenger = funded::<T>("challenger", 0);
		Inference::<T>::do_challenge(&challenger, inference_id, sp_core::H256::repeat_byte(3))
			.expect("in time, funded");
		let origin =
			T::DisputeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, inference_id, true);
		assert!(!Disputes::<T>::contains_key(inference_id));
		Ok(())
	}

	#[benchmark]
	fn expire_dispute() {
		let owner = funded::<T>("owner", 0);
		let (_, _, inference_id) = attributed_inference::<T>(&owner);
		let challenger = funded::<T>("challenger", 0);
		Inference::<T>::do_challenge(&challenger, inference_id, sp_core::H256::repeat_byte(3))
			.expect("in time, funded");
		let later = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::DisputeTimeout::get())
			.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(later);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), inference_id);
		assert!(!Disputes::<T>::contains_key(inference_id));
	}

	impl_benchmark_test_suite!(Inference, crate::mock::new_test_ext(), crate::mock::Test);
}
