package dev.hearsay.registry.api;

import java.util.List;

/**
 * {@code GET /v1/revocations?since=n} and the long-poll: entries after {@code n} (at most one page),
 * {@code next} to pass as {@code since} for the following page, {@code more} when the log goes on
 * past this page, and the signed head the entries lead to.
 */
public record RevocationsResponse(List<EntryJson> entries, long next, boolean more, HeadJson head) {}
