//! Who validates: sessions, bonded candidacy and equivocation reports.
//!
//! The validator set is chosen by `pallet-collator-selection`: a set of invulnerables (appointed
//! by governance) and up to `DesiredCandidates` candidates who bond `CandidacyBond` and are kicked
//! (bond returned) when they author no block for [`KickThreshold`] (two hours). `pallet-session` rotates the set
//! every `SessionPeriod` blocks (a dynamic parameter, see [`super::governance`]) and hands the new
//! Aura and GRANDPA keys to the consensus pallets: a validator that joins in session `n` authors
//! from session `n + 2`.
//!
//! GRANDPA equivocations are reported by the nodes (an unsigned `report_equivocation_unsigned` with
//! a historical key-ownership proof) and recorded by `pallet-offences`; the offender is then
//! disabled for the rest of the session, so its Aura blocks are refused. Collator selection has no
//! slashing, so there is none; a disabled candidate authors nothing and is kicked by the rule
//! above. Aura has no equivocation reporting in FRAME.

use super::*;
use alloc::vec::Vec;
use sp_runtime::{traits::OpaqueKeys, Perbill};
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity, OnOffenceHandler},
	SessionIndex,
};

use crate::{Aura, CollatorSelection, Historical, Offences, Session, SessionKeys, HOURS};

/// How many past sessions keep their validator sets provable (for equivocation reports), and
/// how many GRANDPA set ids are remembered: a week of one-hour sessions.
pub const HISTORY_DEPTH: SessionIndex = 168;

parameter_types! {
	pub const CollatorPotId: PalletId = PalletId(*b"lin/pot_");
	/// Equivocation reports are accepted for a week.
	pub const ReportLongevity: u64 = 7 * 24 * HOURS as u64;
	/// Held while an account has session keys set (their storage).
	pub const SessionKeyDeposit: Balance = UNIT;
}

parameter_types! {
	/// A candidate that authored nothing for two hours (two sessions of the default length) is
	/// kicked. A constant, as wallets read it from the metadata: it does not follow the session
	/// length parameter.
	pub const KickThreshold: BlockNumber = 2 * HOURS;
}

/// Sessions of `SessionLength` blocks, starting at block 0.
pub type Sessions = pallet_session::PeriodicSessions<super::governance::SessionLength, ConstU32<0>>;

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = CollatorSelection;
}

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = super::governance::RootOrCouncilTwoThirds;
	type PotId = CollatorPotId;
	type MaxCandidates = ConstU32<32>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<16>;
	type KickThreshold = KickThreshold;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, SelectedValidators>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Collator selection has no exposure to identify a validator by: its account is enough.
	type FullIdentification = ();
	type FullIdentificationOf = UnitIdentification;
}

/// Every validator is fully identified by its account.
pub struct UnitIdentification;
impl sp_runtime::traits::Convert<AccountId, Option<()>> for UnitIdentification {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}

/// Collator selection as the session manager, with the identification the historical session
/// pallet keeps; old sessions are pruned after [`HISTORY_DEPTH`].
pub struct SelectedValidators;
impl pallet_session::SessionManager<AccountId> for SelectedValidators {
	fn new_session(index: SessionIndex) -> Option<Vec<AccountId>> {
		<CollatorSelection as pallet_session::SessionManager<_>>::new_session(index)
	}
	fn end_session(index: SessionIndex) {
		Historical::prune_up_to(index.saturating_sub(HISTORY_DEPTH));
		<CollatorSelection as pallet_session::SessionManager<_>>::end_session(index)
	}
	fn start_session(index: SessionIndex) {
		<CollatorSelection as pallet_session::SessionManager<_>>::start_session(index)
	}
}
impl pallet_session::historical::SessionManager<AccountId, ()> for SelectedValidators {
	fn new_session(index: SessionIndex) -> Option<Vec<(AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session(index)
			.map(|validators| validators.into_iter().map(|v| (v, ())).collect())
	}
	fn start_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::start_session(index)
	}
	fn end_session(index: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::end_session(index)
	}
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = DisableOffenders;
}

/// Disables each reported offender for the rest of the session (through pallet-session's
/// disabling strategy, which keeps at least two thirds of the validators enabled). Collator
/// selection has no slashing to apply.
pub struct DisableOffenders;
impl OnOffenceHandler<AccountId, pallet_session::historical::IdentificationTuple<Runtime>, Weight>
	for DisableOffenders
{
	fn on_offence(
		offenders: &[OffenceDetails<
			AccountId,
			pallet_session::historical::IdentificationTuple<Runtime>,
		>],
		slash_fraction: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		// An offence of an earlier session concerns a set that is no longer active.
		if session != Session::current_index() {
			return db.reads(1);
		}
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			let (validator, ()) = &details.offender;
			// A fraction of zero still disables: the offence is proven.
			Session::report_offence(validator.clone(), OffenceSeverity(*fraction));
		}
		db.reads_writes(2, 1).saturating_mul(offenders.len() as u64).saturating_add(db.reads(1))
	}
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<{ HISTORY_DEPTH as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	/// A validator disabled for an offence may not author.
	type DisabledValidators = Session;
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

/// Unsigned transactions the runtime creates itself (GRANDPA equivocation reports).
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = crate::UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> crate::UncheckedExtrinsic {
		crate::UncheckedExtrinsic::new_bare(call)
	}
}
