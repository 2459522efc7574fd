//! Lineage's read-only runtime API queries, answered by the runtime code compiled into this node
//! when the queried block runs exactly that code.
//!
//! Every Lineage RPC method is a runtime API call. Through the client, each call instantiates the
//! wasm runtime, crosses the host boundary for every storage read and allocation, and resets the
//! instance's memory afterwards. `perf` over an idle node answering `datasets_contributionProof`
//! one request at a time (`lineage bench rpc-cost`): page faults 17% of the node's CPU, `madvise`
//! 9%, `mprotect` 3%, copies 11%, the wasm code and its host calls 21%, most of the request.
//!
//! So, when the block's `:code` is byte for byte the wasm runtime this node embeds (built from the
//! same source as its native runtime), the query runs the runtime's own API implementation
//! (`impl_runtime_apis!` in `lineage-runtime`), compiled natively, over the same state, read-only.
//! For any other block (a runtime upgrade this binary predates or postdates), and for every
//! block on a node that replaces some of the chain's code (`--wasm-runtime-overrides`,
//! `codeSubstitutes`) or was built with `SKIP_WASM_BUILD`, the on-chain runtime answers, as
//! before. The answer is the same either way; the node's end-to-end tests compare the two
//! (`state_call` against these methods). Frontier's Ethereum RPC reads pallet storage natively
//! for the same reason.
//!
//! Which path answered is counted in the Prometheus metric `lineage_rpc_runtime_queries_total`
//! (label `path`: `native` or `wasm`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use sp_core::{storage::well_known_keys, H256};
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::{Backend as StateBackend, InspectState};
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Opts, PrometheusError, Registry, U64,
};

/// Which runtime answered a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
	/// The runtime compiled into this node.
	Native,
	/// The block's own (wasm) runtime, through the client.
	Wasm,
}

impl Path {
	fn label(self) -> &'static str {
		match self {
			Path::Native => "native",
			Path::Wasm => "wasm",
		}
	}
}

/// Runs read-only runtime API queries natively on blocks whose runtime code is this node's.
pub struct NativeRuntime {
	/// The trie's hash of the wasm runtime this node embeds (blake2-256 of `:code` when a block
	/// runs it); `None` when native answers are off (see [`NativeRuntime::new`]).
	code_hash: Option<H256>,
	/// The metric's two samples, resolved once (a label lookup hashes on every increment).
	counted: Option<[Counter<U64>; 2]>,
}

impl NativeRuntime {
	/// For this node's runtime, counting queries in `registry` if there is one. Native answers
	/// are off when the node runs other code than the chain's for some blocks
	/// (`code_replaced`: `--wasm-runtime-overrides` or the chain spec's `codeSubstitutes`, which
	/// the wasm path applies and a native answer would bypass), and when the node was built with
	/// `SKIP_WASM_BUILD`: the embedded wasm is then absent, or left over from an earlier build
	/// and no longer the native runtime's source.
	pub fn new(code_replaced: bool, registry: Option<&Registry>) -> Result<Self, PrometheusError> {
		let embedded = match option_env!("SKIP_WASM_BUILD") {
			Some(_) => None,
			None => lineage_runtime::WASM_BINARY,
		};
		Self::for_code(if code_replaced { None } else { embedded }, registry)
	}

	/// Whether native answers are on.
	pub fn enabled(&self) -> bool {
		self.code_hash.is_some()
	}

	/// Native queries for blocks whose `:code` is `code` (the wasm built from the source of the
	/// native runtime linked into this binary; anything else only in tests).
	pub fn for_code(
		code: Option<&[u8]>,
		registry: Option<&Registry>,
	) -> Result<Self, PrometheusError> {
		let queries = registry
			.map(|registry| {
				register(
					CounterVec::new(
						Opts::new(
							"lineage_rpc_runtime_queries_total",
							"Lineage RPC runtime API queries, by the runtime that answered them: \
							 native (the block runs the runtime this node was built with) or wasm",
						),
						&["path"],
					)?,
					registry,
				)
			})
			.transpose()?;
		let counted = queries.map(|queries| {
			[Path::Native, Path::Wasm].map(|path| queries.with_label_values(&[path.label()]))
		});
		Ok(Self { code_hash: code.map(|code| H256(sp_io::hashing::blake2_256(code))), counted })
	}

	/// Whether a block whose state is `state` runs this node's runtime code.
	pub fn runs_this_code<S: StateBackend<BlakeTwo256>>(&self, state: &S) -> bool {
		let Some(expected) = self.code_hash else { return false };
		// The trie keeps the value's hash: no need to read the code itself.
		matches!(state.storage_hash(well_known_keys::CODE), Ok(Some(hash)) if hash == expected)
	}

	/// `query`'s answer on `state`, computed natively, if `state` runs this node's runtime code;
	/// `None` if it does not, or if the query panicked (a state the node cannot read, say), for
	/// the caller to ask the block's runtime instead. `name` (the API function) is for the log.
	pub fn run<S, R>(&self, name: &str, state: &S, query: impl FnOnce() -> R) -> Option<R>
	where
		S: StateBackend<BlakeTwo256>,
	{
		if !self.runs_this_code(state) {
			return None;
		}
		// The node's panic handler aborts the process by default: a query must unwind instead.
		let _unwind = sp_panic_handler::AbortGuard::force_unwind();
		match catch_unwind(AssertUnwindSafe(|| state.inspect_state(query))) {
			Ok(answer) => Some(answer),
			Err(_) => {
				log::warn!(
					target: "lineage-rpc",
					"the native runtime query {name} panicked; asking the block's runtime instead"
				);
				None
			},
		}
	}

	/// Counts one query answered by `path` (answered: a query that failed is not counted).
	pub fn count(&self, path: Path) {
		if let Some([native, wasm]) = &self.counted {
			match path {
				Path::Native => native.inc(),
				Path::Wasm => wasm.inc(),
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use lineage_runtime::{AccountId, Runtime};
	use sc_executor::WasmExecutor;
	use sp_core::traits::CallContext;
	use sp_runtime::BuildStorage;
	use sp_state_machine::{
		backend::{BackendRuntimeCode, TryPendingCode},
		OverlayedChanges, StateMachine, TrieBackend,
	};
	use sp_trie::PrefixedMemoryDB;

	type State = TrieBackend<PrefixedMemoryDB<BlakeTwo256>, BlakeTwo256>;

	fn wasm() -> &'static [u8] {
		lineage_runtime::WASM_BINARY
			.expect("these tests need the wasm runtime (no SKIP_WASM_BUILD)")
	}

	/// The dev chain's genesis state, with `code` as its runtime code.
	fn genesis_with_code(code: &[u8]) -> State {
		let spec = crate::chain_spec::development_chain_spec().expect("the dev chain spec");
		let mut storage = spec.build_storage().expect("the dev genesis");
		storage.top.insert(well_known_keys::CODE.to_vec(), code.to_vec());
		State::from((storage, sp_runtime::StateVersion::V1))
	}

	/// `method` of the runtime API, answered by the wasm runtime in `state`.
	fn wasm_call<R: codec::Decode>(state: &State, method: &str, args: &[u8]) -> R {
		let executor = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
		let code = BackendRuntimeCode::new(state, TryPendingCode::No);
		let mut overlay = OverlayedChanges::default();
		let mut extensions = Default::default();
		let encoded = StateMachine::new(
			state,
			&mut overlay,
			&executor,
			method,
			args,
			&mut extensions,
			&code.runtime_code().expect("the runtime code"),
			CallContext::Offchain,
		)
		.execute()
		.expect("the runtime call");
		R::decode(&mut &encoded[..]).expect("the runtime's answer")
	}

	#[test]
	fn queries_run_natively_only_on_blocks_that_run_this_nodes_code() {
		let native = NativeRuntime::new(false, None).unwrap();
		let ours = genesis_with_code(wasm());
		assert!(native.runs_this_code(&ours));
		assert_eq!(native.run("seven", &ours, || 7), Some(7));

		// Another runtime (one byte more than ours, as an upgrade would install): not ours.
		let mut other = wasm().to_vec();
		other.push(0);
		let theirs = genesis_with_code(&other);
		assert!(!native.runs_this_code(&theirs));
		assert_eq!(native.run("seven", &theirs, || 7), None);

		// A node built without the wasm never answers natively.
		let without = NativeRuntime::for_code(None, None).unwrap();
		assert_eq!(without.run("seven", &ours, || 7), None);
		// Nor one that replaces the chain's code (runtime overrides, code substitutes).
		let replaced = NativeRuntime::new(true, None).unwrap();
		assert!(!replaced.enabled() && native.enabled());
		assert_eq!(replaced.run("seven", &ours, || 7), None);
	}

	#[test]
	fn a_native_answer_equals_the_wasm_runtimes() {
		use codec::Encode;
		use pallet_attribution_runtime_api::runtime_decl_for_attribution_api::AttributionApiV1;
		use pallet_datasets_runtime_api::runtime_decl_for_datasets_api::DatasetsApiV1;
		type Block = lineage_runtime::Block;
		type Balance = lineage_runtime::Balance;
		type BlockNumber = lineage_primitives::BlockNumber;

		let native = NativeRuntime::new(false, None).unwrap();
		let state = genesis_with_code(wasm());
		let alice: AccountId = sp_keyring::Sr25519Keyring::Alice.to_account_id();

		let count = native.run("dataset_count", &state, || {
			<Runtime as DatasetsApiV1<Block, AccountId, Balance, BlockNumber>>::dataset_count()
		});
		assert_eq!(count, Some(wasm_call(&state, "DatasetsApi_dataset_count", &[])));
		let dataset = native.run("dataset", &state, || {
			<Runtime as DatasetsApiV1<Block, AccountId, Balance, BlockNumber>>::dataset(0)
		});
		assert_eq!(dataset, Some(wasm_call(&state, "DatasetsApi_dataset", &0u32.encode())));
		let earnings = native.run("earnings", &state, || {
			<Runtime as AttributionApiV1<Block, AccountId, Balance>>::earnings(alice.clone())
		});
		assert_eq!(earnings, Some(wasm_call(&state, "AttributionApi_earnings", &alice.encode())));
	}

	#[test]
	fn a_panicking_query_falls_back_instead_of_aborting_the_node() {
		// The node's panic hook aborts the process on a panic outside an `AbortGuard`: installed
		// in this test binary, it would end every other test too, so the query panics in a
		// child process running only this test, which must exit as a passed test.
		const CHILD: &str = "LINEAGE_NATIVE_PANIC_CHILD";
		if std::env::var_os(CHILD).is_some() {
			sp_panic_handler::set("https://example.invalid/lineage", "test");
			let native = NativeRuntime::new(false, None).unwrap();
			let state = genesis_with_code(wasm());
			let answer = native.run("panics", &state, || -> u32 { panic!("a bug in a query") });
			assert_eq!(answer, None);
			return;
		}
		let child = std::process::Command::new(std::env::current_exe().unwrap())
			.args([
				"--exact",
				"rpc::native::tests::a_panicking_query_falls_back_instead_of_aborting_the_node",
			])
			.args(["--test-threads", "1", "--nocapture"])
			.env(CHILD, "1")
			.output()
			.expect("the test binary runs");
		let stdout = String::from_utf8_lossy(&child.stdout);
		assert!(child.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&child.stderr));
		assert!(stdout.contains("1 passed"), "{stdout}");
	}

	#[test]
	fn answers_are_counted_by_path() {
		let registry = Registry::new();
		let native = NativeRuntime::new(false, Some(&registry)).unwrap();
		native.count(Path::Native);
		native.count(Path::Native);
		native.count(Path::Wasm);
		let counted: Vec<(String, f64)> = registry
			.gather()
			.iter()
			.filter(|family| family.get_name() == "lineage_rpc_runtime_queries_total")
			.flat_map(|family| family.get_metric().iter())
			.map(|m| (m.get_label()[0].get_value().to_string(), m.get_counter().get_value()))
			.collect();
		assert_eq!(counted, vec![("native".to_string(), 2.0), ("wasm".to_string(), 1.0)]);
	}
}
