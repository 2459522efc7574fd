//! Runtime-level tests: the genesis presets, the pallets wired together as configured here, and
//! the configured bounds against the block limits.

use crate::{
	configs::{DealWithFees, RuntimeBlockWeights, TreasuryAccount, ValidatorPot},
	genesis_config_presets, AccountId, Attribution, Balances, Datasets, Inference, Models, Runtime,
	RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System, EXISTENTIAL_DEPOSIT, UNIT,
};
use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::{
		fungible::{Balanced, Inspect},
		OnUnbalanced,
	},
	BoundedVec,
};
use lineage_primitives::{
	contribution_commitment,
	voucher::{InferenceVoucher, VoucherSignature},
	AttributionMethod, CurationPolicy, RevenueSplit,
};
use sp_core::Pair;
use sp_core::H256;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, Perbill};

/// Merges a JSON patch over a value, as the node does with genesis presets.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Externalities holding the genesis state of a preset.
pub(crate) fn genesis(preset: &str) -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&preset.into()).expect("the preset exists");
	genesis_with(serde_json::from_slice(&patch).unwrap())
}

/// Externalities holding the genesis state of a JSON patch over the default genesis.
pub(crate) fn genesis_with(patch: serde_json::Value) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&config).unwrap(),
		)
		.expect("the preset builds");
		System::set_block_number(1);
	});
	ext
}

fn who(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who(k))
}

fn invariants() {
	Datasets::do_try_state().expect("datasets invariants");
	Models::do_try_state().expect("models invariants");
	Inference::do_try_state().expect("inference invariants");
	Attribution::do_try_state().expect("attribution invariants");
}

#[test]
fn presets_set_up_validators_council_accounts_treasury_and_pot() {
	assert_eq!(
		genesis_config_presets::preset_names(),
		vec![
			sp_genesis_builder::PresetId::from(DEV_RUNTIME_PRESET),
			sp_genesis_builder::PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
			sp_genesis_builder::PresetId::from(genesis_config_presets::PRODUCTION_RUNTIME_PRESET),
		]
	);
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
	for (preset, validators) in [(DEV_RUNTIME_PRESET, 1), (LOCAL_TESTNET_RUNTIME_PRESET, 4)] {
		genesis(preset).execute_with(|| {
			// The validators come from collator selection through the session pallet.
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), validators, "{preset}");
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), validators);
			assert_eq!(pallet_session::Validators::<Runtime>::get().len(), validators);
			assert_eq!(
				pallet_collator_selection::Invulnerables::<Runtime>::get().len(),
				validators
			);
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(who(Sr25519Keyring::Alice)));
			assert_eq!(
				pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
				3
			);
			for k in [Sr25519Keyring::Alice, Sr25519Keyring::Ferdie] {
				assert_eq!(Balances::balance(&who(k)), genesis_config_presets::ENDOWMENT);
			}
			// The treasury, the validators' pot and the attribution pot exist from genesis, so
			// that small amounts can be paid into them.
			assert_eq!(Balances::balance(&TreasuryAccount::get()), EXISTENTIAL_DEPOSIT);
			assert_eq!(Balances::balance(&ValidatorPot::get()), EXISTENTIAL_DEPOSIT);
			assert_eq!(Balances::balance(&Attribution::pot()), EXISTENTIAL_DEPOSIT);
			invariants();
		});
	}
}

/// The production preset has no sudo key and no development account; the operator's keys make
/// its validators and council.
#[test]
fn the_production_preset_has_no_sudo_and_no_dev_accounts() {
	let validator = |seed: &str| genesis_config_presets::GenesisValidator {
		account: sp_core::sr25519::Pair::from_string(seed, None).unwrap().public().into(),
		aura: sp_core::sr25519::Pair::from_string(seed, None).unwrap().public().into(),
		grandpa: sp_core::ed25519::Pair::from_string(seed, None).unwrap().public().into(),
	};
	let council: AccountId =
		sp_core::sr25519::Pair::from_string("//operator-council", None).unwrap().public().into();
	let patch = genesis_config_presets::production_genesis(
		vec![validator("//operator-1"), validator("//operator-2")],
		vec![council.clone()],
		vec![(council.clone(), 1_000 * UNIT)],
	);
	genesis_with(patch).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			vec![council.clone()]
		);
		for k in Sr25519Keyring::iter() {
			assert!(!frame_system::Account::<Runtime>::contains_key(k.to_account_id()), "{k:?}");
		}
		assert_eq!(Balances::balance(&council), 1_000 * UNIT);
		// Each validator holds enough for its session key deposit.
		assert!(Balances::balance(&validator("//operator-1").account) > 0);
	});
	// The preset itself is the empty template production-spec fills in.
	genesis(genesis_config_presets::PRODUCTION_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert!(pallet_aura::Authorities::<Runtime>::get().is_empty());
	});
}

/// The well-known session keys of `k` (sr25519 Aura, ed25519 GRANDPA) and the proof that `k`'s
/// account holds them, as `author_rotateKeysWithOwner` makes it: each key's signature of
/// `"POP_" ‖ SCALE(account)`.
pub(crate) fn dev_session_keys(
	k: Sr25519Keyring,
	ed: sp_keyring::Ed25519Keyring,
) -> (crate::SessionKeys, Vec<u8>) {
	use codec::Encode;
	let statement = sp_core::proof_of_possession::statement_of_ownership(&who(k).encode());
	let proof = (k.pair().sign(&statement), ed.pair().sign(&statement)).encode();
	(crate::SessionKeys { aura: k.public().into(), grandpa: ed.public().into() }, proof)
}

fn next_block() {
	System::set_block_number(System::block_number() + 1);
}

/// A voucher of `consumer` for request `request` of model 0, signed with its real sr25519 key.
fn voucher_record(
	consumer: Sr25519Keyring,
	request: u8,
	attribution: Vec<(u64, Perbill)>,
) -> pallet_inference::InferenceRecord<Runtime> {
	let voucher = InferenceVoucher {
		genesis_hash: System::block_hash(0),
		model_id: 0,
		request_hash: H256::repeat_byte(request),
		max_fee: 4 * UNIT,
		expires_at: System::block_number() + 100,
	};
	let signature = consumer.pair().sign(&voucher.signing_payload());
	pallet_inference::InferenceRecord {
		consumer: who(consumer),
		voucher,
		signature: VoucherSignature::Raw(signature.into()),
		output_hash: H256::repeat_byte(8),
		attribution: BoundedVec::try_from(attribution).unwrap(),
		method: AttributionMethod::Unspecified,
		evidence_hash: H256::zero(),
	}
}

#[test]
fn the_lineage_pallets_work_together_as_configured() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let issuance = Balances::total_issuance();
		let dispatch = |origin: RuntimeOrigin, call: RuntimeCall| {
			assert_ok!(call.dispatch(origin));
		};
		dispatch(
			signed(Sr25519Keyring::Alice),
			pallet_datasets::Call::create_dataset {
				name: BoundedVec::try_from(b"speech".to_vec()).unwrap(),
				description: Default::default(),
				license: Default::default(),
				policy: CurationPolicy::Open,
			}
			.into(),
		);
		// Commit, then reveal a block later.
		let salt = [3u8; 32];
		let contributors = [(Sr25519Keyring::Bob, 3u64, 1u8), (Sr25519Keyring::Charlie, 1, 2)];
		for (k, _, hash) in contributors {
			let commitment = contribution_commitment(&H256::repeat_byte(hash), &who(k), &salt);
			dispatch(signed(k), pallet_datasets::Call::commit { commitment }.into());
		}
		next_block();
		for (k, units, hash) in contributors {
			dispatch(
				signed(k),
				pallet_datasets::Call::contribute {
					dataset_id: 0,
					content_hash: H256::repeat_byte(hash),
					units,
					metadata: Default::default(),
					salt,
				}
				.into(),
			);
		}
		dispatch(
			signed(Sr25519Keyring::Eve),
			pallet_models::Call::register_model {
				name: Default::default(),
				version_hash: H256::zero(),
				datasets: BoundedVec::try_from(vec![pallet_models::DatasetChoice {
					dataset_id: 0,
					weight: Perbill::one(),
					snapshot: None,
				}])
				.unwrap(),
				fee_per_inference: 4 * UNIT,
				split: RevenueSplit {
					contributors: Perbill::from_percent(50),
					owner: Perbill::from_percent(20),
					operator: Perbill::from_percent(5),
					protocol: Perbill::from_percent(25),
				},
			}
			.into(),
		);
		dispatch(
			signed(Sr25519Keyring::Ferdie),
			pallet_inference::Call::authorize {
				model_id: 0,
				max_total: 40 * UNIT,
				max_fee_per_inference: 4 * UNIT,
				operators: None,
			}
			.into(),
		);
		let treasury = Balances::balance(&TreasuryAccount::get());
		dispatch(
			signed(Sr25519Keyring::Eve),
			pallet_inference::Call::record_inferences {
				model_id: 0,
				records: BoundedVec::try_from(vec![voucher_record(
					Sr25519Keyring::Ferdie,
					7,
					vec![],
				)])
				.unwrap(),
			}
			.into(),
		);
		// 4 LIN: 2 to the contributors (Bob 3/4, Charlie 1/4), 0.8 + 0.2 to Eve as owner and as
		// operator, 1 to the treasury.
		assert_eq!(Attribution::pending_rewards(&who(Sr25519Keyring::Bob)), 3 * UNIT / 2);
		assert_eq!(Attribution::pending_rewards(&who(Sr25519Keyring::Charlie)), UNIT / 2);
		assert_eq!(Attribution::pending_rewards(&who(Sr25519Keyring::Eve)), UNIT);
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury + UNIT);
		// A voucher signed by anyone but the consumer is refused with a named error.
		let mut forged = voucher_record(Sr25519Keyring::Ferdie, 8, vec![]);
		forged.signature = VoucherSignature::Raw(
			Sr25519Keyring::Eve.pair().sign(&forged.voucher.signing_payload()).into(),
		);
		let refused = RuntimeCall::from(pallet_inference::Call::record_inferences {
			model_id: 0,
			records: BoundedVec::try_from(vec![forged]).unwrap(),
		})
		.dispatch(signed(Sr25519Keyring::Eve));
		assert_eq!(
			refused.map_err(|e| e.error),
			Err(pallet_inference::Error::<Runtime>::BadVoucherSignature.into())
		);
		let bob = Balances::balance(&who(Sr25519Keyring::Bob));
		dispatch(signed(Sr25519Keyring::Bob), pallet_attribution::Call::claim_rewards {}.into());
		assert_eq!(Balances::balance(&who(Sr25519Keyring::Bob)), bob + 3 * UNIT / 2);
		assert_eq!(Balances::total_issuance(), issuance);
		invariants();
	});
}

/// Transaction fees: 80% to the treasury and 20% to the validators' pot; tips to the pot. Nothing
/// is created or lost.
#[test]
fn transaction_fees_go_to_the_treasury_and_the_validators() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let treasury = Balances::balance(&TreasuryAccount::get());
		let pot = Balances::balance(&ValidatorPot::get());
		let issuance = Balances::total_issuance();
		let withdraw = |amount| {
			Balances::withdraw(
				&who(Sr25519Keyring::Alice),
				amount,
				frame_support::traits::tokens::Precision::Exact,
				frame_support::traits::tokens::Preservation::Preserve,
				frame_support::traits::tokens::Fortitude::Polite,
			)
			.unwrap()
		};
		DealWithFees::on_unbalanceds([withdraw(100 * UNIT), withdraw(7 * UNIT)].into_iter());
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury + 80 * UNIT);
		assert_eq!(Balances::balance(&ValidatorPot::get()), pot + 20 * UNIT + 7 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// The proof size a solo chain block's worst call may need: the relay chain's limit for a
/// parachain block, a bound that keeps block imports and light-client proofs cheap.
const MAX_PROOF_SIZE: u64 = 5 * 1024 * 1024;

/// The largest call each bound allows still fits in a block, in compute time and proof size.
/// The weights are those the calls declare (their benchmarked weight functions, as wired in this
/// runtime).
#[test]
fn the_largest_calls_fit_in_a_block() {
	sp_io::TestExternalities::default().execute_with(the_largest_calls_fit_in_a_block_with_state);
}

fn the_largest_calls_fit_in_a_block_with_state() {
	fn bound<B: frame_support::traits::Get<u32>>() -> usize {
		B::get() as usize
	}
	let max = RuntimeBlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.expect("normal extrinsics are limited");
	let someone = AccountId::new([7; 32]);

	// The largest batch: MaxBatch records carrying MaxBatchAttributions entries in all.
	let per_record = bound::<<Runtime as pallet_inference::Config>::MaxAttributions>();
	let mut entries_left = bound::<<Runtime as pallet_inference::Config>::MaxBatchAttributions>();
	let records: Vec<_> = (0..bound::<<Runtime as pallet_inference::Config>::MaxBatch>())
		.map(|_| {
			let n = entries_left.min(per_record);
			entries_left -= n;
			let mut record = voucher_record(Sr25519Keyring::Ferdie, 1, vec![]);
			record.consumer = someone.clone();
			record.attribution =
				BoundedVec::try_from(vec![(0u64, Perbill::zero()); n]).expect("MaxAttributions");
			record
		})
		.collect();
	assert_eq!(entries_left, 0, "the batch cannot carry MaxBatchAttributions entries");
	let attribution = vec![(0u64, Perbill::zero()); per_record];
	let contributions =
		vec![(H256::zero(), 1u64); bound::<<Runtime as pallet_datasets::Config>::MaxBatch>()];
	let datasets =
		vec![
			pallet_models::DatasetChoice { dataset_id: 0, weight: Perbill::zero(), snapshot: None };
			bound::<<Runtime as pallet_models::Config>::MaxModelDatasets>()
		];
	let cases: Vec<(&str, RuntimeCall)> = vec![
		(
			"record_inferences",
			RuntimeCall::Inference(pallet_inference::Call::record_inferences {
				model_id: 0,
				records: BoundedVec::try_from(records).expect("MaxBatch"),
			}),
		),
		(
			"pay_inference",
			RuntimeCall::Inference(pallet_inference::Call::pay_inference {
				model_id: 0,
				request_hash: H256::zero(),
				output_hash: H256::zero(),
				attribution: BoundedVec::try_from(attribution).expect("MaxAttributions"),
				max_fee: UNIT,
			}),
		),
		(
			"contribute",
			RuntimeCall::Datasets(pallet_datasets::Call::contribute {
				dataset_id: 0,
				content_hash: H256::zero(),
				units: 1,
				metadata: BoundedVec::try_from(vec![
					0u8;
					bound::<
						<Runtime as pallet_datasets::Config>::MaxMetadataLen,
					>()
				])
				.expect("MaxMetadataLen"),
				salt: [0; 32],
			}),
		),
		(
			"contribute_batch",
			RuntimeCall::Datasets(pallet_datasets::Call::contribute_batch {
				dataset_id: 0,
				items: BoundedVec::try_from(contributions).expect("MaxBatch"),
				salt: [0; 32],
			}),
		),
		("claim_rewards", RuntimeCall::Attribution(pallet_attribution::Call::claim_rewards {})),
		(
			"register_model",
			RuntimeCall::Models(pallet_models::Call::register_model {
				name: Default::default(),
				version_hash: H256::zero(),
				datasets: BoundedVec::try_from(datasets).expect("MaxModelDatasets"),
				fee_per_inference: UNIT,
				split: RevenueSplit {
					contributors: Perbill::one(),
					owner: Perbill::zero(),
					operator: Perbill::zero(),
					protocol: Perbill::zero(),
				},
			}),
		),
		(
			"publish_version",
			RuntimeCall::Models(pallet_models::Call::publish_version {
				model_id: 0,
				version_hash: H256::zero(),
				snapshots: Default::default(),
			}),
		),
	];
	for (name, call) in cases {
		let weight = call.get_dispatch_info().call_weight;
		assert!(weight.ref_time() > 0, "{name} declares no weight");
		assert!(weight.all_lte(max), "{name}: {weight:?} does not fit in a block ({max:?})");
		assert!(
			weight.proof_size() <= MAX_PROOF_SIZE,
			"{name}: a proof of {} bytes is more than {MAX_PROOF_SIZE}",
			weight.proof_size()
		);
	}
}

mod governance;
mod validators;

/// Clients build the metadata natively, without any state (the `lineage` client does, to explain
/// errors): no constant may read storage.
#[test]
fn the_metadata_builds_without_state() {
	let metadata = Runtime::metadata_at_version(15).expect("metadata v15");
	assert!(!metadata.is_empty());
}
