package io.rdht.core.wire;

import java.util.List;

/**
 * The answer to {@link PutValues}: which values were stored and which were refused, and why.
 *
 * @param storedIds  ids of the values now stored
 * @param rejections the values refused
 */
public record Stored(List<Long> storedIds, List<Rejection> rejections) implements Reply {
    /** Bounds both lists. */
    public Stored {
        WireLimits.checkCount(storedIds.size(), WireLimits.MAX_IDS, "stored ids");
        WireLimits.checkCount(rejections.size(), WireLimits.MAX_VALUES, "rejections");
        storedIds = List.copyOf(storedIds);
        rejections = List.copyOf(rejections);
    }

    /**
     * One refused value.
     *
     * @param valueId the refused value's id
     * @param code    why, as a code
     * @param reason  why, in words (at most {@link WireLimits#MAX_TEXT} characters)
     */
    public record Rejection(long valueId, ErrorCode code, String reason) {
        /** Checks the code and bounds the reason. */
        public Rejection {
            java.util.Objects.requireNonNull(code, "code");
            WireLimits.checkText(reason, WireLimits.MAX_TEXT, "reason");
        }
    }
}
