//! Recording contributions (the reveal of a commitment), one at a time or in batches.

use crate::*;
use alloc::collections::BTreeSet;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use lineage_primitives::{batch_digest, traits::ContributionObserver};
use sp_runtime::traits::{CheckedAdd, CheckedMul, Saturating};

impl<T: Config> Pallet<T> {
	/// Reveals and records one contribution of `who` (see the `contribute` call); returns its
	/// id and how many Merkle nodes its acceptance stored (0 while pending).
	pub fn do_contribute(
		who: &T::AccountId,
		dataset_id: DatasetId,
		content_hash: ContentHash,
		units: u64,
		metadata: ContributionMetadata<T>,
		salt: Salt,
	) -> Result<(ContributionId, u32), DispatchError> {
		let mut dataset = Self::open_for_contributions(dataset_id)?;
		Self::check_units(units)?;
		let raceless = Self::reserved_for(who, &content_hash);
		Self::consume_commitment(who, &content_hash, &salt, raceless)?;
		let deposit = Self::deposit_for(units, metadata.len() as u32)?;
		Self::hold_contribution_deposit(who, deposit)?;
		let recorded = Self::record_contribution(
			who,
			dataset_id,
			&mut dataset,
			content_hash,
			units,
			metadata,
			deposit,
		)?;
		Datasets::<T>::insert(dataset_id, dataset);
		Ok(recorded)
	}

	/// Reveals and records a batch of contributions of `who`, all or nothing (see the
	/// `contribute_batch` call).
	pub fn do_contribute_batch(
		who: &T::AccountId,
		dataset_id: DatasetId,
		items: BatchOf<T>,
		salt: Salt,
	) -> DispatchResult {
		ensure!(!items.is_empty(), Error::<T>::EmptyBatch);
		let mut seen = BTreeSet::new();
		for (content_hash, units) in items.iter() {
			ensure!(seen.insert(*content_hash), Error::<T>::DuplicateInBatch);
			Self::check_units(*units)?;
		}
		let mut dataset = Self::open_for_contributions(dataset_id)?;
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
		for ((content_hash, units), deposit) in items.into_iter().zip(deposits) {
			Self::record_contribution(
				who,
				dataset_id,
				&mut dataset,
				content_hash,
				units,
				Default::default(),
				deposit,
			)?;
		}
		Datasets::<T>::insert(dataset_id, dataset);
		Ok(())
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

	/// Records one contribution whose deposit is already held; accepts it at once in an open
	/// dataset. The caller writes `dataset` back. Returns its id and the Merkle nodes stored.
	fn record_contribution(
		who: &T::AccountId,
		dataset_id: DatasetId,
		dataset: &mut Dataset<T>,
		content_hash: ContentHash,
		units: u64,
		metadata: ContributionMetadata<T>,
		deposit: BalanceOf<T>,
	) -> Result<(ContributionId, u32), DispatchError> {
		let contribution_id = NextContributionId::<T>::get();
		let next_id = contribution_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
		Self::take_ownership(who, content_hash, contribution_id)?;
		if dataset.policy == CurationPolicy::Curated {
			// Refused now if it could not be accepted (open datasets accept it below anyway).
			T::ContributionObserver::can_accept(dataset_id, dataset.snapshot_count, who)?;
		}
		let count = ContributionCount::<T>::get(who).checked_add(1).ok_or(Error::<T>::Overflow)?;

		let mut contribution = Contribution {
			dataset_id,
			contributor: who.clone(),
			content_hash,
			units,
			metadata,
			status: ContributionStatus::Pending,
			deposit,
			submitted_at: frame_system::Pallet::<T>::block_number(),
			leaf_index: None,
			epoch: None,
			unbonding_until: None,
		};
		NextContributionId::<T>::put(next_id);
		AccountContributions::<T>::insert(who, contribution_id, ());
		ContributionCount::<T>::insert(who, count);
		Self::deposit_event(Event::ContributionSubmitted {
			contribution_id,
			dataset_id,
			contributor: who.clone(),
			content_hash,
			units,
		});

		let merkle_writes = match dataset.policy {
			CurationPolicy::Open => {
				Self::accept(contribution_id, &mut contribution, dataset, None)?
			},
			CurationPolicy::Curated => {
				dataset.pending_count.saturating_inc();
				0
			},
		};
		Contributions::<T>::insert(contribution_id, contribution);
		Ok((contribution_id, merkle_writes))
	}
}
