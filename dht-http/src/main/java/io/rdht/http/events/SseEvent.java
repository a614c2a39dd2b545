package io.rdht.http.events;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as it goes on the wire, encoded once: a key's event goes to every stream
 * of the key as these same bytes.
 */
final class SseEvent {

    private final String id;
    private final String type;
    private final byte[] frame;

    /**
     * An event.
     *
     * @param id   its id, or {@code null} for an event that leaves the client's last id as it is
     * @param type the event name ({@code added}, {@code updated}, {@code expired}, {@code sync},
     *             {@code reset}, {@code end})
     * @param data one line of JSON
     */
    SseEvent(String id, String type, String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("event data must be one line");
        }
        this.id = id;
        this.type = type;
        this.frame = ((id == null ? "" : "id: " + id + "\n") + "event: " + type + "\ndata: " + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Its id, or {@code null}. */
    String id() {
        return id;
    }

    /** Its event name. */
    String type() {
        return type;
    }

    /** The event in the {@code text/event-stream} format, blank line included, as UTF-8; not to be changed. */
    byte[] bytes() {
        return frame;
    }

    /** {@link #bytes()} as text. */
    String frame() {
        return new String(frame, StandardCharsets.UTF_8);
    }

    /** The bytes the event takes on the wire. */
    int size() {
        return frame.length;
    }
}
