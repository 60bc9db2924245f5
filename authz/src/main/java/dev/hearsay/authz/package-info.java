/**
 * Who may claim what in a hearsay overlay, as pure decisions with machine-readable reasons.
 *
 * <p>Signatures (module {@code crypto}) prove who said a claim; this package decides whether that
 * principal was allowed to say it, what each peer may see, how many distinct accusers make a node
 * DEAD, and how much each kind of peer may cost. It does no cryptography, keeps no clock, starts no
 * thread and performs no I/O apart from {@link dev.hearsay.authz.PolicyLoader} reading a policy file.
 */
package dev.hearsay.authz;
