//! `attribution_*`: what accounts earned, what contributions and models brought in.
//!
//! Amounts are decimal strings (u128 is not safe as a JSON number); accounts are SS58 strings.

use std::sync::Arc;

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use lineage_primitives::{ContributionId, DatasetId, ModelId};
use lineage_runtime::{opaque::Block, AccountId, Balance};
use pallet_attribution_runtime_api::AttributionApi as AttributionRuntimeApi;
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;

use super::{at_or_best, parse_account, runtime_error};

/// What an account earned, as `attribution_earnings` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earnings {
	/// Claimable now.
	pub pending: String,
	/// Claimed so far.
	pub claimed: String,
	/// Earned in all: `pending + claimed`.
	pub earned: String,
	/// The pro-rata part of `pending` per dataset position.
	pub datasets: Vec<DatasetEarnings>,
}

/// The pro-rata rewards an account can claim from one dataset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetEarnings {
	pub dataset_id: DatasetId,
	pub pending: String,
}

/// A model's revenue, as `attribution_modelRevenue` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelRevenue {
	pub fees: String,
	pub contributors: String,
	pub owner: String,
	pub protocol: String,
	pub inferences: u64,
}

/// Earnings and revenue of Proof-of-Attribution payouts.
#[rpc(client, server, namespace = "attribution")]
pub trait AttributionApi<BlockHash> {
	/// What `account` (SS58) can claim now, in plancks, as a decimal string.
	#[method(name = "pendingRewards")]
	fn pending_rewards(&self, account: String, at: Option<BlockHash>) -> RpcResult<String>;

	/// What `account` (SS58) can claim, has claimed and has earned, with the per-dataset part.
	#[method(name = "earnings")]
	fn earnings(&self, account: String, at: Option<BlockHash>) -> RpcResult<Earnings>;

	/// What a contribution earned through explicit attribution, ever (0 for unknown ids).
	#[method(name = "contributionEarnings")]
	fn contribution_earnings(
		&self,
		contribution_id: ContributionId,
		at: Option<BlockHash>,
	) -> RpcResult<String>;

	/// A model's fees and where they went, ever (zeros for unknown ids).
	#[method(name = "modelRevenue")]
	fn model_revenue(&self, model_id: ModelId, at: Option<BlockHash>) -> RpcResult<ModelRevenue>;
}

/// Serves `attribution_*` from the runtime's `AttributionApi`.
pub struct Attribution<C> {
	client: Arc<C>,
}

impl<C> Attribution<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> AttributionApiServer<<Block as sp_runtime::traits::Block>::Hash> for Attribution<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AttributionRuntimeApi<Block, AccountId, Balance>,
{
	fn pending_rewards(
		&self,
		account: String,
		at: Option<<Block as sp_runtime::traits::Block>::Hash>,
	) -> RpcResult<String> {
		let account = parse_account(&account)?;
		let at = at_or_best(&*self.client, at);
		let pending =
			self.client.runtime_api().pending_rewards(at, account).map_err(runtime_error)?;
		Ok(pending.to_string())
	}

	fn earnings(
		&self,
		account: String,
		at: Option<<Block as sp_runtime::traits::Block>::Hash>,
	) -> RpcResult<Earnings> {
		let account = parse_account(&account)?;
		let at = at_or_best(&*self.client, at);
		let e = self.client.runtime_api().earnings(at, account).map_err(runtime_error)?;
		Ok(Earnings {
			pending: e.pending.to_string(),
			claimed: e.claimed.to_string(),
			earned: e.earned.to_string(),
			datasets: e
				.datasets
				.into_iter()
				.map(|(dataset_id, pending)| DatasetEarnings {
					dataset_id,
					pending: pending.to_string(),
				})
				.collect(),
		})
	}

	fn contribution_earnings(
		&self,
		contribution_id: ContributionId,
		at: Option<<Block as sp_runtime::traits::Block>::Hash>,
	) -> RpcResult<String> {
		let at = at_or_best(&*self.client, at);
		let amount = self
			.client
			.runtime_api()
			.contribution_earnings(at, contribution_id)
			.map_err(runtime_error)?;
		Ok(amount.to_string())
	}

	fn model_revenue(
		&self,
		model_id: ModelId,
		at: Option<<Block as sp_runtime::traits::Block>::Hash>,
	) -> RpcResult<ModelRevenue> {
		let at = at_or_best(&*self.client, at);
		let r = self.client.runtime_api().model_revenue(at, model_id).map_err(runtime_error)?;
		Ok(ModelRevenue {
			fees: r.fees.to_string(),
			contributors: r.contributors.to_string(),
			owner: r.owner.to_string(),
			protocol: r.protocol.to_string(),
			inferences: r.inferences,
		})
	}
}
