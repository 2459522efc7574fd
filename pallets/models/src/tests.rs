//! Unit tests: every call and every refusal.

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
	traits::{ContributionsProvider, ModelsProvider},
	CurationPolicy, DatasetStatus,
};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Perbill};

fn dataset(owner: AccountId) -> DatasetId {
	pallet_datasets::Pallet::<Test>::do_create_dataset(
		owner,
		Default::default(),
		Default::default(),
		Default::default(),
		CurationPolicy::Open,
	)
	.unwrap()
}

fn split(contributors: u32, owner: u32, protocol: u32) -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(contributors),
		owner: Perbill::from_percent(owner),
		protocol: Perbill::from_percent(protocol),
	}
}

fn weights(list: &[(DatasetId, u32)]) -> ModelDatasets<Test> {
	BoundedVec::try_from(
		list.iter().map(|(d, p)| (*d, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
	.unwrap()
}

fn register(owner: AccountId, datasets: ModelDatasets<Test>, s: RevenueSplit) -> DispatchResult {
	Models::register_model(
		RuntimeOrigin::signed(owner),
		BoundedVec::try_from(b"llama-lin".to_vec()).unwrap(),
		H256::repeat_byte(1),
		datasets,
		25,
		s,
	)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Models(HoldReason::ModelDeposit), &who)
}

#[test]
fn register_model_records_terms_and_holds_the_deposit() {
	test(|| {
		let (a, b) = (dataset(ALICE), dataset(BOB));
		assert_ok!(register(CHARLIE, weights(&[(a, 60), (b, 40)]), split(70, 20, 10)));
		assert_eq!(held(CHARLIE), MODEL_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::ModelRegistered {
				model_id: 0,
				owner: CHARLIE,
				version_hash: H256::repeat_byte(1),
				fee_per_inference: 25,
				split: split(70, 20, 10),
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
		assert_eq!(details.versions, vec![(H256::repeat_byte(1), 1)]);
		assert_eq!(Models::models_of(CHARLIE, None, 10), (vec![0], None));
		assert_eq!(Models::models_of(ALICE, None, 10), (vec![], None));
		// Ids count up from 0.
		assert_ok!(register(CHARLIE, weights(&[(a, 100)]), split(30, 0, 70)));
		assert_ok!(register(CHARLIE, weights(&[(a, 100)]), split(30, 0, 70)));
		assert_eq!(NextModelId::<Test>::get(), 3);
		// Paged: every model once, in pages of two.
		let (first, next) = Models::models_of(CHARLIE, None, 2);
		assert_eq!(first.len(), 2);
		let (second, last) = Models::models_of(CHARLIE, next, 2);
		assert_eq!((second.len(), last), (1, None));
		let mut all = [first, second].concat();
		all.sort();
		assert_eq!(all, vec![0, 1, 2]);
	});
}

#[test]
fn register_model_refuses_bad_terms() {
	test(|| {
		let (a, b) = (dataset(ALICE), dataset(ALICE));
		let ok_split = split(70, 20, 10);
		assert_noop!(register(BOB, weights(&[]), ok_split), Error::<Test>::NoDatasets);
		assert_noop!(register(BOB, weights(&[(7, 100)]), ok_split), Error::<Test>::UnknownDataset);
		assert_noop!(
			register(BOB, weights(&[(a, 50), (a, 50)]), ok_split),
			Error::<Test>::DuplicateDataset
		);
		assert_noop!(
			register(BOB, weights(&[(a, 50), (b, 49)]), ok_split),
			Error::<Test>::DatasetWeightsNotWhole
		);
		assert_noop!(
			register(BOB, weights(&[(a, 60), (b, 50)]), ok_split),
			Error::<Test>::DatasetWeightsNotWhole
		);
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(70, 20, 5)),
			Error::<Test>::SplitNotWhole
		);
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(70, 40, 10)),
			Error::<Test>::SplitNotWhole
		);
		// 29% < MinContributorShare (30%).
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(29, 61, 10)),
			Error::<Test>::ContributorShareTooLow
		);
		assert_ok!(pallet_datasets::Pallet::<Test>::do_set_status(
			&ALICE,
			b,
			DatasetStatus::Frozen
		));
		assert_noop!(
			register(BOB, weights(&[(a, 50), (b, 50)]), ok_split),
			Error::<Test>::DatasetNotActive
		);
		// POOR has 120 < 500.
		assert_noop!(
			register(POOR, weights(&[(a, 100)]), ok_split),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Models::register_model(
				RuntimeOrigin::none(),
				Default::default(),
				H256::zero(),
				weights(&[(a, 100)]),
				1,
				ok_split
			),
			DispatchError::BadOrigin
		);
		// Exactly the minimum share is fine.
		assert_ok!(register(BOB, weights(&[(a, 100)]), split(30, 60, 10)));
	});
}

#[test]
fn only_the_owner_changes_the_fee() {
	test(|| {
		let a = dataset(ALICE);
		assert_ok!(register(BOB, weights(&[(a, 100)]), split(70, 20, 10)));
		assert_noop!(
			Models::set_fee(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Models::set_fee(RuntimeOrigin::signed(BOB), 3, 1),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 99));
		assert_eq!(last_event(), Event::FeeChanged { model_id: 0, fee_per_inference: 99 }.into());
		assert_eq!(Models::model_terms(0).unwrap().fee_per_inference, 99);
	});
}

#[test]
fn operators_are_set_by_the_owner_and_may_meter() {
	test(|| {
		let a = dataset(ALICE);
		assert_ok!(register(BOB, weights(&[(a, 100)]), split(70, 20, 10)));
		let ops = |list: Vec<AccountId>| -> Operators<Test> { BoundedVec::try_from(list).unwrap() };
		assert!(Models::can_meter(0, &BOB));
		assert!(!Models::can_meter(0, &CHARLIE));
		assert!(!Models::can_meter(5, &BOB));
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
		assert!(Models::can_meter(0, &CHARLIE));
		assert!(Models::can_meter(0, &ALICE));
		assert_ok!(Models::set_operators(RuntimeOrigin::signed(BOB), 0, ops(vec![])));
		assert!(!Models::can_meter(0, &CHARLIE));
	});
}

#[test]
fn versions_are_published_with_a_bounded_history() {
	test(|| {
		let a = dataset(ALICE);
		assert_ok!(register(BOB, weights(&[(a, 100)]), split(70, 20, 10)));
		assert_noop!(
			Models::publish_version(RuntimeOrigin::signed(BOB), 0, H256::repeat_byte(1)),
			Error::<Test>::VersionUnchanged
		);
		assert_noop!(
			Models::publish_version(RuntimeOrigin::signed(ALICE), 0, H256::repeat_byte(2)),
			Error::<Test>::NotModelOwner
		);
		for (block, byte) in [(2, 2u8), (3, 3), (4, 4)] {
			System::set_block_number(block);
			assert_ok!(Models::publish_version(
				RuntimeOrigin::signed(BOB),
				0,
				H256::repeat_byte(byte)
			));
		}
		assert_eq!(
			last_event(),
			Event::VersionPublished { model_id: 0, version_hash: H256::repeat_byte(4) }.into()
		);
		// MaxVersions = 3: the first version (block 1) was dropped.
		let details = Models::model_details(0).unwrap();
		assert_eq!(details.version_hash, H256::repeat_byte(4));
		assert_eq!(
			details.versions,
			vec![(H256::repeat_byte(2), 2), (H256::repeat_byte(3), 3), (H256::repeat_byte(4), 4)]
		);
	});
}

#[test]
fn status_changes_and_retirement_returns_the_deposit() {
	test(|| {
		let a = dataset(ALICE);
		assert_ok!(register(BOB, weights(&[(a, 100)]), split(70, 20, 10)));
		let before = Balances::balance(&BOB);
		assert_noop!(
			Models::set_model_status(RuntimeOrigin::signed(ALICE), 0, ModelStatus::Paused),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Models::set_model_status(RuntimeOrigin::signed(BOB), 0, ModelStatus::Active),
			Error::<Test>::StatusUnchanged
		);
		assert_ok!(Models::set_model_status(RuntimeOrigin::signed(BOB), 0, ModelStatus::Paused));
		assert_eq!(
			last_event(),
			Event::ModelStatusChanged { model_id: 0, status: ModelStatus::Paused }.into()
		);
		assert_eq!(Models::model_terms(0).unwrap().status, ModelStatus::Paused);
		assert_ok!(Models::set_model_status(RuntimeOrigin::signed(BOB), 0, ModelStatus::Active));
		assert_ok!(Models::set_model_status(RuntimeOrigin::signed(BOB), 0, ModelStatus::Retired));
		assert_eq!(held(BOB), 0);
		assert_eq!(Balances::balance(&BOB), before + MODEL_DEPOSIT);
		// Retired is final.
		for result in [
			Models::set_model_status(RuntimeOrigin::signed(BOB), 0, ModelStatus::Active),
			Models::set_fee(RuntimeOrigin::signed(BOB), 0, 1),
			Models::publish_version(RuntimeOrigin::signed(BOB), 0, H256::repeat_byte(9)),
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
		let (a, b) = (dataset(ALICE), dataset(ALICE));
		assert_ok!(register(BOB, weights(&[(a, 70), (b, 30)]), split(70, 20, 10)));
		let terms = Models::model_terms(0).unwrap();
		assert_ok!(Models::set_fee(RuntimeOrigin::signed(BOB), 0, 1));
		assert_ok!(Models::publish_version(RuntimeOrigin::signed(BOB), 0, H256::repeat_byte(5)));
		// A frozen dataset does not change a registered model either.
		assert_ok!(pallet_datasets::Pallet::<Test>::do_set_status(
			&ALICE,
			b,
			DatasetStatus::Frozen
		));
		let after = Models::model_terms(0).unwrap();
		assert_eq!((after.split, after.datasets.clone()), (terms.split, terms.datasets));
		assert!(<pallet_datasets::Pallet<Test> as ContributionsProvider<AccountId>>::dataset(b)
			.is_some());
		assert!(Models::model_terms(1).is_none());
	});
}

#[test]
fn running_out_of_model_ids_is_a_named_error() {
	test(|| {
		let a = dataset(ALICE);
		NextModelId::<Test>::put(ModelId::MAX);
		assert_noop!(
			register(BOB, weights(&[(a, 100)]), split(70, 20, 10)),
			Error::<Test>::NoIdsLeft
		);
	});
}
