//! Read-only queries served through the `AttributionApi` runtime API.

use crate::{features::epochs::NodeCache, *};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{traits::Get, PalletId};
use lineage_primitives::AccountEarnings;
use sp_runtime::traits::{AccountIdConversion, Saturating};

impl<T: Config> Pallet<T> {
	/// The account that holds every fee until it is claimed.
	pub fn pot() -> T::AccountId {
		let id: PalletId = T::PalletId::get();
		id.into_account_truncating()
	}

	/// What `who` can claim now.
	pub fn pending_rewards(who: &T::AccountId) -> BalanceOf<T> {
		Self::earnings(who).pending
	}

	/// What `who` can claim now, has claimed, has earned in all, and the pro-rata part of what
	/// it can claim per dataset (summed over the dataset's epochs).
	pub fn earnings(who: &T::AccountId) -> AccountEarnings<BalanceOf<T>> {
		let mut pending = Claimable::<T>::get(who);
		let mut datasets: BTreeMap<DatasetId, BalanceOf<T>> = BTreeMap::new();
		let mut cache = NodeCache::default();
		for ((dataset_id, epoch), position) in
			Positions::<T>::iter_prefix(who).take(T::MaxPositionsPerAccount::get() as usize)
		{
			let amount = Self::settled_accrued(dataset_id, epoch, &position, &mut cache)
				.map(Self::whole_plancks)
				.unwrap_or_default();
			pending = pending.saturating_add(amount);
			datasets.entry(dataset_id).or_default().saturating_accrue(amount);
		}
		let claimed = Claimed::<T>::get(who);
		AccountEarnings {
			pending,
			claimed,
			earned: pending.saturating_add(claimed),
			datasets: datasets.into_iter().collect::<Vec<_>>(),
		}
	}

	/// What a contribution earned through explicit attribution, ever.
	pub fn contribution_earnings(contribution_id: ContributionId) -> BalanceOf<T> {
		ContributionEarnings::<T>::get(contribution_id)
	}

	/// A model's fees and where they went, ever.
	pub fn model_revenue(model_id: ModelId) -> ModelRevenue<BalanceOf<T>> {
		ModelRevenues::<T>::get(model_id)
	}
}
