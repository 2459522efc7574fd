//! Building, signing and submitting transactions, one or many, and reporting what they did.
//!
//! [`Chain::submit_all`] signs many calls with consecutive nonces and submits them all without
//! waiting for each to be included (they land in as few blocks as they fit in), then reports each
//! one's outcome: this is how `contribute --records` sends thousands of records in a block or
//! two.

use crate::{chain::decode_hex, errors::explain, keys, Chain, ClientError, Result};
use codec::Encode;
use futures::future::join_all;
use jsonrpsee::{core::client::SubscriptionClientT, rpc_params};
use lineage_runtime::{
	BlockNumber, Hash, Runtime, RuntimeCall, RuntimeEvent, SignedPayload, TxExtension,
	UncheckedExtrinsic,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{generic::Era, traits::BlakeTwo256, DispatchError};

/// Transactions are valid for this many blocks after they are built.
const MORTALITY: u64 = 64;

/// The pool's "Transaction Already Imported": the transaction is in the pool already.
const ALREADY_IMPORTED: i32 = 1013;

/// How often to look for a new block while waiting for a transaction without a subscription.
const POLL: std::time::Duration = std::time::Duration::from_millis(250);

/// How long to wait for a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
	/// Until it is in a block.
	InBlock,
	/// Until its block is finalised.
	Finalized,
}

/// What a transaction did.
#[derive(Clone, Debug)]
pub struct TxReport {
	pub hash: Hash,
	pub block_hash: Hash,
	pub block_number: u32,
	pub extrinsic_index: u32,
	pub finalized: bool,
	/// The events it caused, in order.
	pub events: Vec<RuntimeEvent>,
	/// `Err` with the decoded reason if its dispatch failed (fees are still paid).
	pub outcome: std::result::Result<(), DispatchError>,
}

impl TxReport {
	/// Ok if the dispatch succeeded, else an error naming the pallet error and its doc line.
	pub fn ensure_success(&self) -> Result<&Self> {
		match &self.outcome {
			Ok(()) => Ok(self),
			Err(e) => Err(ClientError::new(format!(
				"transaction failed in block #{}: {}",
				self.block_number,
				explain(e)
			))),
		}
	}
}

impl Chain {
	/// The next nonce of `who`, counting its transactions in the pool.
	pub async fn next_nonce(&self, who: &lineage_runtime::AccountId) -> Result<u32> {
		self.call("system_accountNextIndex", rpc_params![keys::ss58(who)]).await
	}

	/// Builds and signs a transaction of `call` by `signer` with its next nonce.
	pub async fn sign(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
	) -> Result<UncheckedExtrinsic> {
		let nonce = self.next_nonce(&keys::account_of(signer)).await?;
		self.sign_with_nonce(signer, call, nonce).await
	}

	/// Builds and signs a transaction of `call` by `signer` with nonce `nonce`, mortal from a
	/// recent block (see [`Chain::era`]).
	pub async fn sign_with_nonce(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		nonce: u32,
	) -> Result<UncheckedExtrinsic> {
		let (era, birth_hash) = self.era().await?;
		Ok(self.sign_at(signer, call, nonce, era, birth_hash))
	}

	/// The era transactions are signed with, and its birth block's hash: mortal for
	/// [`MORTALITY`] blocks from the finalised block, or from four blocks below the best one when
	/// finality lags further. Never from the best block itself, even when it is final (instant
	/// seal): a node's transaction pool may not have caught up with it yet, and would refuse the
	/// transaction as born in an unknown ("ancient") block.
	pub async fn era(&self) -> Result<(Era, Hash)> {
		self.era_of(MORTALITY).await
	}

	/// [`Self::era`] with a mortality of `period` blocks instead of [`MORTALITY`] (the load
	/// benchmark signs a whole phase ahead with one long-lived era).
	pub async fn era_of(&self, period: u64) -> Result<(Era, Hash)> {
		let best = self.best_number().await?;
		let finalized = self.finalized_number().await?;
		let reference = era_reference(best, finalized);
		let era = Era::mortal(period, u64::from(reference));
		let birth = u32::try_from(era.birth(u64::from(reference)))
			.map_err(|_| ClientError::new("the era's birth block is out of range"))?;
		Ok((era, self.block_hash(birth).await?))
	}

	/// Signs `call` with an era already chosen (no round trip: for many transactions at once).
	pub fn sign_at(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		nonce: u32,
		era: Era,
		birth_hash: Hash,
	) -> UncheckedExtrinsic {
		let tx_ext: TxExtension = (
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(era),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
			frame_system::WeightReclaim::<Runtime>::new(),
		);
		let implicit = (
			(),
			self.spec_version,
			self.transaction_version,
			self.genesis_hash,
			birth_hash,
			(),
			(),
			(),
			None,
			(),
		);
		let payload = SignedPayload::from_raw(call.clone(), tx_ext.clone(), implicit);
		let signature = payload.using_encoded(|bytes| signer.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			keys::account_of(signer).into(),
			lineage_runtime::Signature::Sr25519(signature),
			tx_ext,
		)
	}

	/// Signs `call`, submits it and waits as asked; reports its block and events. A transaction
	/// the pool refuses (bad nonce, cannot pay fees, invalid) is an error; a dispatch that fails
	/// is reported in [`TxReport::outcome`].
	pub async fn submit(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		wait: Wait,
	) -> Result<TxReport> {
		let extrinsic = self.sign(signer, call).await?;
		self.submit_extrinsic(&extrinsic.encode(), wait).await
	}

	/// Signs `calls` with consecutive nonces, submits them all at once without waiting for each
	/// to be included, and reports each one's outcome, in order.
	pub async fn submit_all(
		&self,
		signer: &sr25519::Pair,
		calls: Vec<RuntimeCall>,
		wait: Wait,
	) -> Result<Vec<Result<TxReport>>> {
		let first = self.next_nonce(&keys::account_of(signer)).await?;
		let (era, birth_hash) = self.era().await?;
		let encoded: Vec<Vec<u8>> = calls
			.into_iter()
			.enumerate()
			.map(|(i, call)| {
				let nonce = first.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
				self.sign_at(signer, call, nonce, era, birth_hash).encode()
			})
			.collect();
		Ok(join_all(encoded.iter().map(|tx| self.submit_extrinsic(tx, wait))).await)
	}

	/// Submits an encoded extrinsic and waits as asked.
	pub async fn submit_extrinsic(&self, encoded: &[u8], wait: Wait) -> Result<TxReport> {
		use sp_runtime::traits::Hash as _;
		let hash = BlakeTwo256::hash(encoded);
		let hex_tx = format!("0x{}", hex::encode(encoded));
		// If the pool already holds it, it is looked for in the blocks from this one on.
		let best_before = self.best_number().await?;
		let subscribed = self
			.rpc
			.subscribe::<serde_json::Value, _>(
				"author_submitAndWatchExtrinsic",
				rpc_params![hex_tx],
				"author_unwatchExtrinsic",
			)
			.await;
		let mut subscription = match subscribed {
			Ok(subscription) => subscription,
			// Submitted twice, or (stable2609's fork-aware pool, polkadot-sdk#11419) once while a
			// block was imported, which copied it into the new block's view before the
			// submission reached that view: either way it is in the pool, and will be included.
			Err(jsonrpsee::core::ClientError::Call(e)) if e.code() == ALREADY_IMPORTED => {
				return self.await_pooled(hash, encoded, best_before, wait).await;
			},
			Err(e) => {
				return Err(ClientError::new(format!("the node refused the transaction: {e}")))
			},
		};
		let mut in_block = None;
		while let Some(status) = subscription.next().await {
			let status = status?;
			if let Some(block) = status.get("inBlock").and_then(|b| b.as_str()) {
				in_block = Some(parse_hash(block)?);
				if wait == Wait::InBlock {
					break;
				}
			} else if let Some(block) = status.get("finalized").and_then(|b| b.as_str()) {
				let block = parse_hash(block)?;
				return self.report(hash, block, true).await;
			} else if let Some(state) = status.as_str() {
				if matches!(state, "dropped" | "invalid") {
					return Err(ClientError::new(format!("the transaction was {state}")));
				}
			} else if status.get("usurped").is_some() || status.get("finalityTimeout").is_some() {
				return Err(ClientError::new(format!("the transaction did not make it: {status}")));
			}
		}
		match in_block {
			Some(block) => self.report(hash, block, false).await,
			None => Err(ClientError::new("the node closed the subscription before inclusion")),
		}
	}

	/// Waits, as `wait` asks, for the transaction `encoded` (of hash `hash`), which the pool said it already held
	/// when it was submitted after block #`before`: looks for it in the best chain's blocks after
	/// that one (no status subscription exists for it) until its era has ended. A transaction
	/// whose nonce was already used and that no block after #`before` holds was on chain before
	/// (a replay): that is an error, at once.
	async fn await_pooled(
		&self,
		hash: Hash,
		encoded: &[u8],
		before: BlockNumber,
		wait: Wait,
	) -> Result<TxReport> {
		use codec::Decode;
		let (signer, nonce) = match UncheckedExtrinsic::decode(&mut &encoded[..]) {
			Ok(UncheckedExtrinsic {
				preamble: sp_runtime::generic::Preamble::Signed(address, _, extension),
				..
			}) => match address {
				sp_runtime::MultiAddress::Id(signer) => (signer, extension.5 .0),
				_ => return Err(ClientError::new("the transaction's signer is not an account id")),
			},
			_ => {
				return Err(ClientError::new(
					"the pool holds it, but it is not a signed transaction",
				))
			},
		};
		// Its era began at or before `before`: past this block it can no longer be included.
		let last = before.saturating_add(MORTALITY as BlockNumber);
		let mut next = before.saturating_add(1);
		loop {
			let (best_hash, best) = self.best().await?;
			// At that block: if used, it was used by that block or one before.
			let nonce_used = self.account(&signer, Some(best_hash)).await?.nonce > nonce;
			let scanned_to = best.min(last);
			while next <= scanned_to {
				let block = self.block_hash(next).await?;
				if self.find_extrinsic(hash, block).await?.is_some() {
					if wait == Wait::InBlock {
						return self.report(hash, block, false).await;
					}
					while self.finalized_number().await? < next {
						tokio::time::sleep(POLL).await;
					}
					// Still on the finalised chain? Else it was reorganised away: look again.
					if self.block_hash(next).await? == block {
						return self.report(hash, block, true).await;
					}
					continue;
				}
				next += 1;
			}
			if nonce_used {
				return Err(ClientError::new(format!(
					"the node refused the transaction: its nonce {nonce} is already used (this \
					 transaction, or another of its signer's, is on chain already)"
				)));
			}
			if next > last {
				return Err(ClientError::new(format!(
					"the transaction {hash:?} was in the pool but no block included it before its \
					 era ended (block #{last})"
				)));
			}
			tokio::time::sleep(POLL).await;
		}
	}

	/// Where the transaction `hash` is in `block`: its index and the block's number, or `None`.
	async fn find_extrinsic(&self, hash: Hash, block: Hash) -> Result<Option<(u32, BlockNumber)>> {
		use sp_runtime::traits::Hash as _;
		let signed: serde_json::Value = self.call("chain_getBlock", rpc_params![block]).await?;
		let extrinsics = signed["block"]["extrinsics"]
			.as_array()
			.ok_or_else(|| ClientError::new("the node returned a block without extrinsics"))?;
		let mut index = None;
		for (i, xt) in extrinsics.iter().enumerate() {
			let bytes = decode_hex(xt.as_str().unwrap_or_default())?;
			if BlakeTwo256::hash(&bytes) == hash {
				index = Some(i as u32);
			}
		}
		let number = crate::chain::HeaderJson {
			number: signed["block"]["header"]["number"].as_str().unwrap_or("0x0").to_string(),
		}
		.number()?;
		Ok(index.map(|index| (index, number)))
	}

	/// What the transaction `hash` did in `block`.
	async fn report(&self, hash: Hash, block: Hash, finalized: bool) -> Result<TxReport> {
		let (index, number) = self
			.find_extrinsic(hash, block)
			.await?
			.ok_or_else(|| ClientError::new("the transaction is not in its block"))?;
		let events: Vec<RuntimeEvent> = self
			.events(block)
			.await?
			.into_iter()
			.filter(|(i, _)| *i == Some(index))
			.map(|(_, e)| e)
			.collect();
		let outcome = events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
					dispatch_error,
					..
				}) => Some(Err(*dispatch_error)),
				_ => None,
			})
			.unwrap_or(Ok(()));
		Ok(TxReport {
			hash,
			block_hash: block,
			block_number: number,
			extrinsic_index: index,
			finalized,
			events,
			outcome,
		})
	}
}

fn parse_hash(text: &str) -> Result<Hash> {
	let bytes = decode_hex(text)?;
	if bytes.len() != 32 {
		return Err(ClientError::new(format!("'{text}' is not a 32-byte hash")));
	}
	Ok(Hash::from_slice(&bytes))
}

/// The block a transaction's era starts from, given the best and the finalised block numbers:
/// the finalised block, or four blocks below the best one when finality lags further, and never
/// the best block itself (see [`Chain::era`]), except on a chain of the genesis block alone.
fn era_reference(best: BlockNumber, finalized: BlockNumber) -> BlockNumber {
	finalized.max(best.saturating_sub(4)).min(best.saturating_sub(1))
}

#[cfg(test)]
mod tests {
	use super::era_reference;

	#[test]
	fn eras_start_below_the_best_block() {
		// Finality keeps up (instant seal finalises every block): one below the best.
		assert_eq!(era_reference(10, 10), 9);
		assert_eq!(era_reference(10, 9), 9);
		// Finality a little behind: the finalised block.
		assert_eq!(era_reference(10, 7), 7);
		// Finality far behind: four below the best.
		assert_eq!(era_reference(100, 3), 96);
		// Only the genesis block: it is the only block there is.
		assert_eq!(era_reference(0, 0), 0);
		assert_eq!(era_reference(1, 0), 0);
	}
}
