//! `TCP_NODELAY` on the JSON-RPC server's connections.
//!
//! The JSON-RPC server of polkadot-sdk stable2609 (`sc-rpc-server` 33) accepts connections on a
//! listener of its own and, unlike jsonrpsee's own server, never sets `TCP_NODELAY` on them. With
//! Nagle's algorithm on, a response written in two parts sends its second part only once the
//! client has acknowledged the first, and a client that delays its acknowledgements sends one with
//! its next request. The load benchmark showed exactly that: a median latency of 16.8 ms at 500
//! requests/s over 8 connections, which is the interval between two requests on one connection,
//! and 4.3 ms at 2,000 requests/s, where that interval is 4 ms.
//!
//! Linux copies a listener's `TCP_NODELAY` into every connection it accepts, so setting it on the
//! RPC listeners once they are bound covers every connection after. On other systems this does
//! nothing.

use sc_network::{multiaddr::Protocol, Multiaddr};
use std::net::{IpAddr, SocketAddr};

/// The socket addresses among `listen` (what `sc_service::spawn_tasks` reports the RPC server
/// bound: the real ports, also when a taken port made it bind a random one).
pub fn socket_addrs(listen: &[Multiaddr]) -> Vec<SocketAddr> {
	listen
		.iter()
		.filter_map(|addr| {
			let (mut ip, mut port) = (None, None);
			for protocol in addr.iter() {
				match protocol {
					Protocol::Ip4(v4) => ip = Some(IpAddr::V4(v4)),
					Protocol::Ip6(v6) => ip = Some(IpAddr::V6(v6)),
					Protocol::Tcp(p) => port = Some(p),
					_ => {},
				}
			}
			Some(SocketAddr::new(ip?, port?))
		})
		.collect()
}

/// Sets `TCP_NODELAY` on the JSON-RPC server's listeners, `listen` as `spawn_tasks` reports them;
/// logs a warning for any it could not set it on (Linux), and never fails: without it the node
/// still serves, only slower.
pub fn set_on_rpc_listeners(listen: &[Multiaddr]) {
	let addrs = socket_addrs(listen);
	match set_on_listeners(&addrs) {
		Ok(outcome) => {
			log::debug!("TCP_NODELAY on the JSON-RPC listeners {:?}", outcome.set);
			for (addr, error) in &outcome.failed {
				log::warn!("could not set TCP_NODELAY on the JSON-RPC listener {addr}: {error}");
			}
			if cfg!(target_os = "linux") && outcome.set.len() < addrs.len() {
				log::warn!(
					"TCP_NODELAY is on {} of the JSON-RPC listeners {addrs:?}",
					outcome.set.len()
				);
			}
		},
		Err(error) => log::warn!("could not list the JSON-RPC listeners: {error}"),
	}
}

/// What setting the option found: the listeners it was set on, and the errors of those it could
/// not be set on.
#[derive(Debug, Default)]
pub struct Outcome {
	pub set: Vec<SocketAddr>,
	pub failed: Vec<(SocketAddr, std::io::Error)>,
}

/// Sets `TCP_NODELAY` on this process's listening TCP sockets bound to exactly one of `addrs`.
pub fn set_on_listeners(addrs: &[SocketAddr]) -> std::io::Result<Outcome> {
	imp::set_on_listeners(addrs)
}

#[cfg(target_os = "linux")]
mod imp {
	use super::Outcome;
	use socket2::{Protocol, SockRef};
	use std::{net::SocketAddr, os::fd::BorrowedFd};

	pub fn set_on_listeners(addrs: &[SocketAddr]) -> std::io::Result<Outcome> {
		let mut outcome = Outcome::default();
		for entry in std::fs::read_dir("/proc/self/fd")? {
			let entry = entry?;
			let is_socket = std::fs::read_link(entry.path())
				.is_ok_and(|target| target.to_string_lossy().starts_with("socket:"));
			let Some(fd) = entry.file_name().to_str().and_then(|name| name.parse().ok()) else {
				continue;
			};
			if !is_socket {
				continue;
			}
			// SAFETY: `fd` is one of this process's descriptors, borrowed only to duplicate it
			// at once. If another thread closed it meanwhile, the duplication fails (EBADF); if
			// it also opened another file on that number, the checks below run on that file's
			// duplicate. Either way every check and the setting act on one open file.
			let Ok(owned) = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned() else {
				continue;
			};
			let socket = SockRef::from(&owned);
			let is_tcp_listener = socket.is_listener().unwrap_or(false)
				&& socket.protocol().ok().flatten() == Some(Protocol::TCP);
			let Some(bound) = socket.local_addr().ok().and_then(|addr| addr.as_socket()) else {
				continue;
			};
			if is_tcp_listener && addrs.contains(&bound) {
				match socket.set_tcp_nodelay(true) {
					Ok(()) => outcome.set.push(bound),
					Err(error) => outcome.failed.push((bound, error)),
				}
			}
		}
		Ok(outcome)
	}
}

#[cfg(not(target_os = "linux"))]
mod imp {
	use super::Outcome;
	use std::net::SocketAddr;

	pub fn set_on_listeners(_addrs: &[SocketAddr]) -> std::io::Result<Outcome> {
		Ok(Outcome::default())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_socket_addresses_of_the_reported_multiaddrs() {
		let v4: Multiaddr = "/ip4/127.0.0.1/tcp/9944".parse().unwrap();
		let v6: Multiaddr = "/ip6/::1/tcp/41234".parse().unwrap();
		let no_port: Multiaddr = "/ip4/127.0.0.1".parse().unwrap();
		assert_eq!(
			socket_addrs(&[v4, no_port, v6]),
			vec!["127.0.0.1:9944".parse().unwrap(), "[::1]:41234".parse().unwrap()]
		);
	}

	#[cfg(target_os = "linux")]
	#[test]
	fn connections_to_the_listed_listeners_get_nodelay_and_others_do_not() {
		use socket2::SockRef;
		use std::net::{TcpListener, TcpStream};
		let nodelay = |stream: &TcpStream| SockRef::from(stream).tcp_nodelay().unwrap();
		let rpc = TcpListener::bind("127.0.0.1:0").unwrap();
		let other = TcpListener::bind("127.0.0.1:0").unwrap();
		let rpc_addr = rpc.local_addr().unwrap();

		let outcome = set_on_listeners(&[rpc_addr]).unwrap();
		assert_eq!(outcome.set, vec![rpc_addr]);
		assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);

		let _client = TcpStream::connect(rpc_addr).unwrap();
		let (accepted, _) = rpc.accept().unwrap();
		assert!(nodelay(&accepted), "a connection accepted after inherits TCP_NODELAY");
		let _client = TcpStream::connect(other.local_addr().unwrap()).unwrap();
		let (accepted, _) = other.accept().unwrap();
		assert!(!nodelay(&accepted), "another listener is left as it was");
	}
}
