//! `lineage-node benchmark`: measures the runtime's pallets (to generate their `weights.rs`),
//! whole blocks, the per-block and per-extrinsic overhead, blocks full of one extrinsic, the
//! database's reads and writes, and this machine.

use crate::{cli::Cli, service};
use codec::Encode;
use frame_benchmarking_cli::{
	BenchmarkCmd, ExtrinsicBuilder, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE,
};
use lineage_runtime::{opaque::Block, AccountId, Runtime, RuntimeCall, UNIT};
use sc_cli::SubstrateCli;
use sc_client_api::HeaderBackend;
use sp_core::{sr25519, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, OpaqueExtrinsic};
use std::{sync::Arc, time::Duration};

/// Runs one `benchmark` subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Block(cmd) => {
			let sc_service::PartialComponents { client, .. } =
				service::new_partial(&config, false)?;
			cmd.run(client)
		},
		BenchmarkCmd::Overhead(cmd) => {
			cmd.run_with_default_builder_and_spec::<Block, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Extrinsic(cmd) => {
			let sc_service::PartialComponents { client, .. } =
				service::new_partial(&config, false)?;
			let factory = ExtrinsicFactory(vec![
				Box::new(Builder::new(client.clone(), "system", "remark", |nonce| {
					frame_system::Call::<Runtime>::remark { remark: nonce.encode() }.into()
				})),
				Box::new(Builder::new(client.clone(), "balances", "transfer_keep_alive", |_| {
					pallet_balances::Call::<Runtime>::transfer_keep_alive {
						dest: Sr25519Keyring::Bob.to_account_id().into(),
						value: UNIT,
					}
					.into()
				})),
				Box::new(Builder::new(client.clone(), "datasets", "commit", |nonce| {
					// A distinct commitment each time: committing the same one twice is refused.
					pallet_datasets::Call::<Runtime>::commit {
						commitment: sp_core::H256::from(sp_io::hashing::blake2_256(
							&nonce.encode(),
						)),
					}
					.into()
				})),
				Box::new(Builder::new(client.clone(), "datasets", "create_dataset", |nonce| {
					pallet_datasets::Call::<Runtime>::create_dataset {
						name: nonce.to_string().into_bytes().try_into().unwrap_or_default(),
						description: Default::default(),
						license: Default::default(),
						policy: lineage_primitives::CurationPolicy::Open,
					}
					.into()
				})),
			]);
			cmd.run(client, inherent_benchmark_data()?, Vec::new(), &factory)
		},
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
		// The cost of reading and writing the database's keys, measured on its state: run it on a
		// database with a realistic state (scripts/benchmark.sh storage uses the load run's).
		BenchmarkCmd::Storage(cmd) => {
			let sc_service::PartialComponents { client, backend, .. } =
				service::new_partial(&config, false)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		},
	})
}

/// Builds extrinsics of one call for `benchmark extrinsic`, signed by //Alice with consecutive
/// nonces (a block full of them is built and timed).
struct Builder {
	client: Arc<service::FullClient>,
	pallet: &'static str,
	extrinsic: &'static str,
	call: fn(u32) -> RuntimeCall,
}

impl Builder {
	fn new(
		client: Arc<service::FullClient>,
		pallet: &'static str,
		extrinsic: &'static str,
		call: fn(u32) -> RuntimeCall,
	) -> Self {
		Self { client, pallet, extrinsic, call }
	}
}

impl ExtrinsicBuilder for Builder {
	fn pallet(&self) -> &str {
		self.pallet
	}

	fn extrinsic(&self) -> &str {
		self.extrinsic
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let signed =
			signed_extrinsic(&self.client, Sr25519Keyring::Alice.pair(), (self.call)(nonce), nonce);
		Ok(signed.into())
	}
}

/// `call` signed by `sender` with `nonce`, immortal, as a wallet would sign it for this chain.
fn signed_extrinsic(
	client: &service::FullClient,
	sender: sr25519::Pair,
	call: RuntimeCall,
	nonce: u32,
) -> lineage_runtime::UncheckedExtrinsic {
	let genesis_hash = client.hash(0).ok().flatten().unwrap_or_default();
	let tx_ext: lineage_runtime::TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let version = lineage_runtime::VERSION;
	let implicit = (
		(),
		version.spec_version,
		version.transaction_version,
		genesis_hash,
		genesis_hash,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = lineage_runtime::SignedPayload::from_raw(call.clone(), tx_ext.clone(), implicit);
	let signature = payload.using_encoded(|bytes| sender.sign(bytes));
	lineage_runtime::UncheckedExtrinsic::new_signed(
		call,
		AccountId::from(sender.public()).into(),
		lineage_runtime::Signature::Sr25519(signature),
		tx_ext,
	)
}

/// The inherent data of a benchmark block: the wall-clock timestamp.
fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut data = InherentData::new();
	// Timestamp 0: the blocks the benchmarks build carry no Aura pre-runtime digest, so the
	// runtime's current slot stays 0, and pallet-aura requires the timestamp to fall in it.
	let timestamp = sp_timestamp::InherentDataProvider::new(Duration::from_millis(0).into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut data))
		.map_err(|e| format!("creating the inherent data: {e:?}"))?;
	Ok(data)
}
