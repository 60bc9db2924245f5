package dev.hearsay.registry.store;

import dev.hearsay.registry.log.RevocationEntry;

/** The entry for a target, and whether this append created it or it already existed. */
public record AppendResult(RevocationEntry entry, boolean created) {}
