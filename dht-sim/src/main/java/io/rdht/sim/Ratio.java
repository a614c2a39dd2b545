package io.rdht.sim;

/** Successes out of attempts. */
final class Ratio {
    private long successes;
    private long attempts;

    void record(boolean success) {
        attempts++;
        if (success) {
            successes++;
        }
    }

    long attempts() {
        return attempts;
    }

    /** The fraction that succeeded, or NaN with no attempt. */
    double fraction() {
        return attempts == 0 ? Double.NaN : (double) successes / attempts;
    }
}
