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

use sc_service::config::RpcConfiguration;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

/// The addresses the JSON-RPC server listens on: the configured endpoints, or as `sc-service`
/// does without any, the RPC port on both loopback interfaces.
pub fn listen_addrs(config: &RpcConfiguration) -> Vec<SocketAddr> {
	match &config.addr {
		Some(endpoints) => endpoints.iter().map(|endpoint| endpoint.listen_addr).collect(),
		None => vec![
			(Ipv4Addr::LOCALHOST, config.port).into(),
			(Ipv6Addr::LOCALHOST, config.port).into(),
		],
	}
}

/// Sets `TCP_NODELAY` on this process's listening TCP sockets bound to `addrs` (an unspecified IP
/// matches any, as a listener bound to it does); returns the addresses it was set on.
pub fn set_on_listeners(addrs: &[SocketAddr]) -> std::io::Result<Vec<SocketAddr>> {
	imp::set_on_listeners(addrs)
}

/// Whether a listener bound to `bound` is the one asked for as `wanted`.
fn is_wanted(bound: &SocketAddr, wanted: &SocketAddr) -> bool {
	bound.port() == wanted.port() && (wanted.ip().is_unspecified() || bound.ip() == wanted.ip())
}

#[cfg(target_os = "linux")]
mod imp {
	use super::is_wanted;
	use socket2::{Protocol, SockRef};
	use std::{net::SocketAddr, os::fd::BorrowedFd};

	pub fn set_on_listeners(addrs: &[SocketAddr]) -> std::io::Result<Vec<SocketAddr>> {
		let mut set = Vec::new();
		for entry in std::fs::read_dir("/proc/self/fd")? {
			let Some(fd) = entry?.file_name().to_str().and_then(|name| name.parse().ok()) else {
				continue;
			};
			// SAFETY: `fd` is one of this process's descriptors, used only for the socket
			// options below. Were another thread to close it and open another file on the same
			// number meanwhile, the calls fail (not a socket) or touch a socket that passes the
			// same checks, a listener on an RPC address.
			let fd = unsafe { BorrowedFd::borrow_raw(fd) };
			let socket = SockRef::from(&fd);
			let is_tcp_listener = socket.is_listener().unwrap_or(false)
				&& socket.protocol().ok().flatten() == Some(Protocol::TCP);
			let Some(bound) = socket.local_addr().ok().and_then(|addr| addr.as_socket()) else {
				continue;
			};
			if is_tcp_listener && addrs.iter().any(|wanted| is_wanted(&bound, wanted)) {
				socket.set_tcp_nodelay(true)?;
				set.push(bound);
			}
		}
		Ok(set)
	}
}

#[cfg(not(target_os = "linux"))]
mod imp {
	use std::net::SocketAddr;

	pub fn set_on_listeners(_addrs: &[SocketAddr]) -> std::io::Result<Vec<SocketAddr>> {
		Ok(Vec::new())
	}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
	use super::*;
	use socket2::SockRef;
	use std::net::{TcpListener, TcpStream};

	fn nodelay(stream: &TcpStream) -> bool {
		SockRef::from(stream).tcp_nodelay().expect("a TCP socket")
	}

	#[test]
	fn connections_to_the_listed_listeners_get_nodelay_and_others_do_not() {
		let rpc = TcpListener::bind("127.0.0.1:0").unwrap();
		let other = TcpListener::bind("127.0.0.1:0").unwrap();
		let rpc_addr = rpc.local_addr().unwrap();
		// Asked for as the node's configuration says it: any interface, this port.
		let wanted = SocketAddr::new([0, 0, 0, 0].into(), rpc_addr.port());

		assert_eq!(set_on_listeners(&[wanted]).unwrap(), vec![rpc_addr]);

		let _client = TcpStream::connect(rpc_addr).unwrap();
		let (accepted, _) = rpc.accept().unwrap();
		assert!(nodelay(&accepted), "a connection accepted after inherits TCP_NODELAY");
		let _client = TcpStream::connect(other.local_addr().unwrap()).unwrap();
		let (accepted, _) = other.accept().unwrap();
		assert!(!nodelay(&accepted), "another listener is left as it was");
	}

	#[test]
	fn an_address_matches_its_port_on_the_ip_asked_for_or_any() {
		let on = |ip: [u8; 4], port| SocketAddr::new(ip.into(), port);
		assert!(is_wanted(&on([127, 0, 0, 1], 9944), &on([0, 0, 0, 0], 9944)));
		assert!(is_wanted(&on([127, 0, 0, 1], 9944), &on([127, 0, 0, 1], 9944)));
		assert!(!is_wanted(&on([127, 0, 0, 1], 9944), &on([10, 0, 0, 1], 9944)));
		assert!(!is_wanted(&on([127, 0, 0, 1], 9945), &on([0, 0, 0, 0], 9944)));
	}
}
