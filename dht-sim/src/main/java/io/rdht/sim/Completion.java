package io.rdht.sim;

/**
 * How long the users' operations took, in virtual milliseconds, as a caller of {@code DhtNode}
 * sees them: a value can arrive long before its get completes, and a one-shot command waits for
 * the completion.
 *
 * @param getFirstValue from a get's start to the value it looked for (gets that found it)
 * @param getComplete   from a get's start to the end of its stream, found or not
 * @param putComplete   from a put's start to the end of its {@code Mono}, stored or failed
 * @param storersP50    median number of storers a successful put names
 * @param storersMin    fewest storers a successful put named
 * @param listenMoved   from the crash of a node a listen was registered with to the listen no
 *                      longer naming it (polled through {@code DhtNode.listens()} every 100 ms)
 * @param refreshLookup the part of {@code listenMoved} after the listen's last periodic refresh
 *                      began: what the refresh's lookup and registration took
 */
record Completion(
        Percentiles getFirstValue,
        Percentiles getComplete,
        Percentiles putComplete,
        long storersP50,
        long storersMin,
        Percentiles listenMoved,
        Percentiles refreshLookup) {

    /** Not measured (a report written before these figures existed). */
    static final Completion NONE = new Completion(
            Percentiles.NONE, Percentiles.NONE, Percentiles.NONE, 0, 0, Percentiles.NONE, Percentiles.NONE);

    /** The names of the CSV columns, in the order of {@link #csv()}. */
    static final String CSV_HEADER = columns("get_first_value") + "," + columns("get_complete") + ","
            + columns("put_complete") + ",put_storers_p50,put_storers_min," + columns("listen_moved") + ","
            + columns("refresh_lookup");

    /** Columns in the CSV. */
    static final int CSV_FIELDS = 22;

    private static String columns(String name) {
        return name + "_count," + name + "_p50_ms," + name + "_p95_ms," + name + "_p99_ms";
    }

    /** The figures as CSV fields, without a line end. */
    String csv() {
        return String.join(
                ",",
                fields(getFirstValue),
                fields(getComplete),
                fields(putComplete),
                Long.toString(storersP50),
                Long.toString(storersMin),
                fields(listenMoved),
                fields(refreshLookup));
    }

    /** The figures from {@link #CSV_FIELDS} fields starting at {@code from}. */
    static Completion parse(String[] f, int from) {
        return new Completion(
                percentiles(f, from),
                percentiles(f, from + 4),
                percentiles(f, from + 8),
                Long.parseLong(f[from + 12]),
                Long.parseLong(f[from + 13]),
                percentiles(f, from + 14),
                percentiles(f, from + 18));
    }

    private static String fields(Percentiles p) {
        return p.count() + "," + p.p50() + "," + p.p95() + "," + p.p99();
    }

    private static Percentiles percentiles(String[] f, int at) {
        return new Percentiles(
                Long.parseLong(f[at]), Long.parseLong(f[at + 1]), Long.parseLong(f[at + 2]), Long.parseLong(f[at + 3]));
    }
}
