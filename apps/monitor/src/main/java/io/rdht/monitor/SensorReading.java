package io.rdht.monitor;

import io.rdht.cli.Reading;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Instant;

/**
 * What the monitor shows of one event: when it arrived, which sensor sent it, whether its
 * signature was verified, and the reading, or why it is not one.
 *
 * @param time     when the event arrived
 * @param event    added, updated or expired
 * @param sensor   the owner's short key id, or {@code unsigned} for a value nobody signed
 * @param verified whether the node verified the owner's signature
 * @param valueId  the value's id
 * @param seq      the value's edit sequence
 * @param reading  the reading, or {@code null} if rejected
 * @param rejected why the value is not a valid reading, or {@code null}
 */
record SensorReading(
        Instant time,
        String event,
        String sensor,
        boolean verified,
        long valueId,
        long seq,
        Reading reading,
        String rejected) {

    /** The view of {@code e}, arrived at {@code now}. */
    static SensorReading of(ValueEvent e, Instant now) {
        Value v = e.value();
        String event = switch (e) {
            case ValueEvent.Added a -> "added";
            case ValueEvent.Updated u -> "updated";
            case ValueEvent.Expired x -> "expired";
        };
        String sensor = v.ownerKey() == null ? "unsigned" : v.ownerKey().shortId();
        if (!Reading.CONTENT_TYPE.equals(v.contentType())) {
            return new SensorReading(
                    now,
                    event,
                    sensor,
                    v.verified(),
                    v.id(),
                    v.seq(),
                    null,
                    "content type " + v.contentType() + ", expected " + Reading.CONTENT_TYPE);
        }
        try {
            return new SensorReading(
                    now, event, sensor, v.verified(), v.id(), v.seq(), Reading.parse(v.dataAsText()), null);
        } catch (Reading.InvalidReading invalid) {
            return new SensorReading(now, event, sensor, v.verified(), v.id(), v.seq(), null, invalid.getMessage());
        }
    }

    /** True for a valid reading from a verified sensor: the only kind shown as real. */
    boolean trusted() {
        return rejected == null && verified;
    }
}
