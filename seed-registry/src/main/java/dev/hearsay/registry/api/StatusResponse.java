package dev.hearsay.registry.api;

import java.util.Map;

/**
 * {@code GET /v1/status}: the signed head, the number of entries and live seeds, what recovery found
 * at start, and request rejections by reason since start.
 */
public record StatusResponse(
    HeadJson head, long entries, int seeds, long recoveredTruncatedBytes, Map<String, Long> rejections) {}
