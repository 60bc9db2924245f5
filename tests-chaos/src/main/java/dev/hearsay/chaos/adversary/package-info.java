/**
 * The malicious node of the chaos suite: it holds a valid certificate of the overlay, speaks the
 * wire protocol through overlay-core's own transport and codec, and says whatever an attack needs.
 * It uses only main classes of overlay-core and crypto, as a real insider would.
 */
package dev.hearsay.chaos.adversary;
