//! A client for Lineage nodes: what `lineage-node`'s user commands (and the end-to-end tests)
//! use to read the chain and submit signed transactions over JSON-RPC.
//!
//! Transactions are built with the runtime's own types (`RuntimeCall`, `TxExtension`), so they
//! always match the runtime this binary was built with; [`Chain::connect`] checks that the node
//! runs the same `spec_version`.

pub mod commands;
pub mod errors;
pub mod keys;
pub mod tx;

use codec::{Decode, Encode};
use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use lineage_runtime::{AccountId, Balance, BlockNumber, Hash, RuntimeEvent};
use serde::de::DeserializeOwned;
use std::time::Duration;

pub use errors::ClientError;
pub use tx::{TxReport, Wait};

/// A `Result` whose error says what went wrong in words.
pub type Result<T> = std::result::Result<T, ClientError>;

/// A connection to a Lineage node.
pub struct Chain {
	pub rpc: WsClient,
	pub url: String,
	pub genesis_hash: Hash,
	pub spec_version: u32,
	pub transaction_version: u32,
}

/// The runtime version fields the client needs.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuntimeVersionJson {
	spec_name: String,
	spec_version: u32,
	transaction_version: u32,
}

/// The header fields the client needs.
#[derive(serde::Deserialize)]
pub struct HeaderJson {
	pub number: String,
}

impl HeaderJson {
	/// The block number (the JSON carries it as hex).
	pub fn number(&self) -> Result<BlockNumber> {
		u32::from_str_radix(self.number.trim_start_matches("0x"), 16)
			.map_err(|e| ClientError::new(format!("bad block number '{}': {e}", self.number)))
	}
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`) and reads the chain's identity.
	pub async fn connect(url: &str) -> Result<Self> {
		let rpc = WsClientBuilder::default()
			.request_timeout(Duration::from_secs(120))
			.max_response_size(64 * 1024 * 1024)
			.build(url)
			.await
			.map_err(|e| {
				ClientError::new(format!(
					"cannot connect to {url}: {e} (is a node running there? start one with \
					 ./scripts/run-dev.sh)"
				))
			})?;
		let genesis_hash: Hash = rpc.request("chain_getBlockHash", rpc_params![0u32]).await?;
		let version: RuntimeVersionJson =
			rpc.request("state_getRuntimeVersion", rpc_params![]).await?;
		let ours = lineage_runtime::VERSION;
		if version.spec_name != ours.spec_name || version.spec_version != ours.spec_version {
			return Err(ClientError::new(format!(
				"{url} runs runtime {} v{}, but this lineage-node was built for {} v{}: use the \
				 lineage-node of that network's release",
				version.spec_name, version.spec_version, ours.spec_name, ours.spec_version
			)));
		}
		Ok(Self {
			rpc,
			url: url.to_string(),
			genesis_hash,
			spec_version: version.spec_version,
			transaction_version: version.transaction_version,
		})
	}

	/// Calls any JSON-RPC method.
	pub async fn call<R: DeserializeOwned>(
		&self,
		method: &str,
		params: jsonrpsee::core::params::ArrayParams,
	) -> Result<R> {
		Ok(self.rpc.request(method, params).await?)
	}

	/// The best block's hash and number.
	pub async fn best(&self) -> Result<(Hash, BlockNumber)> {
		let hash: Hash = self.call("chain_getBlockHash", rpc_params![]).await?;
		let header: HeaderJson = self.call("chain_getHeader", rpc_params![hash]).await?;
		Ok((hash, header.number()?))
	}

	/// The latest finalised block's number.
	pub async fn finalized_number(&self) -> Result<BlockNumber> {
		let hash: Hash = self.call("chain_getFinalizedHead", rpc_params![]).await?;
		let header: HeaderJson = self.call("chain_getHeader", rpc_params![hash]).await?;
		header.number()
	}

	/// The raw value at a storage key, at `at` or the best block.
	pub async fn storage_raw(&self, key: Vec<u8>, at: Option<Hash>) -> Result<Option<Vec<u8>>> {
		let key = format!("0x{}", hex::encode(key));
		let value: Option<String> = self.call("state_getStorage", rpc_params![key, at]).await?;
		value.map(|v| decode_hex(&v)).transpose()
	}

	/// A storage value decoded as `T`.
	pub async fn storage<T: Decode>(&self, key: Vec<u8>, at: Option<Hash>) -> Result<Option<T>> {
		match self.storage_raw(key, at).await? {
			None => Ok(None),
			Some(bytes) => Ok(Some(T::decode(&mut &bytes[..])?)),
		}
	}

	/// Calls a runtime API function (`Api_method`) with SCALE-encoded `args`.
	pub async fn runtime_call<R: Decode>(
		&self,
		method: &str,
		args: impl Encode,
		at: Option<Hash>,
	) -> Result<R> {
		let data = format!("0x{}", hex::encode(args.encode()));
		let result: String = self.call("state_call", rpc_params![method, data, at]).await?;
		Ok(R::decode(&mut &decode_hex(&result)?[..])?)
	}

	/// The free balance of an account.
	pub async fn free_balance(&self, who: &AccountId, at: Option<Hash>) -> Result<Balance> {
		Ok(self.account(who, at).await?.data.free)
	}

	/// An account's nonce and balances.
	pub async fn account(
		&self,
		who: &AccountId,
		at: Option<Hash>,
	) -> Result<frame_system::AccountInfo<lineage_runtime::Nonce, pallet_balances_data::AccountData>>
	{
		let key = frame_system::Account::<lineage_runtime::Runtime>::hashed_key_for(who);
		Ok(self.storage(key, at).await?.unwrap_or_default())
	}

	/// The events of a block, with the index of the extrinsic that caused each (None for events
	/// of block initialisation and finalisation).
	pub async fn events(&self, block: Hash) -> Result<Vec<(Option<u32>, RuntimeEvent)>> {
		let key = frame_support::storage::storage_prefix(b"System", b"Events").to_vec();
		let records: Vec<frame_system::EventRecord<RuntimeEvent, Hash>> =
			self.storage(key, Some(block)).await?.unwrap_or_default();
		Ok(records
			.into_iter()
			.map(|r| {
				let index = match r.phase {
					frame_system::Phase::ApplyExtrinsic(i) => Some(i),
					_ => None,
				};
				(index, r.event)
			})
			.collect())
	}
}

/// The balances of an account, as the runtime stores them.
pub mod pallet_balances_data {
	/// `pallet_balances::AccountData<Balance>` of the runtime.
	pub type AccountData = <lineage_runtime::Runtime as frame_system::Config>::AccountData;
}

/// Bytes from 0x-prefixed hex.
pub fn decode_hex(text: &str) -> Result<Vec<u8>> {
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ClientError::new(format!("invalid hex '{text}': {e}")))
}

/// A number of plancks shown in LIN (12 decimals), for people.
pub fn format_lin(amount: Balance) -> String {
	let unit = lineage_runtime::UNIT;
	let whole = amount / unit;
	let fraction = amount % unit;
	if fraction == 0 {
		format!("{whole} LIN")
	} else {
		let digits = format!("{fraction:012}");
		format!("{whole}.{} LIN", digits.trim_end_matches('0'))
	}
}
