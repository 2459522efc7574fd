//! What a model's owner may change after registration: fee, operators, versions, status.

use crate::*;
use alloc::collections::BTreeSet;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};

impl<T: Config> Pallet<T> {
	/// Applies `change` to a model the caller owns and that is not retired.
	fn mutate_owned<R>(
		who: &T::AccountId,
		model_id: ModelId,
		change: impl FnOnce(&mut Model<T>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		Models::<T>::try_mutate(model_id, |model| {
			let model = model.as_mut().ok_or(Error::<T>::UnknownModel)?;
			ensure!(&model.owner == who, Error::<T>::NotModelOwner);
			ensure!(model.status != ModelStatus::Retired, Error::<T>::ModelRetired);
			change(model)
		})
	}

	pub fn do_set_fee(
		who: &T::AccountId,
		model_id: ModelId,
		fee_per_inference: BalanceOf<T>,
	) -> DispatchResult {
		Self::mutate_owned(who, model_id, |model| {
			model.fee_per_inference = fee_per_inference;
			Ok(())
		})?;
		Self::deposit_event(Event::FeeChanged { model_id, fee_per_inference });
		Ok(())
	}

	pub fn do_set_operators(
		who: &T::AccountId,
		model_id: ModelId,
		operators: Operators<T>,
	) -> DispatchResult {
		let mut seen = BTreeSet::new();
		ensure!(operators.iter().all(|o| seen.insert(o)), Error::<T>::DuplicateOperator);
		Self::mutate_owned(who, model_id, |model| {
			model.operators = operators.clone();
			Ok(())
		})?;
		Self::deposit_event(Event::OperatorsSet { model_id, operators });
		Ok(())
	}

	pub fn do_publish_version(
		who: &T::AccountId,
		model_id: ModelId,
		version_hash: sp_core::H256,
	) -> DispatchResult {
		Self::mutate_owned(who, model_id, |model| {
			ensure!(model.version_hash != version_hash, Error::<T>::VersionUnchanged);
			model.version_hash = version_hash;
			Ok(())
		})?;
		let now = frame_system::Pallet::<T>::block_number();
		Versions::<T>::mutate(model_id, |versions| {
			// Keep the newest `MaxVersions`: drop the oldest when full.
			if versions.is_full() && !versions.is_empty() {
				versions.remove(0);
			}
			let _ = versions.try_push((version_hash, now));
		});
		Self::deposit_event(Event::VersionPublished { model_id, version_hash });
		Ok(())
	}

	pub fn do_set_status(
		who: &T::AccountId,
		model_id: ModelId,
		status: ModelStatus,
	) -> DispatchResult {
		let (owner, deposit) = Self::mutate_owned(who, model_id, |model| {
			ensure!(model.status != status, Error::<T>::StatusUnchanged);
			model.status = status;
			let deposit = model.deposit;
			if status == ModelStatus::Retired {
				model.deposit = Default::default();
			}
			Ok((model.owner.clone(), deposit))
		})?;
		if status == ModelStatus::Retired {
			T::Currency::release(
				&HoldReason::ModelDeposit.into(),
				&owner,
				deposit,
				Precision::Exact,
			)?;
		}
		Self::deposit_event(Event::ModelStatusChanged { model_id, status });
		Ok(())
	}
}
