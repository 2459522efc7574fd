//! Records as contributors hold them: files, or the lines of a JSONL file, each identified on
//! chain by the sha2-256 of its bytes.

use crate::{ClientError, Result};
use lineage_primitives::{merkle::sha256, ContentHash};
use std::{
	collections::HashSet,
	path::{Path, PathBuf},
};

/// One record: where it came from, its bytes and their sha2-256.
#[derive(Clone, Debug)]
pub struct Record {
	/// The file, or `file:line`.
	pub label: String,
	pub content: Vec<u8>,
	pub hash: ContentHash,
}

impl Record {
	fn new(label: String, content: Vec<u8>) -> Self {
		let hash = sha256(&content);
		Self { label, content, hash }
	}
}

fn read(path: &Path) -> Result<Vec<u8>> {
	std::fs::read(path)
		.map_err(|e| ClientError::new(format!("cannot read {}: {e}", path.display())))
}

/// Each file is one record.
pub fn from_files(paths: &[PathBuf]) -> Result<Vec<Record>> {
	paths.iter().map(|p| Ok(Record::new(p.display().to_string(), read(p)?))).collect()
}

/// Each non-empty line of a JSONL file is one record (its bytes without the line ending). A line
/// repeated later is reported through `skipped` and left out.
pub fn from_jsonl(path: &Path, mut skipped: impl FnMut(String)) -> Result<Vec<Record>> {
	let bytes = read(path)?;
	let text = String::from_utf8(bytes)
		.map_err(|_| ClientError::new(format!("{} is not UTF-8 text", path.display())))?;
	let mut seen = HashSet::new();
	let mut records = Vec::new();
	for (number, line) in text.lines().enumerate() {
		let line = line.trim_end_matches('\r');
		if line.trim().is_empty() {
			continue;
		}
		let record =
			Record::new(format!("{}:{}", path.display(), number + 1), line.as_bytes().to_vec());
		if !seen.insert(record.hash) {
			skipped(format!("{}: the same record appears earlier", record.label));
			continue;
		}
		records.push(record);
	}
	if records.is_empty() {
		return Err(ClientError::new(format!("{} has no records", path.display())));
	}
	Ok(records)
}

/// The records at `path`: every file of a directory (recursively, in name order), the lines of a
/// `.jsonl` file, or a single file.
pub fn from_path(path: &Path, skipped: impl FnMut(String)) -> Result<Vec<Record>> {
	if path.is_dir() {
		let mut files = Vec::new();
		collect_files(path, &mut files)?;
		files.sort();
		if files.is_empty() {
			return Err(ClientError::new(format!("{} has no files", path.display())));
		}
		from_files(&files)
	} else if path.extension().is_some_and(|e| e == "jsonl") {
		from_jsonl(path, skipped)
	} else {
		from_files(&[path.to_path_buf()])
	}
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
	let entries = std::fs::read_dir(dir)
		.map_err(|e| ClientError::new(format!("cannot list {}: {e}", dir.display())))?;
	for entry in entries {
		let path = entry.map_err(|e| ClientError::new(e.to_string()))?.path();
		if path.is_dir() {
			collect_files(&path, files)?;
		} else {
			files.push(path);
		}
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn jsonl_lines_and_directories_become_records() {
		let dir = tempfile::tempdir().unwrap();
		let jsonl = dir.path().join("r.jsonl");
		std::fs::write(&jsonl, "{\"a\":1}\r\n\n{\"b\":2}\n{\"a\":1}\n").unwrap();
		let mut skipped = vec![];
		let records = from_path(&jsonl, |s| skipped.push(s)).unwrap();
		assert_eq!(records.len(), 2);
		assert_eq!(records[0].content, b"{\"a\":1}");
		assert_eq!(records[0].hash, sha256(b"{\"a\":1}"));
		assert_eq!(skipped.len(), 1);
		let sub = dir.path().join("sub");
		std::fs::create_dir(&sub).unwrap();
		std::fs::write(sub.join("x.txt"), b"x").unwrap();
		let all = from_path(dir.path(), |_| {}).unwrap();
		assert_eq!(all.len(), 2);
		assert!(from_path(&dir.path().join("missing"), |_| {}).is_err());
		let empty = dir.path().join("empty.jsonl");
		std::fs::write(&empty, "\n\n").unwrap();
		assert!(from_path(&empty, |_| {}).is_err());
	}
}
