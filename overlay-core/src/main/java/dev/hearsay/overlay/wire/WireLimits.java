package dev.hearsay.overlay.wire;

/**
 * The named maximum of every length and count on the wire. A decoder checks each one before it
 * allocates anything, so a peer's declared sizes never decide how much memory is used.
 */
public final class WireLimits {
  /** Protocol version this codec speaks; anything else is refused. */
  public static final int VERSION = 1;
  /** An identity URI: scheme, a 253-character domain and two 63-character path names fit. */
  public static final int MAX_IDENTITY_BYTES = 512;
  /** A gossip address, {@code host:port} (a DNS name of up to 253 characters and a port). */
  public static final int MAX_ADDRESS_BYTES = 270;
  /** The opaque proof slot: a signature, and the signer's certificate the first time it is sent. */
  public static final int MAX_PROOF_BYTES = 4096;
  /** Claims in one message (piggyback, gossip or one push-pull page). */
  public static final int MAX_CLAIMS_PER_MESSAGE = 512;
  /** Claims enclosed as evidence in one DEAD (k accusations, or one LEAVE). */
  public static final int MAX_EVIDENCE = 16;
  /** Entries of one member's metadata, both visibility classes together. */
  public static final int MAX_META_ENTRIES = dev.hearsay.overlay.core.Metadata.MAX_ENTRIES;
  /** A metadata key (ASCII: letters, digits, '.', '_', '-'). */
  public static final int MAX_META_KEY_BYTES = dev.hearsay.overlay.core.Metadata.MAX_KEY_CHARS;
  /** A metadata value, UTF-8. */
  public static final int MAX_META_VALUE_BYTES = dev.hearsay.overlay.core.Metadata.MAX_VALUE_BYTES;
  /** Metadata claims in one member push: one per visibility class. */
  public static final int MAX_META_PER_PUSH = dev.hearsay.overlay.core.MemberPush.MAX_META;
  /** Registry entries in one message (a pull's answer or a push); a longer gap is pulled page by page. */
  public static final int MAX_REVOCATION_ENTRIES = 64;
  /** One registry entry's canonical body (its strings are bounded far below this). */
  public static final int MAX_ENTRY_BODY_BYTES = dev.hearsay.registry.log.EntryCodec.MAX_BODY_LENGTH;
  /** A head signature: an ECDSA P-256 signature is at most 72 bytes; room for larger registry keys. */
  public static final int MAX_HEAD_SIGNATURE_BYTES = 512;
  /** The registry certificate a head carries. */
  public static final int MAX_HEAD_CERTIFICATE_BYTES = dev.hearsay.registry.log.SignedHead.MAX_CERTIFICATE_LENGTH;

  private WireLimits() {}
}
