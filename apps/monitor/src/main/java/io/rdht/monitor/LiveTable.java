package io.rdht.monitor;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest reading of each sensor as a table redrawn in place, each row coloured by its level;
 * rejected values are counted under the table, never shown as readings.
 */
final class LiveTable implements ReadingDisplay {

    private static final String CLEAR = "\033[H\033[2J";
    private static final String RESET = "\033[0m";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final String title;
    private final Map<String, SensorReading> latest = new TreeMap<>();
    private int rejected;
    private String lastRejection = "";

    LiveTable(PrintStream out, String title) {
        this.out = out;
        this.title = title;
    }

    @Override
    public void show(SensorReading r) {
        if (r.rejected() != null) {
            rejected++;
            lastRejection = r.sensor() + ": " + r.rejected();
        } else if (r.event().equals("expired")) {
            latest.remove(r.sensor() + "/" + Long.toHexString(r.valueId()));
        } else {
            latest.put(r.sensor() + "/" + Long.toHexString(r.valueId()), r);
        }
        redraw();
    }

    private void redraw() {
        StringBuilder s = new StringBuilder(CLEAR).append(title).append("\n\n");
        s.append(String.format(
                Locale.ROOT, "%-8s  %-16s  %-10s  %-24s  %s%n", "time", "sensor", "signature", "position", "level"));
        for (SensorReading r : latest.values()) {
            int level = r.reading().levelPercent();
            s.append(colour(level))
                    .append(String.format(
                            Locale.ROOT,
                            "%-8s  %-16s  %-10s  %-24s  %3d%% %s",
                            CLOCK.format(r.time()),
                            r.sensor(),
                            r.verified() ? "✓" : "✗ unverified",
                            r.reading().position(),
                            level,
                            bar(level)))
                    .append(RESET)
                    .append('\n');
        }
        s.append('\n').append(latest.size()).append(" sensors");
        if (rejected > 0) {
            s.append(", ")
                    .append(rejected)
                    .append(" rejected (last: ")
                    .append(lastRejection)
                    .append(')');
        }
        s.append("  —  Ctrl-C to stop\n");
        out.print(s);
        out.flush();
    }

    private static String colour(int level) {
        return level < 34 ? "\033[32m" : level < 67 ? "\033[33m" : "\033[31m";
    }

    private static String bar(int level) {
        return "█".repeat(level / 5);
    }
}
