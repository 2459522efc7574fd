//! The end-to-end tests of `lineage-node`, in one test binary (each binary links the whole node,
//! which takes minutes on small machines): they start the real node binary on free ports and talk
//! to it over JSON-RPC (through `lineage-client`) and through the `lineage` client's commands.

mod attribution;
mod common;
mod docker_files;
mod engine;
mod journey;
mod node;
mod operator;
mod upgrade;
