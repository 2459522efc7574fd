//! Inference vouchers: a consumer's signed consent to be charged for one inference.
//!
//! A voucher names the chain (its genesis hash), the model, the consumer's request, the most the
//! consumer will pay for it and the block from which it is no longer valid. The consumer signs
//! [`InferenceVoucher::signing_payload`] with the chain's own signature scheme
//! (`MultiSignature`: sr25519, ed25519 or ecdsa); an operator can only charge what a consumer
//! signed. Browser wallets (polkadot.js extension, Talisman, SubWallet) sign raw bytes wrapped in
//! `<Bytes>…</Bytes>`; [`VoucherSignature::Wrapped`] says a signature is over that wrapping.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::traits::{IdentifyAccount, Verify};

use crate::ModelId;

/// Prefixed to every voucher before it is signed, so that a voucher signature can never be
/// mistaken for the signature of anything else (a transaction, another chain's message).
pub const VOUCHER_CONTEXT: &[u8] = b"lineage/inference-voucher/v1";

/// What browser wallets put around the bytes they are asked to sign.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// See [`WRAP_PREFIX`].
pub const WRAP_SUFFIX: &[u8] = b"</Bytes>";

/// A consumer's consent to pay at most `max_fee` for the inference of `request_hash` by model
/// `model_id`, on the chain with genesis `genesis_hash`, in any block before `expires_at`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct InferenceVoucher<Balance, BlockNumber> {
	pub genesis_hash: H256,
	pub model_id: ModelId,
	pub request_hash: H256,
	pub max_fee: Balance,
	/// The first block in which the voucher is no longer valid.
	pub expires_at: BlockNumber,
}

impl<Balance: Encode, BlockNumber: Encode> InferenceVoucher<Balance, BlockNumber> {
	/// The bytes a consumer signs: [`VOUCHER_CONTEXT`] followed by the SCALE encoding of the
	/// voucher.
	pub fn signing_payload(&self) -> Vec<u8> {
		let mut payload = VOUCHER_CONTEXT.to_vec();
		self.encode_to(&mut payload);
		payload
	}

	/// [`Self::signing_payload`] as browser wallets sign it: inside `<Bytes>…</Bytes>`.
	pub fn wrapped_payload(&self) -> Vec<u8> {
		let mut payload = WRAP_PREFIX.to_vec();
		payload.extend_from_slice(&self.signing_payload());
		payload.extend_from_slice(WRAP_SUFFIX);
		payload
	}
}

/// A consumer's signature of a voucher, and which bytes it signed.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum VoucherSignature<Signature> {
	/// Over [`InferenceVoucher::signing_payload`] (the `lineage` client, subxt, any key).
	Raw(Signature),
	/// Over [`InferenceVoucher::wrapped_payload`] (browser wallets' `signRaw`).
	Wrapped(Signature),
}

impl<Signature: Verify> VoucherSignature<Signature> {
	/// Whether this is `signer`'s signature of `voucher`. One signature check.
	pub fn verify<Balance: Encode, BlockNumber: Encode>(
		&self,
		voucher: &InferenceVoucher<Balance, BlockNumber>,
		signer: &<Signature::Signer as IdentifyAccount>::AccountId,
	) -> bool {
		match self {
			Self::Raw(signature) => signature.verify(&voucher.signing_payload()[..], signer),
			Self::Wrapped(signature) => signature.verify(&voucher.wrapped_payload()[..], signer),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{sr25519, Pair};
	use sp_runtime::{traits::IdentifyAccount, MultiSignature, MultiSigner};

	fn voucher() -> InferenceVoucher<u128, u32> {
		InferenceVoucher {
			genesis_hash: H256::repeat_byte(7),
			model_id: 3,
			request_hash: H256::repeat_byte(9),
			max_fee: 1_000,
			expires_at: 100,
		}
	}

	#[test]
	fn a_signature_is_valid_for_its_voucher_and_signer_only() {
		let pair = sr25519::Pair::from_string("//Ferdie", None).unwrap();
		let other = sr25519::Pair::from_string("//Eve", None).unwrap();
		let account = MultiSigner::from(pair.public()).into_account();
		let v = voucher();
		let raw = VoucherSignature::Raw(MultiSignature::from(pair.sign(&v.signing_payload())));
		let wrapped =
			VoucherSignature::Wrapped(MultiSignature::from(pair.sign(&v.wrapped_payload())));
		assert!(raw.verify(&v, &account));
		assert!(wrapped.verify(&v, &account));
		// The wrong format, another signer, or any changed field fails.
		let swapped = match raw.clone() {
			VoucherSignature::Raw(s) => VoucherSignature::Wrapped(s),
			w => w,
		};
		assert!(!swapped.verify(&v, &account));
		assert!(!raw.verify(&v, &MultiSigner::from(other.public()).into_account()));
		for changed in [
			InferenceVoucher { model_id: 4, ..v.clone() },
			InferenceVoucher { max_fee: 1_001, ..v.clone() },
			InferenceVoucher { expires_at: 101, ..v.clone() },
			InferenceVoucher { genesis_hash: H256::repeat_byte(8), ..v.clone() },
			InferenceVoucher { request_hash: H256::zero(), ..v.clone() },
		] {
			assert!(!raw.verify(&changed, &account));
		}
	}

	#[test]
	fn the_payload_is_the_context_then_the_scale_encoding() {
		let v = voucher();
		let payload = v.signing_payload();
		assert!(payload.starts_with(VOUCHER_CONTEXT));
		assert_eq!(&payload[VOUCHER_CONTEXT.len()..], &v.encode()[..]);
		assert_eq!(v.encode().len(), 32 + 4 + 32 + 16 + 4);
	}
}
