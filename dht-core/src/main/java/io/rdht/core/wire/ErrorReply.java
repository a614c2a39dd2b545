package io.rdht.core.wire;

import java.util.Objects;

/**
 * A request could not be served.
 *
 * @param code what went wrong, as a code
 * @param text what went wrong, in words (at most {@link WireLimits#MAX_TEXT} characters)
 */
public record ErrorReply(ErrorCode code, String text) implements Reply {
    /** Checks the code and bounds the text. */
    public ErrorReply {
        Objects.requireNonNull(code, "code");
        WireLimits.checkText(text, WireLimits.MAX_TEXT, "error text");
    }
}
