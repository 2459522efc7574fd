//! Tests of the payout rule against hand-computed figures, of claims, and a property test that
//! compares every account's earnings with a naive reference that iterates over all
//! contributions.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use lineage_primitives::{merkle, CurationPolicy, RevenueSplit};
use sp_core::{H256, U256};
use sp_runtime::{DispatchError, Perbill};

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
	merkle::sha256(&n.to_le_bytes())
}

fn contribute(who: AccountId, dataset: DatasetId, n: u64, units: u64) -> ContributionId {
	Datasets::do_contribute(&who, dataset, content(n), units, Default::default()).unwrap()
}

fn split(contributors: u32, owner: u32, protocol: u32) -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(contributors),
		owner: Perbill::from_percent(owner),
		protocol: Perbill::from_percent(protocol),
	}
}

fn model(
	owner: AccountId,
	datasets: &[(DatasetId, Perbill)],
	fee: Balance,
	s: RevenueSplit,
) -> ModelId {
	Models::do_register(
		owner,
		Default::default(),
		H256::repeat_byte(1),
		BoundedVec::try_from(datasets.to_vec()).unwrap(),
		fee,
		s,
	)
	.unwrap()
}

fn record(
	operator: AccountId,
	model_id: ModelId,
	consumer: AccountId,
	request: u64,
	attribution: &[(ContributionId, Perbill)],
) -> sp_runtime::DispatchResult {
	let record = pallet_inference::InferenceRecord::<Test> {
		consumer,
		request_hash: H256::from_low_u64_be(request),
		output_hash: H256::from_low_u64_be(request + 1),
		attribution: BoundedVec::try_from(attribution.to_vec()).unwrap(),
	};
	Inference::record_inferences(
		RuntimeOrigin::signed(operator),
		model_id,
		BoundedVec::try_from(vec![record]).unwrap(),
	)
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

/// Bob 30 units and Charlie 10 units in an open dataset; Eve's model (fee 1000, 70/20/10) on it;
/// Ferdie authorised 10_000.
fn two_contributors() -> (DatasetId, ContributionId, ContributionId, ModelId) {
	let d = dataset(ALICE, CurationPolicy::Open);
	let bob = contribute(BOB, d, 1, 30);
	let charlie = contribute(CHARLIE, d, 2, 10);
	let m = model(EVE, &[(d, Perbill::one())], 1000, split(70, 20, 10));
	assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 1000));
	(d, bob, charlie, m)
}

#[test]
fn fees_follow_the_payout_rule_to_the_planck() {
	test(|| {
		let (d, _bob_c, charlie_c, m) = two_contributors();
		let treasury = free(TREASURY);
		let pot = free(Attribution::pot());

		// No attribution: 700 to the dataset (Bob 3/4, Charlie 1/4), 200 to Eve, 100 to treasury.
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
			to_owner: 200,
			to_protocol: 100,
		}));
		assert!(events().contains(&Event::DatasetCredited {
			inference_id: 0,
			dataset_id: d,
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
				owner: 400,
				protocol: 200,
				inferences: 2
			}
		);
		// A third inference: the two half plancks add up to a whole one.
		assert_ok!(record(EVE, m, FERDIE, 3, &[(charlie_c, Perbill::from_percent(50))]));
		assert_eq!(Attribution::pending_rewards(&BOB), 525 + 525);
		assert_eq!(Attribution::pending_rewards(&CHARLIE), 175 + 700 + 175);
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
		// The owner claims their share.
		let before = free(EVE);
		assert_ok!(Attribution::claim_rewards(RuntimeOrigin::signed(EVE)));
		assert_eq!(free(EVE), before + 200);
	});
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
			split(70, 20, 10),
		);
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 2000));
		let treasury = free(TREASURY);
		assert_ok!(record(EVE, m, FERDIE, 1, &[]));
		// C = floor(700.7) = 700, O = floor(200.2) = 200, P = floor(100.1) = 100, dust 1.
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
			to_owner: 200,
			to_protocol,
		}));
		// The next credit of 233 makes the carried fractions whole: 466 in all.
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		assert_eq!(Attribution::pending_rewards(&BOB), 465);
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
		let m = model(EVE, &[(d, Perbill::one())], 333, split(70, 20, 10));
		assert_ok!(Inference::authorize(RuntimeOrigin::signed(FERDIE), m, 10_000, 1000));
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
		assert!(Positions::<Test>::get(BOB, d).is_none());
		// The last planck stays with the dataset and goes to its next contributor.
		let pool = RewardPools::<Test>::get(d);
		assert_eq!(pool.claimed, 232);
		assert_eq!(pool.carry, U256::from(PRECISION));
		contribute(CHARLIE, d, 2, 5);
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
		assert_eq!(Attribution::pending_rewards(&DAVE), 0);
		assert_ok!(record(EVE, m, FERDIE, 2, &[]));
		// 80 units now: Dave 40/80 of 700.
		assert_eq!(Attribution::pending_rewards(&DAVE), 350);
		assert_eq!(Attribution::pending_rewards(&BOB), 525 + 262);
	});
}

#[test]
fn positions_per_account_are_bounded() {
	test(|| {
		for n in 0..8 {
			let d = dataset(ALICE, CurationPolicy::Open);
			contribute(BOB, d, n, 1);
		}
		assert_eq!(PositionCount::<Test>::get(BOB), 8);
		let ninth = dataset(ALICE, CurationPolicy::Open);
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				ninth,
				content(100),
				1,
				Default::default()
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
				Default::default()
			),
			Error::<Test>::TooManyPositions
		);
		// More contributions in a dataset where Bob already has a position are fine.
		contribute(BOB, 0, 101, 1);
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
			Default::default()
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

/// A naive reference of the payout rule: it iterates over every contribution for every fee.
mod reference {
	use super::*;
	use sp_core::U256;
	use std::collections::BTreeMap;

	#[derive(Clone)]
	pub struct Contribution {
		pub owner: AccountId,
		pub dataset: DatasetId,
		pub units: u64,
		pub accepted: bool,
	}

	#[derive(Default)]
	pub struct Reference {
		pub contributions: BTreeMap<ContributionId, Contribution>,
		/// Owner shares and explicit credits, exact.
		pub direct: BTreeMap<AccountId, Balance>,
		/// Pro-rata rewards, in 10^-18 planck.
		pub pro_rata: BTreeMap<AccountId, U256>,
		pub claimed: BTreeMap<AccountId, Balance>,
		pub explicit: BTreeMap<ContributionId, Balance>,
		pub to_treasury: Balance,
		pub revenue: BTreeMap<ModelId, ModelRevenue<Balance>>,
	}

	impl Reference {
		pub fn pay(
			&mut self,
			model_id: ModelId,
			owner: AccountId,
			datasets: &[(DatasetId, Perbill)],
			s: RevenueSplit,
			fee: Balance,
			attribution: &[(ContributionId, Perbill)],
		) {
			let c = s.contributors.mul_floor(fee);
			let o = s.owner.mul_floor(fee);
			let mut explicit = 0;
			for (id, w) in attribution {
				let amount = w.mul_floor(c);
				let who = self.contributions[id].owner;
				*self.direct.entry(who).or_default() += amount;
				*self.explicit.entry(*id).or_default() += amount;
				explicit += amount;
			}
			let rest = c - explicit;
			let mut to_datasets = 0;
			for (d, w) in datasets {
				let part = w.mul_floor(rest);
				let units: u64 = self
					.contributions
					.values()
					.filter(|x| x.accepted && x.dataset == *d)
					.map(|x| x.units)
					.sum();
				if part == 0 || units == 0 {
					continue;
				}
				to_datasets += part;
				for x in self.contributions.values().filter(|x| x.accepted && x.dataset == *d) {
					let share = U256::from(part) * U256::from(PRECISION) * U256::from(x.units)
						/ U256::from(units);
					*self.pro_rata.entry(x.owner).or_insert_with(U256::zero) += share;
				}
			}
			*self.direct.entry(owner).or_default() += o;
			let to_protocol = fee - explicit - to_datasets - o;
			self.to_treasury += to_protocol;
			let revenue = self.revenue.entry(model_id).or_default();
			revenue.fees += fee;
			revenue.contributors += explicit + to_datasets;
			revenue.owner += o;
			revenue.protocol += to_protocol;
			revenue.inferences += 1;
		}

		/// The pending amount, in 10^-18 planck. The reference rounds each share down to 10^-18
		/// planck, so it can be below the exact figure by that much per contribution and fee, and
		/// a claim can then exceed it by as much: that difference counts as zero.
		pub fn pending_scaled(&self, who: AccountId) -> U256 {
			let earned = U256::from(self.direct.get(&who).copied().unwrap_or(0))
				* U256::from(PRECISION)
				+ self.pro_rata.get(&who).copied().unwrap_or_default();
			earned.saturating_sub(
				U256::from(self.claimed.get(&who).copied().unwrap_or(0)) * U256::from(PRECISION),
			)
		}
	}
}

mod property {
	use super::{reference::*, *};
	use proptest::prelude::*;
	use sp_core::U256;

	const PEOPLE: [AccountId; 4] = [BOB, CHARLIE, DAVE, ALICE];
	const EVERYONE: [AccountId; 6] = [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE];

	#[derive(Clone, Debug)]
	enum Op {
		Contribute { who: usize, dataset: usize, units: u64 },
		Review { pick: usize, accept: bool },
		Withdraw { pick: usize },
		Infer { model: usize, direct: bool, attribution: Vec<(usize, u32)> },
		Claim { who: usize },
		SetFee { model: usize, fee: u128 },
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			4 => (0..4usize, 0..3usize, 1..1_000u64)
				.prop_map(|(who, dataset, units)| Op::Contribute { who, dataset, units }),
			2 => (any::<usize>(), any::<bool>()).prop_map(|(pick, accept)| Op::Review { pick, accept }),
			1 => any::<usize>().prop_map(|pick| Op::Withdraw { pick }),
			5 => (0..2usize, any::<bool>(), prop::collection::vec((any::<usize>(), 0..60u32), 0..4))
				.prop_map(|(model, direct, attribution)| Op::Infer { model, direct, attribution }),
			2 => (0..6usize).prop_map(|who| Op::Claim { who }),
			1 => (0..2usize, 0..5_000u128).prop_map(|(model, fee)| Op::SetFee { model, fee }),
		]
	}

	struct ModelSpec {
		id: ModelId,
		owner: AccountId,
		datasets: Vec<(DatasetId, Perbill)>,
		split: RevenueSplit,
	}

	fn run(ops: Vec<Op>) {
		new_test_ext().execute_with(|| {
			let issuance = Balances::total_issuance();
			let open = dataset(ALICE, CurationPolicy::Open);
			let curated = dataset(ALICE, CurationPolicy::Curated);
			let other = dataset(BOB, CurationPolicy::Open);
			let datasets = [open, curated, other];
			let models = [
				ModelSpec {
					id: 0,
					owner: EVE,
					datasets: vec![
						(open, Perbill::from_percent(60)),
						(curated, Perbill::from_percent(40)),
					],
					split: split(70, 20, 10),
				},
				ModelSpec {
					id: 1,
					owner: FERDIE,
					datasets: vec![(other, Perbill::from_percent(100))],
					split: RevenueSplit {
						contributors: Perbill::from_parts(333_333_333),
						owner: Perbill::from_parts(333_333_333),
						protocol: Perbill::from_parts(333_333_334),
					},
				},
			];
			for (spec, fee) in models.iter().zip([1000, 777]) {
				assert_eq!(model(spec.owner, &spec.datasets, fee, spec.split), spec.id);
			}
			for consumer in [EVE, FERDIE] {
				for spec in &models {
					assert_ok!(Inference::authorize(
						RuntimeOrigin::signed(consumer),
						spec.id,
						100_000_000,
						10_000
					));
				}
			}
			let treasury_start = free(TREASURY);
			let mut naive = Reference::default();
			let mut fees = [1000u128, 777];
			let mut slashed = 0u128;
			let mut requests = 0u64;
			let mut hashes = 0u64;
			// Positions emptied and removed, per account: each may leave less than a planck to
			// the rest of its dataset (see `store_position`).
			let mut emptied: std::collections::BTreeMap<AccountId, u32> = Default::default();

			for op in ops {
				let counts_before: Vec<u32> =
					EVERYONE.iter().map(PositionCount::<Test>::get).collect();
				let ids: Vec<ContributionId> = naive.contributions.keys().copied().collect();
				let pick = |n: usize| (!ids.is_empty()).then(|| ids[n % ids.len()]);
				let root_before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let events_before = System::events().len();
				let result: sp_runtime::DispatchResult = match op.clone() {
					Op::Contribute { who, dataset, units } => {
						hashes += 1;
						let who = PEOPLE[who];
						let id = pallet_datasets::NextContributionId::<Test>::get();
						let r = Datasets::contribute(
							RuntimeOrigin::signed(who),
							datasets[dataset],
							content(hashes),
							units,
							Default::default(),
						);
						if r.is_ok() {
							naive.contributions.insert(
								id,
								Contribution {
									owner: who,
									dataset: datasets[dataset],
									units,
									accepted: dataset != 1,
								},
							);
						}
						r
					},
					Op::Review { pick: p, accept } => match pick(p) {
						None => continue,
						Some(id) => {
							let r = Datasets::review_contribution(
								RuntimeOrigin::signed(ALICE),
								id,
								accept,
							)
							.map(|_| ())
							.map_err(|e| e.error);
							if r.is_ok() {
								if accept {
									naive.contributions.get_mut(&id).unwrap().accepted = true;
								} else {
									naive.contributions.remove(&id);
									slashed += CONTRIBUTION_DEPOSIT / 2;
								}
							}
							r
						},
					},
					Op::Withdraw { pick: p } => match pick(p) {
						None => continue,
						Some(id) => {
							let owner = naive.contributions[&id].owner;
							let r =
								Datasets::withdraw_contribution(RuntimeOrigin::signed(owner), id);
							if r.is_ok() {
								// A withdrawn contribution earns nothing more; it stays on record.
								let c = naive.contributions.get_mut(&id).unwrap();
								c.accepted = false;
								c.units = 0;
							}
							r
						},
					},
					Op::Infer { model: m, direct, attribution } => {
						let spec = &models[m];
						let mut entries: Vec<(ContributionId, Perbill)> = vec![];
						for (p, percent) in attribution {
							if let Some(id) = pick(p) {
								if !entries.iter().any(|(e, _)| *e == id) {
									entries.push((id, Perbill::from_percent(percent)));
								}
							}
						}
						requests += 1;
						let consumer = if m == 0 { FERDIE } else { EVE };
						let r = if direct {
							Inference::pay_inference(
								RuntimeOrigin::signed(consumer),
								spec.id,
								H256::from_low_u64_be(requests),
								H256::zero(),
								BoundedVec::try_from(entries.clone()).unwrap(),
							)
						} else {
							record(spec.owner, spec.id, consumer, requests, &entries)
						};
						if r.is_ok() {
							naive.pay(
								spec.id,
								spec.owner,
								&spec.datasets,
								spec.split,
								fees[m],
								&entries,
							);
						}
						r
					},
					Op::Claim { who } => {
						let who = [BOB, CHARLIE, DAVE, ALICE, EVE, FERDIE][who];
						let before = free(who);
						let r = Attribution::claim_rewards(RuntimeOrigin::signed(who))
							.map(|_| ())
							.map_err(|e| e.error);
						if r.is_ok() {
							*naive.claimed.entry(who).or_default() += free(who) - before;
						}
						r
					},
					Op::SetFee { model: m, fee } => {
						let r = Models::set_fee(
							RuntimeOrigin::signed(models[m].owner),
							models[m].id,
							fee,
						);
						if r.is_ok() {
							fees[m] = fee;
						}
						r
					},
				};
				if result.is_err() {
					// A refused call changes nothing and emits nothing.
					assert_eq!(
						sp_io::storage::root(sp_runtime::StateVersion::V1),
						root_before,
						"{op:?}"
					);
					assert_eq!(System::events().len(), events_before);
				}
				check_invariants();

				for (who, before) in EVERYONE.iter().zip(counts_before) {
					let removed = before.saturating_sub(PositionCount::<Test>::get(who));
					*emptied.entry(*who).or_default() += removed;
				}
				let all_emptied: u32 = emptied.values().sum();
				for who in EVERYONE {
					let ours =
						U256::from(Attribution::pending_rewards(&who)) * U256::from(PRECISION);
					let exact = naive.pending_scaled(who);
					let positions = U256::from(
						PositionCount::<Test>::get(who)
							+ emptied.get(&who).copied().unwrap_or(0)
							+ 1,
					);
					// Never more than the exact figure but for the reference's own rounding (far
					// below one planck) and the fractions emptied positions left to their
					// datasets (less than a planck each); never less by more than one planck per
					// position held or emptied.
					let slack = U256::from(1 + all_emptied) * U256::from(PRECISION);
					assert!(ours <= exact + slack, "{who}: {ours} > {exact}");
					assert!(
						ours + positions * U256::from(PRECISION) > exact,
						"{who}: {ours} << {exact}"
					);
				}
				for (id, amount) in &naive.explicit {
					assert_eq!(Attribution::contribution_earnings(*id), *amount);
				}
				for spec in &models {
					assert_eq!(
						Attribution::model_revenue(spec.id),
						naive.revenue.get(&spec.id).cloned().unwrap_or_default()
					);
				}
				// The treasury got exactly the protocol's parts, dust and slashes.
				assert_eq!(free(TREASURY), treasury_start + naive.to_treasury + slashed);
				// No money created or destroyed.
				assert_eq!(Balances::total_issuance(), issuance);
			}
		});
	}

	/// A sequence proptest once found: a position emptied by withdrawal, then claims.
	#[test]
	fn regression_withdrawn_position_then_claim() {
		use Op::*;
		run(vec![
			Contribute { who: 0, dataset: 2, units: 77 },
			Infer { model: 1, direct: false, attribution: vec![(20493684, 45)] },
			Withdraw { pick: 605290053580465334 },
			Contribute { who: 3, dataset: 0, units: 561 },
			Contribute { who: 2, dataset: 2, units: 288 },
			Infer { model: 1, direct: false, attribution: vec![] },
			Contribute { who: 0, dataset: 1, units: 22 },
			Contribute { who: 2, dataset: 1, units: 672 },
			Infer {
				model: 1,
				direct: true,
				attribution: vec![(7887317464397734032, 33), (10343941583802850007, 37)],
			},
			Contribute { who: 2, dataset: 2, units: 708 },
			Infer { model: 1, direct: true, attribution: vec![] },
			Claim { who: 2 },
		]);
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
		#[test]
		fn payouts_match_a_naive_reference(ops in prop::collection::vec(op(), 1..160)) {
			run(ops);
		}
	}
}

#[test]
fn distribution_and_claims_refuse_what_cannot_be() {
	test(|| {
		let (_, _, _, m) = two_contributors();
		// Attribution to a contribution that does not exist (the inference pallet checks this
		// first; the distributor does not trust it).
		let terms = <Models as lineage_primitives::traits::ModelsProvider<AccountId, Balance>>::model_terms(m).unwrap();
		let fee = lineage_primitives::traits::InferenceFee {
			inference_id: 99,
			model_id: m,
			terms: &terms,
			fee: 10,
			attribution: &[(12_345, Perbill::from_percent(10))],
		};
		frame_support::assert_err!(
			frame_support::storage::with_storage_layer(|| Attribution::do_distribute(fee)),
			Error::<Test>::UnknownContribution
		);
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
	});
}
