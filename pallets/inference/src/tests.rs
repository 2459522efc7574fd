//! Unit tests: authorisations, metering, direct payment, retention, and every refusal.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use lineage_primitives::{merkle, CurationPolicy, DatasetId, ModelStatus, RevenueSplit};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill};

const FEE: Balance = 100;

fn dataset(policy: CurationPolicy) -> DatasetId {
	pallet_datasets::Pallet::<Test>::do_create_dataset(
		ALICE,
		Default::default(),
		Default::default(),
		Default::default(),
		policy,
	)
	.unwrap()
}

fn contribute(who: AccountId, dataset: DatasetId, n: u64) -> ContributionId {
	pallet_datasets::Pallet::<Test>::do_contribute(
		&who,
		dataset,
		merkle::sha256(&n.to_le_bytes()),
		5,
		Default::default(),
	)
	.unwrap()
}

/// An open dataset with two accepted contributions (ids 0, 1) and Eve's model on it (id 0).
fn setup() -> (DatasetId, ModelId) {
	let d = dataset(CurationPolicy::Open);
	contribute(BOB, d, 1);
	contribute(CHARLIE, d, 2);
	(d, model_on(d))
}

/// A model of Eve on dataset `d`, fee `FEE`.
fn model_on(d: DatasetId) -> ModelId {
	pallet_models::Pallet::<Test>::do_register(
		EVE,
		Default::default(),
		H256::repeat_byte(1),
		BoundedVec::try_from(vec![(d, Perbill::one())]).unwrap(),
		FEE,
		RevenueSplit {
			contributors: Perbill::from_percent(70),
			owner: Perbill::from_percent(20),
			protocol: Perbill::from_percent(10),
		},
	)
	.unwrap()
}

fn rec(
	consumer: AccountId,
	request: u64,
	attribution: &[(ContributionId, u32)],
) -> InferenceRecord<Test> {
	InferenceRecord {
		consumer,
		request_hash: H256::from_low_u64_be(request),
		output_hash: H256::from_low_u64_be(1000 + request),
		attribution: BoundedVec::try_from(
			attribution.iter().map(|(c, p)| (*c, Perbill::from_percent(*p))).collect::<Vec<_>>(),
		)
		.unwrap(),
	}
}

fn batch(records: Vec<InferenceRecord<Test>>) -> InferenceBatch<Test> {
	BoundedVec::try_from(records).unwrap()
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Inference(HoldReason::InferenceAllowance), &who)
}

fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Inference(HoldReason::AuthorizationDeposit), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn authorize_holds_the_allowance_and_can_be_changed_and_revoked() {
	test(|| {
		let (_, m) = setup();
		let free = Balances::balance(&FERDIE);
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE));
		assert_eq!(held(FERDIE), 1000);
		// The authorisation's storage is paid for by a deposit, held next to the allowance.
		assert_eq!(deposit_held(FERDIE), AUTHORIZATION_DEPOSIT);
		assert_eq!(Balances::balance(&FERDIE), free - 1000 - AUTHORIZATION_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::Authorized {
				consumer: FERDIE,
				model_id: m,
				max_total: 1000,
				max_fee_per_inference: FEE
			}
			.into()
		);
		// Re-authorising sets the remaining allowance: more is held, or the difference released.
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1500, FEE));
		assert_eq!(held(FERDIE), 1500);
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 300, 50));
		assert_eq!(held(FERDIE), 300);
		let a = Inference::authorization(FERDIE, m).unwrap();
		assert_eq!((a.remaining, a.spent, a.max_fee_per_inference), (300, 0, 50));
		// Changing an authorisation takes no second deposit.
		assert_eq!(a.deposit, AUTHORIZATION_DEPOSIT);
		assert_eq!(deposit_held(FERDIE), AUTHORIZATION_DEPOSIT);
		assert_eq!(Balances::balance(&FERDIE), free - 300 - AUTHORIZATION_DEPOSIT);

		assert_ok!(Inference::revoke(RuntimeOrigin::signed(FERDIE), m));
		assert_eq!(
			last_event(),
			Event::Revoked { consumer: FERDIE, model_id: m, released: 300 }.into()
		);
		assert_eq!(held(FERDIE), 0);
		assert_eq!(deposit_held(FERDIE), 0);
		assert_eq!(Balances::balance(&FERDIE), free);
		assert!(Inference::authorization(FERDIE, m).is_none());
	});
}

#[test]
fn authorize_and_revoke_refuse_bad_input() {
	test(|| {
		let (_, m) = setup();
		assert_noop!(
			Inference::authorize(RuntimeOrigin::signed(FERDIE), 9, 100, 1),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 0, 1),
			Error::<Test>::ZeroAllowance
		);
		// Dave has 100 and must keep 1: the allowance and the deposit must fit in 99.
		assert_noop!(
			Inference::authorize(RuntimeOrigin::signed(DAVE), m, 100, 1),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Inference::authorize(RuntimeOrigin::signed(DAVE), m, 100 - AUTHORIZATION_DEPOSIT, 1),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Inference::authorize(
			RuntimeOrigin::signed(DAVE),
			m,
			99 - AUTHORIZATION_DEPOSIT,
			1
		));
		assert_ok!(Inference::revoke(RuntimeOrigin::signed(DAVE), m));
		assert_eq!(Balances::balance(&DAVE), 100);
		assert_noop!(
			Inference::authorize(RuntimeOrigin::none(), m, 1, 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Inference::revoke(RuntimeOrigin::signed(FERDIE), m),
			Error::<Test>::NotAuthorized
		);
		assert_ok!(pallet_models::Pallet::<Test>::do_set_status(&EVE, m, ModelStatus::Retired));
		assert_noop!(
			Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 100, 1),
			Error::<Test>::ModelRetired
		);
	});
}

#[test]
fn operators_meter_authorised_consumers_and_fees_reach_the_pot() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(ALICE), m, 1000, FEE));
		let pot = Balances::balance(&POT);
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![
				rec(FERDIE, 1, &[(0, 50)]),
				rec(ALICE, 1, &[]),
				rec(FERDIE, 2, &[(0, 30), (1, 70)])
			])
		));
		assert_eq!(Balances::balance(&POT), pot + 3 * FEE);
		assert_eq!(held(FERDIE), 1000 - 2 * FEE);
		assert_eq!(held(ALICE), 1000 - FEE);
		let a = Inference::authorization(FERDIE, m).unwrap();
		assert_eq!((a.remaining, a.spent), (800, 200));

		// Each fee was in the pot before it was handed to the distributor, with its attribution.
		let d = distributed();
		assert_eq!(d.len(), 3);
		assert_eq!(d.iter().map(|x| x.inference_id).collect::<Vec<_>>(), vec![0, 1, 2]);
		assert_eq!(d[0].attribution, vec![(0, Perbill::from_percent(50))]);
		assert_eq!(d[1].pot_balance, pot + 2 * FEE);
		assert!(d.iter().all(|x| x.fee == FEE && x.model_id == m));

		assert_eq!(
			last_event(),
			Event::InferenceRecorded {
				inference_id: 2,
				model_id: m,
				consumer: FERDIE,
				fee: FEE,
				output_hash: H256::from_low_u64_be(1002)
			}
			.into()
		);
		let i = Inference::inference(0).unwrap();
		assert_eq!(
			(i.consumer, i.fee, i.request_hash, i.recorded_at),
			(FERDIE, FEE, H256::from_low_u64_be(1), 1)
		);
	});
}

#[test]
fn operators_set_by_the_owner_may_meter_others_may_not() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(BOB),
				m,
				batch(vec![rec(FERDIE, 1, &[])])
			),
			Error::<Test>::NotOperator
		);
		assert_ok!(pallet_models::Pallet::<Test>::do_set_operators(
			&EVE,
			m,
			BoundedVec::try_from(vec![BOB]).unwrap()
		));
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(BOB),
			m,
			batch(vec![rec(FERDIE, 1, &[])])
		));
	});
}

#[test]
fn an_operator_cannot_charge_a_consumer_who_never_authorised() {
	test(|| {
		let (d, m) = setup();
		let free = Balances::balance(&CHARLIE);
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(CHARLIE, 1, &[])])
			),
			Error::<Test>::NotAuthorized
		);
		// Authorising another model does not authorise this one.
		let other = model_on(d);
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(CHARLIE), other, 1000, FEE));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(CHARLIE, 1, &[])])
			),
			Error::<Test>::NotAuthorized
		);
		assert_eq!(Balances::balance(&CHARLIE), free - 1000 - AUTHORIZATION_DEPOSIT);
	});
}

#[test]
fn caps_are_never_exceeded() {
	test(|| {
		let (_, m) = setup();
		// Cap per inference below the fee.
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE - 1));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 1, &[])])
			),
			Error::<Test>::FeeAboveLimit
		);
		// Allowance for two inferences: a batch of three is refused whole.
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 2 * FEE, FEE));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 1, &[]), rec(FERDIE, 2, &[]), rec(FERDIE, 3, &[])])
			),
			Error::<Test>::AllowanceExhausted
		);
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 1, &[]), rec(FERDIE, 2, &[])])
		));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 3, &[])])
			),
			Error::<Test>::AllowanceExhausted
		);
		// A fee raised above the cap is refused too.
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10 * FEE, FEE));
		assert_ok!(pallet_models::Pallet::<Test>::do_set_fee(&EVE, m, FEE + 1));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 3, &[])])
			),
			Error::<Test>::FeeAboveLimit
		);
	});
}

#[test]
fn a_replayed_request_is_refused() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE));
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 7, &[])])
		));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 7, &[])])
			),
			Error::<Test>::DuplicateRequest
		);
		// Within one batch too.
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 8, &[]), rec(FERDIE, 8, &[])])
			),
			Error::<Test>::DuplicateRequest
		);
		// And when the consumer pays directly.
		assert_noop!(
			Inference::pay_inference(
				RuntimeOrigin::signed(FERDIE),
				m,
				H256::from_low_u64_be(7),
				H256::zero(),
				Default::default()
			),
			Error::<Test>::DuplicateRequest
		);
		// The same request id of another consumer is another request.
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(ALICE), m, 1000, FEE));
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(ALICE, 7, &[])])
		));
	});
}

#[test]
fn paused_and_retired_models_are_not_metered() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE));
		assert_ok!(pallet_models::Pallet::<Test>::do_set_status(&EVE, m, ModelStatus::Paused));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 1, &[])])
			),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			Inference::pay_inference(
				RuntimeOrigin::signed(FERDIE),
				m,
				H256::zero(),
				H256::zero(),
				Default::default()
			),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				9,
				batch(vec![rec(FERDIE, 1, &[])])
			),
			Error::<Test>::UnknownModel
		);
		assert_ok!(pallet_models::Pallet::<Test>::do_set_status(&EVE, m, ModelStatus::Active));
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 1, &[])])
		));
		// Retired for good: neither metered nor paid for directly, with an authorisation left.
		assert_ok!(pallet_models::Pallet::<Test>::do_set_status(&EVE, m, ModelStatus::Retired));
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 2, &[])])
			),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			Inference::pay_inference(
				RuntimeOrigin::signed(FERDIE),
				m,
				H256::repeat_byte(2),
				H256::zero(),
				Default::default()
			),
			Error::<Test>::ModelNotActive
		);
		// What is left of the authorisation can still be released.
		assert_ok!(Inference::revoke(RuntimeOrigin::signed(FERDIE), m));
		assert_eq!(held(FERDIE), 0);
	});
}

#[test]
fn attribution_must_name_accepted_contributions_of_the_model() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, FEE));
		// A contribution from a dataset the model does not use.
		let unrelated = dataset(CurationPolicy::Open);
		let outside = contribute(DAVE, unrelated, 9);
		// A pending contribution in a curated dataset.
		let curated = dataset(CurationPolicy::Curated);
		let pending = contribute(ALICE, curated, 10);
		let bad = |attribution: &[(ContributionId, u32)]| {
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 1, &[]), rec(FERDIE, 2, attribution)]),
			)
		};
		assert_noop!(bad(&[(outside, 10)]), Error::<Test>::ContributionNotInModel);
		assert_noop!(bad(&[(pending, 10)]), Error::<Test>::ContributionNotAccepted);
		assert_noop!(bad(&[(77, 10)]), Error::<Test>::UnknownContribution);
		assert_noop!(bad(&[(0, 60), (1, 41)]), Error::<Test>::AttributionOverWhole);
		assert_noop!(bad(&[(0, 10), (0, 10)]), Error::<Test>::DuplicateAttribution);
		assert_ok!(pallet_datasets::Pallet::<Test>::do_withdraw(&BOB, 0));
		assert_noop!(bad(&[(0, 10)]), Error::<Test>::ContributionNotAccepted);
		assert_ok!(bad(&[(1, 100)]));
	});
}

#[test]
fn bad_batches_are_refused() {
	test(|| {
		let (_, m) = setup();
		assert_noop!(
			Inference::record_inferences(RuntimeOrigin::signed(EVE), m, batch(vec![])),
			Error::<Test>::EmptyBatch
		);
		assert_noop!(
			Inference::record_inferences(RuntimeOrigin::none(), m, batch(vec![])),
			DispatchError::BadOrigin
		);
		// MaxBatch (4) + 1 records, or MaxAttributions (3) + 1 entries, do not even decode.
		use codec::{Decode, Encode};
		let records: Vec<InferenceRecord<Test>> = (0..5).map(|i| rec(FERDIE, i, &[])).collect();
		assert!(InferenceBatch::<Test>::decode(&mut &records.encode()[..]).is_err());
		let entries: Vec<(ContributionId, Perbill)> =
			(0..4).map(|i| (i, Perbill::zero())).collect();
		assert!(Attribution::<Test>::decode(&mut &entries.encode()[..]).is_err());
	});
}

#[test]
fn consumers_can_pay_directly() {
	test(|| {
		let (_, m) = setup();
		let (pot, free) = (Balances::balance(&POT), Balances::balance(&FERDIE));
		assert_ok!(Inference::pay_inference(
			RuntimeOrigin::signed(FERDIE),
			m,
			H256::repeat_byte(3),
			H256::repeat_byte(4),
			BoundedVec::try_from(vec![(1, Perbill::from_percent(20))]).unwrap()
		));
		assert_eq!(Balances::balance(&POT), pot + FEE);
		assert_eq!(Balances::balance(&FERDIE), free - FEE);
		assert_eq!(distributed()[0].attribution, vec![(1, Perbill::from_percent(20))]);
		// Dave cannot afford it (and must stay alive).
		assert_noop!(
			Inference::pay_inference(
				RuntimeOrigin::signed(DAVE),
				m,
				H256::zero(),
				H256::zero(),
				Default::default()
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn expired_inferences_are_pruned_oldest_first_within_bounds() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, FEE));
		for n in 0..5 {
			assert_ok!(Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, n, &[])])
			));
		}
		System::set_block_number(5);
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 5, &[])])
		));
		// Not expired yet.
		Inference::on_idle(RETENTION, Weight::MAX);
		assert_eq!(OldestInference::<Test>::get(), 0);
		// Expired: at most MaxPrunePerBlock (3) per block.
		Inference::on_idle(RETENTION + 1, Weight::MAX);
		assert_eq!(OldestInference::<Test>::get(), 3);
		assert!(Inference::inference(2).is_none());
		assert!(Inference::inference(3).is_some());
		// No weight left: nothing happens.
		assert_eq!(Inference::on_idle(RETENTION + 1, Weight::zero()), Weight::zero());
		assert_eq!(OldestInference::<Test>::get(), 3);
		Inference::on_idle(RETENTION + 1, Weight::MAX);
		// The inference of block 5 is kept until block 5 + RETENTION.
		assert_eq!(OldestInference::<Test>::get(), 5);
		assert!(Inference::inference(5).is_some());
		Inference::on_idle(RETENTION + 5, Weight::MAX);
		assert_eq!(OldestInference::<Test>::get(), 6);
		// Once forgotten, a request id can be used again.
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 0, &[])])
		));
	});
}

#[test]
fn every_write_prunes_as_many_expired_inferences_as_it_records() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, FEE));
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch((0..4).map(|n| rec(FERDIE, n, &[])).collect())
		));
		// Full blocks: on_idle never runs. Writes still remove the expired, oldest first.
		System::set_block_number(1 + RETENTION);
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 10, &[]), rec(FERDIE, 11, &[])])
		));
		assert_eq!(OldestInference::<Test>::get(), 2);
		assert!(Inference::inference(1).is_none());
		assert!(Inference::inference(2).is_some());
		assert_ok!(Inference::pay_inference(
			RuntimeOrigin::signed(FERDIE),
			m,
			H256::repeat_byte(9),
			H256::repeat_byte(9),
			Default::default()
		));
		assert_eq!(OldestInference::<Test>::get(), 3);
		// Never beyond what has expired: the inferences of this block stay.
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch((20..24).map(|n| rec(FERDIE, n, &[])).collect())
		));
		assert_eq!(OldestInference::<Test>::get(), 4);
		assert!(Inference::inference(4).is_some());
	});
}

#[test]
fn zero_fee_inferences_are_recorded_without_payment() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(pallet_models::Pallet::<Test>::do_set_fee(&EVE, m, 0));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10, 0));
		let pot = Balances::balance(&POT);
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			batch(vec![rec(FERDIE, 1, &[])])
		));
		assert_eq!(Balances::balance(&POT), pot);
		assert_eq!(held(FERDIE), 10);
		assert_eq!(distributed()[0].fee, 0);
	});
}

#[test]
fn running_out_of_inference_ids_or_overflowing_spending_is_a_named_error() {
	test(|| {
		let (_, m) = setup();
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 1000, FEE));
		NextInferenceId::<Test>::put(InferenceId::MAX);
		OldestInference::<Test>::put(InferenceId::MAX);
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 1, &[])])
			),
			Error::<Test>::NoIdsLeft
		);
		NextInferenceId::<Test>::put(0);
		OldestInference::<Test>::put(0);
		// An authorisation that has spent everything a balance can hold cannot spend more.
		Authorizations::<Test>::mutate(FERDIE, m, |a| a.as_mut().unwrap().spent = Balance::MAX);
		assert_noop!(
			Inference::record_inferences(
				RuntimeOrigin::signed(EVE),
				m,
				batch(vec![rec(FERDIE, 1, &[])])
			),
			Error::<Test>::Overflow
		);
		Authorizations::<Test>::mutate(FERDIE, m, |a| a.as_mut().unwrap().spent = 0);
	});
}
