package io.rdht.http.events;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as it goes on the wire.
 *
 * @param id   its id, or {@code null} for an event that leaves the client's last id as it is
 * @param type the event name ({@code added}, {@code updated}, {@code expired}, {@code sync},
 *             {@code reset}, {@code end})
 * @param data one line of JSON
 */
record SseEvent(String id, String type, String data) {

    /** Checks that the data is one line, as one {@code data:} field carries. */
    SseEvent {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("event data must be one line");
        }
    }

    /** The event in the {@code text/event-stream} format, blank line included. */
    String frame() {
        return (id == null ? "" : "id: " + id + "\n") + "event: " + type + "\ndata: " + data + "\n\n";
    }

    /** The bytes the event takes on the wire, as UTF-8. */
    int size() {
        return frame().getBytes(StandardCharsets.UTF_8).length;
    }
}
