/**
 * The node's web interface ({@code bm node --web ADDR:PORT}): server-rendered pages on the JDK's
 * HTTP server for the mailbox, compose with live status and PoW progress, identities with QR codes,
 * the address book, subscriptions, the sender lists, the network and the proof of work. {@link
 * dev.bitmsg.node.web.WebServer} routes requests; {@link dev.bitmsg.node.web.Sessions} and {@link
 * dev.bitmsg.node.web.RequestGuard} hold the login (the API's credentials), the session cookie, the
 * CSRF token and the same-origin rule; {@link dev.bitmsg.node.web.Templates} renders Mustache
 * templates, which escape everything by default; {@link dev.bitmsg.node.web.LiveUpdates} pushes
 * status changes and PoW progress to the pages as Server-Sent Events, which htmx (served from the
 * jar, never a CDN) swaps in.
 *
 * <p>Reaches the node only through the ports the client API uses ({@code api.ApiPorts}: the
 * messaging facade, the address book and marks, the network, the sender lists) and {@code
 * messaging.MessagingListener}; never through {@code app}. Depends on {@code node.api} (ports and
 * settings), {@code node.messaging}, {@code node.net} (ports and value types), {@code node.store}
 * (interfaces and rows), {@code node.address}, {@code node.content}, Mustache and qrcodegen.
 */
package dev.bitmsg.node.web;
