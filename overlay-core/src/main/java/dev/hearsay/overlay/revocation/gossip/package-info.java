/**
 * Registry gossip: the decisions by which nodes carry the seed registry's signed head and entries
 * to each other, as a pure state machine ({@link dev.hearsay.overlay.revocation.gossip.RegistryGossip})
 * over a verified log ({@link dev.hearsay.overlay.revocation.gossip.GossipLog}) and a place for its
 * effects ({@link dev.hearsay.overlay.revocation.gossip.GossipEffects}). The design and its bounds
 * are described in {@link dev.hearsay.overlay.revocation}.
 */
package dev.hearsay.overlay.revocation.gossip;
