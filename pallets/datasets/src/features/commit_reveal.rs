//! Commit-reveal: a contribution's content hash is sealed in a salted commitment first and
//! revealed at least a block later, so that nobody watching the transaction pool can take
//! ownership of it first. See the crate docs.

use crate::{features::queues::CommitFifo, *};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::contribution_commitment;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Records `who`'s commitment and holds `CommitDeposit` for it.
	pub fn do_commit(who: &T::AccountId, commitment: sp_core::H256) -> DispatchResult {
		ensure!(
			!PendingCommits::<T>::contains_key(who, commitment),
			Error::<T>::DuplicateCommitment
		);
		let deposit = T::CommitDeposit::get();
		T::Currency::hold(&HoldReason::CommitDeposit.into(), who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let now = frame_system::Pallet::<T>::block_number();
		PendingCommits::<T>::insert(who, commitment, PendingCommit { committed_at: now, deposit });
		CommitFifo::<T>::push((who.clone(), commitment, now))?;
		Self::deposit_event(Event::Committed { who: who.clone(), commitment });
		Ok(())
	}

	/// Drops one of `who`'s commitments and returns its deposit.
	pub fn do_cancel_commitment(who: &T::AccountId, commitment: sp_core::H256) -> DispatchResult {
		let pending = PendingCommits::<T>::take(who, commitment).ok_or(Error::<T>::NoCommitment)?;
		Self::release_commit_deposit(who, &pending)?;
		Self::deposit_event(Event::CommitmentDropped {
			who: who.clone(),
			commitment,
			expired: false,
		});
		Ok(())
	}

	/// Uses up the commitment that seals `digest` for `who` with `salt`, returning its deposit.
	///
	/// Refused if there is none (unless `raceless`: the content is reserved for `who`, so nobody
	/// could have raced it), if it was made in this block, or if its window has passed.
	pub(crate) fn consume_commitment(
		who: &T::AccountId,
		digest: &sp_core::H256,
		salt: &Salt,
		raceless: bool,
	) -> DispatchResult {
		let commitment = contribution_commitment(digest, who, salt);
		let Some(pending) = PendingCommits::<T>::get(who, commitment) else {
			ensure!(raceless, Error::<T>::NoCommitment);
			return Ok(());
		};
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(pending.committed_at < now, Error::<T>::CommitmentNotMature);
		ensure!(
			now <= pending.committed_at.saturating_add(T::RevealWindow::get()),
			Error::<T>::CommitmentExpired
		);
		PendingCommits::<T>::remove(who, commitment);
		Self::release_commit_deposit(who, &pending)
	}

	/// Removes an expired commitment, if it is still there, and returns its deposit (`on_idle`).
	pub(crate) fn expire_commitment(
		who: &T::AccountId,
		commitment: sp_core::H256,
		committed_at: BlockNumberFor<T>,
	) {
		let Some(pending) = PendingCommits::<T>::get(who, commitment) else { return };
		// Revealed and committed again since: the newer commitment has its own queue item.
		if pending.committed_at != committed_at {
			return;
		}
		// The deposit was held when the commitment was made and nothing else releases it; should
		// that ever fail, the commitment stays, and its owner can still cancel it.
		if Self::release_commit_deposit(who, &pending).is_ok() {
			PendingCommits::<T>::remove(who, commitment);
			Self::deposit_event(Event::CommitmentDropped {
				who: who.clone(),
				commitment,
				expired: true,
			});
		}
	}

	fn release_commit_deposit(who: &T::AccountId, pending: &PendingCommit<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::CommitDeposit.into(),
			who,
			pending.deposit,
			Precision::Exact,
		)
		.map(|_| ())
	}

	/// Whether `content_hash` is reserved for `who` now (a rejected contributor taking it back).
	pub(crate) fn reserved_for(who: &T::AccountId, content_hash: &ContentHash) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		Reservations::<T>::get(content_hash).is_some_and(|r| &r.holder == who && now < r.until)
	}
}
