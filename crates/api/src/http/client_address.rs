//! The address of the client behind our own reverse proxies, for the login throttle.
//!
//! Behind a proxy every connection comes from the proxy, so throttling by TCP peer would lock
//! everyone out together. `X-Forwarded-For` names the real client, but anyone can send it, so
//! it is believed only as far as our own proxies (`CLINIC_TRUSTED_PROXIES`) vouch for it: from
//! the right, each entry a trusted proxy appended is skipped, and the first one no trusted
//! proxy could have written is the client.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::web;

/// The reverse proxies whose `X-Forwarded-For` entries are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

/// The client's address for `req`: the peer, or, when the peer is a trusted proxy, the
/// nearest untrusted address it forwarded.
#[must_use]
pub fn of(req: &HttpRequest) -> Option<IpAddr> {
    let trusted = req
        .app_data::<web::Data<TrustedProxies>>()
        .map(|t| t.0.as_slice())
        .unwrap_or_default();
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    resolve(req.peer_addr().map(|a| a.ip()), forwarded, trusted)
}

/// The rule itself, without the request.
#[must_use]
pub fn resolve(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let mut client = peer?;
    if !trusted.contains(&client) {
        return Some(client);
    }
    for entry in forwarded_for.unwrap_or_default().rsplit(',') {
        match entry.trim().parse::<IpAddr>() {
            Ok(address) => {
                client = address;
                if !trusted.contains(&address) {
                    break;
                }
            }
            // A garbled entry cannot be attributed: stop at the last address we could read.
            Err(_) => break,
        }
    }
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::resolve;
    use std::net::IpAddr;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let peer = Some(ip("203.0.113.7"));
        assert_eq!(resolve(peer, Some("198.51.100.1"), &[]), peer);
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_client_counts() {
        let proxy = ip("10.0.0.2");
        let got = resolve(Some(proxy), Some("198.51.100.1"), &[proxy]);
        assert_eq!(got, Some(ip("198.51.100.1")));
    }

    #[test]
    fn entries_a_client_forged_before_our_proxy_are_ignored() {
        let (edge, inner) = (ip("10.0.0.1"), ip("10.0.0.2"));
        // The client sent "1.2.3.4" itself; the edge proxy appended the real address.
        let header = "1.2.3.4, 198.51.100.1, 10.0.0.1";
        let got = resolve(Some(inner), Some(header), &[edge, inner]);
        assert_eq!(got, Some(ip("198.51.100.1")));
    }

    #[test]
    fn a_trusted_proxy_without_a_header_or_with_garbage_counts_as_itself() {
        let proxy = ip("10.0.0.2");
        assert_eq!(resolve(Some(proxy), None, &[proxy]), Some(proxy));
        assert_eq!(
            resolve(Some(proxy), Some("nonsense"), &[proxy]),
            Some(proxy)
        );
    }
}
