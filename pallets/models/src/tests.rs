//! Unit tests: every call and every refusal, versions and their snapshots, and fee changes.

use crate::{
	mock::{Models, *},
	*,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use lineage_primitives::{
	traits::{ModelsProvider, OperatorRegistry},
	DatasetStatus, ModelVersionDetails,
};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Perbill};

/// An open dataset of `owner` with one accepted contribution (content `seed`).
fn dataset(owner: AccountId, seed: u32) -> DatasetId {
	let id = LineageSetup::dataset(&owner);
	LineageSetup::contribute(&owner, id, lineage_testing::content_hash(seed), 1);
	id
}

fn split(contributors: u32, owner: u32, operator: u32, protocol: u32) -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(contributors),
		owner: Perbill::from_percent(owner),
		operator: Perbill::from_percent(operator),
		protocol: Perbill::from_percent(protocol),
	}
}

/// Datasets with weights in percent, each trained on a new snapshot.
fn weights(list: &[(DatasetId, u32)]) -> DatasetChoices<Test> {
	choices(&list.iter().map(|(d, p)| (*d, *p, None)).collect::<Vec<_>>())
}

fn choices(list: &[(DatasetId, u32, Option<SnapshotIndex>)]) -> DatasetChoices<Test> {
	BoundedVec::try_from(
		list.iter()
			.map(|(d, p, s)| DatasetChoice {
				dataset_id: *d,
				weight: Perbill::from_percent(*p),
				snapshot: *s,
			})
			.collect::<Vec<_>>(),
	)
	.unwrap()
}

fn register(owner: AccountId, datasets: DatasetChoices<Test>, s: RevenueSplit) -> DispatchResult {
	Models::register_model(
		RuntimeOrigin::signed(owner),
		BoundedVec::try_from(b"llama-lin".to_vec()).unwrap(),
		H256::repeat_byte(1),
		datasets,
		25,
		s,
	)
}

fn publish(
	owner: AccountId,
	model: ModelId,
	byte: u8,
	snapshots: &[Option<u32>],
) -> DispatchResult {
	Models::publish_version(
		RuntimeOrigin::signed(owner),
		model,
		H256::repeat_byte(byte),
		BoundedVec::try_from(snapshots.to_vec()).unwrap(),
	)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn has_event(event: Event<Test>) -> bool {
	let event: RuntimeEvent = event.into();
	System::events().iter().any(|r| r.event == event)
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Models(HoldReason::ModelDeposit), &who)
}

fn ok_split() -> RevenueSplit {
	split(70, 15, 5, 10)
}

#[test]
fn register_model_records_terms_takes_snapshots_and_holds_the_deposit() {
	test(|| {
		let (a, b) = (dataset(ALICE, 1), dataset(BOB, 2));
		let (treasury, charlie) = (Balances::balance(&TREASURY), Balances::balance(&CHARLIE));
		assert_ok!(register(CHARLIE, weights(&[(a, 60), (b, 40)]), ok_split()));
		assert_eq!(held(CHARLIE), MODEL_DEPOSIT);
		// One new snapshot of each dataset, paid by the owner.
		assert_eq!(Balances::balance(&TREASURY), treasury + 2 * SNAPSHOT_FEE);
		assert_eq!(Balances::balance(&CHARLIE), charlie - MODEL_DEPOSIT - 2 * SNAPSHOT_FEE);
		assert!(has_event(Event::ModelRegistered {
			model_id: 0,
			owner: CHARLIE,
			version_hash: H256::repeat_byte(1),
			fee_per_inference: 25,
			split: ok_split(),
		}));
		assert_eq!(
			last_event(),
			Event::VersionPublished {
				model_id: 0,
				number: 0,
				version_hash: H256::repeat_byte(1),
				snapshots: BoundedVec::try_from(vec![(0, 1), (0, 1)]).unwrap(),
			}
			.into()
		);
		let details = Models::model_details(0).unwrap();
		assert_eq!(details.owner, CHARLIE);
		assert_eq!(details.status, ModelStatus::Active);
		assert_eq!(
			details.datasets,
			vec![(a, Perbill::from_percent(60)), (b, Perbill::from_percent(40))]
		);
		let first = ModelVersionDetails {
			number: 0,
			version_hash: H256::repeat_byte(1),
			snapshots: vec![(a, 0, 1), (b, 0, 1)],
			published_at: System::block_number(),
		};
		assert_eq!(details.current_version, first);
		assert_eq!(details.versions, vec![first]);
		assert_eq!((details.fee_per_inference, details.pending_fee), (25, None));
		assert_eq!(Models::models_of(CHARLIE, None, 10), (vec![0], None));
		assert_eq!(Models::models_of(ALICE, None, 10), (vec![], None));
		// The terms other pallets see: the current version's snapshots.
		let terms = Models::model_terms(0).unwrap();
		assert_eq!(terms.version, 0);
		assert_eq!(
			terms
				.datasets
				.iter()
				.map(|d| (d.dataset_id, d.snapshot, d.leaf_count))
				.collect::<Vec<_>>(),
			vec![(a, 0, 1), (b, 0, 1)]
		);
		// A second model on the same, unchanged, datasets reuses their snapshots (nothing paid).
		let treasury = Balances::balance(&TREASURY);
		assert_ok!(register(CHARLIE, weights(&[(a, 100)]), split(30, 0, 0, 70)));
		assert_ok!(register(CHARLIE, weights(&[(a, 100)]), split(30, 0, 0, 70)));
		assert_eq!(Balances::balance(&TREASURY), treasury);
		assert_eq!(NextModelId::<Test>::get(), 3);
		// Paged: every model once, in pages of two; and all models.
		let (first, next) = Models::models_of(CHARLIE, None, 2);
		assert_eq!(first.len(), 2);
		let (second, last) = Models::models_of(CHARLIE, next, 2);
		assert_eq!((second.len(), last), (1, None));
		let mut all = [first, second].concat();
		all.sort();
		assert_eq!(all, vec![0, 1, 2]);
		assert_eq!(Models::model_ids(0, 2), (vec![0, 1], Some(2)));
		assert_eq!(Models::model_ids(2, 2), (vec![2], None));
	});
}

/// A model owner who trains today and registers later names today's snapshot: data accepted
/// since is not part of the version.
#[test]
fn a_model_can_name_an_earlier_snapshot() {
	test(|| {
		let a = dataset(ALICE, 1);
		assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(BOB), a));
		// Contributions accepted after the training snapshot.
		LineageSetup::contribute(&EVE, a, lineage_testing::content_hash(2), 1);
		LineageSetup::contribute(&EVE, a, lineage_testing::content_hash(3), 1);
		assert_ok!(register(BOB, choices(&[(a, 100, Some(0))]), ok_split()));
		let terms = Models::model_terms(0).unwrap();
		assert_eq!((terms.datasets[0].snapshot, terms.datasets[0].leaf_count), (0, 1));
		assert_noop!(
			register(BOB, choices(&[(a, 100, Some(1))]), ok_split()),
			Error::<Test>::UnknownSnapshot
		);
		// By default: a new snapshot at the current count (3 leaves).
		assert_ok!(register(BOB, weights(&[(a, 100)]), ok_split()));
		let terms = Models::model_terms(1).unwrap();
		assert_eq!((terms.datasets[0].snapshot, terms.datasets[0].leaf_count), (1, 3));
	});
}

#[test]
fn register_model_refuses_bad_terms() {
	test(|| {
		let (a, b) = (dataset(ALICE, 1), dataset(ALICE, 2));
		assert_noop!(register(BOB, weights(&[]), ok_split()), Error::<Test>::NoDatasets);
		assert_noop!(
			register(BOB, weights(&[(7, 100)]), ok_split()),
			Error::<Test>::UnknownDataset
		);
		assert_noop!(
			register(BOB, weights(&[(a, 50), (a, 50)]), ok_split()),
			Error::<Test>::DuplicateDataset
		);
		assert_noop!(
			register(BOB, weights(&[(a, 50), (b, 49)]), ok_split()),
			Error::<Test>::DatasetWeightsNotWhole
		);
		assert_noop!(
			register(BOB, weights(&[(a, 60), (b, 50)]), ok_split()),
			Error::<Test>::DatasetWeightsNotWhole
		);
		// A dataset weighted 0% would be named and never paid.
		assert_noop!(
			register(BOB, weights(&[(a, 100), (b, 0)]), ok_split()),
			Error::<Test>::ZeroDatasetWeight
		);
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(70, 15, 5, 5)),
			Error::<Test>::SplitNotWhole
		);
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(70, 20, 5, 10)),
			Error::<Test>::SplitNotWhole
		);
		// 9% < MinContributorShare (10%).
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(9, 61, 20, 10)),
			Error::<Test>::ContributorShareTooLow
		);
		assert_ok!(pallet_datasets::Pallet::<Test>::do_set_status(
			&ALICE,
			b,
			DatasetStatus::Frozen
		));
		assert_noop!(
			register(BOB, weights(&[(a, 50), (b, 50)]), ok_split()),
			Error::<Test>::DatasetNotActive
		);
		// POOR has 120 < 500.
		assert_noop!(
			register(POOR, weights(&[(a, 100)]), ok_split()),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Models::register_model(
				RuntimeOrigin::none(),
				Default::default(),
				H256::zero(),
				weights(&[(a, 100)]),
				1,
				ok_split()
			),
			DispatchError::BadOrigin
		);
		// Exactly the minimum share is fine.
		assert_ok!(register(BOB, weights(&[(a, 100)]), split(10, 60, 20, 10)));
	});
}

/// Attack: a model owner who sees a consumer's payment in the pool raises the fee under it. An
/// increase waits `FeeChangeDelay` blocks; a decrease is at once.
#[test]
fn fee_increases_wait_for_their_delay_and_decreases_do_not() {
	test(|| {
		let a = dataset(ALICE, 1);
		assert_ok!(register(BOB, weights(&[(a, 100)]), ok_split()));
		let fee = || Models::model_terms(0).unwrap().fee_per_inference;
		assert_noop!(
			Models::set_fee(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Models::set_fee(RuntimeOrigin::signed(BOB), 3, 1),
			Error::<Test>::UnknownModel
		);

		let start = System::block_number();
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 99));
		let effective_at = start + FEE_CHANGE_DELAY;
		assert_eq!(
			last_event(),
			Event::FeeIncreaseAnnounced { model_id: 0, fee_per_inference: 99, effective_at }.into()
		);
		assert_eq!(fee(), 25);
		let details = Models::model_details(0).unwrap();
		assert_eq!(details.pending_fee, Some(PendingFee { fee: 99, effective_at }));
		System::set_block_number(effective_at - 1);
		assert_eq!(fee(), 25);
		System::set_block_number(effective_at);
		assert_eq!(fee(), 99);
		assert_eq!(Models::model_details(0).unwrap().pending_fee, None);

		// A decrease is at once and cancels an announced increase.
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 500));
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 10));
		assert_eq!(last_event(), Event::FeeChanged { model_id: 0, fee_per_inference: 10 }.into());
		assert_eq!(fee(), 10);
		System::set_block_number(effective_at + FEE_CHANGE_DELAY);
		assert_eq!(fee(), 10);

		// A smaller increase than one already announced keeps its date; a bigger one waits anew.
		let now = System::block_number();
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 50));
		System::set_block_number(now + 3);
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 40));
		assert_eq!(
			Models::model_details(0).unwrap().pending_fee,
			Some(PendingFee { fee: 40, effective_at: now + FEE_CHANGE_DELAY })
		);
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 60));
		assert_eq!(
			Models::model_details(0).unwrap().pending_fee,
			Some(PendingFee { fee: 60, effective_at: now + 3 + FEE_CHANGE_DELAY })
		);
	});
}

#[test]
fn operators_are_set_by_the_owner_and_may_meter() {
	test(|| {
		let a = dataset(ALICE, 1);
		assert_ok!(register(BOB, weights(&[(a, 100)]), ok_split()));
		let ops = |list: Vec<AccountId>| -> Operators<Test> { BoundedVec::try_from(list).unwrap() };
		let can_meter = |who| Models::model_terms(0).unwrap().can_meter(&who);
		assert!(can_meter(BOB));
		assert!(!can_meter(CHARLIE));
		assert_noop!(
			Models::set_operators(RuntimeOrigin::signed(CHARLIE), 0, ops(vec![CHARLIE])),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Models::set_operators(RuntimeOrigin::signed(BOB), 0, ops(vec![CHARLIE, CHARLIE])),
			Error::<Test>::DuplicateOperator
		);
		assert_ok!(Models::set_operators(RuntimeOrigin::signed(BOB), 0, ops(vec![CHARLIE, ALICE])));
		assert_eq!(
			last_event(),
			Event::OperatorsSet { model_id: 0, operators: ops(vec![CHARLIE, ALICE]) }.into()
		);
		assert!(can_meter(CHARLIE));
		assert!(can_meter(ALICE));
		// A dispute takes an operator off (the owner stays the owner; others are untouched).
		assert_ok!(<Models as OperatorRegistry<AccountId>>::remove_operator(0, &CHARLIE));
		assert_eq!(
			last_event(),
			Event::OperatorsSet { model_id: 0, operators: ops(vec![ALICE]) }.into()
		);
		assert_ok!(<Models as OperatorRegistry<AccountId>>::remove_operator(0, &BOB));
		assert!(can_meter(BOB) && can_meter(ALICE) && !can_meter(CHARLIE));
		assert_noop!(
			<Models as OperatorRegistry<AccountId>>::remove_operator(9, &ALICE),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Models::set_operators(RuntimeOrigin::signed(BOB), 0, ops(vec![])));
		assert!(!can_meter(ALICE));
	});
}

#[test]
fn versions_name_snapshots_and_keep_a_bounded_history() {
	test(|| {
		let (a, b) = (dataset(ALICE, 1), dataset(ALICE, 2));
		assert_ok!(register(BOB, weights(&[(a, 50), (b, 50)]), ok_split()));
		assert_noop!(publish(BOB, 0, 1, &[]), Error::<Test>::VersionUnchanged);
		assert_noop!(publish(ALICE, 0, 2, &[]), Error::<Test>::NotModelOwner);
		assert_noop!(publish(BOB, 0, 2, &[None]), Error::<Test>::SnapshotsMismatch);
		assert_noop!(publish(BOB, 0, 2, &[Some(0), Some(1)]), Error::<Test>::UnknownSnapshot);
		// New data in `a`; version 1 names a new snapshot of `a` and the old one of `b`.
		LineageSetup::contribute(&EVE, a, lineage_testing::content_hash(3), 1);
		assert_ok!(publish(BOB, 0, 2, &[None, Some(0)]));
		assert_eq!(
			last_event(),
			Event::VersionPublished {
				model_id: 0,
				number: 1,
				version_hash: H256::repeat_byte(2),
				snapshots: BoundedVec::try_from(vec![(1, 2), (0, 1)]).unwrap(),
			}
			.into()
		);
		let terms = Models::model_terms(0).unwrap();
		assert_eq!(terms.version, 1);
		assert_eq!(
			terms.datasets.iter().map(|d| (d.snapshot, d.leaf_count)).collect::<Vec<_>>(),
			vec![(1, 2), (0, 1)]
		);
		// Versions 2..=4 (empty list: new snapshots everywhere; nothing new: the same ones).
		for byte in 3..=5u8 {
			System::set_block_number(System::block_number() + 1);
			assert_ok!(publish(BOB, 0, byte, &[]));
		}
		// MaxVersions = 4: version 0 was dropped, 1..=4 are kept.
		let details = Models::model_details(0).unwrap();
		assert_eq!(details.current_version.number, 4);
		assert_eq!(details.versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
		assert!(Models::version_of(0, 0).is_none());
		assert_eq!(Models::version_of(0, 1).unwrap().snapshots, vec![(a, 1, 2), (b, 0, 1)]);
		assert_eq!(Models::version_of(0, 4).unwrap().snapshots, vec![(a, 1, 2), (b, 0, 1)]);
	});
}

#[test]
fn status_changes_and_retirement_returns_the_deposit() {
	test(|| {
		let a = dataset(ALICE, 1);
		assert_ok!(register(BOB, weights(&[(a, 100)]), ok_split()));
		let before = Balances::balance(&BOB);
		let set = |who, status| Models::set_model_status(RuntimeOrigin::signed(who), 0, status);
		assert_noop!(set(ALICE, ModelStatus::Paused), Error::<Test>::NotModelOwner);
		assert_noop!(set(BOB, ModelStatus::Active), Error::<Test>::StatusUnchanged);
		assert_ok!(set(BOB, ModelStatus::Paused));
		assert_eq!(
			last_event(),
			Event::ModelStatusChanged { model_id: 0, status: ModelStatus::Paused }.into()
		);
		assert_eq!(Models::model_terms(0).unwrap().status, ModelStatus::Paused);
		assert_ok!(set(BOB, ModelStatus::Active));
		assert_ok!(set(BOB, ModelStatus::Retired));
		assert_eq!(held(BOB), 0);
		assert_eq!(Balances::balance(&BOB), before + MODEL_DEPOSIT);
		// Retired is final.
		for result in [
			set(BOB, ModelStatus::Active),
			Models::set_fee(RuntimeOrigin::signed(BOB), 0, 1),
			publish(BOB, 0, 9, &[]),
			Models::set_operators(RuntimeOrigin::signed(BOB), 0, Default::default()),
		] {
			assert_eq!(result, Err(Error::<Test>::ModelRetired.into()));
		}
		// The record stays.
		assert!(Models::model_details(0).is_some());
	});
}

#[test]
fn terms_never_change_after_registration() {
	test(|| {
		let (a, b) = (dataset(ALICE, 1), dataset(ALICE, 2));
		assert_ok!(register(BOB, weights(&[(a, 70), (b, 30)]), ok_split()));
		let terms = Models::model_terms(0).unwrap();
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 1));
		assert_ok!(publish(BOB, 0, 5, &[]));
		// A frozen dataset does not change a registered model either.
		assert_ok!(pallet_datasets::Pallet::<Test>::do_set_status(
			&ALICE,
			b,
			DatasetStatus::Frozen
		));
		let after = Models::model_terms(0).unwrap();
		assert_eq!(after.split, terms.split);
		assert_eq!(
			after.datasets.iter().map(|d| (d.dataset_id, d.weight)).collect::<Vec<_>>(),
			terms.datasets.iter().map(|d| (d.dataset_id, d.weight)).collect::<Vec<_>>()
		);
		assert!(Models::model_terms(1).is_none());
		// Publishing on a frozen dataset still names a snapshot of it (its data is fixed).
		assert_ok!(publish(BOB, 0, 6, &[]));
	});
}

#[test]
fn running_out_of_model_ids_is_a_named_error() {
	test(|| {
		let a = dataset(ALICE, 1);
		NextModelId::<Test>::put(ModelId::MAX);
		assert_noop!(register(BOB, weights(&[(a, 100)]), ok_split()), Error::<Test>::NoIdsLeft);
	});
}
