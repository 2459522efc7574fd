//! Tests of the payout rule against hand-computed figures, of snapshots and epochs, of claims, and
//! (in `property`) a property test that compares every account's earnings with a naive reference
//! that iterates over all contributions.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::{
		fungible::{Inspect, InspectHold},
		Get, Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use lineage_primitives::{
	fenwick,
	voucher::{InferenceVoucher, VoucherSignature},
	AttributionMethod, CurationPolicy, RevenueSplit,
};
use sp_core::{H256, U256};
use sp_runtime::{DispatchError, Perbill};

mod property;

fn dataset(owner: AccountId, policy: CurationPolicy) -> DatasetId {
	Datasets::do_create_dataset(
		owner,
		Default::default(),
		Default::default(),
		Default::default(),
		policy,
	)
	.unwrap()
}

fn content(n: u64) -> H256 {
	lineage_testing::content_hash(n)
}

/// A contribution through commit and reveal (the block number moves on by one).
fn contribute(who: AccountId, dataset: DatasetId, n: u64, units: u64) -> ContributionId {
	LineageSetup::contribute(&who, dataset, content(n), units)
}

fn split(contributors: u32, owner: u32, operator: u32, protocol: u32) -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(contributors),
		owner: Perbill::from_percent(owner),
		operator: Perbill::from_percent(operator),
		protocol: Perbill::from_percent(protocol),
	}
}

/// A model of `owner` on `datasets`, each trained on a new snapshot (its current leaves).
fn model(
	owner: AccountId,
	datasets: &[(DatasetId, Perbill)],
	fee: Balance,
	s: RevenueSplit,
) -> ModelId {
	let choices: Vec<_> = datasets
		.iter()
		.map(|(d, w)| pallet_models::DatasetChoice { dataset_id: *d, weight: *w, snapshot: None })
		.collect();
	Models::do_register(
		owner,
		Default::default(),
		H256::repeat_byte(1),
		BoundedVec::try_from(choices).unwrap(),
		fee,
		s,
	)
	.unwrap()
}

/// A new version of `owner`'s model, trained on the datasets as they are now.
fn publish(owner: AccountId, model_id: ModelId, byte: u8) {
	assert_ok!(Models::publish_version(
		RuntimeOrigin::signed(owner),
		model_id,
		H256::repeat_byte(byte),
		Default::default()
	));
}

/// A record of `consumer`'s request, with a voucher `consumer` signed.
fn signed_record(
	model_id: ModelId,
	consumer: AccountId,
	request: u64,
	attribution: &[(ContributionId, Perbill)],
) -> pallet_inference::InferenceRecord<Test> {
	let voucher = InferenceVoucher {
		genesis_hash: System::block_hash(0),
		model_id,
		request_hash: H256::from_low_u64_be(request),
		max_fee: Balance::MAX,
		expires_at: System::block_number() + 10,
	};
	pallet_inference::InferenceRecord {
		consumer,
		signature: VoucherSignature::Raw(sign(consumer, &voucher.signing_payload())),
		voucher,
		output_hash: H256::from_low_u64_be(request + 1),
		attribution: BoundedVec::try_from(attribution.to_vec()).unwrap(),
		method: AttributionMethod::Unspecified,
		evidence_hash: H256::zero(),
	}
}

/// `operator` records one inference of `consumer`'s.
fn record(
	operator: AccountId,
	model_id: ModelId,
	consumer: AccountId,
	request: u64,
	attribution: &[(ContributionId, Perbill)],
) -> sp_runtime::DispatchResult {
	Inference::record_inferences(
		RuntimeOrigin::signed(operator),
		model_id,
		BoundedVec::try_from(vec![signed_record(model_id, consumer, request, attribution)])
			.unwrap(),
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Attribution(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Bob 30 units and Charlie 10 units in an open dataset; Eve's model (fee 1000, 70/15/5/10) on
/// it, Eve bonded to record attribution for it; Ferdie authorised 10_000.
fn two_contributors() -> (DatasetId, ContributionId, ContributionId, ModelId) {
	let d = dataset(ALICE, CurationPolicy::Open);
	let bob = contribute(BOB, d, 1, 30);
	let charlie = contribute(CHARLIE, d, 2, 10);
	let m = model(EVE, &[(d, Perbill::one())], 1000, split(70, 15, 5, 10));
	assert_ok!(Inference::bond_operator(RuntimeOrigin::signed(EVE), m));
	assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 1000, None));
	(d, bob, charlie, m)
}

#[test]
fn fees_follow_the_payout_rule_to_the_planck() {
	test(|| {
		let (d, _bob_c, charlie_c, m) = two_contributors();
		let treasury = free(TREASURY);
		let pot = free(Attribution::pot());

		// No attribution: 700 to the dataset (Bob 3/4, Charlie 1/4), 150 to Eve as owner and 50
		// as the operator that recorded it, 100 to the treasury.
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		assert_eq!(Attribution::pending_rewards(&BOB), 525);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175);
		assert_eq!(Attribution::pending_rewards(&EVE), 200);
		assert_eq!(free(TREASURY), treasury + 100);
		assert_eq!(free(Attribution::pot()), pot + 900);
		assert!(events().contains(&Event::InferenceAttributed {
			inference_id: 0,
			model_id: m,
			fee: 1000,
			to_contributors: 700,
			to_owner: 150,
			to_operator: 50,
			to_protocol: 100,
		}));
		assert!(events().contains(&Event::DatasetCredited {
			first_inference: 0,
			last_inference: 0,
			dataset_id: d,
			snapshot: 0,
			amount: 700,
			units: 40
		}));

		// Half of the contributors' share explicitly to Charlie's contribution: 350 to Charlie,
		// the other 350 pro rata: Bob 262.5, Charlie 87.5 (fractions stay in the positions).
		assert_ok!(record(EVE, m, FERDIE, 2, &[(charlie_c, Perbill::from_percent(50))]));
		assert!(events().contains(&Event::ContributionCredited {
			inference_id: 1,
			contribution_id: charlie_c,
			contributor: CHARLIE,
			amount: 350,
		}));
		assert_eq!(Attribution::pending_rewards(&BOB), 525 + 262);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175 + 350 + 87);
		assert_eq!(Attribution::pending_rewards(&EVE), 400);
		assert_eq!(free(TREASURY), treasury + 200);
		assert_eq!(Attribution::contribution_earnings(charlie_c), 350);
		assert_eq!(
			Attribution::model_revenue(m),
			ModelRevenue {
				fees: 2000,
				contributors: 1400,
				owner: 300,
				operators: 100,
				protocol: 200,
				inferences: 2
			}
		);
		// A third inference: the two half plancks add up to a whole one.
		assert_ok!(record(EVE, m, FERDIE, 3, &[(charlie_c, Perbill::from_percent(50))]));
		assert_eq!(Attribution::pending_rewards(&BOB), 525 + 525);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175 + 700 + 175);
		// Earnings by dataset, summed over its epochs.
		assert_eq!(Attribution::earnings(&BOB).datasets, vec![(d, 1050)]);
	});
}

/// A batch credits each dataset once, with the sum of its parts; each inference's split is in
/// its own event.
#[test]
fn a_batch_credits_each_dataset_once() {
	test(|| {
		let (d, _, _, m) = two_contributors();
		assert_ok!(Inference::record_inferences(
			RuntimeOrigin::signed(EVE),
			m,
			BoundedVec::try_from(
				(1..=3).map(|r| signed_record(m, FERDIE, r, &[])).collect::<Vec<_>>()
			)
			.unwrap()
		));
		let credited: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::DatasetCredited { .. })).collect();
		assert_eq!(
			credited,
			vec![Event::DatasetCredited {
				first_inference: 0,
				last_inference: 2,
				dataset_id: d,
				snapshot: 0,
				amount: 2100,
				units: 40
			}]
		);
		assert_eq!(
			events().iter().filter(|e| matches!(e, Event::InferenceAttributed { .. })).count(),
			3
		);
		assert_eq!(Attribution::pending_rewards(&BOB), 1575);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 525);
	});
}

#[test]
fn claims_pay_exactly_what_is_pending() {
	test(|| {
		let (d, _, _, m) = two_contributors();
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		let before = free(BOB);
		assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(free(BOB), before + 525);
		assert_eq!(events().last(), Some(&Event::RewardsClaimed { who: BOB, amount: 525 }));
		let earnings = Attribution::earnings(&BOB);
		assert_eq!((earnings.pending, earnings.claimed, earnings.earned), (0, 525, 525));
		assert_eq!(earnings.datasets, vec![(d, 0)]);
		assert_noop!(
			Attribution::claim_rewards(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Attribution::claim_rewards(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(Attribution::claim_rewards(RuntimeOrigin::none()), DispatchError::BadOrigin);
		// The owner claims its owner and operator shares.
		let before = free(EVE);
		assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(EVE)));
		assert_eq!(free(EVE), before + 200);
	});
}

#[test]
fn the_weight_of_a_claim_is_refunded_down_to_the_positions_it_settled() {
	test(|| {
		let (_, _, _, m) = two_contributors();
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		let declared = crate::Call::<Test>::claim_rewards {}.get_dispatch_info().call_weight;
		assert_eq!(
			declared,
			Attribution::claim_weight(
				<Test as Config>::MaxPositionsPerAccount::get(),
				Attribution::max_claim_node_reads()
			)
		);
		let post = Attribution::claim_rewards(RuntimeOrigin::signed(BOB)).unwrap();
		// One position, in the first epoch: its reward per unit reads no epoch node.
		assert_eq!(post.actual_weight, Some(Attribution::claim_weight(1, 0)));
		assert!(Attribution::claim_weight(1, 0).all_lt(declared));
	});
}

/// The declared worst case of a claim's node reads is the deepest epoch below `MaxEpochs` (the
/// closed form is tested in `fenwick`): no position's reward per unit reads more nodes.
#[test]
fn no_epoch_reads_more_nodes_than_the_declared_worst_case() {
	let max_epochs = <<Test as Config>::MaxEpochs as Get<u32>>::get();
	let deepest = (1..max_epochs)
		.map(|epoch| fenwick::prefix_nodes(epoch - 1).count() as u32)
		.max()
		.unwrap_or(0);
	assert_eq!(Attribution::max_epoch_node_reads(), deepest);
	assert_eq!(Attribution::max_epoch_node_reads(), max_epochs.ilog2());
}

#[test]
fn a_dataset_without_units_sends_its_part_to_the_treasury_with_the_dust() {
	test(|| {
		let full = dataset(ALICE, CurationPolicy::Open);
		let empty = dataset(ALICE, CurationPolicy::Open);
		contribute(BOB, full, 1, 3);
		let third = Perbill::from_rational(1u32, 3u32);
		let m = model(
			EVE,
			&[
				(full, third),
				(empty, Perbill::from_parts(Perbill::one().deconstruct() - third.deconstruct())),
			],
			1001,
			split(70, 15, 5, 10),
		);
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 2000, None));
		let treasury = free(TREASURY);
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		// C = floor(700.7) = 700, O = floor(150.15) = 150, X = floor(50.05) = 50, P = 100, dust 1.
		// full gets floor(700 / 3) = 233; empty's 466 and the rounding dust 1 go to the treasury.
		// Bob holds all 3 units of `full`, but 233 / 3 per unit leaves 2·10^-18 planck in the
		// pool's carry: 232 whole plancks are claimable now, the fraction comes with later credits.
		assert_eq!(Attribution::pending_rewards(&BOB), 232);
		assert_eq!(RewardPools::<Test>::get(full).credited, 233);
		assert_eq!(Attribution::pending_rewards(&EVE), 200);
		let to_protocol = 100 + 1 + 466 + 1;
		assert_eq!(free(TREASURY), treasury + to_protocol);
		assert!(events().contains(&Event::InferenceAttributed {
			inference_id: 0,
			model_id: m,
			fee: 1001,
			to_contributors: 233,
			to_owner: 150,
			to_operator: 50,
			to_protocol,
		}));
		// The next credit of 233 makes the carried fractions whole: 466 in all.
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		assert_eq!(Attribution::pending_rewards(&BOB), 465);
	});
}

/// Attack: a contribution accepted after a model was trained dilutes the real contributors.
/// The version pays only the contributions inside the snapshot it names; a later one earns once
/// a newer version names a later snapshot.
#[test]
fn contributions_after_a_versions_snapshot_earn_nothing_from_it() {
	test(|| {
		let (d, _, _, m) = two_contributors();
		// Dave's sock puppet: 40 units, accepted after the model's snapshot.
		let late = contribute(DAVE, d, 3, 40);
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		assert_eq!(Attribution::pending_rewards(&DAVE), 0);
		assert_eq!(Attribution::pending_rewards(&BOB), 525);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175);
		// Nor can an operator point explicit attribution at it.
		assert_noop!(
			record(EVE, m, FERDIE, 2, &[(late, Perbill::from_percent(50))]),
			pallet_inference::Error::<Test>::ContributionOutsideSnapshot
		);
		// Version 1 is trained on the data as it is now (a new snapshot): Dave's 40 of 80 units.
		publish(EVE, m, 2);
		assert_ok!(record(EVE, m, FERDIE, 3, &[]));
		assert_eq!(Attribution::pending_rewards(&DAVE), 350);
		assert_eq!(Attribution::pending_rewards(&BOB), 525 + 262);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175 + 87);
		assert!(events().contains(&Event::DatasetCredited {
			first_inference: 1,
			last_inference: 1,
			dataset_id: d,
			snapshot: 1,
			amount: 700,
			units: 80
		}));
		assert_ok!(record(EVE, m, FERDIE, 4, &[(late, Perbill::from_percent(50))]));
	});
}

/// Two models on the same dataset, trained on different snapshots, each pay their own prefix of
/// epochs, and a contribution withdrawn from an early epoch stops earning from both.
#[test]
fn models_on_different_snapshots_pay_their_own_epochs() {
	test(|| {
		let d = dataset(ALICE, CurationPolicy::Open);
		let bob = contribute(BOB, d, 1, 10);
		let early = model(EVE, &[(d, Perbill::one())], 1000, split(70, 15, 5, 10));
		contribute(CHARLIE, d, 2, 30);
		let later = model(FERDIE, &[(d, Perbill::one())], 1000, split(70, 15, 5, 10));
		contribute(DAVE, d, 3, 60);
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(ALICE), early, 100_000, 1000, None));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(ALICE), later, 100_000, 1000, None));
		// `early` (snapshot 0): Bob alone. `later` (snapshot 1): Bob 10, Charlie 30.
		assert_ok!(record(EVE, early, ALICE, 1, &[]));
		assert_ok!(record(FERDIE, later, ALICE, 2, &[]));
		assert_eq!(Attribution::pending_rewards(&BOB), 700 + 175);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 525);
		assert_eq!(Attribution::pending_rewards(&DAVE), 0);
		// Bob leaves: `early` has nobody left (its part goes to the treasury), `later` pays
		// Charlie alone.
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), bob));
		let treasury = free(TREASURY);
		assert_ok!(record(EVE, early, ALICE, 3, &[]));
		assert_eq!(free(TREASURY), treasury + 100 + 700);
		assert_ok!(record(FERDIE, later, ALICE, 4, &[]));
		assert_eq!(Attribution::pending_rewards(&BOB), 875);
		// 700 over 30 units is 23.33... per unit: 10·10^-18 planck stays in the pool's carry, so
		// Charlie sees one planck less than 525 + 700 until later credits make it whole.
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 525 + 699);
		assert_eq!(Attribution::pending_rewards(&DAVE), 0);
	});
}

/// Attack: 10^6 units beside an honest 100 took almost every planck of the pro-rata share, for
/// the deposit of one unit, and left right after the batch with all of it. Units now cost their
/// deposit each, a curator accepts at most what it agrees to, and leaving locks the deposit for
/// the unbonding period.
#[test]
fn inflated_units_pay_for_their_share_and_cannot_flash_out() {
	test(|| {
		let open = dataset(ALICE, CurationPolicy::Open);
		contribute(BOB, open, 1, 100);
		let charlie_free = free(CHARLIE);
		let inflated = contribute(CHARLIE, open, 2, MAX_UNITS);
		let stake = CONTRIBUTION_DEPOSIT + Balance::from(MAX_UNITS) * DEPOSIT_PER_UNIT;
		assert_eq!(free(CHARLIE), charlie_free - stake);
		let m = model(EVE, &[(open, Perbill::one())], 1000, split(70, 15, 5, 10));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 100_000, 1000, None));
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		// Pro rata: 700 × 10^6 / (10^6 + 100) and 700 × 100 / (10^6 + 100).
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 699);
		assert_eq!(Attribution::pending_rewards(&BOB), 0);
		// Withdrawn right after the batch: no more rewards, and the stake stays locked.
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), inflated));
		let locked = Balances::balance_on_hold(
			&RuntimeHoldReason::Datasets(pallet_datasets::HoldReason::ContributionDeposit),
			&CHARLIE,
		);
		assert_eq!(locked, stake);
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 699);
		assert_eq!(Attribution::pending_rewards(&BOB), 700);
		System::set_block_number(System::block_number() + UNBONDING_PERIOD);
		Datasets::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(free(CHARLIE), charlie_free);
		// In a curated dataset the reviewer decides how many units count.
		let curated = dataset(ALICE, CurationPolicy::Curated);
		let claim = contribute(DAVE, curated, 3, MAX_UNITS);
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(ALICE),
			claim,
			pallet_datasets::ReviewDecision::Accept { units: 10 }
		));
		assert_eq!(RewardPools::<Test>::get(curated).units, 10);
	});
}

/// A batch's records tell the attribution pallet of their units once, together: they earn what
/// the same records contributed one by one earn, and each still leaves on its own.
#[test]
fn a_batch_earns_what_its_records_contributed_one_by_one_earn() {
	test(|| {
		let d = dataset(ALICE, CurationPolicy::Open);
		LineageSetup::fund(&BOB);
		let (salt, items) = ([9u8; 32], vec![(content(1), 10u64), (content(2), 20)]);
		let hashes: Vec<_> = items.iter().map(|(hash, _)| *hash).collect();
		let digest = lineage_primitives::batch_digest(&hashes);
		assert_ok!(Datasets::do_commit(
			&BOB,
			lineage_primitives::contribution_commitment(&digest, &BOB, &salt)
		));
		LineageSetup::next_block();
		let first = pallet_datasets::NextContributionId::<Test>::get();
		assert_ok!(Datasets::do_contribute_batch(
			&BOB,
			d,
			BoundedVec::try_from(items).unwrap(),
			salt
		));
		contribute(CHARLIE, d, 3, 10);
		contribute(CHARLIE, d, 4, 20);
		assert_eq!(RewardPools::<Test>::get(d).units, 60);
		let m = model(EVE, &[(d, Perbill::one())], 1000, split(70, 15, 5, 10));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 1000, None));
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		// 700 × 30/60 each, less the same rounding (700/60 per unit is not exact).
		let earned = Attribution::pending_rewards(&BOB);
		assert_eq!(earned, 349);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), earned);
		// The batch's second record (20 units) leaves alone: Bob keeps 10 of his 30 units.
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), first + 1));
		assert_eq!(RewardPools::<Test>::get(d).units, 40);
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		assert_eq!(Attribution::pending_rewards(&BOB), earned + 175);
		// Charlie's position, never settled in between, rounds once: ⌊30 × (700/60 + 700/40)⌋.
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 875);
	});
}

#[test]
fn withdrawal_stops_future_rewards_but_keeps_earned_ones() {
	test(|| {
		let (_, bob_c, _, m) = two_contributors();
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), bob_c));
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		// Bob keeps his 525; Charlie now has all 10 units and gets the whole 700.
		assert_eq!(Attribution::pending_rewards(&BOB), 525);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175 + 700);
		// A withdrawn contribution cannot be attributed.
		assert_noop!(
			record(EVE, m, FERDIE, 3, &[(bob_c, Perbill::from_percent(10))]),
			pallet_inference::Error::<Test>::ContributionNotAccepted
		);
		let before = free(BOB);
		assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(free(BOB), before + 525);
		// The empty position is gone once claimed.
		assert_eq!(PositionCount::<Test>::get(BOB), 0);
	});
}

#[test]
fn an_emptied_position_leaves_its_fraction_to_the_dataset_and_frees_its_slot() {
	test(|| {
		// Bob 3 units alone; 233 plancks for the dataset: 77.666... each unit.
		let d = dataset(ALICE, CurationPolicy::Open);
		let bob_c = contribute(BOB, d, 1, 3);
		let m = model(EVE, &[(d, Perbill::one())], 333, split(70, 15, 5, 10));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 1000, None));
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		assert_eq!(RewardPools::<Test>::get(d).credited, 233);
		assert_eq!(Attribution::pending_rewards(&BOB), 232);

		// Withdrawn and claimed: Bob is paid his whole plancks, and his position (with less than
		// a planck in it) is gone instead of holding one of his slots for good.
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), bob_c));
		let before = free(BOB);
		assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(BOB)));
		assert_eq!(free(BOB), before + 232);
		assert_eq!(PositionCount::<Test>::get(BOB), 0);
		assert!(Positions::<Test>::get(BOB, (d, 0)).is_none());
		// The last planck stays with the dataset and goes to its next contributor.
		let pool = RewardPools::<Test>::get(d);
		assert_eq!(pool.claimed, 232);
		assert_eq!(pool.carry, U256::from(PRECISION));
		contribute(CHARLIE, d, 2, 5);
		publish(EVE, m, 2);
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 233 + 1);
		assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(CHARLIE)));
		let pool = RewardPools::<Test>::get(d);
		assert_eq!(pool.credited, pool.claimed);
	});
}

#[test]
fn newcomers_do_not_share_in_past_rewards() {
	test(|| {
		let (d, _, _, m) = two_contributors();
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		contribute(DAVE, d, 3, 40);
		publish(EVE, m, 2);
		assert_eq!(Attribution::pending_rewards(&DAVE), 0);
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		// 80 units now: Dave 40/80 of 700.
		assert_eq!(Attribution::pending_rewards(&DAVE), 350);
		assert_eq!(Attribution::pending_rewards(&BOB), 525 + 262);
	});
}

/// An account's positions (one per dataset epoch it has accepted units in) are bounded.
#[test]
fn positions_per_account_are_bounded() {
	test(|| {
		let d = dataset(ALICE, CurationPolicy::Open);
		for n in 0..MAX_POSITIONS {
			contribute(BOB, d, u64::from(n), 1);
			assert_ok!(Datasets::snapshot_dataset(RuntimeOrigin::signed(EVE), d));
		}
		assert_eq!(PositionCount::<Test>::get(BOB), MAX_POSITIONS);
		let commit = |n| {
			let commitment =
				lineage_primitives::contribution_commitment(&content(n), &BOB, &[7u8; 32]);
			assert_ok!(Datasets::commit(RuntimeOrigin::signed(BOB), commitment));
		};
		commit(100);
		commit(102);
		System::set_block_number(System::block_number() + 1);
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				d,
				content(100),
				1,
				Default::default(),
				[7u8; 32]
			),
			Error::<Test>::TooManyPositions
		);
		// A curated dataset refuses at submission what it could not accept at review.
		let curated = dataset(ALICE, CurationPolicy::Curated);
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				curated,
				content(102),
				1,
				Default::default(),
				[7u8; 32]
			),
			Error::<Test>::TooManyPositions
		);
		// A position that exists takes more units.
		let open_epoch = Datasets::dataset_details(d).unwrap().snapshot_count - 1;
		assert!(Positions::<Test>::contains_key(BOB, (d, open_epoch)));
	});
}

#[test]
fn money_is_conserved_through_fees_and_claims() {
	test(|| {
		let issuance = Balances::total_issuance();
		let (_, _, charlie_c, m) = two_contributors();
		for n in 0..5 {
			assert_ok!(record(EVE, m, FERDIE, n, &[(charlie_c, Perbill::from_percent(33))]));
		}
		assert_ok!(Inference::pay_inference(
			RuntimeOrigin::signed(DAVE),
			m,
			H256::repeat_byte(9),
			H256::repeat_byte(10),
			Default::default(),
			1000
		));
		for who in [BOB, CHARLIE, EVE] {
			assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(who)));
		}
		assert_eq!(Balances::total_issuance(), issuance);
		let totals = LifetimeTotals::<Test>::get();
		assert_eq!(totals.fees, 6000);
		assert_eq!(
			free(Attribution::pot()),
			ED + totals.fees - totals.to_treasury - totals.claimed
		);
		// What remains in the pot are sub-planck fractions owed to the positions: less than one
		// planck per position.
		assert!(free(Attribution::pot()) - ED < 2);
		// Ferdie's allowance paid exactly five fees.
		let held = Balances::balance_on_hold(
			&RuntimeHoldReason::Inference(pallet_inference::HoldReason::InferenceAllowance),
			&FERDIE,
		);
		assert_eq!(held, 10_000 - 5000);
	});
}

#[test]
fn distribution_and_claims_refuse_what_cannot_be() {
	test(|| {
		let (_, _, _, m) = two_contributors();
		// A credit that would overflow an account's claimable amount.
		Claimable::<Test>::insert(EVE, Balance::MAX);
		assert_noop!(record(EVE, m, FERDIE, 1, &[]), Error::<Test>::Overflow);
		Claimable::<Test>::remove(EVE);
		// A pot that holds less than the books say cannot pay (and nothing changes).
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		let pot = Attribution::pot();
		let held = free(pot);
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&pot, ED);
		assert_noop!(
			Attribution::claim_rewards(RuntimeOrigin::signed(BOB)),
			Error::<Test>::PotExhausted
		);
		Balances::set_balance(&pot, held);
		// Units removed that were never added: the pallets are out of step, and it says so.
		assert_noop!(Attribution::do_remove_units(&DAVE, 0, 0, 1), Error::<Test>::UnknownPosition);
	});
}
