package io.rdht.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/** One JSON object per event and line, for scripts. */
final class JsonLines implements ReadingDisplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    JsonLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void show(SensorReading r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", r.time().toString());
        o.put("event", r.rejected() == null ? r.event() : "rejected");
        o.put("sensor", r.sensor());
        o.put("verified", r.verified());
        o.put("value_id", Long.toUnsignedString(r.valueId(), 16));
        o.put("seq", r.seq());
        if (r.rejected() != null) {
            o.put("reason", r.rejected());
        } else {
            o.put("lvl_percent", r.reading().levelPercent());
            o.put("lat", r.reading().latitude());
            o.put("long", r.reading().longitude());
        }
        out.println(o);
        out.flush();
    }
}
