package dev.hearsay.authz;

import java.util.Locale;

/** Why a claim, view or read was denied; stable names, safe to use as metric tags. */
public enum DenyReason {
  /** The actor's certificate is revoked. */
  SIGNER_REVOKED,
  /** The actor's certificate is outside its validity window. */
  SIGNER_EXPIRED,
  /** The actor's certificate is not known, so nothing it signed can be trusted. */
  SIGNER_UNKNOWN,
  /** The actor belongs to another trust domain than the subject (another overlay). */
  FOREIGN_TRUST_DOMAIN,
  /** The subject is a registry or an operator: only nodes are members with liveness and metadata. */
  SUBJECT_NOT_MEMBER,
  /** The actor's role may never make this kind of claim (e.g. a registry accusing a node). */
  WRONG_ROLE,
  /** Only the subject may make this claim, and the actor is another node of the same tenant. */
  NOT_SUBJECT,
  /** A node accuses itself; nodes refute or leave, they don't suspect themselves. */
  SELF_ACCUSATION,
  /** The actor is a node of another tenant and the policy does not let it act on, or see, the subject. */
  CROSS_TENANT,
  /** In {@code monitors} mode, the accuser is not one of the subject's assigned monitors. */
  NOT_AUTHORIZED_ACCUSER,
  /** A DEAD claim carries fewer than {@code k} distinct authorized accusers as evidence. */
  INSUFFICIENT_ACCUSERS,
  /** A private metadata entry asked for by a node of another tenant. */
  PRIVATE_METADATA,
  /** The key's namespace does not list the actor's kind among its writers. */
  KEY_NOT_WRITABLE;

  /** The reason as a metric tag value, e.g. {@code not-subject}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
