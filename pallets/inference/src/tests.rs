//! Unit tests on the whole Lineage stack: vouchers, authorisations and their operators, fee
//! protection, attribution rules, disputes, pruning; and each attack the rules exist against.

use crate::{
	mock::{Attribution, Inference, *},
	*,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use lineage_primitives::{
	voucher::{InferenceVoucher, VoucherSignature},
	DatasetId, ModelStatus, RevenueSplit,
};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Perbill};

/// The fee of the model in these tests.
const FEE: Balance = 1_000;

fn genesis() -> H256 {
	System::block_hash(0)
}

/// Alice's open dataset with Bob's 30 units (contribution 0) and Charlie's 10 (contribution 1);
/// Eve's model on it (fee 1000, split 70/15/5/10), trained on a snapshot of both.
fn setup() -> (DatasetId, ModelId) {
	let d = LineageSetup::dataset(&ALICE);
	contribute(BOB, d, 1, 30);
	contribute(CHARLIE, d, 2, 10);
	(d, model_on(&[d]))
}

fn contribute(who: AccountId, dataset: DatasetId, n: u64, units: u64) -> ContributionId {
	LineageSetup::contribute(&who, dataset, lineage_testing::content_hash(n), units)
}

fn split() -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(70),
		owner: Perbill::from_percent(15),
		operator: Perbill::from_percent(5),
		protocol: Perbill::from_percent(10),
	}
}

/// Eve's model on `datasets` (equal weights, new snapshots), fee `FEE`.
fn model_on(datasets: &[DatasetId]) -> ModelId {
	let choices: Vec<_> = datasets
		.iter()
		.zip(lineage_primitives::equal_shares(datasets.len() as u32))
		.map(|(d, w)| pallet_models::DatasetChoice { dataset_id: *d, weight: w, snapshot: None })
		.collect();
	Models::do_register(
		EVE,
		Default::default(),
		H256::repeat_byte(1),
		choices.try_into().unwrap(),
		FEE,
		split(),
	)
	.unwrap()
}

fn voucher(model: ModelId, request: u64) -> VoucherOf<Test> {
	InferenceVoucher {
		genesis_hash: genesis(),
		model_id: model,
		request_hash: H256::from_low_u64_be(request),
		max_fee: FEE,
		expires_at: System::block_number() + 10,
	}
}

/// A record of `consumer`'s request with the voucher `voucher`, signed by `consumer`.
fn signed(consumer: AccountId, voucher: VoucherOf<Test>) -> InferenceRecord<Test> {
	let signature = VoucherSignature::Raw(sign(consumer, &voucher.signing_payload()));
	InferenceRecord {
		consumer,
		voucher,
		signature,
		output_hash: H256::repeat_byte(0xee),
		attribution: Default::default(),
		method: AttributionMethod::Unspecified,
		evidence_hash: H256::zero(),
	}
}

fn rec(consumer: AccountId, model: ModelId, request: u64) -> InferenceRecord<Test> {
	signed(consumer, voucher(model, request))
}

fn attributed(
	mut record: InferenceRecord<Test>,
	entries: &[(ContributionId, u32)],
) -> InferenceRecord<Test> {
	record.attribution = BoundedVec::try_from(
		entries.iter().map(|(c, p)| (*c, Perbill::from_percent(*p))).collect::<Vec<_>>(),
	)
	.unwrap();
	record.method = AttributionMethod::SpanMatchV1 { min_tokens: 8 };
	record.evidence_hash = H256::repeat_byte(0xab);
	record
}

fn meter(
	operator: AccountId,
	model: ModelId,
	records: Vec<InferenceRecord<Test>>,
) -> DispatchResult {
	Inference::record_inferences(
		RuntimeOrigin::signed(operator),
		model,
		BoundedVec::try_from(records).unwrap(),
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn authorize(consumer: AccountId, model: ModelId, total: Balance) -> DispatchResult {
	Inference::authorize(RuntimeOrigin::signed(consumer), model, total, FEE, None)
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Inference(reason), &who)
}

fn remaining(consumer: AccountId, model: ModelId) -> Balance {
	Authorizations::<Test>::get(consumer, model).map(|a| a.remaining).unwrap_or_default()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn has_event(event: Event<Test>) -> bool {
	let event: RuntimeEvent = event.into();
	System::events().iter().any(|r| r.event == event)
}

fn set_operators(model: ModelId, operators: Vec<AccountId>) {
	assert_ok!(Models::set_operators(
		RuntimeOrigin::signed(EVE),
		model,
		BoundedVec::try_from(operators).unwrap()
	));
}

mod authorizations {
	use super::*;

	#[test]
	fn authorize_holds_the_allowance_and_can_be_changed_and_revoked() {
		test(|| {
			let (_, m) = setup();
			set_operators(m, vec![DAVE]);
			assert_ok!(authorize(FERDIE, m, 5_000));
			assert_eq!(held(FERDIE, HoldReason::InferenceAllowance), 5_000);
			assert_eq!(held(FERDIE, HoldReason::AuthorizationDeposit), AUTHORIZATION_DEPOSIT);
			// By default the owner and the operators of this moment.
			let details = Inference::authorization(FERDIE, m).unwrap();
			assert_eq!(details.operators, vec![EVE, DAVE]);
			assert_eq!((details.remaining, details.spent), (5_000, 0));
			assert_eq!(
				last_event(),
				Event::Authorized {
					consumer: FERDIE,
					model_id: m,
					max_total: 5_000,
					max_fee_per_inference: FEE,
					operators: BoundedVec::try_from(vec![EVE, DAVE]).unwrap(),
				}
				.into()
			);
			// Lowering releases, raising holds more; the deposit is held once.
			assert_ok!(authorize(FERDIE, m, 2_000));
			assert_eq!(held(FERDIE, HoldReason::InferenceAllowance), 2_000);
			assert_ok!(authorize(FERDIE, m, 7_000));
			assert_eq!(held(FERDIE, HoldReason::InferenceAllowance), 7_000);
			assert_eq!(held(FERDIE, HoldReason::AuthorizationDeposit), AUTHORIZATION_DEPOSIT);
			// Naming the operators explicitly.
			assert_ok!(Inference::authorize(
				RuntimeOrigin::signed(FERDIE),
				m,
				7_000,
				FEE,
				Some(BoundedVec::try_from(vec![DAVE]).unwrap())
			));
			assert_eq!(Inference::authorization(FERDIE, m).unwrap().operators, vec![DAVE]);
			let before = Balances::balance(&FERDIE);
			assert_ok!(Inference::revoke(RuntimeOrigin::signed(FERDIE), m));
			assert_eq!(Balances::balance(&FERDIE), before + 7_000 + AUTHORIZATION_DEPOSIT);
			assert_eq!(
				last_event(),
				Event::Revoked { consumer: FERDIE, model_id: m, released: 7_000 }.into()
			);
			assert!(Inference::authorization(FERDIE, m).is_none());
		});
	}

	#[test]
	fn authorize_and_revoke_refuse_bad_input() {
		test(|| {
			let (_, m) = setup();
			assert_noop!(authorize(FERDIE, m, 0), Error::<Test>::ZeroAllowance);
			assert_noop!(authorize(FERDIE, 9, 10), Error::<Test>::UnknownModel);
			assert_noop!(authorize(POOR, m, 1_000), Error::<Test>::InsufficientBalance);
			assert_noop!(
				Inference::authorize(
					RuntimeOrigin::signed(FERDIE),
					m,
					10,
					FEE,
					Some(Default::default())
				),
				Error::<Test>::NoOperators
			);
			assert_noop!(
				Inference::authorize(RuntimeOrigin::none(), m, 10, FEE, None),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Inference::revoke(RuntimeOrigin::signed(FERDIE), m),
				Error::<Test>::NotAuthorized
			);
			assert_ok!(Models::set_model_status(
				RuntimeOrigin::signed(EVE),
				m,
				ModelStatus::Retired
			));
			assert_noop!(authorize(FERDIE, m, 10), Error::<Test>::ModelRetired);
		});
	}

	/// Attack: an operator the owner adds after a consumer authorised the model charges that
	/// consumer. It may not: the consumer accepted the operators of that moment.
	#[test]
	fn an_operator_added_later_cannot_charge_an_earlier_authorisation() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 10_000));
			set_operators(m, vec![DAVE]);
			assert_noop!(
				meter(DAVE, m, vec![rec(FERDIE, m, 1)]),
				Error::<Test>::OperatorNotAccepted
			);
			// The owner, accepted by default, can; Dave can once Ferdie names him.
			assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, 1)]));
			assert_ok!(Inference::authorize(
				RuntimeOrigin::signed(FERDIE),
				m,
				10_000,
				FEE,
				Some(BoundedVec::try_from(vec![DAVE]).unwrap())
			));
			assert_ok!(meter(DAVE, m, vec![rec(FERDIE, m, 2)]));
			// An accepted account that no longer meters the model cannot charge.
			set_operators(m, vec![]);
			assert_noop!(meter(DAVE, m, vec![rec(FERDIE, m, 3)]), Error::<Test>::NotOperator);
		});
	}

	#[test]
	fn revoking_stops_every_charge_at_once() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 10_000));
			let pending = rec(FERDIE, m, 1);
			assert_ok!(Inference::revoke(RuntimeOrigin::signed(FERDIE), m));
			assert_noop!(meter(EVE, m, vec![pending]), Error::<Test>::NotAuthorized);
		});
	}
}

mod vouchers {
	use super::*;

	#[test]
	fn a_batch_of_signed_vouchers_is_charged_and_recorded() {
		test(|| {
			let (_, m) = setup();
			set_operators(m, vec![DAVE]);
			assert_ok!(authorize(FERDIE, m, 10_000));
			assert_ok!(authorize(ALICE, m, 10_000));
			let pot = Attribution::pot();
			let pot_before = Balances::balance(&pot);
			let treasury_before = Balances::balance(&TREASURY);
			assert_ok!(meter(
				DAVE,
				m,
				vec![rec(FERDIE, m, 1), rec(ALICE, m, 2), rec(FERDIE, m, 3)]
			));
			assert_eq!(remaining(FERDIE, m), 10_000 - 2 * FEE);
			assert_eq!(remaining(ALICE, m), 10_000 - FEE);
			assert_eq!(held(FERDIE, HoldReason::InferenceAllowance), 10_000 - 2 * FEE);
			assert_eq!(Inference::authorization(FERDIE, m).unwrap().spent, 2 * FEE);
			// The fees went into the pot, the protocol's part on to the treasury.
			assert_eq!(Balances::balance(&TREASURY), treasury_before + 3 * 100);
			assert_eq!(Balances::balance(&pot), pot_before + 3 * 900);
			assert!(has_event(Event::InferenceRecorded {
				inference_id: 1,
				model_id: m,
				version: 0,
				consumer: ALICE,
				operator: DAVE,
				fee: FEE,
				request_hash: H256::from_low_u64_be(2),
				output_hash: H256::repeat_byte(0xee),
				method: AttributionMethod::Unspecified,
				evidence_hash: H256::zero(),
			}));
			let summary = Inference::inference(2).unwrap();
			assert_eq!(
				(summary.consumer, summary.operator, summary.version, summary.fee),
				(FERDIE, DAVE, 0, FEE)
			);
			assert_eq!(NextInferenceId::<Test>::get(), 3);
		});
	}

	/// Attack: with a blank cheque an operator invents requests and drains the allowance. Every
	/// charge now needs the consumer's signature of its voucher.
	#[test]
	fn every_charge_needs_the_consumers_signature_of_its_voucher() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 10_000));
			let invented = |request| {
				let v = voucher(m, request);
				// Signed by the operator, or by nobody the consumer knows.
				let signature = VoucherSignature::Raw(sign(EVE, &v.signing_payload()));
				InferenceRecord { signature, ..rec(FERDIE, m, request) }
			};
			assert_noop!(meter(EVE, m, vec![invented(1)]), Error::<Test>::BadVoucherSignature);
			// One forged record refuses the whole batch: nothing is charged.
			assert_noop!(
				meter(EVE, m, vec![rec(FERDIE, m, 2), invented(3)]),
				Error::<Test>::BadVoucherSignature
			);
			assert_eq!(remaining(FERDIE, m), 10_000);
			// A signature over another voucher (a higher fee, another request) does not do.
			let mut record = rec(FERDIE, m, 4);
			record.voucher.request_hash = H256::from_low_u64_be(5);
			assert_noop!(meter(EVE, m, vec![record]), Error::<Test>::BadVoucherSignature);
			// The wrapping browser wallets sign is accepted, when declared as such.
			let v = voucher(m, 6);
			let wrapped = VoucherSignature::Wrapped(sign(FERDIE, &v.wrapped_payload()));
			let raw_claim = VoucherSignature::Raw(sign(FERDIE, &v.wrapped_payload()));
			assert_noop!(
				meter(EVE, m, vec![InferenceRecord { signature: raw_claim, ..rec(FERDIE, m, 6) }]),
				Error::<Test>::BadVoucherSignature
			);
			assert_ok!(meter(
				EVE,
				m,
				vec![InferenceRecord { signature: wrapped, ..rec(FERDIE, m, 6) }]
			));
		});
	}

	#[test]
	fn vouchers_for_another_chain_or_model_expired_or_too_long_are_refused() {
		test(|| {
			let (d, m) = setup();
			let other = model_on(&[d]);
			assert_ok!(authorize(FERDIE, m, 10_000));
			let now = System::block_number();
			let with = |change: &dyn Fn(&mut VoucherOf<Test>)| {
				let mut v = voucher(m, 1);
				change(&mut v);
				signed(FERDIE, v)
			};
			assert_noop!(
				meter(EVE, m, vec![with(&|v| v.genesis_hash = H256::repeat_byte(1))]),
				Error::<Test>::VoucherWrongChain
			);
			assert_noop!(
				meter(EVE, m, vec![with(&|v| v.model_id = other)]),
				Error::<Test>::VoucherWrongModel
			);
			assert_noop!(
				meter(EVE, m, vec![with(&|v| v.expires_at = now)]),
				Error::<Test>::VoucherExpired
			);
			assert_noop!(
				meter(EVE, m, vec![with(&|v| v.expires_at = now + RETENTION + 1)]),
				Error::<Test>::VoucherTooLong
			);
			assert_noop!(
				meter(EVE, m, vec![with(&|v| v.max_fee = FEE - 1)]),
				Error::<Test>::FeeAboveMax
			);
			assert_ok!(meter(EVE, m, vec![with(&|v| v.expires_at = now + RETENTION)]));
		});
	}

	/// Attack: once the retention period prunes a request id, the same request is charged again.
	/// A voucher lives at most as long as its request id is kept, so it is void by then.
	#[test]
	fn a_request_is_charged_once_even_after_it_is_pruned() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 10_000));
			let start = System::block_number();
			let mut v = voucher(m, 1);
			v.expires_at = start + RETENTION;
			let record = signed(FERDIE, v);
			assert_ok!(meter(EVE, m, vec![record.clone()]));
			// Within the retention period, and within one batch: refused.
			assert_noop!(meter(EVE, m, vec![record.clone()]), Error::<Test>::DuplicateRequest);
			assert_noop!(
				meter(EVE, m, vec![rec(FERDIE, m, 2), rec(FERDIE, m, 2)]),
				Error::<Test>::DuplicateRequest
			);
			// The request id is pruned at the end of the retention period; the voucher is void.
			System::set_block_number(start + RETENTION);
			Inference::on_idle(System::block_number(), Weight::MAX);
			assert!(Inference::inference(0).is_none());
			assert_noop!(meter(EVE, m, vec![record]), Error::<Test>::VoucherExpired);
			assert_eq!(remaining(FERDIE, m), 10_000 - FEE);
			// A fresh voucher for the same request id is a new consent.
			assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, 1)]));
		});
	}

	#[test]
	fn caps_are_never_exceeded() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 2 * FEE + 1));
			assert_noop!(
				meter(EVE, m, vec![rec(FERDIE, m, 1), rec(FERDIE, m, 2), rec(FERDIE, m, 3)]),
				Error::<Test>::AllowanceExhausted
			);
			assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, 1), rec(FERDIE, m, 2)]));
			assert_noop!(meter(EVE, m, vec![rec(FERDIE, m, 3)]), Error::<Test>::AllowanceExhausted);
			// The cap per inference.
			assert_ok!(Inference::authorize(
				RuntimeOrigin::signed(ALICE),
				m,
				10_000,
				FEE - 1,
				None
			));
			assert_noop!(meter(EVE, m, vec![rec(ALICE, m, 1)]), Error::<Test>::FeeAboveLimit);
			// Never authorised.
			assert_noop!(meter(EVE, m, vec![rec(CHARLIE, m, 1)]), Error::<Test>::NotAuthorized);
		});
	}

	#[test]
	fn bad_batches_and_models_are_refused() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 100_000));
			assert_noop!(meter(EVE, m, vec![]), Error::<Test>::EmptyBatch);
			assert_noop!(meter(EVE, 9, vec![rec(FERDIE, 9, 1)]), Error::<Test>::UnknownModel);
			assert_noop!(meter(ALICE, m, vec![rec(FERDIE, m, 1)]), Error::<Test>::NotOperator);
			assert_noop!(
				Inference::record_inferences(RuntimeOrigin::none(), m, Default::default()),
				DispatchError::BadOrigin
			);
			// Too many attribution entries in all (5 × 4 > 16), before anything else is read.
			let entries: Vec<_> = (0..4).map(|c| (c, 1)).collect();
			let many: Vec<_> = (0..5).map(|i| attributed(rec(FERDIE, m, i), &entries)).collect();
			assert_noop!(meter(EVE, m, many), Error::<Test>::TooManyAttributions);
			assert_ok!(Models::set_model_status(
				RuntimeOrigin::signed(EVE),
				m,
				ModelStatus::Paused
			));
			assert_noop!(meter(EVE, m, vec![rec(FERDIE, m, 1)]), Error::<Test>::ModelNotActive);
		});
	}

	#[test]
	fn zero_fee_inferences_are_recorded_without_payment() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 10));
			assert_ok!(Models::set_fee(RuntimeOrigin::signed(EVE), m, 0));
			assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, 1)]));
			assert_eq!(remaining(FERDIE, m), 10);
			assert_ok!(Inference::pay_inference(
				RuntimeOrigin::signed(POOR),
				m,
				H256::repeat_byte(1),
				H256::zero(),
				Default::default(),
				0
			));
			assert_eq!(NextInferenceId::<Test>::get(), 2);
		});
	}
}

mod fees {
	use super::*;

	/// Attack: the owner sees a consumer's payment in the pool and raises the fee under it. An
	/// increase waits `FeeChangeDelay`; a payment says the most it pays.
	#[test]
	fn a_fee_raised_under_a_payment_cannot_take_more_than_it_allows() {
		test(|| {
			let (_, m) = setup();
			let pay = |request: u8, max_fee| {
				Inference::pay_inference(
					RuntimeOrigin::signed(FERDIE),
					m,
					H256::repeat_byte(request),
					H256::zero(),
					Default::default(),
					max_fee,
				)
			};
			assert_ok!(Models::set_fee(RuntimeOrigin::signed(EVE), m, 900_000));
			// The payment in the pool goes in at the old fee.
			let before = Balances::balance(&FERDIE);
			assert_ok!(pay(1, FEE));
			assert_eq!(Balances::balance(&FERDIE), before - FEE);
			// Once the increase is in force, a payment that allows only the old fee is refused.
			System::set_block_number(System::block_number() + FEE_CHANGE_DELAY);
			assert_noop!(pay(2, FEE), Error::<Test>::FeeAboveMax);
			assert_ok!(pay(3, 900_000));
			// Metered inferences: the voucher's maximum protects the same way.
			assert_ok!(Inference::authorize(
				RuntimeOrigin::signed(ALICE),
				m,
				10_000_000,
				1_000_000,
				None
			));
			assert_noop!(meter(EVE, m, vec![rec(ALICE, m, 1)]), Error::<Test>::FeeAboveMax);
		});
	}

	/// The compute provider is paid: the operator share goes to the account that recorded the
	/// inference, and to the owner for a direct payment.
	#[test]
	fn the_operator_that_ran_an_inference_is_paid_its_share() {
		test(|| {
			let (_, m) = setup();
			set_operators(m, vec![DAVE]);
			assert_ok!(authorize(FERDIE, m, 10_000));
			assert_ok!(meter(DAVE, m, vec![rec(FERDIE, m, 1)]));
			// 5% to Dave, 15% to Eve.
			assert_eq!(Attribution::pending_rewards(&DAVE), 50);
			assert_eq!(Attribution::pending_rewards(&EVE), 150);
			assert_ok!(Inference::pay_inference(
				RuntimeOrigin::signed(FERDIE),
				m,
				H256::repeat_byte(9),
				H256::zero(),
				Default::default(),
				FEE
			));
			assert_eq!(Attribution::pending_rewards(&DAVE), 50);
			assert_eq!(Attribution::pending_rewards(&EVE), 150 + 150 + 50);
			let revenue = Attribution::model_revenue(m);
			assert_eq!((revenue.owner, revenue.operators, revenue.inferences), (300, 100, 2));
		});
	}
}

mod attribution_rules {
	use super::*;

	#[test]
	fn attribution_must_name_accepted_contributions_inside_the_versions_snapshots() {
		test(|| {
			let (d, m) = setup();
			let elsewhere = LineageSetup::dataset(&ALICE);
			let outsider = contribute(DAVE, elsewhere, 3, 5);
			assert_ok!(authorize(FERDIE, m, 100_000));
			assert_ok!(Inference::bond_operator(RuntimeOrigin::signed(EVE), m));
			let try_with = |request, entries: &[(ContributionId, u32)]| {
				meter(EVE, m, vec![attributed(rec(FERDIE, m, request), entries)])
			};
			assert_noop!(try_with(1, &[(99, 10)]), Error::<Test>::UnknownContribution);
			assert_noop!(try_with(1, &[(outsider, 10)]), Error::<Test>::ContributionNotInModel);
			assert_noop!(try_with(1, &[(0, 10), (0, 10)]), Error::<Test>::DuplicateAttribution);
			assert_noop!(try_with(1, &[(0, 60), (1, 41)]), Error::<Test>::AttributionOverWhole);
			// A contribution accepted after the version's snapshot: outside it.
			let late = contribute(DAVE, d, 4, 5);
			assert_noop!(try_with(1, &[(late, 10)]), Error::<Test>::ContributionOutsideSnapshot);
			// Withdrawn contributions no longer count.
			assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), 1));
			assert_noop!(try_with(1, &[(1, 10)]), Error::<Test>::ContributionNotAccepted);
			assert_ok!(try_with(1, &[(0, 60)]));
			// A version naming a later snapshot admits it.
			assert_ok!(Models::publish_version(
				RuntimeOrigin::signed(EVE),
				m,
				H256::repeat_byte(2),
				Default::default()
			));
			assert_ok!(try_with(2, &[(late, 10)]));
			assert_eq!(Inference::inference(1).unwrap().version, 1);
		});
	}

	/// Attack: the model owner, an operator or the consumer attributes the contributors' share to
	/// a contribution of its own, taking back what the chain promised to data owners.
	#[test]
	fn attribution_to_the_parties_own_contributions_is_refused() {
		test(|| {
			let d = LineageSetup::dataset(&ALICE);
			contribute(BOB, d, 1, 30);
			let owners = contribute(EVE, d, 2, 10);
			let operators = contribute(DAVE, d, 3, 10);
			let consumers = contribute(FERDIE, d, 4, 10);
			let m = model_on(&[d]);
			set_operators(m, vec![DAVE]);
			assert_ok!(authorize(FERDIE, m, 100_000));
			for operator in [EVE, DAVE] {
				assert_ok!(Inference::bond_operator(RuntimeOrigin::signed(operator), m));
			}
			for (request, own) in [(1, owners), (2, operators), (3, consumers)] {
				for operator in [EVE, DAVE] {
					assert_noop!(
						meter(
							operator,
							m,
							vec![attributed(rec(FERDIE, m, request), &[(own, 100)])]
						),
						Error::<Test>::SelfAttribution
					);
				}
				assert_noop!(
					Inference::pay_inference(
						RuntimeOrigin::signed(FERDIE),
						m,
						H256::from_low_u64_be(request),
						H256::zero(),
						BoundedVec::try_from(vec![(own, Perbill::one())]).unwrap(),
						FEE
					),
					Error::<Test>::SelfAttribution
				);
			}
			// Bob's is fine.
			assert_ok!(meter(DAVE, m, vec![attributed(rec(FERDIE, m, 4), &[(0, 100)])]));
		});
	}
}

mod disputes {
	use super::*;

	/// Dave (operator) records an attributed inference for Ferdie; returns the model and it.
	fn attributed_inference() -> (ModelId, InferenceId) {
		let (_, m) = setup();
		set_operators(m, vec![DAVE]);
		assert_ok!(authorize(FERDIE, m, 100_000));
		assert_ok!(Inference::bond_operator(RuntimeOrigin::signed(DAVE), m));
		assert_ok!(meter(DAVE, m, vec![attributed(rec(FERDIE, m, 1), &[(0, 50)])]));
		(m, NextInferenceId::<Test>::get() - 1)
	}

	#[test]
	fn explicit_attribution_needs_an_operator_bond_that_stays_while_it_can_be_challenged() {
		test(|| {
			let (_, m) = setup();
			set_operators(m, vec![DAVE]);
			assert_ok!(authorize(FERDIE, m, 100_000));
			assert_noop!(
				meter(DAVE, m, vec![attributed(rec(FERDIE, m, 1), &[(0, 50)])]),
				Error::<Test>::NoOperatorBond
			);
			// Without attribution, no bond is needed.
			assert_ok!(meter(DAVE, m, vec![rec(FERDIE, m, 2)]));
			assert_noop!(
				Inference::bond_operator(RuntimeOrigin::signed(ALICE), m),
				Error::<Test>::NotOperator
			);
			assert_noop!(
				Inference::bond_operator(RuntimeOrigin::signed(DAVE), 9),
				Error::<Test>::UnknownModel
			);
			assert_ok!(Inference::bond_operator(RuntimeOrigin::signed(DAVE), m));
			assert_eq!(held(DAVE, HoldReason::OperatorBond), OPERATOR_BOND);
			assert_noop!(
				Inference::bond_operator(RuntimeOrigin::signed(DAVE), m),
				Error::<Test>::AlreadyBonded
			);
			assert_ok!(meter(DAVE, m, vec![attributed(rec(FERDIE, m, 3), &[(0, 50)])]));
			let recorded = System::block_number();
			assert_eq!(Inference::operator_bond(m, DAVE), Some((OPERATOR_BOND, Some(recorded))));
			System::set_block_number(recorded + CHALLENGE_PERIOD);
			assert_noop!(
				Inference::unbond_operator(RuntimeOrigin::signed(DAVE), m),
				Error::<Test>::BondStillAtStake
			);
			System::set_block_number(recorded + CHALLENGE_PERIOD + 1);
			assert_ok!(Inference::unbond_operator(RuntimeOrigin::signed(DAVE), m));
			assert_eq!(held(DAVE, HoldReason::OperatorBond), 0);
			assert_noop!(
				Inference::unbond_operator(RuntimeOrigin::signed(DAVE), m),
				Error::<Test>::NoOperatorBond
			);
		});
	}

	#[test]
	fn challenges_are_refused_when_there_is_nothing_to_dispute() {
		test(|| {
			let (m, attributed_id) = attributed_inference();
			assert_ok!(meter(DAVE, m, vec![rec(FERDIE, m, 2)]));
			let plain = attributed_id + 1;
			let challenge = |who, id| {
				Inference::challenge(RuntimeOrigin::signed(who), id, H256::repeat_byte(3))
			};
			assert_noop!(challenge(BOB, plain), Error::<Test>::NothingToDispute);
			assert_noop!(challenge(BOB, 99), Error::<Test>::UnknownInference);
			assert_noop!(challenge(POOR, attributed_id), Error::<Test>::InsufficientBalance);
			assert_ok!(challenge(BOB, attributed_id));
			assert_noop!(challenge(CHARLIE, attributed_id), Error::<Test>::AlreadyDisputed);
			// Too late.
			assert_ok!(meter(DAVE, m, vec![attributed(rec(FERDIE, m, 3), &[(0, 50)])]));
			System::set_block_number(System::block_number() + CHALLENGE_PERIOD + 1);
			assert_noop!(challenge(BOB, attributed_id + 2), Error::<Test>::ChallengePeriodOver);
			// The operator cannot leave while a dispute about it is open.
			assert_noop!(
				Inference::unbond_operator(RuntimeOrigin::signed(DAVE), m),
				Error::<Test>::BondStillAtStake
			);
			assert_eq!(Inference::disputes(None, Some(m)).len(), 1);
			assert_eq!(Inference::disputes(Some(attributed_id), None).len(), 1);
			assert!(Inference::disputes(Some(plain), None).is_empty());
			assert!(Inference::disputes(None, Some(m + 1)).is_empty());
		});
	}

	#[test]
	fn an_upheld_dispute_slashes_the_bond_exactly_and_removes_the_operator() {
		test(|| {
			let (m, id) = attributed_inference();
			assert_ok!(Inference::challenge(RuntimeOrigin::signed(BOB), id, H256::repeat_byte(3)));
			assert_eq!(held(BOB, HoldReason::ChallengeBond), CHALLENGE_BOND);
			assert_noop!(
				Inference::resolve_dispute(RuntimeOrigin::signed(ALICE), id, true),
				DispatchError::BadOrigin
			);
			let (bob, dave, treasury) = (
				Balances::total_balance(&BOB),
				Balances::total_balance(&DAVE),
				Balances::balance(&TREASURY),
			);
			let issuance = Balances::total_issuance();
			assert_ok!(Inference::resolve_dispute(RuntimeOrigin::root(), id, true));
			// 50% of 1000 slashed: 250 to Bob, 250 to the treasury; Bob's bond returns.
			assert_eq!(
				last_event(),
				Event::DisputeUpheld {
					inference_id: id,
					operator: DAVE,
					challenger: BOB,
					to_challenger: 250,
					to_treasury: 250
				}
				.into()
			);
			assert_eq!(Balances::total_balance(&BOB), bob + 250);
			assert_eq!(held(BOB, HoldReason::ChallengeBond), 0);
			assert_eq!(Balances::total_balance(&DAVE), dave - 500);
			assert_eq!(held(DAVE, HoldReason::OperatorBond), 500);
			assert_eq!(Balances::balance(&TREASURY), treasury + 250);
			assert_eq!(Balances::total_issuance(), issuance);
			// Dave lost his role on the model.
			assert_noop!(meter(DAVE, m, vec![rec(FERDIE, m, 9)]), Error::<Test>::NotOperator);
			assert_noop!(
				Inference::resolve_dispute(RuntimeOrigin::root(), id, true),
				Error::<Test>::UnknownDispute
			);
		});
	}

	#[test]
	fn a_rejected_dispute_pays_the_challengers_bond_to_the_operator() {
		test(|| {
			let (_, id) = attributed_inference();
			assert_ok!(Inference::challenge(RuntimeOrigin::signed(BOB), id, H256::repeat_byte(3)));
			let (bob, dave) = (Balances::total_balance(&BOB), Balances::total_balance(&DAVE));
			assert_ok!(Inference::resolve_dispute(RuntimeOrigin::root(), id, false));
			assert_eq!(
				last_event(),
				Event::DisputeRejected {
					inference_id: id,
					operator: DAVE,
					challenger: BOB,
					amount: CHALLENGE_BOND
				}
				.into()
			);
			assert_eq!(Balances::total_balance(&BOB), bob - CHALLENGE_BOND);
			assert_eq!(Balances::total_balance(&DAVE), dave + CHALLENGE_BOND);
			assert_eq!(held(DAVE, HoldReason::OperatorBond), OPERATOR_BOND);
		});
	}

	#[test]
	fn an_unresolved_dispute_times_out_and_both_bonds_return() {
		test(|| {
			let (_, id) = attributed_inference();
			assert_ok!(Inference::challenge(RuntimeOrigin::signed(BOB), id, H256::repeat_byte(3)));
			let opened = System::block_number();
			System::set_block_number(opened + DISPUTE_TIMEOUT);
			assert_noop!(
				Inference::expire_dispute(RuntimeOrigin::signed(CHARLIE), id),
				Error::<Test>::DisputeNotExpired
			);
			System::set_block_number(opened + DISPUTE_TIMEOUT + 1);
			assert_ok!(Inference::expire_dispute(RuntimeOrigin::signed(CHARLIE), id));
			assert_eq!(last_event(), Event::DisputeExpired { inference_id: id }.into());
			assert_eq!(held(BOB, HoldReason::ChallengeBond), 0);
			assert_eq!(held(DAVE, HoldReason::OperatorBond), OPERATOR_BOND);
			assert_noop!(
				Inference::expire_dispute(RuntimeOrigin::signed(CHARLIE), id),
				Error::<Test>::UnknownDispute
			);
		});
	}

	#[test]
	fn open_disputes_are_bounded() {
		test(|| {
			let (m, first) = attributed_inference();
			for request in 2..=u64::from(MAX_OPEN_DISPUTES) + 1 {
				assert_ok!(meter(DAVE, m, vec![attributed(rec(FERDIE, m, request), &[(0, 50)])]));
			}
			for id in first..first + u64::from(MAX_OPEN_DISPUTES) {
				assert_ok!(Inference::challenge(RuntimeOrigin::signed(BOB), id, H256::zero()));
			}
			assert_noop!(
				Inference::challenge(
					RuntimeOrigin::signed(BOB),
					first + u64::from(MAX_OPEN_DISPUTES),
					H256::zero()
				),
				Error::<Test>::TooManyDisputes
			);
		});
	}
}

mod retention {
	use super::*;

	#[test]
	fn expired_inferences_are_pruned_oldest_first() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 100_000));
			let start = System::block_number();
			for n in 0..5 {
				assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, n)]));
			}
			System::set_block_number(start + 5);
			assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, 5)]));
			// Not expired yet.
			Inference::on_idle(start + RETENTION - 1, Weight::MAX);
			assert_eq!(OldestInference::<Test>::get(), 0);
			// No weight left: nothing happens.
			assert_eq!(Inference::on_idle(start + RETENTION, Weight::zero()), Weight::zero());
			assert_eq!(OldestInference::<Test>::get(), 0);
			Inference::on_idle(start + RETENTION, Weight::MAX);
			// The inference of block start + 5 is kept until start + 5 + RETENTION.
			assert_eq!(OldestInference::<Test>::get(), 5);
			assert!(Inference::inference(4).is_none());
			assert!(Inference::inference(5).is_some());
			Inference::on_idle(start + 5 + RETENTION, Weight::MAX);
			assert_eq!(OldestInference::<Test>::get(), 6);
		});
	}

	#[test]
	fn every_write_prunes_as_many_expired_inferences_as_it_records() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 100_000));
			let start = System::block_number();
			for n in 0..4 {
				assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, n)]));
			}
			System::set_block_number(start + RETENTION);
			// A batch of two prunes two.
			assert_ok!(meter(EVE, m, vec![rec(FERDIE, m, 10), rec(FERDIE, m, 11)]));
			assert_eq!(OldestInference::<Test>::get(), 2);
			// A direct payment prunes one.
			assert_ok!(Inference::pay_inference(
				RuntimeOrigin::signed(FERDIE),
				m,
				H256::repeat_byte(7),
				H256::zero(),
				Default::default(),
				FEE
			));
			assert_eq!(OldestInference::<Test>::get(), 3);
		});
	}

	#[test]
	fn running_out_of_inference_ids_is_a_named_error() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 100_000));
			NextInferenceId::<Test>::put(InferenceId::MAX);
			OldestInference::<Test>::put(InferenceId::MAX);
			assert_noop!(meter(EVE, m, vec![rec(FERDIE, m, 1)]), Error::<Test>::NoIdsLeft);
		});
	}
}

mod weights_and_refunds {
	use super::*;
	use frame_support::dispatch::GetDispatchInfo;

	/// A batch is charged for the most datasets a model may have and a pruned inference per
	/// record, with its distinct consumers counted exactly; what its model and the pruning did
	/// not need comes back.
	#[test]
	fn record_inferences_is_refunded_down_to_the_work_done() {
		test(|| {
			let (_, m) = setup();
			assert_ok!(authorize(FERDIE, m, 5_000));
			assert_ok!(authorize(DAVE, m, 5_000));
			let batch: InferenceBatch<Test> =
				BoundedVec::try_from(vec![rec(FERDIE, m, 1), rec(FERDIE, m, 2), rec(DAVE, m, 3)])
					.unwrap();
			let declared =
				crate::Call::<Test>::record_inferences { model_id: m, records: batch.clone() }
					.get_dispatch_info()
					.call_weight;
			assert_eq!(
				declared,
				Inference::metering_weight(3, 2, 0, MAX_MODEL_DATASETS)
					.saturating_add(<() as WeightInfo>::prune(3))
			);
			let post = Inference::record_inferences(RuntimeOrigin::signed(EVE), m, batch).unwrap();
			// One dataset, nothing expired yet.
			let actual =
				Inference::metering_weight(3, 2, 0, 1).saturating_add(<() as WeightInfo>::prune(0));
			assert_eq!(post.actual_weight, Some(actual));
			assert!(actual.ref_time() < declared.ref_time());
		});
	}

	#[test]
	fn pay_inference_is_refunded_for_the_datasets_its_model_lacks() {
		test(|| {
			let (_, m) = setup();
			let post = Inference::pay_inference(
				RuntimeOrigin::signed(FERDIE),
				m,
				H256::repeat_byte(1),
				H256::repeat_byte(2),
				Default::default(),
				FEE,
			)
			.unwrap();
			assert_eq!(
				post.actual_weight,
				Some(
					<() as WeightInfo>::pay_inference(0, 1)
						.saturating_add(<() as WeightInfo>::prune(0))
				)
			);
		});
	}
}
