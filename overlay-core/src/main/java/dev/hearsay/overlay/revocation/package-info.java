/**
 * The node side of revocation: a verified copy of the seed registry's log, kept up with the
 * registry, persisted, and enforced on the running node.
 *
 * <h2>What is here</h2>
 *
 * <ul>
 *   <li>{@link dev.hearsay.overlay.revocation.NodeRevocation}: the whole of it for {@code Node}: load
 *       the persisted log, catch up, follow, verify, persist, enforce, freshness, metrics, health.
 *   <li>{@code VerifiedLog}: entries and head, changed only through {@code ChainVerifier}; feeds the
 *       {@code RevocationSet} that the TLS trust manager and the claim authenticator consult.
 *   <li>{@code VerifiedLogFile}: the persisted copy (atomic rewrite with fsync), verified again on load.
 *   <li>{@code RegistryFollower}: catch-up, long-polls, periodic reconcile, bounded jittered backoff.
 *   <li>{@code MemberSerials}: which member a certificate serial belongs to, from authenticated ALIVEs.
 *   <li>{@code Freshness}: head age, the stale flag, and the closed policy's gate.
 * </ul>
 *
 * <h2>Enforcement</h2>
 *
 * An accepted entry is in the revocation set before anything else happens, so from that moment the
 * target's handshakes fail in the trust manager and every claim signed with its certificate fails in
 * the claim authenticator (both go through the same {@code PeerCertificateValidator}). Then the node
 * closes the target's connections and marks it REVOKED in its core, which is terminal. An identity
 * entry matches every certificate naming the identity, renewed ones included. A serial entry is
 * mapped to its member through {@code MemberSerials}; it takes the member out of the view only when
 * it names the member's current certificate (the core's REVOKED is per member, not per certificate).
 *
 * <h2>Design: gossip acceleration (not built yet)</h2>
 *
 * The registry stays the only source of entries; gossip only carries its signed words further and
 * faster. Everything below reuses {@link dev.hearsay.overlay.revocation.NodeRevocation#offer}, so a
 * gossiped entry goes through exactly the checks a fetched one does.
 *
 * <ol>
 *   <li><b>Head in every push-pull digest.</b> {@code PushPullSyn} and {@code PushPullAck} gain a
 *       {@code RegistryHead} field: sequence (u64), hash (32 bytes), time (i64 ms), signature, and the
 *       registry certificate by fingerprint (32 bytes) or in full (once per connection, at most
 *       {@code SignedHead.MAX_CERTIFICATE_LENGTH}). About 110 bytes with a fingerprint. A node compares
 *       the peer's sequence with its own: equal and newer time, it offers the head alone (freshness
 *       travels by gossip too); higher, it asks for the gap; lower, it pushes the gap.
 *   <li><b>Pull when behind.</b> A new message {@code RevocationPull(since u64, max u16)} answered by
 *       {@code RevocationEntries(entries, head)}: canonical entry bodies ({@code EntryCodec}) with
 *       their hashes, in order, at most 64 per message and within the frame limit, plus the signed
 *       head they lead to. A gap larger than one message is pulled again from the new position. Pulls
 *       are rate-limited per peer like other frames (one in flight per peer, a few per second).
 *   <li><b>Piggyback when new.</b> An entry a node has just accepted rides, with the head it was
 *       accepted with, on the next {@code ~λ·log N} gossip messages as a dissemination item, like a
 *       claim; a receiver that is exactly one entry behind accepts it directly, others pull.
 *   <li><b>Verification.</b> The receiver calls {@code offer(entries, head)}: the head must be signed by
 *       a certificate that chains to the overlay's trust bundle and names a registry
 *       ({@code HeadVerifier}); the entries must extend the receiver's verified chain link by link
 *       (hash of each body, previous hash of each, last hash equal to the head's). The relaying
 *       peer's identity plays no part; a REJECTED offer is counted against the relaying peer (its
 *       score), an IGNORED one is free.
 *   <li><b>Why nothing can remove an entry.</b> There is no message that removes or replaces an
 *       entry, and no code path that shrinks {@code VerifiedLog} or {@code RevocationSet} (neither has
 *       a remove). An offer whose chain omits an entry fails with MISSING_ENTRIES, an altered entry
 *       with BROKEN_CHAIN, a different history at the same sequence with FORKED, and a head older than
 *       the node's is IGNORED before its signature is even checked. Only a registry key could sign a
 *       different history; that key is out of the threat model and rotated with the CA.
 *   <li><b>Budget.</b> The head adds about 110 bytes per push-pull exchange (one per node per
 *       push-pull interval); entries move only when the log grows, so steady-state cost is the head.
 * </ol>
 *
 * Wire changes (new message types, the digest field) and the dissemination queue belong to
 * {@code dev.hearsay.overlay.wire} and {@code dev.hearsay.overlay.core}; this package only needs an
 * accessor for its verified entries after a sequence (bounded) to answer pulls.
 */
package dev.hearsay.overlay.revocation;
