//! The client's address behind a reverse proxy (docs/deployment.md). Failed logins and codes are
//! throttled per client address and every audit record names it, so behind nginx the proxy's own
//! address would make every user one client. When the peer is one of the trusted proxies
//! (`TODOKE_TRUSTED_PROXIES`), the client is the right-most address of `X-Forwarded-For` that is not a
//! trusted proxy itself (the left-most entries are the client's to write, and so never trusted); the
//! request then carries that address as its `ConnectInfo`, which everything downstream reads.
//! From any other peer the header is ignored.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Arc<[IpAddr]>);

pub async fn client_behind_proxy(State(trusted): State<TrustedProxies>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    if peer.is_some_and(|peer| trusted.0.contains(&peer)) {
        let forwarded = request.headers().get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok());
        let hops: Vec<&str> = forwarded.flat_map(|value| value.split(',')).collect();
        if let Some(client) = client_of(&hops, &trusted.0) {
            request.extensions_mut().insert(ConnectInfo(SocketAddr::new(client, 0)));
        }
    }
    next.run(request).await
}

/// The right-most hop that is not a trusted proxy; none when a hop is not an address.
fn client_of(hops: &[&str], trusted: &[IpAddr]) -> Option<IpAddr> {
    for hop in hops.iter().rev() {
        let address: IpAddr = hop.trim().parse().ok()?;
        if !trusted.contains(&address) {
            return Some(address);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_right_most_hop_that_is_not_a_trusted_proxy() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let trusted = [proxy];
        let client = |hops: &[&str]| client_of(hops, &trusted).map(|address| address.to_string());
        assert_eq!(client(&["203.0.113.7"]).as_deref(), Some("203.0.113.7"));
        // What the client wrote itself (the first hop) is passed over for what nginx appended.
        assert_eq!(client(&["10.9.9.9", " 198.51.100.2"]).as_deref(), Some("198.51.100.2"));
        assert_eq!(client(&["198.51.100.2", "127.0.0.1"]).as_deref(), Some("198.51.100.2"));
        assert_eq!(client(&["2001:db8::1"]).as_deref(), Some("2001:db8::1"));
        assert_eq!(client(&["not-an-address"]), None);
        assert_eq!(client(&["127.0.0.1"]), None);
        assert_eq!(client(&[]), None);
    }
}
