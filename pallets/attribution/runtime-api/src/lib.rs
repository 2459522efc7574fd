//! Runtime API of the attribution pallet, served by the node as `attribution_*` JSON-RPC methods.
#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
use lineage_primitives::{AccountEarnings, ContributionId, ModelId, ModelRevenue};

sp_api::decl_runtime_apis! {
	/// Reads earnings and revenue figures.
	pub trait AttributionApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// What an account can claim now.
		fn pending_rewards(account: AccountId) -> Balance;
		/// What an account can claim, has claimed and has earned, with the per-dataset part.
		fn earnings(account: AccountId) -> AccountEarnings<Balance>;
		/// What a contribution earned through explicit attribution, ever.
		fn contribution_earnings(contribution_id: ContributionId) -> Balance;
		/// A model's fees and where they went, ever.
		fn model_revenue(model_id: ModelId) -> ModelRevenue<Balance>;
		/// The account that holds fees until they are claimed.
		fn pot_account() -> AccountId;
	}
}
