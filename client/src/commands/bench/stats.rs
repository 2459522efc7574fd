//! The pure parts of the load benchmark: percentiles, items per second from block timestamps,
//! which blocks are full, and the bookkeeping of a phase's extrinsics (which were sent, which
//! landed in which block, which may be sent next).

use lineage_runtime::Hash;
use serde::Serialize;
use std::collections::HashMap;

/// The `p`-th percentile (`0 < p <= 100`) of values sorted in ascending order, by nearest rank:
/// the smallest value with at least `p`% of the values at or below it. `None` when there are no
/// values or `p` is out of range.
pub fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
	if sorted.is_empty() || !(p > 0.0 && p <= 100.0) {
		return None;
	}
	let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
	sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// Items per second between two block timestamps in milliseconds (the polkadot-stps method: from
/// the timestamp of the block before the first block carrying the items to the timestamp of the
/// last). `None` when no time passed.
pub fn items_per_second(items: f64, from_ms: u64, to_ms: u64) -> Option<f64> {
	let elapsed = to_ms.checked_sub(from_ms)?;
	(elapsed > 0).then(|| items * 1000.0 / elapsed as f64)
}

/// The normal-class limits of a block, which ordinary transactions fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
	/// Reference time (picoseconds) the normal class may use.
	pub normal_weight: u64,
	/// Bytes the normal class may use.
	pub normal_length: u64,
	/// What every extrinsic costs on top of its own weight.
	pub base_extrinsic: u64,
}

impl Limits {
	/// How many extrinsics of `weight` (without the base weight) and `length` fit in one block.
	pub fn capacity(&self, weight: u64, length: u64) -> u64 {
		let by_weight = self.normal_weight / weight.saturating_add(self.base_extrinsic).max(1);
		let by_length = self.normal_length / length.max(1);
		by_weight.min(by_length)
	}
}

/// Why a block ended where it did, for one phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fill {
	/// The next waiting extrinsic of the phase would not have fitted in the normal class's weight.
	Weight,
	/// ... nor in its length.
	Length,
	/// Both limits had room while extrinsics of the phase waited in the pool: the block's author
	/// stopped on its time budget (or the pool could not hand them over in time).
	Time,
	/// Nothing of the phase was left waiting.
	Room,
}

impl Fill {
	/// A full block: it ended on the weight or the length limit.
	pub fn is_full(self) -> bool {
		matches!(self, Self::Weight | Self::Length)
	}

	/// Classifies a block that used `weight` and `length` of the normal class, when the lightest
	/// extrinsic of the phase still waiting (if any) needs `next` (weight without the base weight,
	/// length).
	pub fn classify(limits: &Limits, weight: u64, length: u64, next: Option<(u64, u64)>) -> Self {
		let Some((next_weight, next_length)) = next else { return Self::Room };
		if weight.saturating_add(next_weight).saturating_add(limits.base_extrinsic)
			> limits.normal_weight
		{
			Self::Weight
		} else if length.saturating_add(next_length) > limits.normal_length {
			Self::Length
		} else {
			Self::Time
		}
	}
}

/// One extrinsic of a phase, signed before the timed window.
#[derive(Clone, Debug)]
pub struct PlannedXt {
	pub hash: Hash,
	/// Extrinsics of one group are released stage by stage: stage `s + 1` only once every
	/// extrinsic of stage `s` of the group is in a block (a reveal after its commitment).
	pub group: u32,
	pub stage: u8,
	/// Index into the phase's kinds (each with its weight), e.g. commit and reveal.
	pub kind: u8,
	/// The items this extrinsic accounts for in its block: an item made of several extrinsics
	/// (a contribution: its commitment and its reveal) is split between their blocks in
	/// proportion to their weights, so that a full block of either counts what it is worth.
	pub share: f64,
	/// The items completed when this extrinsic succeeds (a contribution: at its reveal).
	pub completes: f64,
	/// Its encoded length.
	pub length: u64,
}

/// Where one extrinsic of a phase is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
	/// Not sent yet (a later stage waits for the one before).
	Held,
	/// Handed to the submitter.
	Released,
	/// In the pool since this time (Unix milliseconds).
	Accepted(u64),
	/// The node refused it (or it was never sent: `abandon_unsent`).
	Refused,
	/// In a block; whether its dispatch succeeded.
	Included { block: u32, ok: bool },
}

/// What a block held of one phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockRow {
	pub number: u32,
	pub timestamp_ms: u64,
	pub parent_timestamp_ms: u64,
	/// The phase's extrinsics in the block.
	pub extrinsics: u32,
	/// How many of them failed to dispatch.
	pub failed: u32,
	/// Items accounted to this block (see [`PlannedXt::share`]).
	pub items: f64,
	/// Items completed in this block.
	pub completed: f64,
	/// Normal-class weight (reference time) and length the block used, by everything in it.
	pub weight: u64,
	pub length: u64,
	pub fill: Fill,
}

/// A block as the phase bookkeeping sees it.
#[derive(Clone, Debug, Default)]
pub struct BlockView {
	pub number: u32,
	pub timestamp_ms: u64,
	pub parent_timestamp_ms: u64,
	pub weight: u64,
	pub length: u64,
	/// Every extrinsic's hash, and whether its dispatch succeeded.
	pub extrinsics: Vec<(Hash, bool)>,
}

/// The bookkeeping of one phase: which extrinsics may be sent, which are in the pool and which
/// landed in which block.
pub struct Tracker {
	xts: Vec<PlannedXt>,
	state: Vec<State>,
	by_hash: HashMap<Hash, usize>,
	/// Extrinsics of each (group, stage) not yet in a block or refused.
	open: HashMap<(u32, u8), u32>,
	/// The held extrinsics of each (group, stage).
	held: HashMap<(u32, u8), Vec<usize>>,
	/// Each group's stages, in order.
	stages: HashMap<u32, Vec<u8>>,
	/// Weight (without the base weight) of each kind of extrinsic.
	kind_weights: Vec<u64>,
}

impl Tracker {
	/// Bookkeeping for `xts`, whose kinds weigh `kind_weights`. Returns it with the extrinsics
	/// that may be sent at once (every group's first stage).
	pub fn new(xts: Vec<PlannedXt>, kind_weights: Vec<u64>) -> (Self, Vec<usize>) {
		let mut open: HashMap<(u32, u8), u32> = HashMap::new();
		let mut held: HashMap<(u32, u8), Vec<usize>> = HashMap::new();
		let mut stages: HashMap<u32, Vec<u8>> = HashMap::new();
		for xt in &xts {
			*open.entry((xt.group, xt.stage)).or_default() += 1;
			stages.entry(xt.group).or_default().push(xt.stage);
		}
		for list in stages.values_mut() {
			list.sort_unstable();
			list.dedup();
		}
		let mut state = vec![State::Held; xts.len()];
		let mut ready = Vec::new();
		for (i, xt) in xts.iter().enumerate() {
			if stages.get(&xt.group).and_then(|s| s.first()) == Some(&xt.stage) {
				state[i] = State::Released;
				ready.push(i);
			} else {
				held.entry((xt.group, xt.stage)).or_default().push(i);
			}
		}
		let by_hash = xts.iter().enumerate().map(|(i, xt)| (xt.hash, i)).collect();
		(Self { xts, state, by_hash, open, held, stages, kind_weights }, ready)
	}

	/// The extrinsic `i` entered the pool at `at_ms`.
	pub fn accepted(&mut self, i: usize, at_ms: u64) {
		if matches!(self.state.get(i), Some(State::Released | State::Held)) {
			self.state[i] = State::Accepted(at_ms);
		}
	}

	/// The node refused extrinsic `i`; returns what may be sent now that its stage is settled.
	pub fn refused(&mut self, i: usize) -> Vec<usize> {
		if matches!(self.state.get(i), Some(State::Included { .. } | State::Refused) | None) {
			return Vec::new();
		}
		self.state[i] = State::Refused;
		self.settle(i)
	}

	/// One stage of a group has one extrinsic fewer open; releases the next stage when it is
	/// settled.
	fn settle(&mut self, i: usize) -> Vec<usize> {
		let (group, stage) = (self.xts[i].group, self.xts[i].stage);
		let left = self.open.entry((group, stage)).or_default();
		*left = left.saturating_sub(1);
		if *left > 0 {
			return Vec::new();
		}
		let next = self.stages.get(&group).and_then(|s| s.iter().find(|s| **s > stage)).copied();
		let Some(next) = next else { return Vec::new() };
		let released = self.held.remove(&(group, next)).unwrap_or_default();
		for &j in &released {
			self.state[j] = State::Released;
		}
		released
	}

	/// Records a block: its row for this phase, and what may be sent now.
	pub fn on_block(&mut self, block: &BlockView, limits: &Limits) -> (BlockRow, Vec<usize>) {
		let mut row = BlockRow {
			number: block.number,
			timestamp_ms: block.timestamp_ms,
			parent_timestamp_ms: block.parent_timestamp_ms,
			extrinsics: 0,
			failed: 0,
			items: 0.0,
			completed: 0.0,
			weight: block.weight,
			length: block.length,
			fill: Fill::Room,
		};
		let mut released = Vec::new();
		for (hash, ok) in &block.extrinsics {
			let Some(&i) = self.by_hash.get(hash) else { continue };
			if matches!(self.state[i], State::Included { .. }) {
				continue;
			}
			let was_refused = self.state[i] == State::Refused;
			self.state[i] = State::Included { block: block.number, ok: *ok };
			row.extrinsics += 1;
			if *ok {
				row.items += self.xts[i].share;
				row.completed += self.xts[i].completes;
			} else {
				row.failed += 1;
			}
			// A refused extrinsic has settled its stage already (an error reply can come for
			// one that did enter the pool, e.g. over a lost connection).
			if !was_refused {
				released.extend(self.settle(i));
			}
		}
		// The lightest extrinsic of the phase that was in the pool when the block was authored
		// and is still not in a block.
		let next = self
			.state
			.iter()
			.enumerate()
			.filter_map(|(i, s)| match s {
				State::Accepted(at) if *at <= block.timestamp_ms => Some(i),
				_ => None,
			})
			.map(|i| {
				let xt = &self.xts[i];
				(self.kind_weights.get(usize::from(xt.kind)).copied().unwrap_or(0), xt.length)
			})
			.min();
		row.fill = Fill::classify(limits, block.weight, block.length, next);
		(row, released)
	}

	/// Whether `hash` is one of the phase's extrinsics.
	pub fn contains(&self, hash: &Hash) -> bool {
		self.by_hash.contains_key(hash)
	}

	/// Whether every extrinsic is in a block or was refused.
	pub fn done(&self) -> bool {
		self.state.iter().all(|s| matches!(s, State::Included { .. } | State::Refused))
	}

	/// How many extrinsics are in the pool (accepted, not yet in a block).
	pub fn in_pool(&self) -> usize {
		self.state.iter().filter(|s| matches!(s, State::Accepted(_))).count()
	}

	/// How many were refused or never sent.
	pub fn refused_count(&self) -> usize {
		self.state.iter().filter(|s| **s == State::Refused).count()
	}

	/// The block extrinsic `i` landed in, and whether it succeeded.
	#[cfg(test)]
	pub fn inclusion(&self, i: usize) -> Option<(u32, bool)> {
		match self.state.get(i) {
			Some(State::Included { block, ok }) => Some((*block, *ok)),
			_ => None,
		}
	}
}

/// A phase's figures, from the rows of the blocks that carried it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
	/// Items completed (failed dispatches not counted).
	pub items: f64,
	pub extrinsics: u32,
	pub failed: u32,
	/// Blocks from the first to the last carrying the phase.
	pub blocks: u32,
	pub first_block: Option<u32>,
	pub last_block: Option<u32>,
	/// From the timestamp of the block before the first to that of the last.
	pub seconds: f64,
	pub items_per_second: Option<f64>,
	/// Blocks that ended on the weight or the length limit.
	pub full_blocks: u32,
	/// The longest run of consecutive full blocks.
	pub longest_full_run: u32,
	/// Blocks that ended with room left while the phase's extrinsics waited.
	pub time_limited_blocks: u32,
	/// Mean items per full block (`None` without full blocks).
	pub items_per_full_block: Option<f64>,
	/// The most items any block carried.
	pub items_per_block_max: f64,
}

/// The figures of a phase from the rows of the blocks it saw (in block order). Only the blocks
/// from the first to the last carrying one of its extrinsics count.
pub fn figures(rows: &[BlockRow]) -> Figures {
	let first = rows.iter().position(|r| r.extrinsics > 0);
	let last = rows.iter().rposition(|r| r.extrinsics > 0);
	let window = match (first, last) {
		(Some(a), Some(b)) => &rows[a..=b],
		_ => &rows[0..0],
	};
	let items: f64 = window.iter().map(|r| r.completed).sum();
	let (from, to) = match (window.first(), window.last()) {
		(Some(a), Some(b)) => (a.parent_timestamp_ms, b.timestamp_ms),
		_ => (0, 0),
	};
	let mut longest = 0;
	let mut run = 0;
	let mut previous = None;
	for r in window {
		if r.fill.is_full() && previous.is_none_or(|p: u32| p + 1 == r.number) {
			run += 1;
		} else if r.fill.is_full() {
			run = 1;
		} else {
			run = 0;
		}
		longest = longest.max(run);
		previous = Some(r.number);
	}
	let full: Vec<&BlockRow> = window.iter().filter(|r| r.fill.is_full()).collect();
	Figures {
		items,
		extrinsics: window.iter().map(|r| r.extrinsics).sum(),
		failed: window.iter().map(|r| r.failed).sum(),
		blocks: match (window.first(), window.last()) {
			(Some(a), Some(b)) => b.number.saturating_sub(a.number) + 1,
			_ => 0,
		},
		first_block: window.first().map(|r| r.number),
		last_block: window.last().map(|r| r.number),
		seconds: to.saturating_sub(from) as f64 / 1000.0,
		items_per_second: items_per_second(items, from, to),
		full_blocks: full.len() as u32,
		longest_full_run: longest,
		time_limited_blocks: window.iter().filter(|r| r.fill == Fill::Time).count() as u32,
		items_per_full_block: (!full.is_empty())
			.then(|| full.iter().map(|r| r.items).sum::<f64>() / full.len() as f64),
		items_per_block_max: window.iter().map(|r| r.items).fold(0.0, f64::max),
	}
}

/// `value` as a multiple of `baseline` (`None` when either is missing or the baseline is 0).
pub fn ratio(value: Option<f64>, baseline: Option<f64>) -> Option<f64> {
	match (value, baseline) {
		(Some(v), Some(b)) if b > 0.0 => Some(v / b),
		_ => None,
	}
}

/// How far the last baseline run is from the first, in percent of the first.
pub fn drift_percent(first: Option<f64>, last: Option<f64>) -> Option<f64> {
	ratio(last, first).map(|r| (r - 1.0) * 100.0)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn h(n: u8) -> Hash {
		Hash::repeat_byte(n)
	}

	fn xt(n: u8, group: u32, stage: u8, share: f64, completes: f64) -> PlannedXt {
		PlannedXt { hash: h(n), group, stage, kind: stage, share, completes, length: 100 }
	}

	const LIMITS: Limits =
		Limits { normal_weight: 1_000, normal_length: 10_000, base_extrinsic: 10 };

	fn block(number: u32, ts: u64, weight: u64, xts: &[(u8, bool)]) -> BlockView {
		BlockView {
			number,
			timestamp_ms: ts,
			parent_timestamp_ms: ts - 6_000,
			weight,
			length: 1_000,
			extrinsics: xts.iter().map(|(n, ok)| (h(*n), *ok)).collect(),
		}
	}

	#[test]
	fn percentiles_by_nearest_rank() {
		let values: Vec<u64> = (1..=100).collect();
		assert_eq!(percentile(&values, 50.0), Some(50));
		assert_eq!(percentile(&values, 99.0), Some(99));
		assert_eq!(percentile(&values, 100.0), Some(100));
		assert_eq!(percentile(&values, 0.5), Some(1));
		assert_eq!(percentile(&[7], 99.0), Some(7));
		assert_eq!(percentile(&[1, 2, 3], 50.0), Some(2));
		assert_eq!(percentile(&[1, 2, 3, 4], 50.0), Some(2));
		assert_eq!(percentile(&[], 50.0), None);
		assert_eq!(percentile(&values, 0.0), None);
		assert_eq!(percentile(&values, 101.0), None);
	}

	#[test]
	fn items_per_second_from_timestamps() {
		assert_eq!(items_per_second(600.0, 6_000, 12_000), Some(100.0));
		assert_eq!(items_per_second(600.0, 6_000, 18_000), Some(50.0));
		assert_eq!(items_per_second(1.0, 6_000, 6_000), None);
		assert_eq!(items_per_second(1.0, 7_000, 6_000), None);
		assert_eq!(ratio(Some(50.0), Some(100.0)), Some(0.5));
		assert_eq!(ratio(Some(50.0), Some(0.0)), None);
		assert_eq!(ratio(None, Some(1.0)), None);
		let drift = drift_percent(Some(100.0), Some(95.0)).unwrap();
		assert!((drift + 5.0).abs() < 1e-9, "{drift}");
	}

	#[test]
	fn capacity_and_fill() {
		assert_eq!(LIMITS.capacity(90, 10), 10);
		assert_eq!(LIMITS.capacity(0, 2_000), 5);
		assert_eq!(Fill::classify(&LIMITS, 950, 0, Some((90, 10))), Fill::Weight);
		assert_eq!(Fill::classify(&LIMITS, 900, 0, Some((90, 10))), Fill::Time);
		assert_eq!(Fill::classify(&LIMITS, 100, 9_995, Some((90, 10))), Fill::Length);
		assert_eq!(Fill::classify(&LIMITS, 999, 9_999, None), Fill::Room);
		assert!(Fill::Weight.is_full() && Fill::Length.is_full());
		assert!(!Fill::Time.is_full() && !Fill::Room.is_full());
	}

	#[test]
	fn a_reveal_is_released_once_its_commitment_is_in_a_block() {
		// Two contributions: commit 1 then reveal 2; commit 3 then reveal 4.
		let xts = vec![
			xt(1, 0, 0, 0.5, 0.0),
			xt(2, 0, 1, 0.5, 1.0),
			xt(3, 1, 0, 0.5, 0.0),
			xt(4, 1, 1, 0.5, 1.0),
		];
		let (mut t, ready) = Tracker::new(xts, vec![50, 400]);
		assert_eq!(ready, vec![0, 2]);
		t.accepted(0, 1_000);
		t.accepted(2, 1_000);
		assert_eq!(t.in_pool(), 2);
		// Block 1 carries the first commitment only; the second waits in the pool.
		let (row, released) = t.on_block(&block(1, 6_000, 500, &[(1, true), (9, true)]), &LIMITS);
		assert_eq!(released, vec![1]);
		assert_eq!((row.extrinsics, row.items, row.completed), (1, 0.5, 0.0));
		assert_eq!(row.fill, Fill::Time);
		t.accepted(1, 6_500);
		// Block 2: the second commitment and the first reveal.
		let (row, released) = t.on_block(&block(2, 12_000, 960, &[(3, true), (2, true)]), &LIMITS);
		assert_eq!(released, vec![3]);
		assert_eq!((row.extrinsics, row.items, row.completed), (2, 1.0, 1.0));
		assert_eq!(row.fill, Fill::Room);
		assert!(!t.done());
		t.accepted(3, 12_500);
		// Block 3: the last reveal fails to dispatch: it counts as failed, not as an item.
		let (row, released) = t.on_block(&block(3, 18_000, 100, &[(4, false)]), &LIMITS);
		assert!(released.is_empty());
		assert_eq!((row.extrinsics, row.failed, row.completed), (1, 1, 0.0));
		assert!(t.done());
		assert_eq!(t.inclusion(3), Some((3, false)));
		assert_eq!(t.inclusion(0), Some((1, true)));
		// A block without the phase, with nothing of it waiting.
		let (row, _) = t.on_block(&block(4, 24_000, 0, &[(9, true)]), &LIMITS);
		assert_eq!((row.extrinsics, row.fill), (0, Fill::Room));
	}

	#[test]
	fn a_refused_commitment_still_releases_its_stage() {
		let xts = vec![xt(1, 0, 0, 1.0, 0.0), xt(2, 0, 1, 1.0, 1.0), xt(3, 1, 0, 1.0, 1.0)];
		let (mut t, ready) = Tracker::new(xts, vec![1, 1]);
		assert_eq!(ready, vec![0, 2]);
		assert_eq!(t.refused(0), vec![1]);
		assert!(t.refused(0).is_empty(), "refusing twice releases nothing more");
		assert!(t.refused(1).is_empty() && t.refused(2).is_empty());
		assert_eq!(t.refused_count(), 3);
		assert!(t.done());
	}

	#[test]
	fn figures_over_the_blocks_carrying_the_phase() {
		let row = |number: u32, extrinsics: u32, items: f64, fill: Fill| BlockRow {
			number,
			timestamp_ms: u64::from(number) * 6_000,
			parent_timestamp_ms: u64::from(number - 1) * 6_000,
			extrinsics,
			failed: 0,
			items,
			completed: items,
			weight: 0,
			length: 0,
			fill,
		};
		let rows = vec![
			row(10, 0, 0.0, Fill::Room),
			row(11, 100, 100.0, Fill::Weight),
			row(12, 100, 100.0, Fill::Weight),
			row(13, 50, 50.0, Fill::Time),
			row(14, 100, 100.0, Fill::Length),
			row(15, 20, 20.0, Fill::Room),
			row(16, 0, 0.0, Fill::Room),
		];
		let f = figures(&rows);
		assert_eq!(f.items, 370.0);
		assert_eq!(f.blocks, 5);
		assert_eq!((f.first_block, f.last_block), (Some(11), Some(15)));
		// From block 10's timestamp to block 15's: 30 s.
		assert_eq!(f.seconds, 30.0);
		assert_eq!(f.items_per_second, Some(370.0 / 30.0));
		assert_eq!(f.full_blocks, 3);
		assert_eq!(f.longest_full_run, 2);
		assert_eq!(f.time_limited_blocks, 1);
		assert_eq!(f.items_per_full_block, Some(100.0));
		assert_eq!(f.items_per_block_max, 100.0);
		let empty = figures(&[row(1, 0, 0.0, Fill::Room)]);
		assert_eq!(
			(empty.blocks, empty.items_per_second, empty.items_per_full_block),
			(0, None, None)
		);
	}
}
