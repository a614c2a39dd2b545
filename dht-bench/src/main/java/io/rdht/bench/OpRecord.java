package io.rdht.bench;

import java.util.Locale;

/**
 * One measured operation of the churn benchmark, printed as a JSON line that
 * {@code bench/opendht/churn_table.py} reads (OpenDHT's side prints the same fields).
 *
 * @param system   {@code rdht} or {@code opendht}
 * @param phase    {@code before}, {@code crash} (from the kill on) or {@code restart}
 * @param kind     {@code get}, {@code put} or {@code listen}
 * @param seq      the operation's number in its phase and kind
 * @param at       seconds from the start of the run to the operation's start
 * @param firstMs  milliseconds to the first value (get) or first event (listen); NaN if none came
 * @param doneMs   milliseconds to completion (get, put); NaN if the operation failed or timed out
 * @param ok       a get found exactly the value put, a put was stored, a listen saw the value
 * @param storers  nodes that stored a put; 0 for the other kinds
 * @param error    why it failed, or empty
 */
record OpRecord(
        String system,
        String phase,
        String kind,
        int seq,
        double at,
        double firstMs,
        double doneMs,
        boolean ok,
        int storers,
        String error) {

    /** The record as one line of JSON, NaN as null. */
    String json() {
        return String.format(
                Locale.ROOT,
                "{\"system\":\"%s\",\"phase\":\"%s\",\"kind\":\"%s\",\"seq\":%d,\"at\":%.3f,"
                        + "\"first_ms\":%s,\"done_ms\":%s,\"ok\":%b,\"storers\":%d,\"error\":\"%s\"}",
                system,
                phase,
                kind,
                seq,
                at,
                number(firstMs),
                number(doneMs),
                ok,
                storers,
                error.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    private static String number(double ms) {
        return Double.isNaN(ms) ? "null" : String.format(Locale.ROOT, "%.3f", ms);
    }
}
