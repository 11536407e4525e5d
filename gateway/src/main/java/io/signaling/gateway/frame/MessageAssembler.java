package io.signaling.gateway.frame;

/**
 * Joins the parts of one websocket message as the container hands them over, keeping at
 * most {@code limit} chars of it. The container then needs only a small buffer per
 * connection (its buffers are allocated per connection, idle or not: docs/performance.md,
 * "Idle connections"), and a message of any size is still answered, as the contract
 * wants, instead of the container closing the socket with 1009 when a message outgrows
 * its buffer.
 *
 * <p>
 * One per connection; a connection's messages arrive one after another, never
 * concurrently.
 */
public final class MessageAssembler {

    private final int limit;

    private StringBuilder parts; // null between messages

    private boolean truncated;

    public MessageAssembler(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /**
     * Adds a part; returns the whole message once {@code last} (only its first
     * {@code limit} chars when it was longer: {@link #truncated()}), and {@code null}
     * while more parts are to come.
     */
    public String append(String part, boolean last) {
        if (parts == null) {
            truncated = false;
            if (last && part.length() <= limit) {
                return part; // the usual case: a message in one part, passed on without
                             // copying
            }
            parts = new StringBuilder(Math.min(limit, 2 * part.length()));
        }
        int room = limit - parts.length();
        if (part.length() > room) {
            parts.append(part, 0, room);
            truncated = true;
        }
        else {
            parts.append(part);
        }
        if (!last) {
            return null;
        }
        String message = parts.toString();
        parts = null;
        return message;
    }

    /** Whether the message {@link #append} returned last was cut to the limit. */
    public boolean truncated() {
        return truncated;
    }

}
