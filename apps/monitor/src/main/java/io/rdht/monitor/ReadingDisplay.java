package io.rdht.monitor;

/** Where the monitor shows readings: a live table, plain lines or JSON lines. */
interface ReadingDisplay {
    /** Shows one event. */
    void show(SensorReading reading);
}
