//! The property test: random sequences of every call that moves money or changes what is paid
//! (commit and reveal, curated review with units, withdrawal and unbonding, slashing, snapshots,
//! model versions, metered and direct inferences with explicit attribution, claims, fee changes,
//! time passing), each checked after every step against a naive reference that iterates over
//! every contribution for every fee.
//!
//! After every step: a refused call changed no storage and emitted no event; every pallet's
//! invariants hold; every account's claimable amount is the reference's within the rounding the
//! docs allow; each contribution's explicit earnings, each model's revenue and the treasury's
//! balance are exactly the reference's; no money was created or lost.
//!
//! It runs `LINEAGE_PROPTEST_CASES` sequences (10,000 by default, what CI runs; a million on
//! demand: `LINEAGE_PROPTEST_CASES=1000000 cargo test --release -p pallet-attribution property`).

use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Who contributes (Eve also owns a model and consumes another: attribution to her is refused).
const PEOPLE: [AccountId; 5] = [BOB, CHARLIE, DAVE, ALICE, EVE];
const SALT: [u8; 32] = [5u8; 32];

#[derive(Clone, Debug)]
enum Op {
	Contribute { who: usize, dataset: usize, units: u64 },
	RevealUncommitted { who: usize, dataset: usize },
	Review { pick: usize, accept: bool, keep_percent: u64 },
	Withdraw { pick: usize },
	Slash { pick: usize },
	Snapshot { dataset: usize },
	Publish { model: usize, picks: Vec<Option<usize>> },
	Infer { model: usize, direct: bool, attribution: Vec<(usize, u32)> },
	Claim { who: usize },
	SetFee { model: usize, fee: u128 },
	Wait { blocks: u64 },
}

fn op() -> impl Strategy<Value = Op> {
	let units = prop_oneof![9 => 1..1_000u64, 1 => 1..=MAX_UNITS];
	prop_oneof![
		5 => (0..PEOPLE.len(), 0..3usize, units)
			.prop_map(|(who, dataset, units)| Op::Contribute { who, dataset, units }),
		1 => (0..PEOPLE.len(), 0..3usize)
			.prop_map(|(who, dataset)| Op::RevealUncommitted { who, dataset }),
		2 => (any::<usize>(), any::<bool>(), 0..=100u64)
			.prop_map(|(pick, accept, keep_percent)| Op::Review { pick, accept, keep_percent }),
		1 => any::<usize>().prop_map(|pick| Op::Withdraw { pick }),
		1 => any::<usize>().prop_map(|pick| Op::Slash { pick }),
		2 => (0..3usize).prop_map(|dataset| Op::Snapshot { dataset }),
		2 => (0..2usize, prop::collection::vec(prop::option::of(any::<usize>()), 2))
			.prop_map(|(model, picks)| Op::Publish { model, picks }),
		6 => (0..2usize, any::<bool>(), prop::collection::vec((any::<usize>(), 0..60u32), 0..4))
			.prop_map(|(model, direct, attribution)| Op::Infer { model, direct, attribution }),
		2 => (0..EVERYONE.len()).prop_map(|who| Op::Claim { who }),
		1 => (0..2usize, 0..5_000u128).prop_map(|(model, fee)| Op::SetFee { model, fee }),
		1 => (1..2 * UNBONDING_PERIOD).prop_map(|blocks| Op::Wait { blocks }),
	]
}

/// The naive reference of the payout rule.
mod reference {
	use super::*;

	#[derive(Clone, Copy, PartialEq, Debug)]
	pub enum Status {
		Pending,
		Accepted,
		Withdrawn,
		Slashed,
	}

	#[derive(Clone, Debug)]
	pub struct Contribution {
		pub owner: AccountId,
		pub dataset: DatasetId,
		pub units: u64,
		pub status: Status,
		/// Its leaf in the dataset's commitment, from the order of acceptances.
		pub leaf: Option<u64>,
		pub deposit: Balance,
	}

	#[derive(Clone, Debug)]
	pub struct Model {
		pub id: ModelId,
		pub owner: AccountId,
		pub consumer: AccountId,
		pub datasets: Vec<(DatasetId, Perbill)>,
		pub split: RevenueSplit,
		pub fee: Balance,
		/// An announced increase: the fee and the block it applies from.
		pub pending: Option<(Balance, u64)>,
		/// The current version's snapshot, per dataset: its leaf count.
		pub leaf_counts: Vec<u64>,
	}

	impl Model {
		pub fn fee_at(&self, now: u64) -> Balance {
			match self.pending {
				Some((fee, at)) if now >= at => fee,
				_ => self.fee,
			}
		}

		/// The rule of `set_fee`: a decrease at once, an increase after the delay (or at an
		/// earlier announced date, for a fee no higher than announced).
		pub fn set_fee(&mut self, fee: Balance, now: u64) {
			self.fee = self.fee_at(now);
			let previous = self.pending.take().filter(|(_, at)| now < *at);
			if fee <= self.fee {
				self.fee = fee;
				return;
			}
			let at = match previous {
				Some((announced, at)) if fee <= announced => at,
				_ => now + FEE_CHANGE_DELAY,
			};
			self.pending = Some((fee, at));
		}
	}

	#[derive(Default)]
	pub struct Reference {
		pub contributions: BTreeMap<ContributionId, Contribution>,
		pub leaves: BTreeMap<DatasetId, u64>,
		/// Each dataset's snapshots: their leaf counts.
		pub snapshots: BTreeMap<DatasetId, Vec<u64>>,
		pub models: Vec<Model>,
		/// Owner and operator shares and explicit credits, exact.
		pub direct: BTreeMap<AccountId, Balance>,
		/// Pro-rata rewards, in 10^-18 planck.
		pub pro_rata: BTreeMap<AccountId, U256>,
		pub claimed: BTreeMap<AccountId, Balance>,
		pub explicit: BTreeMap<ContributionId, Balance>,
		/// Everything the treasury received: protocol shares, dust, slashes, snapshot fees.
		pub to_treasury: Balance,
		pub revenue: BTreeMap<ModelId, ModelRevenue<Balance>>,
	}

	pub fn deposit(units: u64) -> Balance {
		CONTRIBUTION_DEPOSIT + Balance::from(units) * DEPOSIT_PER_UNIT
	}

	impl Reference {
		pub fn submit(
			&mut self,
			id: ContributionId,
			owner: AccountId,
			dataset: DatasetId,
			units: u64,
			open: bool,
		) {
			self.contributions.insert(
				id,
				Contribution {
					owner,
					dataset,
					units,
					status: Status::Pending,
					leaf: None,
					deposit: deposit(units),
				},
			);
			if open {
				self.accept(id, units);
			}
		}

		pub fn accept(&mut self, id: ContributionId, units: u64) {
			let c = self.contributions.get_mut(&id).expect("submitted");
			let leaves = self.leaves.entry(c.dataset).or_default();
			c.status = Status::Accepted;
			c.units = units;
			c.deposit = deposit(units);
			c.leaf = Some(*leaves);
			*leaves += 1;
		}

		/// A pending contribution rejected or withdrawn: half its deposit is slashed.
		pub fn drop_pending(&mut self, id: ContributionId) {
			let c = self.contributions.remove(&id).expect("pending");
			self.to_treasury += Perbill::from_percent(REJECT_SLASH_PERCENT).mul_floor(c.deposit);
		}

		pub fn slash(&mut self, id: ContributionId) {
			let c = self.contributions.get_mut(&id).expect("exists");
			self.to_treasury += c.deposit;
			c.deposit = 0;
			c.status = Status::Slashed;
		}

		/// A snapshot of `dataset` now: the latest if nothing was accepted since, else a new one
		/// (whose fee goes to the treasury). Returns its leaf count.
		pub fn snapshot_now(&mut self, dataset: DatasetId) -> u64 {
			let leaves = self.leaves.get(&dataset).copied().unwrap_or(0);
			let snapshots = self.snapshots.entry(dataset).or_default();
			if snapshots.last() != Some(&leaves) {
				snapshots.push(leaves);
				self.to_treasury += SNAPSHOT_FEE;
			}
			leaves
		}

		pub fn pay(
			&mut self,
			model: usize,
			fee: Balance,
			operator: AccountId,
			attribution: &[(ContributionId, Perbill)],
		) {
			let m = self.models[model].clone();
			let s = m.split;
			let c = s.contributors.mul_floor(fee);
			let o = s.owner.mul_floor(fee);
			let x = s.operator.mul_floor(fee);
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
			for ((d, w), leaf_count) in m.datasets.iter().zip(&m.leaf_counts) {
				let part = w.mul_floor(rest);
				let inside = |x: &Contribution| {
					x.status == Status::Accepted
						&& x.dataset == *d && x.leaf.is_some_and(|l| l < *leaf_count)
				};
				let units: u64 =
					self.contributions.values().filter(|x| inside(x)).map(|x| x.units).sum();
				if part == 0 || units == 0 {
					continue;
				}
				to_datasets += part;
				for x in self.contributions.values().filter(|x| inside(x)) {
					let share = U256::from(part) * U256::from(PRECISION) * U256::from(x.units)
						/ U256::from(units);
					*self.pro_rata.entry(x.owner).or_insert_with(U256::zero) += share;
				}
			}
			*self.direct.entry(m.owner).or_default() += o;
			*self.direct.entry(operator).or_default() += x;
			let to_protocol = fee - explicit - to_datasets - o - x;
			self.to_treasury += to_protocol;
			let revenue = self.revenue.entry(m.id).or_default();
			revenue.fees += fee;
			revenue.contributors += explicit + to_datasets;
			revenue.owner += o;
			revenue.operators += x;
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

use reference::{Reference, Status};

fn next_block() {
	System::set_block_number(System::block_number() + 1);
}

/// Runs one sequence, checking everything after each step.
fn run(ops: Vec<Op>) {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let open = dataset(ALICE, CurationPolicy::Open);
		let curated = dataset(ALICE, CurationPolicy::Curated);
		let other = dataset(BOB, CurationPolicy::Open);
		let datasets = [open, curated, other];
		let mut naive = Reference::default();
		let specs = [
			(
				EVE,
				FERDIE,
				vec![(open, Perbill::from_percent(60)), (curated, Perbill::from_percent(40))],
				split(70, 15, 5, 10),
				1000,
			),
			(
				FERDIE,
				EVE,
				vec![(other, Perbill::from_percent(100))],
				RevenueSplit {
					contributors: Perbill::from_parts(333_333_333),
					owner: Perbill::from_parts(222_222_222),
					operator: Perbill::from_parts(111_111_111),
					protocol: Perbill::from_parts(333_333_334),
				},
				777,
			),
		];
		for (index, (owner, consumer, ds, s, fee)) in specs.into_iter().enumerate() {
			assert_eq!(model(owner, &ds, fee, s), index as ModelId);
			assert_ok!(Inference::bond_operator(RuntimeOrigin::signed(owner), index as ModelId));
			assert_ok!(Inference::authorize(
				RuntimeOrigin::signed(consumer),
				index as ModelId,
				100_000_000,
				10_000,
				None
			));
			let leaf_counts = ds.iter().map(|(d, _)| naive.snapshot_now(*d)).collect();
			naive.models.push(reference::Model {
				id: index as ModelId,
				owner,
				consumer,
				datasets: ds,
				split: s,
				fee,
				pending: None,
				leaf_counts,
			});
		}
		let treasury_start = free(TREASURY) - naive.to_treasury;
		let mut hashes = 0u64;
		let mut versions = 1u8;
		let mut requests = 0u64;
		// Positions emptied and removed, per account: each may leave less than a planck to the
		// rest of its dataset (see `store_position`).
		let mut emptied: BTreeMap<AccountId, u32> = Default::default();

		for op in ops {
			let counts_before: Vec<u32> = EVERYONE.iter().map(PositionCount::<Test>::get).collect();
			let ids: Vec<ContributionId> = naive.contributions.keys().copied().collect();
			let pick = |n: usize| (!ids.is_empty()).then(|| ids[n % ids.len()]);
			// Commitments are their own successful calls: made before the state is recorded.
			if let Op::Contribute { who, .. } = &op {
				hashes += 1;
				let commitment = lineage_primitives::contribution_commitment(
					&content(hashes),
					&PEOPLE[*who],
					&SALT,
				);
				assert_ok!(Datasets::commit(RuntimeOrigin::signed(PEOPLE[*who]), commitment));
				next_block();
			}
			let root_before = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let events_before = System::events().len();
			let now = System::block_number();
			let result: sp_runtime::DispatchResult = match op.clone() {
				Op::Contribute { who, dataset, units } => {
					let who = PEOPLE[who];
					let id = pallet_datasets::NextContributionId::<Test>::get();
					let r = Datasets::contribute(
						RuntimeOrigin::signed(who),
						datasets[dataset],
						content(hashes),
						units,
						Default::default(),
						SALT,
					)
					.map(|_| ())
					.map_err(|e| e.error);
					if r.is_ok() {
						naive.submit(id, who, datasets[dataset], units, dataset != 1);
					}
					r
				},
				Op::RevealUncommitted { who, dataset } => {
					let r = Datasets::contribute(
						RuntimeOrigin::signed(PEOPLE[who]),
						datasets[dataset],
						content(1_000_000_000 + hashes),
						1,
						Default::default(),
						SALT,
					)
					.map(|_| ())
					.map_err(|e| e.error);
					assert!(r.is_err(), "a reveal without a commitment was accepted");
					r
				},
				Op::Review { pick: p, accept, keep_percent } => match pick(p) {
					None => continue,
					Some(id) => {
						let declared = naive.contributions[&id].units;
						let units = (declared * keep_percent / 100).max(1);
						let decision = if accept {
							pallet_datasets::ReviewDecision::Accept { units }
						} else {
							pallet_datasets::ReviewDecision::Reject
						};
						let r = Datasets::review_contribution(
							RuntimeOrigin::signed(ALICE),
							id,
							decision,
						)
						.map(|_| ())
						.map_err(|e| e.error);
						if r.is_ok() {
							if accept {
								naive.accept(id, units);
							} else {
								naive.drop_pending(id);
							}
						}
						r
					},
				},
				Op::Withdraw { pick: p } => match pick(p) {
					None => continue,
					Some(id) => {
						let c = naive.contributions[&id].clone();
						let r = Datasets::withdraw_contribution(RuntimeOrigin::signed(c.owner), id)
							.map(|_| ())
							.map_err(|e| e.error);
						if r.is_ok() {
							if c.status == Status::Pending {
								naive.drop_pending(id);
							} else {
								// It earns nothing more; its deposit unbonds (back to its owner).
								let c = naive.contributions.get_mut(&id).expect("exists");
								c.status = Status::Withdrawn;
							}
						}
						r
					},
				},
				Op::Slash { pick: p } => match pick(p) {
					None => continue,
					Some(id) => {
						let r = Datasets::slash_contribution(RuntimeOrigin::root(), id);
						if r.is_ok() {
							naive.slash(id);
						}
						r
					},
				},
				Op::Snapshot { dataset } => {
					let r =
						Datasets::snapshot_dataset(RuntimeOrigin::signed(ALICE), datasets[dataset]);
					if r.is_ok() {
						naive.snapshot_now(datasets[dataset]);
					}
					r
				},
				Op::Publish { model: m, picks } => {
					let spec = naive.models[m].clone();
					let choices: Vec<Option<u32>> = spec
						.datasets
						.iter()
						.zip(&picks)
						.map(|((d, _), p)| {
							let count = naive.snapshots.get(d).map(|s| s.len()).unwrap_or(0);
							p.filter(|_| count > 0).map(|p| (p % count) as u32)
						})
						.collect();
					versions += 1;
					let r = Models::publish_version(
						RuntimeOrigin::signed(spec.owner),
						spec.id,
						H256::repeat_byte(versions),
						BoundedVec::try_from(choices.clone()).unwrap(),
					);
					if r.is_ok() {
						let leaf_counts = spec
							.datasets
							.iter()
							.zip(choices)
							.map(|((d, _), choice)| match choice {
								Some(i) => naive.snapshots[d][i as usize],
								None => naive.snapshot_now(*d),
							})
							.collect();
						naive.models[m].leaf_counts = leaf_counts;
					}
					r
				},
				Op::Infer { model: m, direct, attribution } => {
					let spec = naive.models[m].clone();
					let mut entries: Vec<(ContributionId, Perbill)> = vec![];
					for (p, percent) in attribution {
						if let Some(id) = pick(p) {
							if !entries.iter().any(|(e, _)| *e == id) {
								entries.push((id, Perbill::from_percent(percent)));
							}
						}
					}
					requests += 1;
					let (r, operator) = if direct {
						let r = Inference::pay_inference(
							RuntimeOrigin::signed(spec.consumer),
							spec.id,
							H256::from_low_u64_be(requests),
							H256::zero(),
							BoundedVec::try_from(entries.clone()).unwrap(),
							Balance::MAX,
						)
						.map(|_| ())
						.map_err(|e| e.error);
						(r, spec.owner)
					} else {
						(record(spec.owner, spec.id, spec.consumer, requests, &entries), spec.owner)
					};
					if r.is_ok() {
						naive.pay(m, spec.fee_at(now), operator, &entries);
					}
					r
				},
				Op::Claim { who } => {
					let who = EVERYONE[who];
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
					let spec = &naive.models[m];
					let r = Models::set_fee(RuntimeOrigin::signed(spec.owner), spec.id, fee);
					if r.is_ok() {
						naive.models[m].set_fee(fee, now);
					}
					r
				},
				Op::Wait { blocks } => {
					System::set_block_number(now + blocks);
					Datasets::on_idle(now + blocks, Weight::MAX);
					Inference::on_idle(now + blocks, Weight::MAX);
					Ok(())
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
				let ours = U256::from(Attribution::pending_rewards(&who)) * U256::from(PRECISION);
				let exact = naive.pending_scaled(who);
				let positions = U256::from(
					PositionCount::<Test>::get(who) + emptied.get(&who).copied().unwrap_or(0) + 1,
				);
				// Never more than the exact figure but for the reference's own rounding (far below
				// one planck) and the fractions emptied positions left to their datasets (less
				// than a planck each); never less by more than one planck per position held or
				// emptied.
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
			for spec in &naive.models {
				assert_eq!(
					Attribution::model_revenue(spec.id),
					naive.revenue.get(&spec.id).cloned().unwrap_or_default()
				);
			}
			// The treasury got exactly the protocol's parts, dust, slashes and snapshot fees.
			assert_eq!(free(TREASURY), treasury_start + naive.to_treasury);
			// No money created or destroyed.
			assert_eq!(Balances::total_issuance(), issuance);
		}
	});
}

/// A sequence the property test once found: a position emptied by withdrawal, then claims.
#[test]
fn regression_withdrawn_position_then_claim() {
	use Op::*;
	run(vec![
		Contribute { who: 0, dataset: 2, units: 77 },
		Publish { model: 1, picks: vec![None, None] },
		Infer { model: 1, direct: false, attribution: vec![(20493684, 45)] },
		Withdraw { pick: 605290053580465334 },
		Contribute { who: 3, dataset: 0, units: 561 },
		Contribute { who: 2, dataset: 2, units: 288 },
		Snapshot { dataset: 2 },
		Publish { model: 1, picks: vec![Some(7), None] },
		Infer { model: 1, direct: false, attribution: vec![] },
		Contribute { who: 0, dataset: 1, units: 22 },
		Review { pick: 3, accept: true, keep_percent: 50 },
		Contribute { who: 2, dataset: 1, units: 672 },
		Infer {
			model: 1,
			direct: true,
			attribution: vec![(7887317464397734032, 33), (10343941583802850007, 37)],
		},
		Wait { blocks: UNBONDING_PERIOD },
		Contribute { who: 2, dataset: 2, units: 708 },
		Infer { model: 1, direct: true, attribution: vec![] },
		Claim { who: 2 },
		Slash { pick: 1 },
		Claim { who: 1 },
	]);
}

/// How many sequences the property test runs: `LINEAGE_PROPTEST_CASES`, or 10,000.
fn cases() -> u32 {
	std::env::var("LINEAGE_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000)
}

proptest! {
	#![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]
	#[test]
	fn payouts_match_a_naive_reference(ops in prop::collection::vec(op(), 1..40)) {
		run(ops);
	}
}
