//! `verify`: is this file the content of that contribution, committed to on chain?

use super::ConnectArgs;
use crate::{
	client::{keys, Chain, ClientError, Result},
	rpc::datasets::{Dataset, InclusionProof},
};
use jsonrpsee::rpc_params;
use lineage_primitives::{merkle, ContributionLeaf};
use lineage_runtime::Hash;
use std::path::PathBuf;

/// Recompute the file's sha2-256, fetch the contribution's inclusion proof and check it against
/// its dataset's on-chain Merkle root with the verifier alone. Exits with 1 if it does not hold.
#[derive(Debug, clap::Args)]
pub struct VerifyCmd {
	#[arg(long)]
	pub contribution: u64,
	/// The file to check.
	pub file: PathBuf,
	#[command(flatten)]
	pub connect: ConnectArgs,
}

/// What was checked, and whether it held.
struct Verdict {
	content_matches: bool,
	proof_valid: bool,
	root_on_chain: bool,
}

impl VerifyCmd {
	pub async fn run(&self) -> Result<()> {
		let bytes = std::fs::read(&self.file)
			.map_err(|e| ClientError::new(format!("cannot read {}: {e}", self.file.display())))?;
		let content_hash = merkle::sha256(&bytes);
		let chain = Chain::connect(&self.connect.url).await?;
		// Proof and root from the same block.
		let (at, number) = chain.best().await?;
		let proof: InclusionProof =
			chain.call("datasets_contributionProof", rpc_params![self.contribution, at]).await?;
		let dataset: Option<Dataset> =
			chain.call("datasets_dataset", rpc_params![proof.dataset_id, at]).await?;
		let root: Hash = dataset
			.ok_or_else(|| ClientError::new(format!("dataset {} is gone", proof.dataset_id)))?
			.merkle_root;

		let leaf = ContributionLeaf {
			contribution_id: proof.contribution_id,
			dataset_id: proof.dataset_id,
			contributor: keys::parse_account(&proof.contributor)?,
			content_hash,
			units: proof.units,
		};
		let verdict = Verdict {
			content_matches: content_hash == proof.content_hash,
			proof_valid: merkle::verify_inclusion(
				&root,
				&leaf.hash(),
				proof.leaf_index,
				proof.leaf_count,
				&proof.proof,
			),
			root_on_chain: proof.root == root,
		};
		let verified = verdict.content_matches && verdict.proof_valid && verdict.root_on_chain;
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"verified": verified,
					"contentHash": content_hash,
					"contentMatches": verdict.content_matches,
					"proofValid": verdict.proof_valid,
					"root": root,
					"block": number,
				})
			);
		} else {
			println!("file {}: sha2-256 {content_hash:?}", self.file.display());
			println!(
				"contribution {} of dataset {} by {}: leaf {} of {}, root {root:?} at block #{number}",
				proof.contribution_id, proof.dataset_id, proof.contributor, proof.leaf_index, proof.leaf_count
			);
			println!("  content hash matches the contribution: {}", verdict.content_matches);
			println!("  inclusion proof verifies against the root: {}", verdict.proof_valid);
		}
		if verified {
			if !self.connect.json {
				println!(
					"VERIFIED: this file is contribution {} of dataset {}",
					proof.contribution_id, proof.dataset_id
				);
			}
			Ok(())
		} else {
			Err(ClientError::new(format!(
				"NOT VERIFIED: {} is not the content committed to as contribution {}",
				self.file.display(),
				self.contribution
			)))
		}
	}
}
