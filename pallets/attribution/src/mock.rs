//! The mock runtime of the unit tests: System, Balances and the four Lineage pallets wired as in
//! the real runtime, from the shared `lineage-testing` crate.

use crate as pallet_attribution;

lineage_testing::construct_lineage_mock!();
