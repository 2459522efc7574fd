//! A connection to a Lineage node.

use crate::{ClientError, Result};
use codec::Decode;
use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use lineage_runtime::{AccountId, Balance, BlockNumber, Hash, RuntimeEvent};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// A connection to a Lineage node. `rpc` also speaks the typed Lineage methods
/// (`lineage_rpc_api::DatasetsApiClient` and friends are implemented for it).
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
			.max_concurrent_requests(4096)
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
		// Calls and events are encoded as this client's runtime encodes them: a runtime of another
		// name, or whose transaction version differs, encodes them differently. An upgrade that
		// only bumps the spec version changes neither.
		let ours = lineage_runtime::VERSION;
		if version.spec_name != ours.spec_name
			|| version.transaction_version != ours.transaction_version
		{
			return Err(ClientError::new(format!(
				"{url} runs runtime {} v{} (transaction version {}), but this client was built for \
				 {} v{} (transaction version {}): use the lineage client of that network's release",
				version.spec_name,
				version.spec_version,
				version.transaction_version,
				ours.spec_name,
				ours.spec_version,
				ours.transaction_version
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

	/// Calls any JSON-RPC method by name (the standard ones; the Lineage ones have typed clients).
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
		Ok((hash, self.number_of(hash).await?))
	}

	/// The best block's number (one request, where [`Self::best`] needs two).
	pub async fn best_number(&self) -> Result<BlockNumber> {
		let header: HeaderJson = self.call("chain_getHeader", rpc_params![]).await?;
		header.number()
	}

	/// The number of block `hash`.
	pub async fn number_of(&self, hash: Hash) -> Result<BlockNumber> {
		let header: HeaderJson = self.call("chain_getHeader", rpc_params![hash]).await?;
		header.number()
	}

	/// The hash of block `number` on the best chain.
	pub async fn block_hash(&self, number: BlockNumber) -> Result<Hash> {
		let hash: Option<Hash> = self.call("chain_getBlockHash", rpc_params![number]).await?;
		hash.ok_or_else(|| ClientError::new(format!("the node has no block #{number}")))
	}

	/// The latest finalised block's number.
	pub async fn finalized_number(&self) -> Result<BlockNumber> {
		let hash: Hash = self.call("chain_getFinalizedHead", rpc_params![]).await?;
		self.number_of(hash).await
	}

	/// The raw value at a storage key, at `at` or the best block.
	pub async fn storage_raw(&self, key: Vec<u8>, at: Option<Hash>) -> Result<Option<Vec<u8>>> {
		let key = format!("0x{}", hex::encode(key));
		let value: Option<String> = self.call("state_getStorage", rpc_params![key, at]).await?;
		value.map(|v| decode_hex(&v)).transpose()
	}

	/// The runtime API function `method` with the SCALE-encoded `args`, answered by the chain's
	/// own (wasm) runtime at block `at` or the best block (`state_call`), decoded as `R`.
	pub async fn state_call<R: Decode>(
		&self,
		method: &str,
		args: &[u8],
		at: Option<Hash>,
	) -> Result<R> {
		let args = format!("0x{}", hex::encode(args));
		let reply: String = self.call("state_call", rpc_params![method, args, at]).await?;
		Ok(R::decode(&mut &decode_hex(&reply)?[..])?)
	}

	/// A storage value decoded as `T`.
	pub async fn storage<T: Decode>(&self, key: Vec<u8>, at: Option<Hash>) -> Result<Option<T>> {
		match self.storage_raw(key, at).await? {
			None => Ok(None),
			Some(bytes) => Ok(Some(T::decode(&mut &bytes[..])?)),
		}
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
	) -> Result<frame_system::AccountInfo<lineage_runtime::Nonce, AccountData>> {
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
pub type AccountData = <lineage_runtime::Runtime as frame_system::Config>::AccountData;

/// Bytes from 0x-prefixed hex.
pub fn decode_hex(text: &str) -> Result<Vec<u8>> {
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ClientError::new(format!("invalid hex '{text}': {e}")))
}
