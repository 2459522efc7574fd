//! Who decides: the council, the treasury, runtime upgrades and the chain's parameters.
//!
//! A council (`pallet-collective`, its members kept by `pallet-membership`) holds every power
//! that sudo holds on development chains:
//! - **runtime upgrades and any other Root call**, by a two-thirds motion through
//!   `pallet-whitelist`: the motion whitelists the call's hash and dispatches it as Root
//!   (`utility.batch_all([whitelist.whitelist_call(h), whitelist.dispatch_whitelisted_call_with_preimage(call)])`);
//!   an upgrade is best made as `system.authorize_upgrade(code_hash)`, after which anyone may
//!   submit the code with `system.apply_authorized_upgrade`;
//! - **treasury spends** (`pallet-treasury`), by a simple-majority motion, up to
//!   [`MaxCouncilSpend`] each;
//! - **the validator set**: invulnerables, candidacy bond and desired candidates
//!   (`pallet-collator-selection`), and the session length ([`dynamic_params`]), by two thirds;
//! - **attribution disputes and contribution slashes** (`DisputeOrigin`, `SlashOrigin` of the
//!   Lineage pallets), by a simple majority;
//! - **its own membership**, by two thirds.
//!
//! Root (sudo, on development chains only) can do all of it too. A production chain has no sudo
//! key (the `production` genesis preset).

use super::*;
use frame_support::{
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	traits::{
		fungible::HoldConsideration, tokens::pay::PayFromAccount, AsEnsureOriginWithArg, EitherOf,
		EitherOfDiverse, LinearStoragePrice,
	},
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureWithSuccess};
use pallet_collective::{EnsureProportionAtLeast, EnsureProportionMoreThan};
use sp_runtime::{
	traits::{ConstU128, IdentityLookup},
	Permill,
};

use crate::{Balances, Council, Preimage, RuntimeHoldReason, DAYS, HOURS};

/// The council's instance of pallet-collective and pallet-membership.
pub type CouncilCollective = pallet_collective::Instance1;

/// More than half of the council.
pub type CouncilMajority = EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>;
/// At least two thirds of the council.
pub type CouncilTwoThirds = EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
/// Root, or more than half of the council.
pub type RootOrCouncilMajority = EitherOfDiverse<EnsureRoot<AccountId>, CouncilMajority>;
/// Root, or at least two thirds of the council.
pub type RootOrCouncilTwoThirds = EitherOfDiverse<EnsureRoot<AccountId>, CouncilTwoThirds>;

parameter_types! {
	/// A motion not closed within three days can be closed by anyone, counting abstentions as
	/// the prime member votes.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 32;
	/// A motion may not carry more than half a block's weight.
	pub MaxCouncilProposalWeight: Weight =
		Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
	/// Held from the member who proposes a motion, until it is closed.
	pub const CouncilProposalDeposit: Balance = 10 * UNIT;
	pub const CouncilProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Membership is managed by pallet-membership; Root can still reset it.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = RootOrCouncilTwoThirds;
	type KillOrigin = RootOrCouncilTwoThirds;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		CouncilProposalHoldReason,
		pallet_collective::deposit::Constant<CouncilProposalDeposit>,
		u32,
	>;
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = RootOrCouncilTwoThirds;
	type RemoveOrigin = RootOrCouncilTwoThirds;
	type SwapOrigin = RootOrCouncilTwoThirds;
	type ResetOrigin = RootOrCouncilTwoThirds;
	type PrimeOrigin = RootOrCouncilTwoThirds;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Approved `spend_local` proposals are paid every six days.
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	/// A spend must be paid out within 30 days of becoming payable.
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	/// The most one council motion may spend.
	pub const MaxCouncilSpend: Balance = 100_000 * UNIT;
	pub const MaxTreasuryApprovals: u32 = 100;
	/// Nothing is burnt: funds stay in the treasury until spent.
	pub const TreasuryBurn: Permill = Permill::zero();
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = RootOrCouncilMajority;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = TreasuryBurn;
	/// The same account the Lineage pallets pay the protocol share, dust and slashes into.
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = MaxTreasuryApprovals;
	type SpendOrigin = EitherOf<
		EnsureRootWithSuccess<AccountId, ConstU128<{ Balance::MAX }>>,
		EnsureWithSuccess<CouncilMajority, AccountId, MaxCouncilSpend>,
	>;
	/// LIN only.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = frame_support::traits::tokens::UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = MICRO_UNIT * 10;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = RootOrCouncilTwoThirds;
	type DispatchWhitelistedOrigin = RootOrCouncilTwoThirds;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = ConstU32<{ 7 * DAYS }>;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_whitelist::weights::SubstrateWeight<Runtime>;
}

/// Parameters governance changes without a runtime upgrade (`parameters.set_parameter`).
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// The validator set.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod validators {
		/// Blocks per session (validator sets change at session boundaries); read through
		/// [`SessionLength`](super::super::SessionLength), which keeps it between 10 blocks and a day.
		#[codec(index = 0)]
		pub static SessionPeriod: BlockNumber = HOURS;
	}
}

/// The shortest and longest sessions the session length parameter can set.
pub const MIN_SESSION: BlockNumber = 10;
pub const MAX_SESSION: BlockNumber = DAYS;

/// The session length: the `SessionPeriod` parameter, kept within [`MIN_SESSION`] and
/// [`MAX_SESSION`] (a zero period would never end a session).
pub struct SessionLength;
impl Get<BlockNumber> for SessionLength {
	fn get() -> BlockNumber {
		dynamic_params::validators::SessionPeriod::get().clamp(MIN_SESSION, MAX_SESSION)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Validators(dynamic_params::validators::Parameters::SessionPeriod(
			dynamic_params::validators::SessionPeriod,
			Some(MIN_SESSION),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = AsEnsureOriginWithArg<RootOrCouncilTwoThirds>;
	type WeightInfo = ();
}
