//! The validator set: sessions, bonded candidacy, kicks, and GRANDPA equivocation reports.

use super::*;
use crate::{
	configs::governance::SessionLength, genesis_config_presets::CANDIDACY_BOND, CollatorSelection,
	Grandpa, Historical, Session,
};
use codec::Encode;
use frame_support::{
	assert_noop,
	traits::{Get, Hooks, KeyOwnerProofSystem},
};
use pallet_authorship::EventHandler;
use sp_keyring::Ed25519Keyring;

/// Sessions of 10 blocks, as the local testnet check sets them.
fn short_sessions() {
	assert_ok!(crate::Parameters::set_parameter(
		RuntimeOrigin::root(),
		crate::configs::governance::RuntimeParameters::Validators(
			crate::configs::governance::dynamic_params::validators::Parameters::SessionPeriod(
				crate::configs::governance::dynamic_params::validators::SessionPeriod,
				Some(10),
			),
		),
	));
	assert_eq!(SessionLength::get(), 10);
}

/// Runs the session pallet's block hook (sessions rotate in it) and GRANDPA's (it enacts
/// authority set changes) up to block `n`.
fn run_to_block(n: u32) {
	while System::block_number() < n {
		Grandpa::on_finalize(System::block_number());
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
	Grandpa::on_finalize(n);
}

#[test]
fn a_bonded_candidate_with_session_keys_validates_from_the_session_after_next() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		short_sessions();
		let dave = who(Sr25519Keyring::Dave);
		// No session keys, no candidacy.
		assert_noop!(
			CollatorSelection::register_as_candidate(signed(Sr25519Keyring::Dave)),
			pallet_collator_selection::Error::<Runtime>::ValidatorNotRegistered
		);
		let free = Balances::free_balance(&dave);
		// Keys without a valid proof of possession are refused.
		let (keys, proof) = dev_session_keys(Sr25519Keyring::Dave, Ed25519Keyring::Dave);
		let (_, eves_proof) = dev_session_keys(Sr25519Keyring::Eve, Ed25519Keyring::Eve);
		assert_noop!(
			Session::set_keys(signed(Sr25519Keyring::Dave), keys.clone(), eves_proof),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		assert_ok!(Session::set_keys(signed(Sr25519Keyring::Dave), keys, proof));
		assert_ok!(CollatorSelection::register_as_candidate(signed(Sr25519Keyring::Dave)));
		assert_eq!(
			Balances::free_balance(&dave),
			free - CANDIDACY_BOND - crate::configs::validators::SessionKeyDeposit::get()
		);
		// Session 1 (block 10) queues him; session 2 (block 20) makes him a validator.
		run_to_block(10);
		assert!(!Session::validators().contains(&dave));
		run_to_block(20);
		assert!(Session::validators().contains(&dave));
		let dave_aura: sp_consensus_aura::sr25519::AuthorityId =
			Sr25519Keyring::Dave.public().into();
		assert!(pallet_aura::Authorities::<Runtime>::get().contains(&dave_aura));
		assert!(Grandpa::grandpa_authorities()
			.iter()
			.any(|(id, _)| id == &Ed25519Keyring::Dave.public().into()));

		// He leaves when he asks to: his bond comes back.
		assert_ok!(CollatorSelection::leave_intent(signed(Sr25519Keyring::Dave)));
		assert_eq!(
			Balances::free_balance(&dave),
			free - crate::configs::validators::SessionKeyDeposit::get()
		);
	});
}

#[test]
fn a_candidate_that_stops_authoring_is_kicked_and_invulnerables_stay() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		short_sessions();
		let (dave, eve) = (who(Sr25519Keyring::Dave), who(Sr25519Keyring::Eve));
		for (k, ed) in [
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
			(Sr25519Keyring::Eve, Ed25519Keyring::Eve),
		] {
			let (keys, proof) = dev_session_keys(k, ed);
			assert_ok!(Session::set_keys(signed(k), keys, proof));
			assert_ok!(CollatorSelection::register_as_candidate(signed(k)));
		}
		let eve_free = Balances::free_balance(&eve);
		// Dave authors a block every session; Eve never does; neither does the invulnerable Alice.
		// Registering grants `KickThreshold` blocks of grace, and kicks come `KickThreshold` blocks
		// after the last block authored (or the end of the grace): the first session rotation
		// after that kicks her, and the next one makes the set without her.
		let threshold = crate::configs::validators::KickThreshold::get();
		let mut block = 5;
		while block <= 2 * threshold + 30 {
			run_to_block(block);
			CollatorSelection::note_author(dave.clone());
			block += 10;
		}
		let candidates: Vec<AccountId> = pallet_collator_selection::CandidateList::<Runtime>::get()
			.into_iter()
			.map(|c| c.who)
			.collect();
		assert_eq!(candidates, vec![dave.clone()], "Eve was kicked after two sessions");
		assert_eq!(Balances::free_balance(&eve), eve_free + CANDIDACY_BOND, "her bond came back");
		assert!(pallet_collator_selection::Invulnerables::<Runtime>::get()
			.contains(&who(Sr25519Keyring::Alice)));
		assert!(Session::validators().contains(&dave));
		assert!(!Session::validators().contains(&eve));
	});
}

/// A GRANDPA voter that signs two prevotes in one round is reported with a proof of its key's
/// ownership, the offence is recorded, and it is disabled for the rest of the session.
#[test]
fn a_grandpa_equivocation_is_reported_and_the_offender_disabled() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		run_to_block(2);
		let set_id = Grandpa::current_set_id();
		let round = 1;
		let offender: sp_consensus_grandpa::AuthorityId = Ed25519Keyring::Bob.public().into();
		let prevote = |byte: u8| {
			let prevote = finality_grandpa::Prevote {
				target_hash: H256::repeat_byte(byte),
				target_number: 1u32,
			};
			let message = finality_grandpa::Message::Prevote(prevote.clone());
			let payload = sp_consensus_grandpa::localized_payload(round, set_id, &message);
			let signature = Ed25519Keyring::Bob.sign(&payload);
			(prevote, sp_consensus_grandpa::AuthoritySignature::from(signature))
		};
		let proof = sp_consensus_grandpa::EquivocationProof::new(
			set_id,
			sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
				round_number: round,
				identity: offender.clone(),
				first: prevote(1),
				second: prevote(2),
			}),
		);
		let key_owner_proof =
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, offender.encode()))
				.expect("Bob validates");
		// A proof for another key does not pass.
		let wrong_owner = Historical::prove((
			sp_consensus_grandpa::KEY_TYPE,
			Ed25519Keyring::Alice.public().encode(),
		))
		.expect("Alice validates");
		assert!(Grandpa::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(proof.clone()),
			wrong_owner
		)
		.is_err());
		assert!(Session::disabled_validators().is_empty());

		assert_ok!(Grandpa::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(proof.clone()),
			key_owner_proof.clone()
		));
		let bob_index = Session::validators()
			.iter()
			.position(|v| v == &who(Sr25519Keyring::Bob))
			.expect("Bob validates") as u32;
		assert_eq!(Session::disabled_validators(), vec![bob_index]);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			crate::RuntimeEvent::Offences(pallet_offences::Event::Offence { .. })
		)));
		// The same equivocation can not be reported twice.
		assert!(Grandpa::report_equivocation_unsigned(
			RuntimeOrigin::none(),
			Box::new(proof),
			key_owner_proof
		)
		.is_err());
	});
}
