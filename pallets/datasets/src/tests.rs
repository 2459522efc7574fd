//! Unit tests: every call, every refusal, and the Merkle commitment.

use crate::{
	mock::{Datasets, *},
	*,
};
use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		tokens::Preservation,
	},
	BoundedVec,
};
use lineage_primitives::merkle;
use sp_core::H256;
use sp_runtime::DispatchError;

fn bytes<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	BoundedVec::try_from(s.as_bytes().to_vec()).unwrap()
}

fn hash(n: u32) -> H256 {
	merkle::sha256(&n.to_le_bytes())
}

fn create(owner: AccountId, policy: CurationPolicy) -> DatasetId {
	let id = NextDatasetId::<Test>::get();
	assert_ok!(Datasets::create_dataset(
		RuntimeOrigin::signed(owner),
		bytes("speech"),
		bytes("transcribed speech"),
		bytes("CC-BY-4.0"),
		policy
	));
	id
}

fn contribute(who: AccountId, dataset: DatasetId, n: u32, units: u64) -> ContributionId {
	let id = NextContributionId::<Test>::get();
	assert_ok!(Datasets::contribute(
		RuntimeOrigin::signed(who),
		dataset,
		hash(n),
		units,
		Default::default()
	));
	id
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Datasets(reason), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn status(id: ContributionId) -> Option<ContributionStatus> {
	Contributions::<Test>::get(id).map(|c| c.status)
}

#[test]
fn create_dataset_assigns_ids_from_zero_and_holds_the_deposit() {
	test(|| {
		assert_eq!(create(ALICE, CurationPolicy::Open), 0);
		assert_eq!(create(ALICE, CurationPolicy::Curated), 1);
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), 2 * DATASET_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::DatasetCreated { dataset_id: 1, owner: ALICE, policy: CurationPolicy::Curated }
				.into()
		);
		let details = Datasets::dataset_details(0).unwrap();
		assert_eq!(details.owner, ALICE);
		assert_eq!(details.name, b"speech".to_vec());
		assert_eq!(details.license, b"CC-BY-4.0".to_vec());
		assert_eq!(details.status, DatasetStatus::Active);
		assert_eq!(details.merkle_root, merkle::empty_root());
		assert_eq!(details.leaf_count, 0);
		assert!(Datasets::dataset_details(2).is_none());
	});
}

#[test]
fn create_dataset_refuses_unsigned_and_poor_callers() {
	test(|| {
		let call = || {
			Datasets::create_dataset(
				RuntimeOrigin::none(),
				bytes("x"),
				bytes("x"),
				bytes("x"),
				CurationPolicy::Open,
			)
		};
		assert_noop!(call(), DispatchError::BadOrigin);
		assert_noop!(
			Datasets::create_dataset(
				RuntimeOrigin::signed(POOR),
				bytes("x"),
				bytes("x"),
				bytes("x"),
				CurationPolicy::Open
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn oversize_names_and_batches_do_not_decode() {
	test(|| {
		// A name one byte over `MaxNameLen` cannot even be decoded into a call.
		let long_name = vec![b'n'; 33];
		let mut encoded = vec![];
		// pallet index of Datasets in the mock, call index 0 (create_dataset)
		encoded.push(2u8);
		encoded.push(0u8);
		long_name.encode_to(&mut encoded);
		b"d".to_vec().encode_to(&mut encoded);
		b"l".to_vec().encode_to(&mut encoded);
		CurationPolicy::Open.encode_to(&mut encoded);
		assert!(RuntimeCall::decode(&mut &encoded[..]).is_err());
		// The same call with a name within the bound decodes.
		let mut ok = vec![2u8, 0u8];
		vec![b'n'; 32].encode_to(&mut ok);
		b"d".to_vec().encode_to(&mut ok);
		b"l".to_vec().encode_to(&mut ok);
		CurationPolicy::Open.encode_to(&mut ok);
		assert!(RuntimeCall::decode(&mut &ok[..]).is_ok());

		// A batch of MaxBatch + 1 records does not decode.
		let items: Vec<(H256, u64)> = (0..9).map(|i| (hash(i), 1)).collect();
		assert!(BatchOf::<Test>::decode(&mut &items.encode()[..]).is_err());
		let items: Vec<(H256, u64)> = (0..8).map(|i| (hash(i), 1)).collect();
		assert!(BatchOf::<Test>::decode(&mut &items.encode()[..]).is_ok());
	});
}

#[test]
fn contribute_to_open_dataset_is_accepted_at_once() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		let metadata: ContributionMetadata<Test> = bytes("text/plain");
		assert_ok!(Datasets::contribute(
			RuntimeOrigin::signed(BOB),
			dataset,
			hash(1),
			7,
			metadata.clone()
		));
		let c = Contributions::<Test>::get(0).unwrap();
		assert_eq!(c.status, ContributionStatus::Accepted);
		assert_eq!(c.leaf_index, Some(0));
		assert_eq!(c.metadata, metadata);
		let deposit = CONTRIBUTION_DEPOSIT + DEPOSIT_PER_BYTE * 10;
		assert_eq!(c.deposit, deposit);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), deposit);

		let d = Datasets::dataset_details(dataset).unwrap();
		assert_eq!((d.accepted_units, d.accepted_count, d.pending_count), (7, 1, 0));
		assert_eq!(d.leaf_count, 1);
		let leaf = Datasets::leaf_of(0, &c).hash();
		assert_eq!(d.merkle_root, leaf);
		assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
		assert_eq!(ContributionCount::<Test>::get(BOB), 1);
		assert_eq!(observed(), vec![Observed::Accepted(dataset, 0, BOB, 7)]);
		assert!(System::events().iter().any(|r| r.event
			== Event::ContributionSubmitted {
				contribution_id: 0,
				dataset_id: dataset,
				contributor: BOB,
				content_hash: hash(1),
				units: 7
			}
			.into()));
		assert_eq!(
			last_event(),
			Event::ContributionAccepted {
				contribution_id: 0,
				dataset_id: dataset,
				contributor: BOB,
				reviewer: None,
				leaf_index: 0,
				merkle_root: leaf
			}
			.into()
		);
	});
}

#[test]
fn contribute_to_curated_dataset_waits_for_review() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		let id = contribute(BOB, dataset, 1, 5);
		assert_eq!(status(id), Some(ContributionStatus::Pending));
		let d = Datasets::dataset_details(dataset).unwrap();
		assert_eq!(
			(d.accepted_units, d.accepted_count, d.pending_count, d.leaf_count),
			(0, 0, 1, 0)
		);
		assert!(observed().is_empty());
		assert_eq!(Contributions::<Test>::get(id).unwrap().leaf_index, None);
	});
}

#[test]
fn the_first_record_of_a_hash_owns_it_everywhere() {
	test(|| {
		let open = create(ALICE, CurationPolicy::Open);
		let curated = create(ALICE, CurationPolicy::Curated);
		contribute(BOB, open, 1, 5);
		for (who, dataset) in [(BOB, open), (CHARLIE, open), (CHARLIE, curated)] {
			assert_noop!(
				Datasets::contribute(
					RuntimeOrigin::signed(who),
					dataset,
					hash(1),
					5,
					Default::default()
				),
				Error::<Test>::DuplicateContent
			);
		}
		assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
	});
}

#[test]
fn contribute_refuses_bad_input() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		assert_noop!(
			Datasets::contribute(RuntimeOrigin::signed(BOB), 9, hash(1), 5, Default::default()),
			Error::<Test>::UnknownDataset
		);
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				dataset,
				hash(1),
				0,
				Default::default()
			),
			Error::<Test>::ZeroUnits
		);
		assert_noop!(
			Datasets::contribute(RuntimeOrigin::none(), dataset, hash(1), 1, Default::default()),
			DispatchError::BadOrigin
		);
		// POOR has 15 and must keep 1 (the existential deposit): a 10 + 10 byte deposit is too much.
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(POOR),
				dataset,
				hash(1),
				1,
				bytes("0123456789")
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn frozen_datasets_refuse_contributions_until_reactivated() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		assert_ok!(Datasets::set_dataset_status(
			RuntimeOrigin::signed(ALICE),
			dataset,
			DatasetStatus::Frozen
		));
		assert_eq!(
			last_event(),
			Event::DatasetStatusChanged { dataset_id: dataset, status: DatasetStatus::Frozen }
				.into()
		);
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				dataset,
				hash(1),
				1,
				Default::default()
			),
			Error::<Test>::DatasetFrozen
		);
		let items = BoundedVec::try_from(vec![(hash(2), 1)]).unwrap();
		assert_noop!(
			Datasets::contribute_batch(RuntimeOrigin::signed(BOB), dataset, items),
			Error::<Test>::DatasetFrozen
		);
		assert_ok!(Datasets::set_dataset_status(
			RuntimeOrigin::signed(ALICE),
			dataset,
			DatasetStatus::Active
		));
		contribute(BOB, dataset, 1, 1);
	});
}

#[test]
fn set_dataset_status_is_for_the_owner_only() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		assert_noop!(
			Datasets::set_dataset_status(
				RuntimeOrigin::signed(BOB),
				dataset,
				DatasetStatus::Frozen
			),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Datasets::set_dataset_status(
				RuntimeOrigin::signed(ALICE),
				dataset,
				DatasetStatus::Active
			),
			Error::<Test>::StatusUnchanged
		);
		assert_noop!(
			Datasets::set_dataset_status(RuntimeOrigin::signed(ALICE), 7, DatasetStatus::Frozen),
			Error::<Test>::UnknownDataset
		);
	});
}

#[test]
fn contribute_batch_is_all_or_nothing() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		contribute(CHARLIE, dataset, 100, 1);
		let batch = |items: Vec<(H256, u64)>| {
			Datasets::contribute_batch(
				RuntimeOrigin::signed(BOB),
				dataset,
				BoundedVec::try_from(items).unwrap(),
			)
		};
		assert_noop!(batch(vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			batch(vec![(hash(1), 1), (hash(2), 2), (hash(1), 3)]),
			Error::<Test>::DuplicateInBatch
		);
		// The third record is already owned by Charlie: nothing of the batch is recorded.
		assert_noop!(
			batch(vec![(hash(1), 1), (hash(2), 2), (hash(100), 3)]),
			Error::<Test>::DuplicateContent
		);
		assert_noop!(batch(vec![(hash(1), 1), (hash(2), 0)]), Error::<Test>::ZeroUnits);
		assert_noop!(
			Datasets::contribute_batch(
				RuntimeOrigin::signed(BOB),
				5,
				BoundedVec::try_from(vec![(hash(1), 1)]).unwrap()
			),
			Error::<Test>::UnknownDataset
		);

		assert_ok!(batch(vec![(hash(1), 1), (hash(2), 2), (hash(3), 3)]));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 3 * CONTRIBUTION_DEPOSIT);
		assert_eq!(ContributionCount::<Test>::get(BOB), 3);
		let d = Datasets::dataset_details(dataset).unwrap();
		assert_eq!((d.accepted_units, d.accepted_count, d.leaf_count), (7, 4, 4));
		assert_eq!(
			(1..=3).map(status).collect::<Vec<_>>(),
			vec![Some(ContributionStatus::Accepted); 3]
		);
	});
}

#[test]
fn contribute_batch_refuses_what_the_caller_cannot_afford() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		let items = BoundedVec::try_from(vec![(hash(1), 1), (hash(2), 1)]).unwrap();
		assert_noop!(
			Datasets::contribute_batch(RuntimeOrigin::signed(POOR), dataset, items),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn owner_and_curators_review_others_cannot() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, BOB));
		let a = contribute(CHARLIE, dataset, 1, 3);
		let b = contribute(CHARLIE, dataset, 2, 4);
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(DAVE), a, true),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(CHARLIE), a, true),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datasets::review_contribution(RuntimeOrigin::signed(BOB), a, true));
		assert_eq!(
			last_event(),
			Event::ContributionAccepted {
				contribution_id: a,
				dataset_id: dataset,
				contributor: CHARLIE,
				reviewer: Some(BOB),
				leaf_index: 0,
				merkle_root: Commitments::<Test>::get(dataset).root,
			}
			.into()
		);
		assert_ok!(Datasets::review_contribution(RuntimeOrigin::signed(ALICE), b, true));
		let d = Datasets::dataset_details(dataset).unwrap();
		assert_eq!(
			(d.accepted_units, d.accepted_count, d.pending_count, d.leaf_count),
			(7, 2, 0, 2)
		);
		assert_eq!(
			observed(),
			vec![
				Observed::Accepted(dataset, a, CHARLIE, 3),
				Observed::Accepted(dataset, b, CHARLIE, 4)
			]
		);
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(ALICE), a, false),
			Error::<Test>::NotPending
		);
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(ALICE), 42, true),
			Error::<Test>::UnknownContribution
		);
	});
}

#[test]
fn rejection_slashes_part_of_the_deposit_and_frees_the_hash() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		let issuance = Balances::total_issuance();
		let treasury_before = Balances::balance(&TREASURY);
		let charlie_before = Balances::total_balance(&CHARLIE);
		// 10 + 1 byte of metadata = 11: half, rounded down, is slashed.
		assert_ok!(Datasets::contribute(
			RuntimeOrigin::signed(CHARLIE),
			dataset,
			hash(1),
			3,
			bytes("x")
		));
		assert_ok!(Datasets::review_contribution(RuntimeOrigin::signed(ALICE), 0, false));
		assert_eq!(
			last_event(),
			Event::ContributionRejected {
				contribution_id: 0,
				dataset_id: dataset,
				contributor: CHARLIE,
				reviewer: ALICE,
				slashed: 5
			}
			.into()
		);
		assert_eq!(Balances::balance(&TREASURY), treasury_before + 5);
		assert_eq!(Balances::total_balance(&CHARLIE), charlie_before - 5);
		assert_eq!(held(CHARLIE, HoldReason::ContributionDeposit), 0);
		// Nothing was created or destroyed.
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(Contributions::<Test>::get(0).is_none());
		assert_eq!(Datasets::content_owner(hash(1)), None);
		assert_eq!(ContributionCount::<Test>::get(CHARLIE), 0);
		assert_eq!(Datasets::dataset_details(dataset).unwrap().pending_count, 0);
		assert!(observed().is_empty());
		// The hash is free again: Dave may record it.
		let again = contribute(DAVE, dataset, 1, 3);
		assert_eq!(Datasets::content_owner(hash(1)), Some((DAVE, again)));
	});
}

#[test]
fn curators_are_managed_by_the_owner_within_bounds() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(BOB), dataset, CHARLIE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(ALICE), 3, CHARLIE),
			Error::<Test>::UnknownDataset
		);
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, BOB));
		assert_eq!(last_event(), Event::CuratorAdded { dataset_id: dataset, curator: BOB }.into());
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, BOB),
			Error::<Test>::AlreadyCurator
		);
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, CHARLIE));
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, DAVE));
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, POOR),
			Error::<Test>::TooManyCurators
		);
		let mut curators = Datasets::dataset_details(dataset).unwrap().curators;
		curators.sort();
		assert_eq!(curators, vec![BOB, CHARLIE, DAVE]);

		assert_noop!(
			Datasets::remove_curator(RuntimeOrigin::signed(BOB), dataset, BOB),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Datasets::remove_curator(RuntimeOrigin::signed(ALICE), dataset, POOR),
			Error::<Test>::UnknownCurator
		);
		assert_ok!(Datasets::remove_curator(RuntimeOrigin::signed(ALICE), dataset, BOB));
		assert_eq!(
			last_event(),
			Event::CuratorRemoved { dataset_id: dataset, curator: BOB }.into()
		);
		// A removed curator can no longer review.
		let id = contribute(POOR, dataset, 1, 1);
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(BOB), id, true),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), dataset, POOR));
	});
}

#[test]
fn withdrawal_stops_counting_returns_the_deposit_and_keeps_ownership() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		let free_before = Balances::reducible_balance(
			&BOB,
			Preservation::Expendable,
			frame_support::traits::tokens::Fortitude::Polite,
		);
		assert_ok!(Datasets::contribute(
			RuntimeOrigin::signed(BOB),
			dataset,
			hash(1),
			5,
			bytes("meta")
		));
		contribute(CHARLIE, dataset, 2, 2);
		let root_before = Commitments::<Test>::get(dataset).root;
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 9),
			Error::<Test>::UnknownContribution
		);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(
			last_event(),
			Event::ContributionWithdrawn {
				contribution_id: 0,
				dataset_id: dataset,
				contributor: BOB
			}
			.into()
		);
		let c = Contributions::<Test>::get(0).unwrap();
		assert_eq!(c.status, ContributionStatus::Withdrawn);
		assert_eq!(c.deposit, 0);
		assert!(c.metadata.is_empty());
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(
			Balances::reducible_balance(
				&BOB,
				Preservation::Expendable,
				frame_support::traits::tokens::Fortitude::Polite
			),
			free_before
		);
		let d = Datasets::dataset_details(dataset).unwrap();
		assert_eq!((d.accepted_units, d.accepted_count, d.leaf_count), (2, 1, 2));
		// The commitment is append-only: withdrawing does not change it.
		assert_eq!(d.merkle_root, root_before);
		assert_eq!(observed().last(), Some(&Observed::Withdrawn(dataset, 0, BOB, 5)));
		// The ownership record stays.
		assert_eq!(Datasets::content_owner(hash(1)), Some((BOB, 0)));
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(CHARLIE),
				dataset,
				hash(1),
				1,
				Default::default()
			),
			Error::<Test>::DuplicateContent
		);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::AlreadyWithdrawn
		);
	});
}

#[test]
fn pending_contributions_can_be_withdrawn_and_no_longer_reviewed() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		let id = contribute(BOB, dataset, 1, 5);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), id));
		let d = Datasets::dataset_details(dataset).unwrap();
		assert_eq!((d.pending_count, d.accepted_count), (0, 0));
		assert!(observed().is_empty());
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(ALICE), id, true),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn an_observer_refusal_refuses_the_change() {
	test(|| {
		let open = create(ALICE, CurationPolicy::Open);
		let curated = create(ALICE, CurationPolicy::Curated);
		let pending = contribute(BOB, curated, 1, 5);
		let accepted = contribute(BOB, open, 2, 5);
		OBSERVER_FAILS.with(|f| *f.borrow_mut() = true);
		assert_noop!(
			Datasets::review_contribution(RuntimeOrigin::signed(ALICE), pending, true),
			DispatchError::Other("observer refuses")
		);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), accepted),
			DispatchError::Other("observer refuses")
		);
		assert_noop!(
			Datasets::contribute(RuntimeOrigin::signed(BOB), open, hash(3), 1, Default::default()),
			DispatchError::Other("observer refuses")
		);
		OBSERVER_FAILS.with(|f| *f.borrow_mut() = false);
	});
}

#[test]
fn every_accepted_contribution_is_provable_against_the_on_chain_root() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Curated);
		let mut accepted = vec![];
		for n in 0..13u32 {
			let id =
				contribute(if n % 2 == 0 { BOB } else { CHARLIE }, dataset, n, u64::from(n) + 1);
			// Reject every fourth: it is never committed.
			let accept = n % 4 != 3;
			assert_ok!(Datasets::review_contribution(RuntimeOrigin::signed(ALICE), id, accept));
			if accept {
				accepted.push(id);
			}
		}
		// A withdrawn contribution stays provable (the commitment is append-only).
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), accepted[0]));
		let details = Datasets::dataset_details(dataset).unwrap();
		assert_eq!(details.leaf_count, accepted.len() as u64);

		for id in &accepted {
			let proof = Datasets::contribution_proof(*id).unwrap();
			assert_eq!(proof.root, details.merkle_root);
			assert_eq!(proof.leaf.contribution_id, *id);
			// The verifier alone, from the leaf's fields.
			assert!(merkle::verify_inclusion(
				&details.merkle_root,
				&proof.leaf.hash(),
				proof.leaf_index,
				proof.leaf_count,
				&proof.proof
			));
			// A tampered leaf (another content hash, more units, another owner) fails.
			let mut tampered = proof.leaf.clone();
			tampered.content_hash = hash(999);
			assert!(!merkle::verify_inclusion(
				&details.merkle_root,
				&tampered.hash(),
				proof.leaf_index,
				proof.leaf_count,
				&proof.proof
			));
			let mut tampered = proof.leaf.clone();
			tampered.units += 1;
			assert!(!merkle::verify_inclusion(
				&details.merkle_root,
				&tampered.hash(),
				proof.leaf_index,
				proof.leaf_count,
				&proof.proof
			));
			// A tampered proof fails.
			if let Some(first) = proof.proof.first() {
				let mut bad = proof.proof.clone();
				bad[0] = H256::repeat_byte(first.0[0].wrapping_add(1));
				assert!(!merkle::verify_inclusion(
					&details.merkle_root,
					&proof.leaf.hash(),
					proof.leaf_index,
					proof.leaf_count,
					&bad
				));
			}
		}
		// Pending, rejected and unknown contributions have no proof.
		let pending = contribute(BOB, dataset, 500, 1);
		assert!(Datasets::contribution_proof(pending).is_none());
		assert!(Datasets::contribution_proof(3).is_none());
		assert!(Datasets::contribution_proof(10_000).is_none());
	});
}

#[test]
fn account_contributions_are_paged() {
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		let mine: Vec<_> = (0..7).map(|n| contribute(BOB, dataset, n, 1)).collect();
		contribute(CHARLIE, dataset, 100, 1);
		let mut seen = vec![];
		let mut cursor = None;
		loop {
			let (page, next) = Datasets::account_contributions(BOB, cursor, 3);
			assert!(page.len() <= 3);
			seen.extend(page);
			match next {
				Some(last) => cursor = Some(last),
				None => break,
			}
		}
		seen.sort();
		assert_eq!(seen, mine);
		assert_eq!(Datasets::account_contributions(DAVE, None, 10), (vec![], None));
	});
}

#[test]
fn deposits_are_conserved_through_a_whole_lifecycle() {
	test(|| {
		let issuance = Balances::total_issuance();
		let total = |who: AccountId| Balances::total_balance(&who);
		let before: Vec<_> = [ALICE, BOB, CHARLIE, TREASURY].iter().map(|w| total(*w)).collect();

		let dataset = create(ALICE, CurationPolicy::Curated);
		let a = contribute(BOB, dataset, 1, 1);
		let b = contribute(BOB, dataset, 2, 1);
		let c = contribute(CHARLIE, dataset, 3, 1);
		assert_ok!(Datasets::review_contribution(RuntimeOrigin::signed(ALICE), a, true));
		assert_ok!(Datasets::review_contribution(RuntimeOrigin::signed(ALICE), b, false));
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), a));
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), c));

		let after: Vec<_> = [ALICE, BOB, CHARLIE, TREASURY].iter().map(|w| total(*w)).collect();
		// Only the slash of b (5) moved from Bob to the treasury; the dataset deposit is still held.
		assert_eq!(after[0], before[0]);
		assert_eq!(after[1], before[1] - 5);
		assert_eq!(after[2], before[2]);
		assert_eq!(after[3], before[3] + 5);
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), DATASET_DEPOSIT);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn the_provider_trait_reports_contributions_and_datasets() {
	use lineage_primitives::traits::ContributionsProvider;
	test(|| {
		let dataset = create(ALICE, CurationPolicy::Open);
		let id = contribute(BOB, dataset, 1, 9);
		let c = <Datasets as ContributionsProvider<AccountId>>::contribution(id).unwrap();
		assert_eq!(
			(c.contributor, c.dataset_id, c.units, c.status),
			(BOB, dataset, 9, ContributionStatus::Accepted)
		);
		let d = <Datasets as ContributionsProvider<AccountId>>::dataset(dataset).unwrap();
		assert_eq!((d.owner, d.status, d.accepted_units), (ALICE, DatasetStatus::Active, 9));
		assert!(<Datasets as ContributionsProvider<AccountId>>::contribution(5).is_none());
		assert!(<Datasets as ContributionsProvider<AccountId>>::dataset(5).is_none());
	});
}

#[test]
fn running_out_of_ids_or_overflowing_a_sum_is_a_named_error() {
	test(|| {
		NextDatasetId::<Test>::put(DatasetId::MAX);
		assert_noop!(
			Datasets::create_dataset(
				RuntimeOrigin::signed(ALICE),
				bytes("x"),
				bytes("x"),
				bytes("x"),
				CurationPolicy::Open
			),
			Error::<Test>::NoIdsLeft
		);
		NextDatasetId::<Test>::put(0);
		let dataset = create(ALICE, CurationPolicy::Open);
		NextContributionId::<Test>::put(ContributionId::MAX);
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				dataset,
				hash(1),
				1,
				Default::default()
			),
			Error::<Test>::NoIdsLeft
		);
		NextContributionId::<Test>::put(0);
		// A dataset whose accepted units are at the top of u128 cannot take more.
		crate::pallet::Datasets::<Test>::mutate(dataset, |d| {
			d.as_mut().unwrap().accepted_units = u128::MAX
		});
		assert_noop!(
			Datasets::contribute(
				RuntimeOrigin::signed(BOB),
				dataset,
				hash(1),
				1,
				Default::default()
			),
			Error::<Test>::Overflow
		);
		crate::pallet::Datasets::<Test>::mutate(dataset, |d| {
			d.as_mut().unwrap().accepted_units = 0
		});
	});
}
