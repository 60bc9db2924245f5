/**
 * A node's use of the seed registry's bootstrap list ({@code GET/POST /v1/seeds}).
 *
 * <ul>
 *   <li>{@link dev.hearsay.overlay.bootstrap.RegistrySeeds}: the whole of it for {@code Node}.
 *   <li>{@code SeedRegistration}: registers the node's advertised address and renews it at a third of
 *       the TTL left (bounded, jittered); failures retry with growing jittered waits; stops on leave.
 *   <li>{@code SeedBootstrap}: while the node has no live member, reads the list and joins through a
 *       few listed addresses, with growing jittered waits; once joined, re-reads it now and then to
 *       sync with listed members it has never heard of.
 *   <li>{@code SeedSelection}: which entries to contact (never the node's own).
 * </ul>
 *
 * <p>The list is trusted for addresses only. A join goes to an address; whoever answers there
 * proves its identity in the mutual-TLS handshake and speaks only through signed claims, exactly as
 * a static seed does. An entry naming one identity at another node's address is a join through that
 * other node, nothing more.
 */
package dev.hearsay.overlay.bootstrap;
