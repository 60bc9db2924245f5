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
 *   <li>{@code gossip}: registry gossip between nodes (below).
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
 * <h2>Gossip acceleration</h2>
 *
 * The registry stays the only source of entries; gossip only carries its signed words further and
 * faster, so a node that cannot reach the registry still learns a revocation within a few gossip
 * rounds. The decisions are {@link dev.hearsay.overlay.revocation.gossip.RegistryGossip}, a pure
 * state machine (clock and randomness passed in, no threads or sockets) that the node drives on its
 * event loop ({@code node.RevocationRelay}) and {@code sim.RevocationSpread} drives a thousand times
 * over in virtual time. Every entry a peer relays goes through
 * {@link dev.hearsay.overlay.revocation.NodeRevocation#offer}, exactly like entries fetched from the
 * registry.
 *
 * <ol>
 *   <li><b>A head with every push-pull exchange.</b> After every {@code PushPullSyn} and
 *       {@code PushPullAck} the membership core sends, the node sends a {@code RegistryHead} frame
 *       (type 11) to the same peer: sequence, hash, time, signature and the registry's certificate.
 *       The core's messages stay as they are (the membership protocol knows nothing of the
 *       registry), yet the head goes exactly where and when anti-entropy goes, both ways, and with a
 *       join's answer, so a joiner learns the head at once. A timer of its own would have needed
 *       its own peer choice for the same effect. The receiver compares sequences: the peer ahead,
 *       it pulls the gap from that peer; behind, it pushes the peer the gap; the same sequence with
 *       a newer time (or another hash), it offers the head alone, so freshness travels by gossip too.
 *   <li><b>The certificate in full, not by fingerprint.</b> A head is about 700 bytes with the
 *       certificate. One goes with each push-pull message, whose interval grows with the cluster
 *       (180 s at 1,000 members): under 10 bytes a second per node, against ~600 for membership. A
 *       fingerprint would save little and add a way to fail (a receiver that never saw the
 *       certificate cannot check the head).
 *   <li><b>Pull when behind.</b> {@code RevocationPull(since, max)} (type 12) is answered by
 *       {@code RevocationEntries(entries, head)} (type 13): canonical entry bodies with their hashes,
 *       in increasing sequence, at most 64 and within the frame limit, and the head. Entries only
 *       verify up to a signed head and a node keeps no older heads, so a gap longer than one message
 *       cannot be taken page by page: the pages from one peer are gathered (at most 10,000 entries)
 *       and offered at once with the head of the last. At most one pull in flight per peer, two in
 *       all, four new ones a second; an unanswered pull is given up after 2 s.
 *   <li><b>Push when new.</b> Entries just accepted, from the registry or from a peer, go at once to
 *       {@code fanout} random members, then to {@code fanout} more every gossip interval until each
 *       has been sent λ·ceil(log10(N+1)) times (memberlist's retransmit limit), as the run of the log
 *       ending at the head (at most one message's worth). A receiver that this run reaches from its
 *       position offers it; one further behind pulls. The core's own gossip messages do not carry
 *       them: registry entries are not membership claims and are checked by another authority.
 *   <li><b>Verification.</b> The receiver calls {@code offer(entries, head)}: the head must be signed
 *       by a certificate that chains to the overlay's trust bundle and names a registry
 *       ({@code HeadVerifier}); the entries must extend the receiver's verified chain link by link
 *       (hash of each body, previous hash of each, last hash equal to the head's). The relaying
 *       peer's identity plays no part in what is accepted.
 *   <li><b>What a peer may cost.</b> An offer that will check a signature takes a token of the
 *       peer's offer rate (2 a second) and one verification of its budget in the peer guard; offers
 *       the log ignores before any check (an older head, the same head again) are free, which is what
 *       every duplicate push is. A REJECTED offer is counted by reason with the peer
 *       ({@code hearsay.registry.gossip.refused}, a rate-limited log line) and quarantines the peer:
 *       its registry messages are ignored for a minute. The guard's score is left alone, because the
 *       guard has no public way to take such a penalty. Pulls are answered at most 2 a second per
 *       peer. Every size and count is bounded by the decoder ({@code WireLimits}: 64 entries, 4 KiB
 *       per entry body, 512-byte signatures, 8 KiB certificates, the 64 KiB frame); a malformed frame
 *       is a counted rejection that closes the connection, like any other.
 *   <li><b>Why nothing can remove an entry.</b> There is no message that removes or replaces an
 *       entry, and no code path that shrinks {@code VerifiedLog} or {@code RevocationSet} (neither has
 *       a remove). An offer whose chain omits an entry fails with MISSING_ENTRIES, an altered entry
 *       with BROKEN_CHAIN, a different history at the same sequence with FORKED, and a head older than
 *       the node's is IGNORED before its signature is even checked. Only a registry key could sign a
 *       different history; that key is out of the threat model and rotated with the CA.
 *   <li><b>Budget.</b> In steady state, the head with each push-pull message. A new entry costs each
 *       node about 12 pushes of ~1 KB at 1,000 members (the registry certificate is most of it).
 * </ol>
 *
 * Measured: at 1,000 simulated members with the registry reachable by one, every member holds a new
 * entry within ~0.12 s (p99) on a LAN-like network and ~0.4 s with 20 to 50 ms links (README).
 */
package dev.hearsay.overlay.revocation;
