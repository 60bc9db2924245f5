package dev.hearsay.authz;

import java.util.Set;

/**
 * META_WRITE: who may write a key of a node's metadata.
 *
 * <ul>
 *   <li>Keys outside every namespace: the subject alone.
 *   <li>Keys of a namespace: the writers it lists ({@code self}, {@code operator}); a namespace may
 *       be limited to some tenants, so operators can be given e.g. {@code ops.*} of one tenant only.
 *   <li>Another node never writes a node's metadata: a node of the same tenant is denied as not the
 *       subject, a node of another tenant as cross-tenant (whatever the tenants' settings).
 *   <li>Registries never write metadata.
 * </ul>
 */
final class MetadataWriteRule {
  private final Policy policy;

  MetadataWriteRule(Policy policy) {
    this.policy = policy;
  }

  Decision check(Principal actor, MetadataEntry entry) {
    Set<MetadataWriter> writers =
        policy.metadata().writersOf(entry.owner().tenant().orElseThrow(), entry.key());
    return switch (actor.certificateRole()) {
      case REGISTRY ->
          Decision.deny(DenyReason.WRONG_ROLE, "a registry may not write metadata (" + actor.identity() + ")");
      case OPERATOR ->
          writers.contains(MetadataWriter.OPERATOR)
              ? Decision.allow()
              : notWritable(actor, entry, MetadataWriter.OPERATOR);
      case NODE -> checkNode(actor, entry, writers);
    };
  }

  private static Decision checkNode(Principal actor, MetadataEntry entry, Set<MetadataWriter> writers) {
    if (actor.identity().equals(entry.owner())) {
      return writers.contains(MetadataWriter.SELF) ? Decision.allow() : notWritable(actor, entry, MetadataWriter.SELF);
    }
    if (actor.identity().tenant().equals(entry.owner().tenant())) {
      return Decision.deny(DenyReason.NOT_SUBJECT, actor.identity() + " may not write metadata of " + entry.owner());
    }
    return Decision.deny(
        DenyReason.CROSS_TENANT, actor.identity() + " of another tenant may not write metadata of " + entry.owner());
  }

  private static Decision notWritable(Principal actor, MetadataEntry entry, MetadataWriter as) {
    return Decision.deny(
        DenyReason.KEY_NOT_WRITABLE,
        "key '" + entry.key() + "' of " + entry.owner() + " is not writable by " + as.label() + " (" + actor.identity() + ")");
  }
}
