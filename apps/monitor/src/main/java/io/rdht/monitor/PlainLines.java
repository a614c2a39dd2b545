package io.rdht.monitor;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** One line per event, for pipes and logs. */
final class PlainLines implements ReadingDisplay {

    private final PrintStream out;

    PlainLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void show(SensorReading r) {
        String time = r.time().truncatedTo(ChronoUnit.MILLIS).toString();
        String trust = r.verified() ? "✓ verified" : "✗ unverified";
        if (r.rejected() != null) {
            out.printf(
                    Locale.ROOT,
                    "%s  %-16s  %-12s  REJECTED %s: %s%n",
                    time,
                    r.sensor(),
                    trust,
                    r.event(),
                    r.rejected());
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s  %-16s  %-12s  %-7s  lat %10.6f  long %11.6f  level %3d%%%n",
                    time,
                    r.sensor(),
                    trust,
                    r.event(),
                    r.reading().latitude(),
                    r.reading().longitude(),
                    r.reading().levelPercent());
        }
        out.flush();
    }
}
