//! The pallets `lineage-node benchmark pallet` measures (built with `--features runtime-benchmarks`),
//! and the set-up the Lineage pallets' benchmarks need from each other.

use crate::{AccountId, Balance, Balances, Datasets, Models, Runtime, UNIT};
use alloc::vec::Vec;
use frame_support::traits::{fungible::Mutate, Get};
use lineage_primitives::{ContributionId, CurationPolicy, DatasetId, ModelId, RevenueSplit};
use sp_runtime::Perbill;

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_datasets, Datasets]
	[pallet_models, Models]
	[pallet_inference, Inference]
	[pallet_attribution, Attribution]
);

/// Creates datasets, contributions and models with the real pallets.
pub struct LineageBenchmarkSetup;

impl LineageBenchmarkSetup {
	fn funded(index: u32) -> AccountId {
		let who: AccountId = frame_benchmarking::account("lineage", index, 0);
		let amount: Balance = 1_000_000 * UNIT;
		Balances::set_balance(&who, amount);
		who
	}

	fn dataset(owner: &AccountId) -> DatasetId {
		Balances::set_balance(owner, 1_000_000 * UNIT);
		Datasets::do_create_dataset(
			owner.clone(),
			Default::default(),
			Default::default(),
			Default::default(),
			CurationPolicy::Open,
		)
		.expect("the owner is funded")
	}

	fn contribution(who: &AccountId, dataset: DatasetId, n: u64) -> ContributionId {
		// Unique per dataset, so that set-ups can be repeated for other datasets.
		let hash = lineage_primitives::merkle::sha256(&codec::Encode::encode(&(dataset, n)));
		Datasets::do_contribute(who, dataset, hash, 10, Default::default())
			.expect("the contributor is funded and the hash is new")
	}
}

impl pallet_models::BenchmarkHelper<AccountId> for LineageBenchmarkSetup {
	fn create_dataset(owner: &AccountId) -> DatasetId {
		Self::dataset(owner)
	}
}

impl pallet_attribution::BenchmarkHelper<AccountId> for LineageBenchmarkSetup {
	fn positions_for(who: &AccountId, n: u32) -> Vec<DatasetId> {
		let owner = Self::funded(u32::MAX);
		(0..n)
			.map(|i| {
				let dataset = Self::dataset(&owner);
				Self::contribution(who, dataset, u64::from(i) + (1 << 40));
				dataset
			})
			.collect()
	}
}

impl pallet_inference::BenchmarkHelper<AccountId> for LineageBenchmarkSetup {
	fn model_with_contributors(
		owner: &AccountId,
		contributors: u32,
		attributions: u32,
	) -> (ModelId, Vec<ContributionId>) {
		let n = <Runtime as pallet_models::Config>::MaxModelDatasets::get();
		let datasets: Vec<DatasetId> = (0..n).map(|_| Self::dataset(owner)).collect();
		let first = datasets.first().copied().unwrap_or_default();
		// Every dataset has accepted units, so each inference credits (and writes) every pool:
		// the worst case of the payout.
		for (i, dataset) in datasets.iter().enumerate() {
			Self::contribution(owner, *dataset, (1 << 41) + i as u64);
		}
		let mut contributions = Vec::new();
		for c in 0..contributors.max(attributions) {
			let who = Self::funded(c);
			contributions.push(Self::contribution(&who, first, u64::from(c)));
			if c % 1024 == 1023 {
				// Up to 100,000 contributions are set up in one block: keep its event list short.
				frame_system::Pallet::<Runtime>::reset_events();
			}
		}
		let weights: Vec<_> =
			datasets.iter().copied().zip(lineage_primitives::equal_shares(n)).collect();
		let model = Models::do_register(
			owner.clone(),
			Default::default(),
			Default::default(),
			weights.try_into().expect("n == MaxModelDatasets"),
			UNIT,
			RevenueSplit {
				contributors: Perbill::from_percent(70),
				owner: Perbill::from_percent(20),
				protocol: Perbill::from_percent(10),
			},
		)
		.expect("valid terms");
		contributions.truncate(attributions as usize);
		(model, contributions)
	}
}
