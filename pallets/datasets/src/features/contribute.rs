//! Recording contributions, one at a time or in batches.

use crate::*;
use alloc::collections::BTreeSet;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use lineage_primitives::traits::ContributionObserver;
use sp_runtime::traits::{CheckedAdd, CheckedMul};

impl<T: Config> Pallet<T> {
	pub fn do_contribute(
		who: &T::AccountId,
		dataset_id: DatasetId,
		content_hash: ContentHash,
		units: u64,
		metadata: ContributionMetadata<T>,
	) -> Result<ContributionId, DispatchError> {
		let mut dataset = Self::open_for_contributions(dataset_id)?;
		let per_byte = T::DepositPerByte::get()
			.checked_mul(&BalanceOf::<T>::from(metadata.len() as u32))
			.ok_or(Error::<T>::Overflow)?;
		let deposit =
			T::ContributionDeposit::get().checked_add(&per_byte).ok_or(Error::<T>::Overflow)?;
		Self::hold_contribution_deposit(who, deposit)?;
		let id = Self::record_contribution(
			who,
			dataset_id,
			&mut dataset,
			content_hash,
			units,
			metadata,
			deposit,
		)?;
		Datasets::<T>::insert(dataset_id, dataset);
		Ok(id)
	}

	pub fn do_contribute_batch(
		who: &T::AccountId,
		dataset_id: DatasetId,
		items: BatchOf<T>,
	) -> DispatchResult {
		ensure!(!items.is_empty(), Error::<T>::EmptyBatch);
		let mut seen = BTreeSet::new();
		for (content_hash, _) in items.iter() {
			ensure!(seen.insert(*content_hash), Error::<T>::DuplicateInBatch);
		}
		let mut dataset = Self::open_for_contributions(dataset_id)?;
		let deposit = T::ContributionDeposit::get();
		let total = deposit
			.checked_mul(&BalanceOf::<T>::from(items.len() as u32))
			.ok_or(Error::<T>::Overflow)?;
		Self::hold_contribution_deposit(who, total)?;
		for (content_hash, units) in items {
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

	/// Records one contribution whose deposit is already held; accepts it at once in an open
	/// dataset. The caller writes `dataset` back.
	fn record_contribution(
		who: &T::AccountId,
		dataset_id: DatasetId,
		dataset: &mut Dataset<T>,
		content_hash: ContentHash,
		units: u64,
		metadata: ContributionMetadata<T>,
		deposit: BalanceOf<T>,
	) -> Result<ContributionId, DispatchError> {
		ensure!(units > 0, Error::<T>::ZeroUnits);
		ensure!(!ContentOwners::<T>::contains_key(content_hash), Error::<T>::DuplicateContent);
		if dataset.policy == CurationPolicy::Curated {
			// Refused now if it could not be accepted (open datasets accept it below anyway).
			T::ContributionObserver::can_accept(dataset_id, who)?;
		}
		let contribution_id = NextContributionId::<T>::get();
		let next_id = contribution_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
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
		};
		NextContributionId::<T>::put(next_id);
		ContentOwners::<T>::insert(
			content_hash,
			ContentOwner { owner: who.clone(), contribution_id },
		);
		AccountContributions::<T>::insert(who, contribution_id, ());
		ContributionCount::<T>::insert(who, count);
		Self::deposit_event(Event::ContributionSubmitted {
			contribution_id,
			dataset_id,
			contributor: who.clone(),
			content_hash,
			units,
		});

		match dataset.policy {
			CurationPolicy::Open => {
				Self::accept(contribution_id, &mut contribution, dataset, None)?;
			},
			CurationPolicy::Curated => {
				dataset.pending_count = dataset.pending_count.saturating_add(1);
			},
		}
		Contributions::<T>::insert(contribution_id, contribution);
		Ok(contribution_id)
	}
}
