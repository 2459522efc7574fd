//! Governance: the council decides what sudo decides on development chains, each power with its
//! threshold; no other origin can.

use super::*;
use crate::{
	configs::governance::{dynamic_params, MaxCouncilSpend, SessionLength},
	Council, RuntimeEvent, Treasury,
};
use codec::Encode;
use frame_support::{assert_noop, traits::Get, weights::Weight};
use pallet_collective::Instance1;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError,
};

/// A council origin with `ayes` of `of` members in favour.
fn council(ayes: u32, of: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, Instance1>::Members(ayes, of).into()
}

/// Alice proposes `call` to the council with `threshold`; Alice, Bob (and Charlie, for a
/// threshold of 3) vote for it (the proposer's vote is not implied); Dave, who is not on the
/// council, closes it: the motion's dispatch result.
fn pass_motion(call: RuntimeCall, threshold: u32) -> Result<(), DispatchError> {
	let length = call.encoded_size() as u32;
	let hash = BlakeTwo256::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, Instance1>::get();
	System::reset_events();
	assert_ok!(RuntimeCall::Council(pallet_collective::Call::propose {
		threshold,
		proposal: Box::new(call),
		length_bound: length,
	})
	.dispatch(signed(Sr25519Keyring::Alice)));
	// A threshold of one executes the proposal at once.
	if let Some(result) = executed() {
		return result;
	}
	for voter in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.take(threshold as usize)
	{
		assert_ok!(Council::vote(signed(*voter), hash, index, true));
	}
	System::reset_events();
	assert_ok!(Council::close(
		signed(Sr25519Keyring::Dave),
		hash,
		index,
		Weight::from_parts(u64::MAX / 4, u64::MAX / 4),
		length
	));
	executed().expect("the motion was executed")
}

/// The result of the motion executed in the events so far, if any.
fn executed() -> Option<Result<(), DispatchError>> {
	System::events().into_iter().find_map(|record| match record.event {
		RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => Some(result),
		_ => None,
	})
}

/// Whitelists `call` and dispatches it as Root, as one two-thirds council motion does.
fn as_root_by_council(call: RuntimeCall) -> RuntimeCall {
	let hash = BlakeTwo256::hash_of(&call);
	RuntimeCall::Utility(pallet_utility::Call::batch_all {
		calls: vec![
			RuntimeCall::Whitelist(pallet_whitelist::Call::whitelist_call { call_hash: hash }),
			RuntimeCall::Whitelist(
				pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage {
					call: Box::new(call),
				},
			),
		],
	})
}

#[test]
fn a_two_thirds_motion_authorises_a_runtime_upgrade() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let code_hash = H256::repeat_byte(7);
		let upgrade = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		let authorized = || {
			System::events().into_iter().any(|r| {
				matches!(r.event, RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
					code_hash: h, ..
				}) if h == code_hash)
			})
		};
		// One of three is not enough.
		assert!(pass_motion(as_root_by_council(upgrade.clone()), 1).is_err());
		assert!(!authorized());
		let call = as_root_by_council(upgrade);
		let hash = BlakeTwo256::hash_of(&call);
		let free = Balances::free_balance(who(Sr25519Keyring::Alice));
		assert_ok!(pass_motion(call, 2));
		assert!(authorized());
		// The proposer's deposit stays held until anyone releases it, once the motion is closed.
		assert_eq!(
			Balances::reserved_balance(who(Sr25519Keyring::Alice)),
			crate::configs::governance::CouncilProposalDeposit::get()
		);
		assert_ok!(Council::release_proposal_cost(signed(Sr25519Keyring::Dave), hash));
		assert_eq!(Balances::reserved_balance(who(Sr25519Keyring::Alice)), 0);
		assert!(Balances::free_balance(who(Sr25519Keyring::Alice)) >= free);
	});
}

#[test]
fn a_majority_motion_spends_from_the_treasury_up_to_its_limit() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let treasury = TreasuryAccount::get();
		assert_ok!(Balances::transfer_keep_alive(
			signed(Sr25519Keyring::Ferdie),
			treasury.clone().into(),
			500 * UNIT
		));
		let beneficiary = who(Sr25519Keyring::Eve);
		let before = Balances::balance(&beneficiary);
		let spend = |amount| {
			RuntimeCall::Treasury(pallet_treasury::Call::spend {
				asset_kind: Box::new(()),
				amount,
				beneficiary: Box::new(beneficiary.clone()),
				valid_from: None,
			})
		};
		assert_ok!(pass_motion(spend(300 * UNIT), 2));
		assert_ok!(Treasury::payout(signed(Sr25519Keyring::Dave), 0));
		assert_eq!(Balances::balance(&beneficiary), before + 300 * UNIT);
		assert_eq!(Balances::balance(&treasury), EXISTENTIAL_DEPOSIT + 200 * UNIT);
		// A majority may not spend more than its limit in one motion.
		assert_eq!(
			pass_motion(spend(MaxCouncilSpend::get() + 1), 2),
			Err(pallet_treasury::Error::<Runtime>::InsufficientPermission.into())
		);
		// Nobody else can spend.
		assert_noop!(
			Treasury::spend(
				signed(Sr25519Keyring::Alice),
				Box::new(()),
				UNIT,
				Box::new(beneficiary.clone()),
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Treasury::spend(council(1, 3), Box::new(()), UNIT, Box::new(beneficiary), None),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_council_sets_the_validator_set_and_the_session_length() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let dave = who(Sr25519Keyring::Dave);
		let add =
			RuntimeCall::CollatorSelection(pallet_collator_selection::Call::add_invulnerable {
				who: dave.clone(),
			});
		// Dave has no session keys: collator selection refuses him even with the council's
		// approval.
		assert!(pass_motion(add.clone(), 2).is_err());
		let (keys, proof) =
			dev_session_keys(Sr25519Keyring::Dave, sp_keyring::Ed25519Keyring::Dave);
		assert_ok!(crate::Session::set_keys(signed(Sr25519Keyring::Dave), keys, proof));
		assert_ok!(pass_motion(add, 2));
		assert!(pallet_collator_selection::Invulnerables::<Runtime>::get().contains(&dave));

		let period = |blocks| {
			RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
				key_value: crate::configs::governance::RuntimeParameters::Validators(
					dynamic_params::validators::Parameters::SessionPeriod(
						dynamic_params::validators::SessionPeriod,
						Some(blocks),
					),
				),
			})
		};
		assert_eq!(SessionLength::get(), crate::HOURS);
		assert!(pass_motion(period(20), 1).is_err());
		assert_ok!(pass_motion(period(20), 2));
		assert_eq!(SessionLength::get(), 20);
		// Out-of-range values are kept within bounds rather than stopping sessions.
		assert_ok!(pass_motion(period(0), 2));
		assert_eq!(SessionLength::get(), crate::configs::governance::MIN_SESSION);

		for origin in [signed(Sr25519Keyring::Alice), council(1, 3)] {
			assert_noop!(
				crate::CollatorSelection::set_desired_candidates(origin, 3),
				DispatchError::BadOrigin
			);
		}
		assert_ok!(crate::CollatorSelection::set_desired_candidates(council(2, 3), 3));
	});
}

#[test]
fn disputes_and_slashes_are_decided_by_a_council_majority() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		for origin in [signed(Sr25519Keyring::Alice), council(1, 3)] {
			assert_noop!(
				Inference::resolve_dispute(origin.clone(), 0, true),
				DispatchError::BadOrigin
			);
			assert_noop!(Datasets::slash_contribution(origin, 0), DispatchError::BadOrigin);
		}
		// The council's majority passes the origin check: what stops it now is the unknown id.
		assert_noop!(
			Inference::resolve_dispute(council(2, 3), 0, true),
			pallet_inference::Error::<Runtime>::UnknownDispute
		);
		assert_noop!(
			Datasets::slash_contribution(council(2, 3), 0),
			pallet_datasets::Error::<Runtime>::UnknownContribution
		);
	});
}

#[test]
fn the_council_keeps_its_own_membership() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let eve = who(Sr25519Keyring::Eve);
		let add = RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
			who: eve.clone().into(),
		});
		assert_noop!(
			add.clone().dispatch(signed(Sr25519Keyring::Alice)).map_err(|e| e.error),
			DispatchError::BadOrigin
		);
		assert_ok!(pass_motion(add, 2));
		assert!(pallet_collective::Members::<Runtime, Instance1>::get().contains(&eve));
		// A member who is not on the council can not propose.
		assert_noop!(
			Council::propose(
				signed(Sr25519Keyring::Ferdie),
				1,
				Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
				16
			),
			pallet_collective::Error::<Runtime, Instance1>::NotMember
		);
	});
}
