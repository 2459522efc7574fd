//! `verify`: is this file the content of that contribution, committed to on chain?

use super::ConnectArgs;
use crate::{keys, Chain, ClientError, Result};
use lineage_primitives::{merkle, ContributionId, ContributionLeaf};
use lineage_rpc_api::DatasetsApiClient;
use std::path::PathBuf;

/// Recompute the file's sha2-256, fetch the contribution's inclusion proof and check it against
/// its dataset's on-chain Merkle root with the verifier alone. Exits with 1 if it does not hold.
#[derive(Debug, clap::Args)]
pub struct VerifyCmd {
	#[arg(long)]
	pub contribution: ContributionId,
	/// The file to check.
	pub file: PathBuf,
	#[command(flatten)]
	pub connect: ConnectArgs,
}

impl VerifyCmd {
	pub async fn run(&self) -> Result<()> {
		let bytes = std::fs::read(&self.file)
			.map_err(|e| ClientError::new(format!("cannot read {}: {e}", self.file.display())))?;
		let content_hash = merkle::sha256(&bytes);
		let chain = Chain::connect(&self.connect.url).await?;
		// Proof and root from the same block.
		let (at, number) = chain.best().await?;
		let proof = chain.rpc.contribution_proof(self.contribution, Some(at)).await?;
		let root = chain
			.rpc
			.dataset(proof.dataset_id, Some(at))
			.await?
			.ok_or_else(|| ClientError::new(format!("dataset {} is gone", proof.dataset_id)))?
			.merkle_root;
		let leaf = ContributionLeaf {
			contribution_id: proof.contribution_id,
			dataset_id: proof.dataset_id,
			contributor: keys::parse_account(&proof.contributor)?,
			content_hash,
			units: proof.units,
		};
		let content_matches = content_hash == proof.content_hash;
		let proof_valid = merkle::verify_inclusion(
			&root,
			&leaf.hash(),
			proof.leaf_index,
			proof.leaf_count,
			&proof.proof,
		);
		let verified = content_matches && proof_valid && proof.root == root;
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"verified": verified,
					"contentHash": content_hash,
					"contentMatches": content_matches,
					"proofValid": proof_valid,
					"root": root,
					"block": number,
				})
			);
		} else {
			println!("file {}: sha2-256 {content_hash:?}", self.file.display());
			println!(
				"contribution {} of dataset {} by {}: leaf {} of {}, root {root:?} at block #{number}",
				proof.contribution_id,
				proof.dataset_id,
				proof.contributor,
				proof.leaf_index,
				proof.leaf_count
			);
			println!("  content hash matches the contribution: {content_matches}");
			println!("  inclusion proof verifies against the root: {proof_valid}");
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
