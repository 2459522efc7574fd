//! Errors of the client, and dispatch errors turned into their pallet error name and doc line.

use frame_metadata::{v14::RuntimeMetadataV14, RuntimeMetadata};
use sp_runtime::{DispatchError, ModuleError};
use std::{fmt, sync::OnceLock};

/// What went wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError(pub String);

impl ClientError {
	pub fn new(message: impl Into<String>) -> Self {
		Self(message.into())
	}
}

impl fmt::Display for ClientError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for ClientError {}

impl From<jsonrpsee::core::ClientError> for ClientError {
	fn from(e: jsonrpsee::core::ClientError) -> Self {
		Self(format!("JSON-RPC: {e}"))
	}
}

impl From<codec::Error> for ClientError {
	fn from(e: codec::Error) -> Self {
		Self(format!("cannot decode the node's answer: {e}"))
	}
}

impl From<std::io::Error> for ClientError {
	fn from(e: std::io::Error) -> Self {
		Self(e.to_string())
	}
}

impl From<serde_json::Error> for ClientError {
	fn from(e: serde_json::Error) -> Self {
		Self(format!("invalid JSON: {e}"))
	}
}

/// The runtime's metadata (v14), read once from the runtime this binary was built with.
fn metadata() -> Option<&'static RuntimeMetadataV14> {
	static METADATA: OnceLock<Option<RuntimeMetadataV14>> = OnceLock::new();
	METADATA
		.get_or_init(|| match lineage_runtime::Runtime::metadata().1 {
			RuntimeMetadata::V14(m) => Some(m),
			_ => None,
		})
		.as_ref()
}

/// The pallet and error name of a module error, and the first line of its documentation.
pub fn module_error(error: &ModuleError) -> (String, String, String) {
	let unknown =
		|| (format!("pallet#{}", error.index), format!("error#{}", error.error[0]), String::new());
	let Some(metadata) = metadata() else { return unknown() };
	let Some(pallet) = metadata.pallets.iter().find(|p| p.index == error.index) else {
		return unknown();
	};
	let Some(errors) = pallet.error.as_ref() else { return unknown() };
	let Some(ty) = metadata.types.resolve(errors.ty.id) else { return unknown() };
	let scale_info::TypeDef::Variant(variants) = &ty.type_def else { return unknown() };
	match variants.variants.iter().find(|v| v.index == error.error[0]) {
		Some(v) => (
			pallet.name.clone(),
			v.name.clone(),
			v.docs.first().map(|d| d.trim().to_string()).unwrap_or_default(),
		),
		None => unknown(),
	}
}

/// A dispatch error as `Pallet.Error: doc line`.
pub fn explain(error: &DispatchError) -> String {
	match error {
		DispatchError::Module(module) => {
			let (pallet, name, doc) = module_error(module);
			if doc.is_empty() {
				format!("{pallet}.{name}")
			} else {
				format!("{pallet}.{name}: {doc}")
			}
		},
		DispatchError::BadOrigin => "BadOrigin: the call needs another origin".into(),
		DispatchError::Token(e) => format!("Token.{e:?}: the balance does not allow this"),
		other => format!("{other:?}"),
	}
}
