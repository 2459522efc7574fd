//! Recording contributions (the reveal of a commitment), one at a time or in batches.

use crate::*;
use alloc::collections::BTreeSet;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use lineage_primitives::{batch_digest, traits::ContributionObserver};
use sp_runtime::traits::{CheckedAdd, CheckedMul, Saturating};

impl<T: Config> Pallet<T> {
	/// Reveals and records one contribution of `who` (see the `contribute` call); returns its
	/// id and what its acceptance's append did (nothing while pending).
	pub fn do_contribute(
		who: &T::AccountId,
		dataset_id: DatasetId,
		content_hash: ContentHash,
		units: u64,
		metadata: ContributionMetadata<T>,
		salt: Salt,
	) -> Result<(ContributionId, AppendWork), DispatchError> {
		let dataset = Self::open_for_contributions(dataset_id)?;
		Self::check_units(units)?;
		let raceless = Self::reserved_for(who, &content_hash);
		Self::consume_commitment(who, &content_hash, &salt, raceless)?;
		let deposit = Self::deposit_for(units, metadata.len() as u32)?;
		Self::hold_contribution_deposit(who, deposit)?;
		Self::record_contributions(
			who,
			dataset_id,
			dataset,
			[(content_hash, units, metadata, deposit)],
		)
	}

	/// Reveals and records a batch of contributions of `who`, all or nothing (see the
	/// `contribute_batch` call); returns what its appends did (nothing while pending).
	pub fn do_contribute_batch(
		who: &T::AccountId,
		dataset_id: DatasetId,
		items: BatchOf<T>,
		salt: Salt,
	) -> Result<AppendWork, DispatchError> {
		ensure!(!items.is_empty(), Error::<T>::EmptyBatch);
		let mut seen = BTreeSet::new();
		for (content_hash, units) in items.iter() {
			ensure!(seen.insert(*content_hash), Error::<T>::DuplicateInBatch);
			Self::check_units(*units)?;
		}
		let dataset = Self::open_for_contributions(dataset_id)?;
		let hashes: alloc::vec::Vec<_> = items.iter().map(|(hash, _)| *hash).collect();
		let raceless = hashes.iter().all(|hash| Self::reserved_for(who, hash));
		Self::consume_commitment(who, &batch_digest(&hashes), &salt, raceless)?;
		let mut deposits = alloc::vec::Vec::with_capacity(items.len());
		let mut total = BalanceOf::<T>::default();
		for (_, units) in items.iter() {
			let deposit = Self::deposit_for(*units, 0)?;
			total = total.checked_add(&deposit).ok_or(Error::<T>::Overflow)?;
			deposits.push(deposit);
		}
		Self::hold_contribution_deposit(who, total)?;
		let records = items.into_iter().zip(deposits).map(|((content_hash, units), deposit)| {
			(content_hash, units, Default::default(), deposit)
		});
		Self::record_contributions(who, dataset_id, dataset, records).map(|(_, work)| work)
	}

	/// The deposit of a contribution of `units` units with `metadata_len` bytes of metadata.
	pub fn deposit_for(units: u64, metadata_len: u32) -> Result<BalanceOf<T>, DispatchError> {
		let per_byte = T::DepositPerByte::get()
			.checked_mul(&BalanceOf::<T>::from(metadata_len))
			.ok_or(Error::<T>::Overflow)?;
		let per_unit = Self::unit_deposit(units)?;
		T::ContributionDeposit::get()
			.checked_add(&per_byte)
			.and_then(|d| d.checked_add(&per_unit))
			.ok_or_else(|| Error::<T>::Overflow.into())
	}

	/// `DepositPerUnit` times `units`.
	pub(crate) fn unit_deposit(units: u64) -> Result<BalanceOf<T>, DispatchError> {
		let units: BalanceOf<T> =
			units.try_into().map_err(|_| DispatchError::from(Error::<T>::Overflow))?;
		T::DepositPerUnit::get().checked_mul(&units).ok_or_else(|| Error::<T>::Overflow.into())
	}

	fn check_units(units: u64) -> DispatchResult {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		ensure!(units <= T::MaxUnitsPerContribution::get(), Error::<T>::TooManyUnits);
		Ok(())
	}

	/// The dataset, if it exists and takes contributions.
	fn open_for_contributions(dataset_id: DatasetId) -> Result<Dataset<T>, DispatchError> {
		let dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(dataset.status == DatasetStatus::Active, Error::<T>::DatasetFrozen);
		Ok(dataset)
	}

	fn hold_contribution_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::ContributionDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Takes ownership of `content_hash` for `who` if nobody else has or may: refused if it is
	/// owned, or reserved for someone else; a reservation for `who` (or an expired one) is
	/// used up.
	fn take_ownership(
		who: &T::AccountId,
		content_hash: ContentHash,
		contribution_id: ContributionId,
	) -> DispatchResult {
		ensure!(!ContentOwners::<T>::contains_key(content_hash), Error::<T>::DuplicateContent);
		if let Some(reservation) = Reservations::<T>::get(content_hash) {
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				&reservation.holder == who || now >= reservation.until,
				Error::<T>::ContentReserved
			);
			Reservations::<T>::remove(content_hash);
		}
		ContentOwners::<T>::insert(
			content_hash,
			ContentOwner { owner: who.clone(), contribution_id },
		);
		Ok(())
	}

	/// Records contributions of `who` to `dataset_id` (content hash, units, metadata and the
	/// deposit already held), in order and with consecutive ids, and writes the dataset back;
	/// accepts them at once in an open dataset, appending them to its commitment and telling the
	/// observer. Returns the first id and what the appends did.
	///
	/// What the records share (the ids' counter, the account's count, the block number, the
	/// commitment, the observer's position) is read and written once for all of them: per
	/// record, only what is that record's own is written.
	fn record_contributions(
		who: &T::AccountId,
		dataset_id: DatasetId,
		mut dataset: Dataset<T>,
		records: impl IntoIterator<Item = NewContribution<T>>,
	) -> Result<(ContributionId, AppendWork), DispatchError> {
		let mut commitment =
			(dataset.policy == CurationPolicy::Open).then(|| Commitments::<T>::get(dataset_id));
		let first_id = NextContributionId::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let (mut next_id, mut units_total) = (first_id, 0u64);
		let mut append_work = AppendWork::default();
		for (content_hash, units, metadata, deposit) in records {
			let contribution_id = next_id;
			next_id = contribution_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
			units_total = units_total.checked_add(units).ok_or(Error::<T>::Overflow)?;
			Self::take_ownership(who, content_hash, contribution_id)?;
			if commitment.is_none() {
				// Refused now if it could not be accepted (open datasets accept it below anyway).
				T::ContributionObserver::can_accept(dataset_id, dataset.snapshot_count, who)?;
			}
			let mut contribution = Contribution {
				dataset_id,
				contributor: who.clone(),
				content_hash,
				units,
				metadata,
				status: ContributionStatus::Pending,
				deposit,
				submitted_at: now,
				leaf_index: None,
				epoch: None,
				unbonding_until: None,
			};
			AccountContributions::<T>::insert(who, contribution_id, ());
			Self::deposit_event(Event::ContributionSubmitted {
				contribution_id,
				dataset_id,
				contributor: who.clone(),
				content_hash,
				units,
			});
			let work = match commitment.as_mut() {
				Some(commitment) => Self::accept_into(
					commitment,
					contribution_id,
					&mut contribution,
					&mut dataset,
					None,
				)?,
				None => {
					dataset.pending_count.saturating_inc();
					AppendWork::default()
				},
			};
			append_work = append_work.and(work);
			Contributions::<T>::insert(contribution_id, contribution);
		}
		NextContributionId::<T>::put(next_id);
		// The ids are consecutive: as many as were recorded.
		let recorded = next_id.saturating_sub(first_id);
		let count =
			ContributionCount::<T>::get(who).checked_add(recorded).ok_or(Error::<T>::Overflow)?;
		ContributionCount::<T>::insert(who, count);
		let epoch = dataset.snapshot_count;
		Datasets::<T>::insert(dataset_id, dataset);
		if let Some(commitment) = commitment {
			Commitments::<T>::insert(dataset_id, commitment);
			T::ContributionObserver::on_contribution_accepted(
				dataset_id,
				epoch,
				first_id,
				who,
				units_total,
			)?;
		}
		Ok((first_id, append_work))
	}
}
