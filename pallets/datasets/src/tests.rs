//! Unit tests: every call and every refusal, the attacks the rules exist against, and the Merkle
//! commitment and its snapshots.

use crate::{
	mock::{Datasets, *},
	*,
};
use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use lineage_primitives::{
	batch_digest, contribution_commitment,
	merkle::{self, MAX_PEAKS},
};
use sp_core::H256;
use sp_runtime::DispatchError;

const SALT: Salt = [9u8; 32];

fn bytes<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	BoundedVec::try_from(s.as_bytes().to_vec()).unwrap()
}

fn hash(n: u32) -> H256 {
	merkle::sha256(&n.to_le_bytes())
}

fn now() -> u64 {
	System::block_number()
}

fn next_block() {
	System::set_block_number(now() + 1);
}

fn run_to(block: u64) {
	System::set_block_number(block);
}

fn create(owner: AccountId, policy: CurationPolicy) -> DatasetId {
	let id = NextDatasetId::<Test>::get();
	assert_ok!(Datasets::create_dataset(
		RuntimeOrigin::signed(owner),
		bytes("speech"),
		bytes("transcribed speech"),
		bytes("CC-BY-4.0"),
		policy
	));
	id
}

/// Commits `who` to `digest` with `SALT` (the reveal may follow from the next block on).
fn commit(who: AccountId, digest: H256) {
	assert_ok!(Datasets::commit(
		RuntimeOrigin::signed(who),
		contribution_commitment(&digest, &who, &SALT)
	));
}

/// The reveal of a single contribution.
fn reveal(
	who: AccountId,
	dataset: DatasetId,
	n: u32,
	units: u64,
	metadata: ContributionMetadata<Test>,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	Datasets::contribute(RuntimeOrigin::signed(who), dataset, hash(n), units, metadata, SALT)
}

/// Commit, next block, reveal: a contribution of `units` units of content `n`.
fn contribute(who: AccountId, dataset: DatasetId, n: u32, units: u64) -> ContributionId {
	let id = NextContributionId::<Test>::get();
	commit(who, hash(n));
	next_block();
	assert_ok!(reveal(who, dataset, n, units, Default::default()));
	id
}

/// Commits `who` to the batch of contents `ns` (one unit each).
fn commit_batch(who: AccountId, ns: &[u32]) {
	commit(who, batch_digest(&ns.iter().map(|n| hash(*n)).collect::<Vec<_>>()));
}

/// The reveal of the batch of contents `ns`, one unit each.
fn reveal_batch(who: AccountId, dataset: DatasetId, ns: &[u32]) -> DispatchResultWithPostInfo {
	let items: Vec<_> = ns.iter().map(|n| (hash(*n), 1u64)).collect();
	Datasets::contribute_batch(
		RuntimeOrigin::signed(who),
		dataset,
		BoundedVec::try_from(items).unwrap(),
		SALT,
	)
}

fn accept(reviewer: AccountId, id: ContributionId, units: u64) -> DispatchResultWithPostInfo {
	Datasets::review_contribution(
		RuntimeOrigin::signed(reviewer),
		id,
		ReviewDecision::Accept { units },
	)
}

fn reject(reviewer: AccountId, id: ContributionId) -> DispatchResultWithPostInfo {
	Datasets::review_contribution(RuntimeOrigin::signed(reviewer), id, ReviewDecision::Reject)
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Datasets(reason), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn has_event(event: Event<Test>) -> bool {
	let event: RuntimeEvent = event.into();
	System::events().iter().any(|r| r.event == event)
}

fn status(id: ContributionId) -> Option<ContributionStatus> {
	Contributions::<Test>::get(id).map(|c| c.status)
}

use sp_runtime::DispatchResultWithInfo;
type DispatchResultWithPostInfo = DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>;

mod datasets_and_curators {
	use super::*;

	#[test]
	fn create_dataset_assigns_ids_from_zero_and_holds_the_deposit() {
		test(|| {
			assert_eq!(create(ALICE, CurationPolicy::Open), 0);
			assert_eq!(create(ALICE, CurationPolicy::Curated), 1);
			assert_eq!(held(ALICE, HoldReason::DatasetDeposit), 2 * DATASET_DEPOSIT);
			assert_eq!(
				last_event(),
				Event::DatasetCreated {
					dataset_id: 1,
					owner: ALICE,
					policy: CurationPolicy::Curated
				}
				.into()
			);
			let details = Datasets::dataset_details(0).unwrap();
			assert_eq!(details.owner, ALICE);
			assert_eq!(details.name, b"speech".to_vec());
			assert_eq!(details.license, b"CC-BY-4.0".to_vec());
			assert_eq!(details.status, DatasetStatus::Active);
			assert_eq!(details.merkle_root, merkle::empty_root());
			assert_eq!((details.leaf_count, details.snapshot_count), (0, 0));
			assert!(Datasets::dataset_details(2).is_none());
			assert_eq!(Datasets::dataset_count(), 2);
		});
	}

	#[test]
	fn create_dataset_refuses_unsigned_and_poor_callers() {
		test(|| {
			let call = |origin| {
				Datasets::create_dataset(
					origin,
					bytes("x"),
					bytes("x"),
					bytes("x"),
					CurationPolicy::Open,
				)
			};
			assert_noop!(call(RuntimeOrigin::none()), DispatchError::BadOrigin);
			Balances::set_balance(&POOR, DATASET_DEPOSIT);
			assert_noop!(call(RuntimeOrigin::signed(POOR)), Error::<Test>::InsufficientBalance);
		});
	}

	#[test]
	fn oversize_names_and_batches_do_not_decode() {
		test(|| {
			// A name one byte over `MaxNameLen` cannot even be decoded into a call.
			let encode = |name_len: usize| {
				let mut encoded = vec![2u8, 0u8]; // Datasets' pallet index, create_dataset
				vec![b'n'; name_len].encode_to(&mut encoded);
				b"d".to_vec().encode_to(&mut encoded);
				b"l".to_vec().encode_to(&mut encoded);
				CurationPolicy::Open.encode_to(&mut encoded);
				encoded
			};
			assert!(RuntimeCall::decode(&mut &encode(33)[..]).is_err());
			assert!(RuntimeCall::decode(&mut &encode(32)[..]).is_ok());
			// A batch of MaxBatch + 1 records does not decode.
			let items: Vec<(H256, u64)> = (0..9).map(|i| (hash(i), 1)).collect();
			assert!(BatchOf::<Test>::decode(&mut &items.encode()[..]).is_err());
			let items: Vec<(H256, u64)> = (0..8).map(|i| (hash(i), 1)).collect();
			assert!(BatchOf::<Test>::decode(&mut &items.encode()[..]).is_ok());
		});
	}

	#[test]
	fn frozen_datasets_refuse_contributions_until_reactivated() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			assert_ok!(Datasets::set_dataset_status(
				RuntimeOrigin::signed(ALICE),
				dataset,
				DatasetStatus::Frozen
			));
			assert_eq!(
				last_event(),
				Event::DatasetStatusChanged { dataset_id: dataset, status: DatasetStatus::Frozen }
					.into()
			);
			commit(BOB, hash(1));
			commit_batch(BOB, &[2]);
			next_block();
			assert_noop!(
				reveal(BOB, dataset, 1, 1, Default::default()),
				Error::<Test>::DatasetFrozen
			);
			assert_noop!(reveal_batch(BOB, dataset, &[2]), Error::<Test>::DatasetFrozen);
			assert_ok!(Datasets::set_dataset_status(
				RuntimeOrigin::signed(ALICE),
				dataset,
				DatasetStatus::Active
			));
			assert_ok!(reveal(BOB, dataset, 1, 1, Default::default()));
		});
	}

	#[test]
	fn set_dataset_status_is_for_the_owner_only() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let set = |who, id, status| {
				Datasets::set_dataset_status(RuntimeOrigin::signed(who), id, status)
			};
			assert_noop!(set(BOB, dataset, DatasetStatus::Frozen), Error::<Test>::NotOwner);
			assert_noop!(
				set(ALICE, dataset, DatasetStatus::Active),
				Error::<Test>::StatusUnchanged
			);
			assert_noop!(set(ALICE, 7, DatasetStatus::Frozen), Error::<Test>::UnknownDataset);
		});
	}

	#[test]
	fn curators_are_managed_by_the_owner_within_bounds() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let add =
				|who, id, curator| Datasets::add_curator(RuntimeOrigin::signed(who), id, curator);
			let remove = |who, id, curator| {
				Datasets::remove_curator(RuntimeOrigin::signed(who), id, curator)
			};
			assert_noop!(add(BOB, dataset, CHARLIE), Error::<Test>::NotOwner);
			assert_noop!(add(ALICE, 3, CHARLIE), Error::<Test>::UnknownDataset);
			assert_ok!(add(ALICE, dataset, BOB));
			assert_eq!(
				last_event(),
				Event::CuratorAdded { dataset_id: dataset, curator: BOB }.into()
			);
			assert_noop!(add(ALICE, dataset, BOB), Error::<Test>::AlreadyCurator);
			assert_ok!(add(ALICE, dataset, CHARLIE));
			assert_ok!(add(ALICE, dataset, DAVE));
			assert_ok!(add(ALICE, dataset, EVE));
			assert_noop!(add(ALICE, dataset, POOR), Error::<Test>::TooManyCurators);
			let mut curators = Datasets::dataset_details(dataset).unwrap().curators;
			curators.sort();
			assert_eq!(curators, vec![BOB, CHARLIE, DAVE, EVE]);

			assert_noop!(remove(BOB, dataset, BOB), Error::<Test>::NotOwner);
			assert_noop!(remove(ALICE, dataset, POOR), Error::<Test>::UnknownCurator);
			assert_ok!(remove(ALICE, dataset, BOB));
			assert_eq!(
				last_event(),
				Event::CuratorRemoved { dataset_id: dataset, curator: BOB }.into()
			);
			// A removed curator can no longer review.
			let id = contribute(DAVE, dataset, 1, 1);
			assert_noop!(accept(BOB, id, 1), Error::<Test>::NotCurator);
			assert_ok!(add(ALICE, dataset, POOR));
		});
	}
}

mod commit_reveal {
	use super::*;

	#[test]
	fn a_reveal_needs_a_commitment_made_in_an_earlier_block() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			// No commitment at all.
			assert_noop!(
				reveal(BOB, dataset, 1, 1, Default::default()),
				Error::<Test>::NoCommitment
			);
			// A commitment made in this block: not yet.
			commit(BOB, hash(1));
			assert_eq!(held(BOB, HoldReason::CommitDeposit), COMMIT_DEPOSIT);
			assert_noop!(
				reveal(BOB, dataset, 1, 1, Default::default()),
				Error::<Test>::CommitmentNotMature
			);
			next_block();
			// Another salt, another content or another dataset's content do not match it.
			assert_noop!(
				Datasets::contribute(
					RuntimeOrigin::signed(BOB),
					dataset,
					hash(1),
					1,
					Default::default(),
					[1u8; 32]
				),
				Error::<Test>::NoCommitment
			);
			assert_noop!(
				reveal(BOB, dataset, 2, 1, Default::default()),
				Error::<Test>::NoCommitment
			);
			assert_ok!(reveal(BOB, dataset, 1, 1, Default::default()));
			// The commitment is used up and its deposit returned.
			assert_eq!(held(BOB, HoldReason::CommitDeposit), 0);
			assert_eq!(
				Datasets::pending_commit(BOB, contribution_commitment(&hash(1), &BOB, &SALT)),
				None
			);
		});
	}

	#[test]
	fn a_commitment_expires_after_the_reveal_window() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			commit(BOB, hash(1));
			let committed = now();
			run_to(committed + REVEAL_WINDOW + 1);
			assert_noop!(
				reveal(BOB, dataset, 1, 1, Default::default()),
				Error::<Test>::CommitmentExpired
			);
			// The last block of the window still works.
			run_to(committed + REVEAL_WINDOW);
			assert_ok!(reveal(BOB, dataset, 1, 1, Default::default()));
		});
	}

	/// A watcher of the transaction pool sees Bob's reveal (content hash and salt) and races it.
	#[test]
	fn a_watcher_of_the_pool_cannot_take_a_revealed_hash() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			commit(BOB, hash(1));
			next_block();
			// Bob's reveal is in the pool. Eve copies it: Bob's commitment names Bob.
			assert_noop!(
				reveal(EVE, dataset, 1, 1, Default::default()),
				Error::<Test>::NoCommitment
			);
			// Eve commits with Bob's salt and reveals in the same block: not mature.
			commit(EVE, hash(1));
			assert_noop!(
				reveal(EVE, dataset, 1, 1, Default::default()),
				Error::<Test>::CommitmentNotMature
			);
			// Bob's reveal goes in; by the next block, the hash is his.
			assert_ok!(reveal(BOB, dataset, 1, 1, Default::default()));
			next_block();
			assert_noop!(
				reveal(EVE, dataset, 1, 1, Default::default()),
				Error::<Test>::DuplicateContent
			);
			assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
			// Eve gets her commitment's deposit back when she cancels it.
			let eve = contribution_commitment(&hash(1), &EVE, &SALT);
			assert_ok!(Datasets::cancel_commitment(RuntimeOrigin::signed(EVE), eve));
			assert_eq!(held(EVE, HoldReason::CommitDeposit), 0);
			assert_eq!(
				last_event(),
				Event::CommitmentDropped { who: EVE, commitment: eve, expired: false }.into()
			);
		});
	}

	#[test]
	fn commitments_are_refused_twice_and_cancelled_only_by_their_owner() {
		test(|| {
			let commitment = contribution_commitment(&hash(1), &BOB, &SALT);
			assert_ok!(Datasets::commit(RuntimeOrigin::signed(BOB), commitment));
			assert_eq!(last_event(), Event::Committed { who: BOB, commitment }.into());
			assert_noop!(
				Datasets::commit(RuntimeOrigin::signed(BOB), commitment),
				Error::<Test>::DuplicateCommitment
			);
			assert_noop!(
				Datasets::cancel_commitment(RuntimeOrigin::signed(CHARLIE), commitment),
				Error::<Test>::NoCommitment
			);
			assert_noop!(
				Datasets::commit(RuntimeOrigin::none(), commitment),
				DispatchError::BadOrigin
			);
			// POOR can pay the commitment deposit but nothing much else.
			let poor = contribution_commitment(&hash(1), &POOR, &SALT);
			assert_ok!(Datasets::commit(RuntimeOrigin::signed(POOR), poor));
			let broke = contribution_commitment(&hash(2), &POOR, &SALT);
			Balances::set_balance(&POOR, COMMIT_DEPOSIT - 1);
			assert_noop!(
				Datasets::commit(RuntimeOrigin::signed(POOR), broke),
				Error::<Test>::InsufficientBalance
			);
		});
	}

	#[test]
	fn one_commitment_covers_a_batch_in_its_order() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let items = vec![(hash(1), 1u64), (hash(2), 1)];
			commit(BOB, batch_digest(&[hash(1), hash(2)]));
			next_block();
			// The same hashes in another order are another digest.
			assert_noop!(
				Datasets::contribute_batch(
					RuntimeOrigin::signed(BOB),
					dataset,
					BoundedVec::try_from(vec![(hash(2), 1u64), (hash(1), 1)]).unwrap(),
					SALT
				),
				Error::<Test>::NoCommitment
			);
			assert_ok!(Datasets::contribute_batch(
				RuntimeOrigin::signed(BOB),
				dataset,
				BoundedVec::try_from(items).unwrap(),
				SALT
			));
			assert_eq!(ContributionCount::<Test>::get(BOB), 2);
		});
	}

	#[test]
	fn expired_commitments_return_their_deposits_in_on_idle() {
		test(|| {
			for n in 0..5 {
				commit(BOB, hash(n));
			}
			let committed = now();
			next_block();
			commit(CHARLIE, hash(9));
			// Nothing is due yet.
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(held(BOB, HoldReason::CommitDeposit), 5 * COMMIT_DEPOSIT);
			run_to(committed + REVEAL_WINDOW + 1);
			// At most MaxSettlePerBlock per block, oldest first.
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(held(BOB, HoldReason::CommitDeposit), 2 * COMMIT_DEPOSIT);
			assert!(has_event(Event::CommitmentDropped {
				who: BOB,
				commitment: contribution_commitment(&hash(0), &BOB, &SALT),
				expired: true
			}));
			// No spare weight: nothing.
			Datasets::on_idle(now(), Weight::zero());
			assert_eq!(held(BOB, HoldReason::CommitDeposit), 2 * COMMIT_DEPOSIT);
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(held(BOB, HoldReason::CommitDeposit), 0);
			// Charlie's is not due until one block later.
			assert_eq!(held(CHARLIE, HoldReason::CommitDeposit), COMMIT_DEPOSIT);
			next_block();
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(held(CHARLIE, HoldReason::CommitDeposit), 0);
			assert_eq!(PendingCommits::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn a_revealed_commitment_is_skipped_by_the_expiry_queue() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			contribute(BOB, dataset, 1, 1);
			run_to(now() + REVEAL_WINDOW + 5);
			Datasets::on_idle(now(), Weight::MAX);
			assert!(!System::events().iter().any(|r| matches!(
				r.event,
				RuntimeEvent::Datasets(Event::CommitmentDropped { .. })
			)));
			assert_eq!(CommitQueue::<Test>::iter().count(), 0);
		});
	}
}

mod contributions {
	use super::*;

	#[test]
	fn contribute_to_open_dataset_is_accepted_at_once() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let metadata: ContributionMetadata<Test> = bytes("text/plain");
			commit(BOB, hash(1));
			next_block();
			assert_ok!(reveal(BOB, dataset, 1, 7, metadata.clone()));
			let c = Contributions::<Test>::get(0).unwrap();
			assert_eq!(c.status, ContributionStatus::Accepted);
			assert_eq!((c.leaf_index, c.epoch), (Some(0), Some(0)));
			assert_eq!(c.metadata, metadata);
			// The base, per byte of metadata and per unit.
			let deposit = CONTRIBUTION_DEPOSIT + DEPOSIT_PER_BYTE * 10 + DEPOSIT_PER_UNIT * 7;
			assert_eq!(c.deposit, deposit);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), deposit);

			let d = Datasets::dataset_details(dataset).unwrap();
			assert_eq!((d.accepted_units, d.accepted_count, d.pending_count), (7, 1, 0));
			assert_eq!(d.leaf_count, 1);
			let leaf = Datasets::leaf_of(0, &c).hash();
			assert_eq!(d.merkle_root, leaf);
			assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
			assert_eq!(ContributionCount::<Test>::get(BOB), 1);
			assert_eq!(observed(), vec![Observed::Accepted(dataset, 0, 0, BOB, 7)]);
			assert!(has_event(Event::ContributionSubmitted {
				contribution_id: 0,
				dataset_id: dataset,
				contributor: BOB,
				content_hash: hash(1),
				units: 7
			}));
			assert_eq!(
				last_event(),
				Event::ContributionAccepted {
					contribution_id: 0,
					dataset_id: dataset,
					contributor: BOB,
					reviewer: None,
					units: 7,
					epoch: 0,
					leaf_index: 0,
					merkle_root: leaf
				}
				.into()
			);
		});
	}

	#[test]
	fn the_weight_of_an_append_is_refunded_down_to_the_nodes_it_stored() {
		use frame_support::dispatch::GetDispatchInfo;
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let charged = RuntimeCall::Datasets(Call::contribute {
				dataset_id: dataset,
				content_hash: hash(1),
				units: 1,
				metadata: Default::default(),
				salt: SALT,
			})
			.get_dispatch_info()
			.call_weight;
			// The most nodes an append stores, and a root hashed from the most peaks.
			let root_of = <() as WeightInfo>::merkle_root;
			assert_eq!(
				charged,
				<() as WeightInfo>::contribute(0, MAX_MERKLE_WRITES) + root_of(MAX_PEAKS)
			);
			commit(BOB, hash(1));
			next_block();
			// The first leaf stores one node and is the root; so does the second, whose merge
			// with the first is a level (1) whose roots are not stored.
			let post = reveal(BOB, dataset, 1, 1, Default::default()).unwrap();
			assert_eq!(post.actual_weight, Some(<() as WeightInfo>::contribute(0, 1) + root_of(1)));
			commit(BOB, hash(2));
			next_block();
			let post = reveal(BOB, dataset, 2, 1, Default::default()).unwrap();
			assert_eq!(post.actual_weight, Some(<() as WeightInfo>::contribute(0, 1) + root_of(1)));
			// After the 31st leaf the tree has 5 peaks (16 + 8 + 4 + 2 + 1 leaves), all hashed
			// into its root.
			for n in 3..31 {
				contribute(BOB, dataset, n, 1);
			}
			commit(BOB, hash(31));
			next_block();
			let post = reveal(BOB, dataset, 31, 1, Default::default()).unwrap();
			assert_eq!(post.actual_weight, Some(<() as WeightInfo>::contribute(0, 1) + root_of(5)));
			// The 32nd leaf completes the subtrees of levels 1 to 5, and stores the leaf and the
			// root of level 5, the one peak left.
			commit(BOB, hash(32));
			next_block();
			let post = reveal(BOB, dataset, 32, 1, Default::default()).unwrap();
			assert_eq!(post.actual_weight, Some(<() as WeightInfo>::contribute(0, 2) + root_of(1)));
			assert!(post.actual_weight.unwrap().ref_time() < charged.ref_time());
			assert_eq!(MerkleNodes::<Test>::iter_prefix(dataset).count(), 33);
		});
	}

	#[test]
	fn a_batch_is_charged_its_appends_worst_case_and_refunded_down_to_what_they_did() {
		use frame_support::{dispatch::GetDispatchInfo, weights::constants::ParityDbWeight};
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let call = |ns: &[u32]| {
				RuntimeCall::Datasets(Call::contribute_batch {
					dataset_id: dataset,
					items: BoundedVec::try_from(
						ns.iter().map(|n| (hash(*n), 1u64)).collect::<Vec<_>>(),
					)
					.unwrap(),
					salt: SALT,
				})
			};
			let root_of = <() as WeightInfo>::merkle_root;
			let writes = |n: u32| ParityDbWeight::get().writes(u64::from(n));
			let batch: Vec<u32> = (1..=8).collect();
			// Before dispatch: the fit of the benchmark (which covers MAX_MERKLE_WRITES - 2 + n
			// nodes), the rest of the most nodes 8 appends can store, and 8 roots of the most
			// peaks.
			let charged = call(&batch).get_dispatch_info().call_weight;
			assert_eq!(
				charged,
				<() as WeightInfo>::contribute_batch(8)
					+ writes(max_batch_nodes(8) - (MAX_MERKLE_WRITES - 2 + 8))
					+ root_of(MAX_PEAKS) * 8u64
			);
			commit_batch(BOB, &batch);
			next_block();
			let post = reveal_batch(BOB, dataset, &batch).unwrap();
			// After: 8 leaves stored (no subtree of 32 completed), and roots from 1, 1, 2, 1, 2,
			// 2, 3 and 1 peaks (the leaf counts 1 to 8 in binary).
			assert_eq!(
				post.actual_weight,
				Some(
					<() as WeightInfo>::contribute_batch(8) - writes(MAX_MERKLE_WRITES - 2)
						+ root_of(13) + root_of(0) * 7u64
				)
			);
			assert_eq!(MerkleNodes::<Test>::iter_prefix(dataset).count(), 8);
			// A batch into a curated dataset appends nothing: every node is refunded.
			let curated = create(ALICE, CurationPolicy::Curated);
			commit_batch(BOB, &[20, 21]);
			next_block();
			let items: Vec<_> = [20u32, 21].iter().map(|n| (hash(*n), 1u64)).collect();
			let post = Datasets::contribute_batch(
				RuntimeOrigin::signed(BOB),
				curated,
				BoundedVec::try_from(items).unwrap(),
				SALT,
			)
			.unwrap();
			assert_eq!(
				post.actual_weight,
				Some(<() as WeightInfo>::contribute_batch(2) - writes(MAX_MERKLE_WRITES - 2 + 2))
			);
		});
	}

	#[test]
	fn no_run_of_appends_stores_more_nodes_than_a_batch_is_charged_for() {
		use lineage_primitives::merkle::MerkleFrontier;
		// Runs of appends starting anywhere: at small counts, just below large powers of two,
		// and at counts whose next append completes the most subtrees.
		let mut starts: Vec<u64> = (0..300).collect();
		for k in [5u32, 6, 10, 20, 40, 63] {
			let power = 1u64 << k;
			starts.extend([power.saturating_sub(300), power - 33, power - 1, power, power + 1]);
		}
		starts.push(u64::MAX - 300);
		for start in starts {
			for records in [1u32, 2, 16, 17, 31, 32, 33, 64, 100, 256] {
				let mut frontier = MerkleFrontier {
					leaf_count: start,
					peaks: BoundedVec::try_from(vec![H256::zero(); start.count_ones() as usize])
						.unwrap(),
				};
				let mut stored = 0u32;
				for _ in 0..records {
					if frontier.append_storing(H256::zero(), |_, _| stored += 1).is_none() {
						break;
					}
				}
				assert!(
					stored <= max_batch_nodes(records),
					"{records} appends from {start} stored {stored}"
				);
			}
		}
	}

	#[test]
	fn proofs_hash_the_unstored_levels_again_and_the_invariants_check_every_stored_node() {
		use lineage_primitives::merkle::{node_hash, verify_inclusion};
		new_test_ext().execute_with(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			for first in (1..=40).step_by(8) {
				let batch: Vec<u32> = (first..first + 8).collect();
				commit_batch(BOB, &batch);
				next_block();
				assert_ok!(reveal_batch(BOB, dataset, &batch));
			}
			// 40 leaves and the root of the one complete subtree of level 5.
			assert_eq!(MerkleNodes::<Test>::iter_prefix(dataset).count(), 41);
			assert!(MerkleNodes::<Test>::contains_key(dataset, (5, 0)));
			let check_proofs = || {
				for id in 0..40 {
					let proof = Datasets::contribution_proof(id).expect("accepted");
					assert!(verify_inclusion(
						&proof.root,
						&proof.leaf.hash(),
						proof.leaf_index,
						proof.leaf_count,
						&proof.proof
					));
				}
			};
			check_proofs();
			assert_ok!(Datasets::do_try_state());

			let leaf = |index| MerkleNodes::<Test>::get(dataset, (0, index)).unwrap();
			// A node of an unstored level, as runtimes before spec 304 stored it: accepted.
			MerkleNodes::<Test>::insert(dataset, (1, 0), node_hash(&leaf(0), &leaf(1)));
			check_proofs();
			assert_ok!(Datasets::do_try_state());
			// A wrong one is not.
			MerkleNodes::<Test>::insert(dataset, (1, 1), node_hash(&leaf(0), &leaf(1)));
			assert_eq!(Datasets::do_try_state(), Err("subtree node is not its root".into()));
			MerkleNodes::<Test>::remove(dataset, (1, 1));
			// Nor a missing node of a stored level, nor one beyond the complete subtrees.
			let top = MerkleNodes::<Test>::take(dataset, (5, 0)).unwrap();
			assert_eq!(Datasets::do_try_state(), Err("missing subtree node".into()));
			assert!(Datasets::contribution_proof(35).is_none());
			MerkleNodes::<Test>::insert(dataset, (5, 0), top);
			MerkleNodes::<Test>::insert(dataset, (5, 1), top);
			assert_eq!(Datasets::do_try_state(), Err("stray subtree nodes".into()));
			MerkleNodes::<Test>::remove(dataset, (5, 1));
			assert_ok!(Datasets::do_try_state());
		});
	}

	#[test]
	fn contribute_to_curated_dataset_waits_for_review() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let id = contribute(BOB, dataset, 1, 5);
			assert_eq!(status(id), Some(ContributionStatus::Pending));
			let d = Datasets::dataset_details(dataset).unwrap();
			assert_eq!(
				(d.accepted_units, d.accepted_count, d.pending_count, d.leaf_count),
				(0, 0, 1, 0)
			);
			assert!(observed().is_empty());
			let c = Contributions::<Test>::get(id).unwrap();
			assert_eq!((c.leaf_index, c.epoch), (None, None));
		});
	}

	#[test]
	fn the_first_record_of_a_hash_owns_it_everywhere() {
		test(|| {
			let open = create(ALICE, CurationPolicy::Open);
			let curated = create(ALICE, CurationPolicy::Curated);
			contribute(BOB, open, 1, 5);
			commit(BOB, hash(1));
			commit(CHARLIE, hash(1));
			next_block();
			for (who, dataset) in [(BOB, open), (CHARLIE, open), (CHARLIE, curated)] {
				assert_noop!(
					reveal(who, dataset, 1, 5, Default::default()),
					Error::<Test>::DuplicateContent
				);
			}
			assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
		});
	}

	#[test]
	fn contribute_refuses_bad_input() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			commit(BOB, hash(1));
			next_block();
			assert_noop!(reveal(BOB, 9, 1, 5, Default::default()), Error::<Test>::UnknownDataset);
			assert_noop!(reveal(BOB, dataset, 1, 0, Default::default()), Error::<Test>::ZeroUnits);
			assert_noop!(
				reveal(BOB, dataset, 1, MAX_UNITS + 1, Default::default()),
				Error::<Test>::TooManyUnits
			);
			assert_noop!(
				Datasets::contribute(
					RuntimeOrigin::none(),
					dataset,
					hash(1),
					1,
					Default::default(),
					SALT
				),
				DispatchError::BadOrigin
			);
			// POOR has 120 and keeps 1 (the existential deposit) and 5 on its commitment: a 10 +
			// 10 bytes + 100 units deposit is too much.
			commit(POOR, hash(2));
			next_block();
			assert_noop!(
				reveal(POOR, dataset, 2, 100, bytes("0123456789")),
				Error::<Test>::InsufficientBalance
			);
			assert_ok!(reveal(POOR, dataset, 2, 90, bytes("0123456789")));
		});
	}

	#[test]
	fn contribute_batch_is_all_or_nothing() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			contribute(CHARLIE, dataset, 100, 1);
			for ns in [&[][..], &[1, 2, 1], &[1, 2, 100], &[1, 2], &[1, 2, 3]] {
				commit_batch(BOB, ns);
			}
			next_block();
			assert_noop!(reveal_batch(BOB, dataset, &[]), Error::<Test>::EmptyBatch);
			assert_noop!(reveal_batch(BOB, dataset, &[1, 2, 1]), Error::<Test>::DuplicateInBatch);
			// The third record is already owned by Charlie: nothing of the batch is recorded.
			assert_noop!(reveal_batch(BOB, dataset, &[1, 2, 100]), Error::<Test>::DuplicateContent);
			let zero = BoundedVec::try_from(vec![(hash(1), 1u64), (hash(2), 0)]).unwrap();
			assert_noop!(
				Datasets::contribute_batch(RuntimeOrigin::signed(BOB), dataset, zero, SALT),
				Error::<Test>::ZeroUnits
			);
			let unknown = BoundedVec::try_from(vec![(hash(1), 1u64), (hash(2), 1)]).unwrap();
			assert_noop!(
				Datasets::contribute_batch(RuntimeOrigin::signed(BOB), 5, unknown, SALT),
				Error::<Test>::UnknownDataset
			);

			let items =
				BoundedVec::try_from(vec![(hash(1), 1u64), (hash(2), 2), (hash(3), 3)]).unwrap();
			assert_ok!(Datasets::contribute_batch(
				RuntimeOrigin::signed(BOB),
				dataset,
				items,
				SALT
			));
			assert_eq!(
				held(BOB, HoldReason::ContributionDeposit),
				3 * CONTRIBUTION_DEPOSIT + 6 * DEPOSIT_PER_UNIT
			);
			assert_eq!(ContributionCount::<Test>::get(BOB), 3);
			let d = Datasets::dataset_details(dataset).unwrap();
			assert_eq!((d.accepted_units, d.accepted_count, d.leaf_count), (7, 4, 4));
			// The observer hears of the batch once: its first id and all its units.
			assert_eq!(
				observed(),
				vec![
					Observed::Accepted(dataset, 0, 0, CHARLIE, 1),
					Observed::Accepted(dataset, 0, 1, BOB, 6)
				]
			);
			// Each record is its own leaf, in order, with its own units.
			for id in 1..=3 {
				let c = Contributions::<Test>::get(id).unwrap();
				assert_eq!((c.leaf_index, c.units), (Some(id), id));
			}
			assert_eq!(
				(1..=3).map(status).collect::<Vec<_>>(),
				vec![Some(ContributionStatus::Accepted); 3]
			);
		});
	}

	#[test]
	fn contribute_batch_refuses_what_the_caller_cannot_afford() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			commit(POOR, batch_digest(&[hash(1), hash(2)]));
			next_block();
			let items = BoundedVec::try_from(vec![(hash(1), 50u64), (hash(2), 50)]).unwrap();
			assert_noop!(
				Datasets::contribute_batch(RuntimeOrigin::signed(POOR), dataset, items, SALT),
				Error::<Test>::InsufficientBalance
			);
		});
	}

	/// Attack: claiming 10^6 units costs 10^6 times the per-unit deposit; it is not the flat
	/// deposit of one unit.
	#[test]
	fn units_cost_stake() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let honest = contribute(BOB, dataset, 1, 100);
			let inflated = contribute(CHARLIE, dataset, 2, MAX_UNITS);
			let deposit = |id| Contributions::<Test>::get(id).unwrap().deposit;
			assert_eq!(deposit(honest), CONTRIBUTION_DEPOSIT + 100 * DEPOSIT_PER_UNIT);
			assert_eq!(
				deposit(inflated),
				CONTRIBUTION_DEPOSIT + MAX_UNITS as u128 * DEPOSIT_PER_UNIT
			);
			// Per unit, both stake the same.
			assert_eq!(
				(deposit(inflated) - CONTRIBUTION_DEPOSIT) / u128::from(MAX_UNITS),
				(deposit(honest) - CONTRIBUTION_DEPOSIT) / 100
			);
		});
	}

	#[test]
	fn an_observer_refusal_refuses_the_change() {
		test(|| {
			let open = create(ALICE, CurationPolicy::Open);
			let curated = create(ALICE, CurationPolicy::Curated);
			let pending = contribute(BOB, curated, 1, 5);
			let accepted = contribute(BOB, open, 2, 5);
			commit(BOB, hash(3));
			commit(BOB, hash(4));
			next_block();
			OBSERVER_FAILS.with(|f| *f.borrow_mut() = true);
			let refused = DispatchError::Other("observer refuses");
			assert_noop!(accept(ALICE, pending, 5), refused);
			assert_noop!(
				Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), accepted),
				refused
			);
			assert_noop!(reveal(BOB, open, 3, 1, Default::default()), refused);
			commit_batch(BOB, &[5, 6]);
			next_block();
			assert_noop!(reveal_batch(BOB, open, &[5, 6]), refused);
			// A curated dataset asks whether it could be accepted before keeping it pending.
			assert_noop!(reveal(BOB, curated, 4, 1, Default::default()), refused);
			assert_noop!(Datasets::snapshot_dataset(RuntimeOrigin::signed(BOB), open), refused);
			OBSERVER_FAILS.with(|f| *f.borrow_mut() = false);
		});
	}

	#[test]
	fn account_contributions_are_paged() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let mine: Vec<_> = (0..7).map(|n| contribute(BOB, dataset, n, 1)).collect();
			contribute(CHARLIE, dataset, 100, 1);
			let mut seen = vec![];
			let mut cursor = None;
			loop {
				let (page, next) = Datasets::account_contributions(BOB, cursor, 3);
				assert!(page.len() <= 3);
				seen.extend(page);
				match next {
					Some(last) => cursor = Some(last),
					None => break,
				}
			}
			seen.sort();
			assert_eq!(seen, mine);
			assert_eq!(Datasets::account_contributions(DAVE, None, 10), (vec![], None));
			// Owners of many hashes in one query, unknown ones as none.
			assert_eq!(
				Datasets::content_owners(vec![hash(0), hash(555), hash(100)]),
				vec![Some((BOB, 0)), None, Some((CHARLIE, 7))]
			);
		});
	}

	#[test]
	fn running_out_of_ids_or_overflowing_a_sum_is_a_named_error() {
		test(|| {
			NextDatasetId::<Test>::put(DatasetId::MAX);
			assert_noop!(
				Datasets::create_dataset(
					RuntimeOrigin::signed(ALICE),
					bytes("x"),
					bytes("x"),
					bytes("x"),
					CurationPolicy::Open
				),
				Error::<Test>::NoIdsLeft
			);
			NextDatasetId::<Test>::put(0);
			let dataset = create(ALICE, CurationPolicy::Open);
			commit(BOB, hash(1));
			next_block();
			NextContributionId::<Test>::put(ContributionId::MAX);
			assert_noop!(reveal(BOB, dataset, 1, 1, Default::default()), Error::<Test>::NoIdsLeft);
			NextContributionId::<Test>::put(0);
			// A dataset whose accepted units are at the top of u128 cannot take more.
			crate::pallet::Datasets::<Test>::mutate(dataset, |d| {
				d.as_mut().unwrap().accepted_units = u128::MAX
			});
			assert_noop!(reveal(BOB, dataset, 1, 1, Default::default()), Error::<Test>::Overflow);
			crate::pallet::Datasets::<Test>::mutate(dataset, |d| {
				d.as_mut().unwrap().accepted_units = 0
			});
		});
	}
}

mod review {
	use super::*;

	#[test]
	fn owner_and_curators_review_others_cannot() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, BOB));
			let a = contribute(CHARLIE, dataset, 1, 3);
			let b = contribute(CHARLIE, dataset, 2, 4);
			assert_noop!(accept(DAVE, a, 3), Error::<Test>::NotCurator);
			assert_noop!(accept(CHARLIE, a, 3), Error::<Test>::NotCurator);
			assert_ok!(accept(BOB, a, 3));
			assert_eq!(
				last_event(),
				Event::ContributionAccepted {
					contribution_id: a,
					dataset_id: dataset,
					contributor: CHARLIE,
					reviewer: Some(BOB),
					units: 3,
					epoch: 0,
					leaf_index: 0,
					merkle_root: Commitments::<Test>::get(dataset).root,
				}
				.into()
			);
			assert_ok!(accept(ALICE, b, 4));
			let d = Datasets::dataset_details(dataset).unwrap();
			assert_eq!(
				(d.accepted_units, d.accepted_count, d.pending_count, d.leaf_count),
				(7, 2, 0, 2)
			);
			assert_eq!(
				observed(),
				vec![
					Observed::Accepted(dataset, 0, a, CHARLIE, 3),
					Observed::Accepted(dataset, 0, b, CHARLIE, 4)
				]
			);
			assert_noop!(reject(ALICE, a), Error::<Test>::NotPending);
			assert_noop!(accept(ALICE, 42, 1), Error::<Test>::UnknownContribution);
		});
	}

	/// A curator sets the units it accepts, at most those declared; the deposit of the rest
	/// comes back.
	#[test]
	fn a_reviewer_accepts_at_most_the_units_declared() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let id = contribute(BOB, dataset, 1, 1_000);
			let held_before = held(BOB, HoldReason::ContributionDeposit);
			assert_eq!(held_before, CONTRIBUTION_DEPOSIT + 1_000 * DEPOSIT_PER_UNIT);
			assert_noop!(accept(ALICE, id, 1_001), Error::<Test>::TooManyUnits);
			assert_noop!(accept(ALICE, id, 0), Error::<Test>::ZeroUnits);
			assert_ok!(accept(ALICE, id, 40));
			let c = Contributions::<Test>::get(id).unwrap();
			assert_eq!((c.units, c.status), (40, ContributionStatus::Accepted));
			assert_eq!(c.deposit, CONTRIBUTION_DEPOSIT + 40 * DEPOSIT_PER_UNIT);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), c.deposit);
			assert_eq!(Datasets::dataset_details(dataset).unwrap().accepted_units, 40);
			// The leaf commits to the accepted units.
			assert_eq!(Datasets::contribution_proof(id).unwrap().leaf.units, 40);
			assert_eq!(observed(), vec![Observed::Accepted(dataset, 0, id, BOB, 40)]);
		});
	}

	#[test]
	fn rejection_slashes_part_of_the_deposit_and_reserves_the_hash_for_its_contributor() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let issuance = Balances::total_issuance();
			let treasury_before = Balances::balance(&TREASURY);
			let charlie_before = Balances::total_balance(&CHARLIE);
			// 10 + 1 byte of metadata + 3 units = 14: half is slashed.
			commit(CHARLIE, hash(1));
			next_block();
			assert_ok!(reveal(CHARLIE, dataset, 1, 3, bytes("x")));
			assert_ok!(reject(ALICE, 0));
			let reserved_until = now() + RECLAIM_WINDOW;
			assert_eq!(
				last_event(),
				Event::ContributionRejected {
					contribution_id: 0,
					dataset_id: dataset,
					contributor: CHARLIE,
					reviewer: ALICE,
					slashed: 7,
					reserved_until,
				}
				.into()
			);
			assert_eq!(Balances::balance(&TREASURY), treasury_before + 7);
			assert_eq!(Balances::total_balance(&CHARLIE), charlie_before - 7);
			assert_eq!(held(CHARLIE, HoldReason::ContributionDeposit), 0);
			// Nothing was created or destroyed.
			assert_eq!(Balances::total_issuance(), issuance);
			assert!(Contributions::<Test>::get(0).is_none());
			assert_eq!(Datasets::content_owner(hash(1)), None);
			assert_eq!(ContributionCount::<Test>::get(CHARLIE), 0);
			assert_eq!(Datasets::dataset_details(dataset).unwrap().pending_count, 0);
			assert!(observed().is_empty());

			// Attack: the reviewer saw the content and tries to take the hash for itself.
			commit(ALICE, hash(1));
			next_block();
			assert_noop!(
				reveal(ALICE, dataset, 1, 3, Default::default()),
				Error::<Test>::ContentReserved
			);
			// The rejected contributor takes it back, with no commitment: nobody can race it.
			let open = create(DAVE, CurationPolicy::Open);
			assert_ok!(Datasets::contribute(
				RuntimeOrigin::signed(CHARLIE),
				open,
				hash(1),
				3,
				Default::default(),
				[0u8; 32]
			));
			assert_eq!(Datasets::content_owner(hash(1)).map(|(who, _)| who), Some(CHARLIE));
			assert!(!Reservations::<Test>::contains_key(hash(1)));
		});
	}

	#[test]
	fn a_reservation_lapses_after_the_reclaim_window() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let id = contribute(CHARLIE, dataset, 1, 3);
			assert_ok!(reject(ALICE, id));
			let until = now() + RECLAIM_WINDOW;
			run_to(until - 5);
			commit(DAVE, hash(1));
			next_block();
			assert_noop!(
				reveal(DAVE, dataset, 1, 1, Default::default()),
				Error::<Test>::ContentReserved
			);
			// Charlie, too late, needs a commitment like anyone else.
			run_to(until);
			assert_noop!(
				Datasets::contribute(
					RuntimeOrigin::signed(CHARLIE),
					dataset,
					hash(1),
					3,
					Default::default(),
					[0u8; 32]
				),
				Error::<Test>::NoCommitment
			);
			// Dave's commitment, made before the reservation lapsed and still in its window,
			// takes it now.
			let first = contribution_commitment(&hash(1), &DAVE, &SALT);
			assert!(Datasets::pending_commit(DAVE, first).is_some());
			assert_ok!(reveal(DAVE, dataset, 1, 1, Default::default()));
			assert_eq!(Datasets::content_owner(hash(1)).map(|(who, _)| who), Some(DAVE));
		});
	}
}

mod leaving {
	use super::*;

	/// Attack: a contribution withdrawn for a full refund just before a reject escaped review.
	/// A pending withdrawal now pays the same slash as a rejection.
	#[test]
	fn withdrawing_a_pending_contribution_costs_the_reject_slash_and_frees_its_hash() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let id = contribute(BOB, dataset, 1, 5);
			let deposit = CONTRIBUTION_DEPOSIT + 5 * DEPOSIT_PER_UNIT;
			let (bob, treasury) = (Balances::total_balance(&BOB), Balances::balance(&TREASURY));
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), id));
			assert_eq!(
				last_event(),
				Event::ContributionWithdrawn {
					contribution_id: id,
					dataset_id: dataset,
					contributor: BOB,
					slashed: deposit / 2,
					unbonding_until: None,
				}
				.into()
			);
			assert_eq!(Balances::total_balance(&BOB), bob - deposit / 2);
			assert_eq!(Balances::balance(&TREASURY), treasury + deposit / 2);
			assert!(Contributions::<Test>::get(id).is_none());
			assert_eq!(Datasets::content_owner(hash(1)), None);
			let d = Datasets::dataset_details(dataset).unwrap();
			assert_eq!((d.pending_count, d.accepted_count), (0, 0));
			assert!(observed().is_empty());
			assert_noop!(accept(ALICE, id, 5), Error::<Test>::UnknownContribution);
		});
	}

	/// Attack: a flash contribution withdrawn right after a metering batch got its whole deposit
	/// back at once. Its rewards stop at once; its deposit stays held for the unbonding period.
	#[test]
	fn a_withdrawn_contribution_stops_counting_at_once_and_its_deposit_unbonds() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			commit(BOB, hash(1));
			next_block();
			assert_ok!(reveal(BOB, dataset, 1, 5, bytes("meta")));
			contribute(CHARLIE, dataset, 2, 2);
			let deposit = CONTRIBUTION_DEPOSIT + 4 * DEPOSIT_PER_BYTE + 5 * DEPOSIT_PER_UNIT;
			let root_before = Commitments::<Test>::get(dataset).root;
			assert_noop!(
				Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), 0),
				Error::<Test>::NotContributor
			);
			assert_noop!(
				Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 9),
				Error::<Test>::UnknownContribution
			);
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0));
			let until = now() + UNBONDING_PERIOD;
			assert_eq!(
				last_event(),
				Event::ContributionWithdrawn {
					contribution_id: 0,
					dataset_id: dataset,
					contributor: BOB,
					slashed: 0,
					unbonding_until: Some(until),
				}
				.into()
			);
			let c = Contributions::<Test>::get(0).unwrap();
			assert_eq!(c.status, ContributionStatus::Withdrawn);
			assert_eq!((c.deposit, c.unbonding_until), (deposit, Some(until)));
			assert!(c.metadata.is_empty());
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), deposit);
			let d = Datasets::dataset_details(dataset).unwrap();
			assert_eq!((d.accepted_units, d.accepted_count, d.leaf_count), (2, 1, 2));
			// The commitment is append-only: withdrawing does not change it.
			assert_eq!(d.merkle_root, root_before);
			assert_eq!(observed().last(), Some(&Observed::Withdrawn(dataset, 0, 0, BOB, 5)));
			// The ownership record stays.
			assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
			assert_noop!(
				Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0),
				Error::<Test>::AlreadyWithdrawn
			);

			// Not before the period is over.
			run_to(until - 1);
			assert_noop!(
				Datasets::release_deposit(RuntimeOrigin::signed(EVE), 0),
				Error::<Test>::StillUnbonding
			);
			run_to(until);
			assert_ok!(Datasets::release_deposit(RuntimeOrigin::signed(EVE), 0));
			assert_eq!(
				last_event(),
				Event::DepositReleased { contribution_id: 0, contributor: BOB, amount: deposit }
					.into()
			);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
			assert_noop!(
				Datasets::release_deposit(RuntimeOrigin::signed(EVE), 0),
				Error::<Test>::NothingToRelease
			);
			assert_noop!(
				Datasets::release_deposit(RuntimeOrigin::signed(EVE), 1),
				Error::<Test>::NothingToRelease
			);
			// The queue item of the released deposit is skipped.
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(UnbondingQueue::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn unbonded_deposits_come_back_by_themselves() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let ids: Vec<_> = (0..4).map(|n| contribute(BOB, dataset, n, 1)).collect();
			for id in &ids {
				assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), *id));
			}
			let until = now() + UNBONDING_PERIOD;
			Datasets::on_idle(until - 1, Weight::MAX);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), 4 * (CONTRIBUTION_DEPOSIT + 1));
			run_to(until);
			// MaxSettlePerBlock (3) in one block, the fourth in the next.
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), CONTRIBUTION_DEPOSIT + 1);
			Datasets::on_idle(now(), Weight::MAX);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
			assert!(ids.iter().all(|id| Contributions::<Test>::get(id).unwrap().deposit == 0));
		});
	}

	#[test]
	fn governance_slashes_an_accepted_or_unbonding_deposit() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let accepted = contribute(BOB, dataset, 1, 10);
			let unbonding = contribute(BOB, dataset, 2, 20);
			let pending = {
				let curated = create(ALICE, CurationPolicy::Curated);
				contribute(BOB, curated, 3, 1)
			};
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), unbonding));
			assert_noop!(
				Datasets::slash_contribution(RuntimeOrigin::signed(ALICE), accepted),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Datasets::slash_contribution(RuntimeOrigin::root(), pending),
				Error::<Test>::NotSlashable
			);
			assert_noop!(
				Datasets::slash_contribution(RuntimeOrigin::root(), 77),
				Error::<Test>::UnknownContribution
			);
			let issuance = Balances::total_issuance();
			let treasury = Balances::balance(&TREASURY);
			assert_ok!(Datasets::slash_contribution(RuntimeOrigin::root(), accepted));
			assert_eq!(
				last_event(),
				Event::ContributionSlashed {
					contribution_id: accepted,
					dataset_id: dataset,
					contributor: BOB,
					amount: CONTRIBUTION_DEPOSIT + 10
				}
				.into()
			);
			assert_eq!(
				observed().last(),
				Some(&Observed::Withdrawn(dataset, 0, accepted, BOB, 10))
			);
			assert_ok!(Datasets::slash_contribution(RuntimeOrigin::root(), unbonding));
			assert_eq!(Balances::balance(&TREASURY), treasury + 2 * CONTRIBUTION_DEPOSIT + 30);
			assert_eq!(Balances::total_issuance(), issuance);
			assert_eq!(status(accepted), Some(ContributionStatus::Slashed));
			assert_eq!(Datasets::dataset_details(dataset).unwrap().accepted_units, 0);
			// Slashed once; nothing left to slash or release; the owner cannot withdraw it.
			assert_noop!(
				Datasets::slash_contribution(RuntimeOrigin::root(), unbonding),
				Error::<Test>::NotSlashable
			);
			assert_noop!(
				Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), accepted),
				Error::<Test>::AlreadyWithdrawn
			);
			run_to(now() + UNBONDING_PERIOD);
			assert_noop!(
				Datasets::release_deposit(RuntimeOrigin::signed(BOB), unbonding),
				Error::<Test>::NothingToRelease
			);
		});
	}

	#[test]
	fn deposits_are_conserved_through_a_whole_lifecycle() {
		test(|| {
			let issuance = Balances::total_issuance();
			let total = |who: AccountId| Balances::total_balance(&who);
			let before: Vec<_> =
				[ALICE, BOB, CHARLIE, TREASURY].iter().map(|w| total(*w)).collect();

			let dataset = create(ALICE, CurationPolicy::Curated);
			let a = contribute(BOB, dataset, 1, 1);
			let b = contribute(BOB, dataset, 2, 1);
			let c = contribute(CHARLIE, dataset, 3, 1);
			assert_ok!(accept(ALICE, a, 1));
			assert_ok!(reject(ALICE, b));
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), a));
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), c));
			run_to(now() + UNBONDING_PERIOD);
			Datasets::on_idle(now(), Weight::MAX);

			let after: Vec<_> = [ALICE, BOB, CHARLIE, TREASURY].iter().map(|w| total(*w)).collect();
			// The slashes of b (rejected) and c (withdrawn while pending), 11 / 2 = 5 each, went to
			// the treasury; a came back after unbonding; the dataset deposit is still held.
			assert_eq!(after[0], before[0]);
			assert_eq!(after[1], before[1] - 5);
			assert_eq!(after[2], before[2] - 5);
			assert_eq!(after[3], before[3] + 10);
			assert_eq!(held(ALICE, HoldReason::DatasetDeposit), DATASET_DEPOSIT);
			assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
			assert_eq!(Balances::total_issuance(), issuance);
		});
	}
}

mod snapshots {
	use super::*;

	#[test]
	fn a_snapshot_records_the_leaf_count_and_root_and_opens_an_epoch() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let a = contribute(BOB, dataset, 1, 1);
			let treasury = Balances::balance(&TREASURY);
			assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
			let root = Commitments::<Test>::get(dataset).root;
			assert_eq!(
				last_event(),
				Event::SnapshotTaken {
					dataset_id: dataset,
					index: 0,
					leaf_count: 1,
					root,
					by: EVE
				}
				.into()
			);
			assert_eq!(Balances::balance(&TREASURY), treasury + SNAPSHOT_FEE);
			let snapshot = Datasets::snapshot_details(dataset, 0).unwrap();
			assert_eq!((snapshot.leaf_count, snapshot.root, snapshot.taken_at), (1, root, now()));
			assert_eq!(observed().last(), Some(&Observed::EpochOpened(dataset, 1)));
			// Nothing accepted since: the same snapshot, nothing paid.
			assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
			assert_eq!(Datasets::dataset_details(dataset).unwrap().snapshot_count, 1);
			assert_eq!(Balances::balance(&TREASURY), treasury + SNAPSHOT_FEE);
			// Contributions accepted from now on are in epoch 1, outside snapshot 0.
			let b = contribute(CHARLIE, dataset, 2, 1);
			let epoch = |id| Contributions::<Test>::get(id).unwrap().epoch;
			assert_eq!((epoch(a), epoch(b)), (Some(0), Some(1)));
			assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
			assert_eq!(Datasets::snapshot_details(dataset, 1).unwrap().leaf_count, 2);
			// The root recorded is the root of the leaves it counts.
			let leaves = Datasets::leaves_of(dataset, 2).unwrap();
			assert_eq!(snapshot.root, merkle::root_of(&leaves[..1]));
		});
	}

	#[test]
	fn a_curated_contribution_is_in_the_epoch_it_is_accepted_in() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let id = contribute(BOB, dataset, 1, 1);
			let early = contribute(BOB, dataset, 2, 1);
			assert_ok!(accept(ALICE, early, 1));
			assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
			assert_ok!(accept(ALICE, id, 1));
			assert_eq!(Contributions::<Test>::get(id).unwrap().epoch, Some(1));
			assert_eq!(Contributions::<Test>::get(early).unwrap().epoch, Some(0));
		});
	}

	#[test]
	fn snapshots_are_refused_for_unknown_datasets_poor_callers_and_past_the_limit() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			assert_noop!(
				Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), 9),
				Error::<Test>::UnknownDataset
			);
			assert_noop!(
				Datasets::snapshot_dataset(RuntimeOrigin::none(), dataset),
				DispatchError::BadOrigin
			);
			Balances::set_balance(&POOR, ED + SNAPSHOT_FEE - 1);
			assert_noop!(
				Datasets::snapshot_dataset(RuntimeOrigin::signed(POOR), dataset),
				Error::<Test>::InsufficientBalance
			);
			// An empty dataset can be snapshotted (at 0 leaves) once.
			assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
			for n in 1..MAX_SNAPSHOTS {
				contribute(BOB, dataset, n, 1);
				assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
			}
			contribute(BOB, dataset, 99, 1);
			assert_noop!(
				Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset),
				Error::<Test>::TooManySnapshots
			);
		});
	}

	#[test]
	fn every_accepted_contribution_is_provable_against_the_on_chain_root() {
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Curated);
			let mut accepted = vec![];
			for n in 0..13u32 {
				let who = if n % 2 == 0 { BOB } else { CHARLIE };
				let id = contribute(who, dataset, n, u64::from(n) + 1);
				// Reject every fourth: it is never committed.
				if n % 4 == 3 {
					assert_ok!(reject(ALICE, id));
				} else {
					assert_ok!(accept(ALICE, id, u64::from(n) + 1));
					accepted.push(id);
				}
				if n % 5 == 4 {
					assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), dataset));
				}
			}
			// A withdrawn contribution stays provable (the commitment is append-only).
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), accepted[0]));
			let details = Datasets::dataset_details(dataset).unwrap();
			assert_eq!(details.leaf_count, accepted.len() as u64);

			for id in &accepted {
				let proof = Datasets::contribution_proof(*id).unwrap();
				assert_eq!(proof.root, details.merkle_root);
				assert_eq!(proof.leaf.contribution_id, *id);
				let verify = |leaf: H256, path: &[H256]| {
					merkle::verify_inclusion(
						&details.merkle_root,
						&leaf,
						proof.leaf_index,
						proof.leaf_count,
						path,
					)
				};
				// The verifier alone, from the leaf's fields.
				assert!(verify(proof.leaf.hash(), &proof.proof));
				// A tampered leaf (another content hash, more units) fails.
				let mut tampered = proof.leaf.clone();
				tampered.content_hash = hash(999);
				assert!(!verify(tampered.hash(), &proof.proof));
				let mut tampered = proof.leaf.clone();
				tampered.units += 1;
				assert!(!verify(tampered.hash(), &proof.proof));
				// A tampered proof fails.
				if let Some(first) = proof.proof.first() {
					let mut bad = proof.proof.clone();
					bad[0] = H256::repeat_byte(first.0[0].wrapping_add(1));
					assert!(!verify(proof.leaf.hash(), &bad));
				}
			}
			// Pending, rejected and unknown contributions have no proof.
			let pending = contribute(BOB, dataset, 500, 1);
			assert!(Datasets::contribution_proof(pending).is_none());
			assert!(Datasets::contribution_proof(3).is_none());
			assert!(Datasets::contribution_proof(10_000).is_none());
		});
	}

	#[test]
	fn the_provider_traits_report_contributions_datasets_and_snapshots() {
		use lineage_primitives::traits::{ContributionsProvider, DatasetSnapshots};
		type Provider = Datasets;
		test(|| {
			let dataset = create(ALICE, CurationPolicy::Open);
			let id = contribute(BOB, dataset, 1, 9);
			let c = <Provider as ContributionsProvider<AccountId>>::contribution(id).unwrap();
			assert_eq!(
				(c.contributor, c.dataset_id, c.units, c.status, c.leaf_index),
				(BOB, dataset, 9, ContributionStatus::Accepted, Some(0))
			);
			let taken =
				<Provider as DatasetSnapshots<AccountId>>::snapshot_now(&EVE, dataset).unwrap();
			assert_eq!((taken.index, taken.leaf_count), (0, 1));
			let again =
				<Provider as DatasetSnapshots<AccountId>>::snapshot_now(&EVE, dataset).unwrap();
			assert_eq!(again, taken);
			let d = <Provider as ContributionsProvider<AccountId>>::dataset(dataset).unwrap();
			assert_eq!(
				(d.owner, d.status, d.accepted_units, d.snapshot_count),
				(ALICE, DatasetStatus::Active, 9, 1)
			);
			assert_eq!(
				<Provider as ContributionsProvider<AccountId>>::snapshot(dataset, 0),
				Some(taken)
			);
			assert!(<Provider as ContributionsProvider<AccountId>>::snapshot(dataset, 1).is_none());
			assert!(<Provider as ContributionsProvider<AccountId>>::contribution(5).is_none());
			assert!(<Provider as ContributionsProvider<AccountId>>::dataset(5).is_none());
		});
	}
}
