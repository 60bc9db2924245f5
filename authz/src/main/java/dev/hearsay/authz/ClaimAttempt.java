package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * A claim someone is trying to make (or, for {@link ClaimKind#META_READ}, an entry someone is about
 * to receive), reduced to what authorization needs: its kind, its subject and, for metadata, the
 * entry. The actor is not part of the attempt: {@link Authorizer#decide} takes it separately, from
 * the verified signature or the authenticated connection, so there is one source for who is asking.
 *
 * @param kind what is claimed
 * @param subject the node the claim is about
 * @param metadata the entry, present exactly for {@code META_WRITE} and {@code META_READ}
 */
public record ClaimAttempt(ClaimKind kind, NodeIdentity subject, Optional<MetadataEntry> metadata) {

  public ClaimAttempt {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(metadata, "metadata");
    boolean isMetadata = kind == ClaimKind.META_WRITE || kind == ClaimKind.META_READ;
    if (isMetadata != metadata.isPresent()) {
      throw new IllegalArgumentException(
          kind + (isMetadata ? " needs a metadata entry" : " must not carry a metadata entry"));
    }
    if (metadata.isPresent() && !metadata.get().owner().equals(subject)) {
      throw new IllegalArgumentException(
          "metadata entry of " + metadata.get().owner() + " in a claim about " + subject);
    }
  }

  /** A membership claim (ALIVE, SUSPECT, DEAD, LEAVE or REFUTE) about {@code subject}. */
  public static ClaimAttempt about(ClaimKind kind, NodeIdentity subject) {
    return new ClaimAttempt(kind, subject, Optional.empty());
  }

  public static ClaimAttempt alive(NodeIdentity subject) {
    return about(ClaimKind.ALIVE, subject);
  }

  public static ClaimAttempt suspect(NodeIdentity subject) {
    return about(ClaimKind.SUSPECT, subject);
  }

  public static ClaimAttempt dead(NodeIdentity subject) {
    return about(ClaimKind.DEAD, subject);
  }

  public static ClaimAttempt leave(NodeIdentity subject) {
    return about(ClaimKind.LEAVE, subject);
  }

  public static ClaimAttempt refute(NodeIdentity subject) {
    return about(ClaimKind.REFUTE, subject);
  }

  public static ClaimAttempt metaWrite(MetadataEntry entry) {
    return new ClaimAttempt(ClaimKind.META_WRITE, entry.owner(), Optional.of(entry));
  }

  public static ClaimAttempt metaRead(MetadataEntry entry) {
    return new ClaimAttempt(ClaimKind.META_READ, entry.owner(), Optional.of(entry));
  }
}
