package io.signaling.gateway.frame;

/**
 * Bounds on the JSON of a client message beyond its size (docs/security.md, "Gateway").
 * SDP, ICE candidates and application payloads nest a few levels and carry short numbers;
 * the defaults are far above that and far below what breaks a later step (Jackson's
 * 500-level write limit when the relay wraps a signal in another record).
 *
 * @param maxDepth the deepest nesting of objects and arrays, the message's own object
 * included
 * @param maxNumberLength the most characters of one JSON number (digits, sign, point,
 * exponent)
 */
public record ContentLimits(int maxDepth, int maxNumberLength) {

    public static final ContentLimits DEFAULTS = new ContentLimits(64, 100);

    public ContentLimits {
        if (maxDepth < 2 || maxNumberLength < 1) {
            throw new IllegalArgumentException("content limits need max-depth >= 2 and max-number-length >= 1");
        }
    }
}
