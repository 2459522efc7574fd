//! Charging for inferences: batches of vouchers recorded by operators, and direct payments.

use crate::*;
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::{
	traits::{
		AttributionEntry, ContributionRef, ContributionsProvider, FeeDistributor, InferenceCharge,
		ModelTerms, ModelsProvider,
	},
	ContributionStatus, ModelStatus,
};
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Saturating, Zero},
	Perbill,
};

type TermsOf<T> = ModelTerms<AccountIdOf<T>, BalanceOf<T>>;

/// What one metering call reads once and writes back once, however many records name it.
struct BatchState<T: Config> {
	terms: TermsOf<T>,
	now: BlockNumberFor<T>,
	next_id: InferenceId,
	contributions: BTreeMap<ContributionId, Option<ContributionRef<AccountIdOf<T>>>>,
	charges: Vec<InferenceCharge<AccountIdOf<T>, BalanceOf<T>>>,
}

impl<T: Config> BatchState<T> {
	fn new(terms: TermsOf<T>) -> Self {
		Self {
			terms,
			now: frame_system::Pallet::<T>::block_number(),
			next_id: NextInferenceId::<T>::get(),
			contributions: BTreeMap::new(),
			charges: Vec::new(),
		}
	}
}

/// One inference to record, once its charge is settled.
struct Served<'a, T: Config> {
	consumer: &'a AccountIdOf<T>,
	operator: &'a AccountIdOf<T>,
	fee: BalanceOf<T>,
	request_hash: sp_core::H256,
	output_hash: sp_core::H256,
	attribution: &'a Attribution<T>,
	method: AttributionMethod,
	evidence_hash: sp_core::H256,
	/// Whether its attribution is an operator's, backed by its bond (not the payer's own).
	disputable: bool,
}

impl<T: Config> Pallet<T> {
	/// How many distinct consumers a batch charges: each costs an authorisation read and write
	/// and a transfer, whatever its number of records (part of the batch's weight).
	pub fn distinct_consumers(records: &[InferenceRecord<T>]) -> u32 {
		let consumers: alloc::collections::BTreeSet<&T::AccountId> =
			records.iter().map(|r| &r.consumer).collect();
		consumers.len() as u32
	}

	/// The weight of a `record_inferences` batch of `records` records of `consumers` distinct
	/// consumers carrying `entries` attribution entries, for a model on `datasets` datasets,
	/// pruning aside. Each of the three benchmarks varies one thing with the others at their
	/// cheapest, so their parts add: the records and datasets, then what each consumer beyond
	/// the first and each entry cost over a batch without them, plus the operator bond an
	/// attributed batch reads.
	pub fn metering_weight(records: u32, consumers: u32, entries: u32, datasets: u32) -> Weight {
		let extra_consumers = T::WeightInfo::record_inferences_consumers(consumers)
			.saturating_sub(T::WeightInfo::record_inferences_consumers(1));
		let extra_entries = T::WeightInfo::record_inferences_entries(entries)
			.saturating_sub(T::WeightInfo::record_inferences_entries(0));
		let bond = if entries > 0 { T::DbWeight::get().reads_writes(1, 1) } else { Weight::zero() };
		T::WeightInfo::record_inferences(records, datasets)
			.saturating_add(extra_consumers)
			.saturating_add(extra_entries)
			.saturating_add(bond)
	}

	/// Records and charges a batch of inferences of `model_id` reported by `operator` (see
	/// `record_inferences`). Reads the model once, each consumer's authorisation once and each
	/// attributed contribution once.
	pub fn do_record_inferences(
		operator: &T::AccountId,
		model_id: ModelId,
		records: InferenceBatch<T>,
	) -> Result<MeteringWork, DispatchError> {
		ensure!(!records.is_empty(), Error::<T>::EmptyBatch);
		let entries: u32 = records.iter().map(|r| r.attribution.len() as u32).sum();
		ensure!(entries <= T::MaxBatchAttributions::get(), Error::<T>::TooManyAttributions);
		let terms = Self::active_terms(model_id)?;
		ensure!(terms.can_meter(operator), Error::<T>::NotOperator);
		if entries > 0 {
			Self::note_attributed(operator, model_id)?;
		}
		let fee = terms.fee_per_inference;
		let genesis_hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let pruned = Self::prune_on_write(records.len() as u32);
		let datasets = terms.datasets.len() as u32;
		let mut batch = BatchState::<T>::new(terms);
		// Each consumer's authorisation, and what this batch charges it.
		let mut authorizations: BTreeMap<T::AccountId, (Authorization<T>, BalanceOf<T>)> =
			BTreeMap::new();

		for record in records.iter() {
			let voucher = &record.voucher;
			ensure!(
				voucher.genesis_hash.as_bytes() == genesis_hash.as_ref(),
				Error::<T>::VoucherWrongChain
			);
			ensure!(voucher.model_id == model_id, Error::<T>::VoucherWrongModel);
			ensure!(batch.now < voucher.expires_at, Error::<T>::VoucherExpired);
			ensure!(
				voucher.expires_at <= batch.now.saturating_add(T::RetentionPeriod::get()),
				Error::<T>::VoucherTooLong
			);
			ensure!(fee <= voucher.max_fee, Error::<T>::FeeAboveMax);
			ensure!(
				record.signature.verify(voucher, &record.consumer),
				Error::<T>::BadVoucherSignature
			);
			let (authorization, charged) = match authorizations.entry(record.consumer.clone()) {
				alloc::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
				alloc::collections::btree_map::Entry::Vacant(e) => e.insert((
					Authorizations::<T>::get(&record.consumer, model_id)
						.ok_or(Error::<T>::NotAuthorized)?,
					Zero::zero(),
				)),
			};
			ensure!(authorization.operators.contains(operator), Error::<T>::OperatorNotAccepted);
			ensure!(fee <= authorization.max_fee_per_inference, Error::<T>::FeeAboveLimit);
			authorization.remaining =
				authorization.remaining.checked_sub(&fee).ok_or(Error::<T>::AllowanceExhausted)?;
			authorization.spent =
				authorization.spent.checked_add(&fee).ok_or(Error::<T>::Overflow)?;
			*charged = charged.checked_add(&fee).ok_or(Error::<T>::Overflow)?;
			Self::record(
				model_id,
				&mut batch,
				Served {
					consumer: &record.consumer,
					operator,
					fee,
					request_hash: voucher.request_hash,
					output_hash: record.output_hash,
					attribution: &record.attribution,
					method: record.method,
					evidence_hash: record.evidence_hash,
					disputable: true,
				},
			)?;
		}

		let consumers = authorizations.len() as u32;
		// One transfer per consumer for all its inferences.
		let pot = T::Distributor::pot_account();
		let reason = HoldReason::InferenceAllowance.into();
		for (consumer, (authorization, charged)) in authorizations {
			if !charged.is_zero() {
				T::Currency::transfer_on_hold(
					&reason,
					&consumer,
					&pot,
					charged,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			}
			Authorizations::<T>::insert(&consumer, model_id, authorization);
		}
		Self::finish(model_id, batch)?;
		Ok(MeteringWork { records: records.len() as u32, consumers, entries, datasets, pruned })
	}

	/// Records and charges one inference `consumer` pays for directly (see `pay_inference`).
	pub fn do_pay_inference(
		consumer: &T::AccountId,
		model_id: ModelId,
		request_hash: sp_core::H256,
		output_hash: sp_core::H256,
		attribution: Attribution<T>,
		max_fee: BalanceOf<T>,
	) -> Result<MeteringWork, DispatchError> {
		let terms = Self::active_terms(model_id)?;
		let fee = terms.fee_per_inference;
		ensure!(fee <= max_fee, Error::<T>::FeeAboveMax);
		let pruned = Self::prune_on_write(1);
		let datasets = terms.datasets.len() as u32;
		let entries = attribution.len() as u32;
		// The compute was the owner's: it gets the operator share.
		let owner = terms.owner.clone();
		let mut batch = BatchState::<T>::new(terms);
		Self::record(
			model_id,
			&mut batch,
			Served {
				consumer,
				operator: &owner,
				fee,
				request_hash,
				output_hash,
				attribution: &attribution,
				method: AttributionMethod::Unspecified,
				evidence_hash: sp_core::H256::zero(),
				disputable: false,
			},
		)?;
		if !fee.is_zero() {
			T::Currency::transfer(
				consumer,
				&T::Distributor::pot_account(),
				fee,
				Preservation::Preserve,
			)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Self::finish(model_id, batch)?;
		Ok(MeteringWork { records: 1, consumers: 1, entries, datasets, pruned })
	}

	fn active_terms(model_id: ModelId) -> Result<TermsOf<T>, DispatchError> {
		let terms = T::Models::model_terms(model_id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(terms.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		Ok(terms)
	}

	/// Checks the request and the attribution of one inference, stores its summary and request,
	/// and queues its charge for the distributor.
	fn record(
		model_id: ModelId,
		batch: &mut BatchState<T>,
		served: Served<'_, T>,
	) -> DispatchResult {
		let key = (served.consumer, model_id, served.request_hash);
		ensure!(!Requests::<T>::contains_key(key), Error::<T>::DuplicateRequest);
		let attribution = Self::check_attribution(batch, served.consumer, served.attribution)?;
		let inference_id = batch.next_id;
		batch.next_id = inference_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
		Requests::<T>::insert(key, inference_id);
		Inferences::<T>::insert(
			inference_id,
			InferenceSummary {
				model_id,
				version: batch.terms.version,
				consumer: served.consumer.clone(),
				operator: served.operator.clone(),
				fee: served.fee,
				request_hash: served.request_hash,
				output_hash: served.output_hash,
				method: served.method,
				evidence_hash: served.evidence_hash,
				disputable: served.disputable && !attribution.is_empty(),
				recorded_at: batch.now,
			},
		);
		Self::deposit_event(Event::InferenceRecorded {
			inference_id,
			model_id,
			version: batch.terms.version,
			consumer: served.consumer.clone(),
			operator: served.operator.clone(),
			fee: served.fee,
			request_hash: served.request_hash,
			output_hash: served.output_hash,
			method: served.method,
			evidence_hash: served.evidence_hash,
		});
		batch.charges.push(InferenceCharge {
			inference_id,
			fee: served.fee,
			operator: served.operator.clone(),
			attribution,
		});
		Ok(())
	}

	/// Stores the next inference id and has the batch's fees (already in the pot) distributed.
	fn finish(model_id: ModelId, batch: BatchState<T>) -> DispatchResult {
		NextInferenceId::<T>::put(batch.next_id);
		T::Distributor::distribute(model_id, &batch.terms, &batch.charges)
	}

	/// Each attributed contribution exists, is accepted, is inside the serving version's snapshot
	/// of one of the model's datasets, belongs to none of the owner, its operators and the
	/// consumer, and is named once; the weights sum to at most 100%. Returns the entries with
	/// their contributors.
	fn check_attribution(
		batch: &mut BatchState<T>,
		consumer: &T::AccountId,
		attribution: &Attribution<T>,
	) -> Result<Vec<AttributionEntry<T::AccountId>>, DispatchError> {
		let mut total: u64 = 0;
		let mut seen = BTreeSet::new();
		let mut entries = Vec::with_capacity(attribution.len());
		for (contribution_id, weight) in attribution.iter() {
			ensure!(seen.insert(*contribution_id), Error::<T>::DuplicateAttribution);
			let contribution = batch
				.contributions
				.entry(*contribution_id)
				.or_insert_with(|| T::Contributions::contribution(*contribution_id))
				.as_ref()
				.ok_or(Error::<T>::UnknownContribution)?;
			ensure!(
				contribution.status == ContributionStatus::Accepted,
				Error::<T>::ContributionNotAccepted
			);
			let dataset = batch
				.terms
				.dataset(contribution.dataset_id)
				.ok_or(Error::<T>::ContributionNotInModel)?;
			ensure!(
				contribution.leaf_index.is_some_and(|leaf| leaf < dataset.leaf_count),
				Error::<T>::ContributionOutsideSnapshot
			);
			let contributor = &contribution.contributor;
			ensure!(
				contributor != consumer && !batch.terms.can_meter(contributor),
				Error::<T>::SelfAttribution
			);
			total = total.saturating_add(u64::from(weight.deconstruct()));
			entries.push(AttributionEntry {
				contribution_id: *contribution_id,
				contributor: contributor.clone(),
				weight: *weight,
			});
		}
		ensure!(total <= u64::from(Perbill::one().deconstruct()), Error::<T>::AttributionOverWhole);
		Ok(entries)
	}
}
