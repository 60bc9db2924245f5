package dev.hearsay.overlay.core;

/**
 * Which metadata this node may hold about a member, so it only asks for (and keeps) what it may read.
 * Private metadata never crosses tenants, whatever the policy; the policy decides the rest.
 */
@FunctionalInterface
public interface MetadataAccess {

  boolean mayRead(MemberId subject, boolean shared);

  /** Shared metadata of anyone; private metadata of this node's own tenant only. */
  static MetadataAccess sameTenantPrivate(MemberId self) {
    return (subject, shared) -> shared || subject.tenant().equals(self.tenant());
  }
}
