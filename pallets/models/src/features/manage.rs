//! What a model's owner may change after registration: fee, operators, versions, status.

use crate::*;
use alloc::{collections::BTreeSet, vec, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::Saturating;

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

	/// Changes the fee of `who`'s model (see `set_fee`): a decrease at once, an increase
	/// `FeeChangeDelay` blocks from now (or when an earlier announcement of a higher fee comes
	/// into force, if that is sooner).
	pub fn do_set_fee(
		who: &T::AccountId,
		model_id: ModelId,
		fee_per_inference: BalanceOf<T>,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let announced = Self::mutate_owned(who, model_id, |model| {
			// An increase whose time has come is the fee now.
			model.fee_per_inference = model.fee_at(now);
			let previous = model.pending_fee.take().filter(|p| now < p.effective_at);
			if fee_per_inference <= model.fee_per_inference {
				model.fee_per_inference = fee_per_inference;
				return Ok(None);
			}
			// Consumers were already told of a higher fee from `effective_at` on.
			let effective_at = match previous {
				Some(p) if fee_per_inference <= p.fee => p.effective_at,
				_ => now.saturating_add(T::FeeChangeDelay::get()),
			};
			model.pending_fee = Some(PendingFee { fee: fee_per_inference, effective_at });
			Ok(Some(effective_at))
		})?;
		Self::deposit_event(match announced {
			None => Event::FeeChanged { model_id, fee_per_inference },
			Some(effective_at) => {
				Event::FeeIncreaseAnnounced { model_id, fee_per_inference, effective_at }
			},
		});
		Ok(())
	}

	/// Replaces the operators of `who`'s model (see `set_operators`).
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

	/// Publishes a new version of `who`'s model (see `publish_version`).
	pub fn do_publish_version(
		who: &T::AccountId,
		model_id: ModelId,
		version_hash: sp_core::H256,
		choices: SnapshotChoices<T>,
	) -> DispatchResult {
		let version = Self::mutate_owned(who, model_id, |model| {
			ensure!(model.current.version_hash != version_hash, Error::<T>::VersionUnchanged);
			let choices: Vec<_> = if choices.is_empty() {
				vec![None; model.datasets.len()]
			} else {
				choices.into_inner()
			};
			let number = model.current.number.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
			let datasets = model.datasets.clone().into_inner();
			let version = Self::new_version(who, number, version_hash, &datasets, &choices)?;
			model.current = version.clone();
			Ok(version)
		})?;
		Self::record_version(model_id, version);
		Ok(())
	}

	/// Pauses, reactivates or retires `who`'s model (see `set_model_status`).
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

impl<T: Config> Pallet<T> {
	/// Takes `who` off the operators of model `model_id` (a dispute found its attribution false).
	pub fn do_remove_operator(model_id: ModelId, who: &T::AccountId) -> DispatchResult {
		let operators = Models::<T>::try_mutate(model_id, |model| {
			let model = model.as_mut().ok_or(Error::<T>::UnknownModel)?;
			let before = model.operators.len();
			model.operators.retain(|o| o != who);
			Ok::<_, DispatchError>(
				(model.operators.len() != before).then(|| model.operators.clone()),
			)
		})?;
		if let Some(operators) = operators {
			Self::deposit_event(Event::OperatorsSet { model_id, operators });
		}
		Ok(())
	}
}
