//! The pallets `lineage-node benchmark pallet` measures (built with `--features runtime-benchmarks`),
//! and the set-up the Lineage pallets' benchmarks share (from `lineage-testing`), with real
//! sr25519 keys for the consumers who sign vouchers.

use crate::{AccountId, Balances, Datasets, Models, Runtime, Signature, UNIT};
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_runtime::traits::IdentifyAccount;

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

/// The key type the benchmark consumers' keys are kept under in the benchmark's keystore.
const VOUCHER_KEY: KeyTypeId = KeyTypeId(*b"lvch");

/// The sr25519 key of benchmark consumer `index` (generated in the benchmark's keystore).
fn consumer_key(index: u32) -> sr25519::Public {
	let seed = alloc::format!("//lineage-consumer-{index}");
	sp_io::crypto::sr25519_generate(VOUCHER_KEY, Some(seed.into_bytes()))
}

lineage_testing::impl_benchmark_setup! {
	runtime: Runtime,
	funds: 1_000_000 * UNIT,
	account: |index: u32| -> AccountId { frame_benchmarking::account("lineage", index, 0) },
	consumer: |index: u32| -> AccountId {
		sp_runtime::MultiSigner::from(consumer_key(index)).into_account()
	},
	sign: |who: &AccountId, message: &[u8]| -> Signature {
		let public = sr25519::Public::from_raw(*<AccountId as AsRef<[u8; 32]>>::as_ref(who));
		sp_io::crypto::sr25519_sign(VOUCHER_KEY, &public, message)
			.map(Signature::from)
			.unwrap_or_else(|| Signature::from(sr25519::Signature::from_raw([0; 64])))
	},
}
