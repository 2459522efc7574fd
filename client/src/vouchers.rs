//! Signed vouchers: what a consumer gives the operator of a model for each inference, and what
//! the operator passes to `infer`. See `lineage_primitives::voucher` for what is signed.

use crate::{amounts::hash_or_digest, keys, ClientError, Result};
use lineage_primitives::{
	voucher::{InferenceVoucher, VoucherSignature},
	ModelId,
};
use lineage_runtime::{AccountId, Balance, BlockNumber, Hash, Signature};
use serde::{Deserialize, Serialize};
use sp_core::{sr25519, Pair};

/// Which bytes a signature covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SignedBytes {
	/// The voucher's signing payload.
	Raw,
	/// The payload wrapped in `<Bytes>…</Bytes>`, as browser wallets sign.
	Wrapped,
}

/// A voucher and its consumer's signature, as JSON (what `lineage voucher sign` prints and
/// `lineage infer` reads).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedVoucher {
	/// The consumer (SS58).
	pub consumer: String,
	pub genesis_hash: Hash,
	pub model_id: ModelId,
	pub request_hash: Hash,
	/// The most the consumer pays, in plancks (decimal string).
	pub max_fee: String,
	/// The first block the voucher is void in.
	pub expires_at: BlockNumber,
	pub signed: SignedBytes,
	/// The SCALE-encoded `MultiSignature` (0x-hex).
	pub signature: String,
}

impl SignedVoucher {
	/// The voucher `consumer` signs for `request` (0x-hash, or text whose sha2-256 is used).
	pub fn sign(
		pair: &sr25519::Pair,
		genesis_hash: Hash,
		model_id: ModelId,
		request: &str,
		max_fee: Balance,
		expires_at: BlockNumber,
	) -> Self {
		let voucher = InferenceVoucher {
			genesis_hash,
			model_id,
			request_hash: hash_or_digest(request),
			max_fee,
			expires_at,
		};
		let signature = Signature::from(pair.sign(&voucher.signing_payload()));
		Self {
			consumer: keys::ss58(&keys::account_of(pair)),
			genesis_hash,
			model_id,
			request_hash: voucher.request_hash,
			max_fee: max_fee.to_string(),
			expires_at,
			signed: SignedBytes::Raw,
			signature: format!("0x{}", hex::encode(codec::Encode::encode(&signature))),
		}
	}

	/// The consumer, the voucher and its signature, as the chain takes them.
	pub fn decode(
		&self,
	) -> Result<(AccountId, InferenceVoucher<Balance, BlockNumber>, VoucherSignature<Signature>)> {
		let consumer = keys::parse_account(&self.consumer)?;
		let max_fee = self.max_fee.parse().map_err(|_| {
			ClientError::new(format!("maxFee '{}' is not an amount in plancks", self.max_fee))
		})?;
		let bytes = crate::chain::decode_hex(&self.signature)?;
		let signature: Signature = codec::Decode::decode(&mut &bytes[..]).map_err(|e| {
			ClientError::new(format!("the voucher's signature is not a MultiSignature: {e}"))
		})?;
		let voucher = InferenceVoucher {
			genesis_hash: self.genesis_hash,
			model_id: self.model_id,
			request_hash: self.request_hash,
			max_fee,
			expires_at: self.expires_at,
		};
		let signature = match self.signed {
			SignedBytes::Raw => VoucherSignature::Raw(signature),
			SignedBytes::Wrapped => VoucherSignature::Wrapped(signature),
		};
		Ok((consumer, voucher, signature))
	}

	/// Whether the signature is the consumer's, checked here before an operator spends a fee on
	/// a transaction the chain would refuse.
	pub fn verify(&self) -> Result<bool> {
		let (consumer, voucher, signature) = self.decode()?;
		Ok(signature.verify(&voucher, &consumer))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_signed_voucher_round_trips_through_json_and_verifies() {
		let ferdie = keys::pair_from_suri("//Ferdie").unwrap();
		let signed = SignedVoucher::sign(&ferdie, Hash::repeat_byte(1), 3, "req-1", 1_000, 50);
		let json = serde_json::to_string(&signed).unwrap();
		let back: SignedVoucher = serde_json::from_str(&json).unwrap();
		assert_eq!(back, signed);
		assert!(back.verify().unwrap());
		// Any change breaks it.
		let tampered = SignedVoucher { max_fee: "1001".into(), ..signed.clone() };
		assert!(!tampered.verify().unwrap());
		let other = SignedVoucher {
			consumer: keys::ss58(&keys::parse_account("//Eve").unwrap()),
			..signed
		};
		assert!(!other.verify().unwrap());
		assert!(serde_json::from_str::<SignedVoucher>("{\"consumer\": 1}").is_err());
	}
}
