package dev.hearsay.registry.api;

/** The answer to a publish: the entry (new or existing), whether it was created, and the signed head after it. */
public record PublishResponse(EntryJson entry, boolean created, HeadJson head) {}
