/**
 * rdht's HTTP gateway: OpenDHT's REST proxy API ({@code dhtnode --proxyserver}) on the node's
 * HTTP server, so that scripts, phones and other languages use the DHT over HTTP. {@link
 * io.rdht.http.proxy.ProxyGateway} is the route; its requests, JSON, limits and security are
 * documented in docs/HTTP.md, with what rdht answers differently from OpenDHT and why.
 */
package io.rdht.http.proxy;
