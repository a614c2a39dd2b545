/**
 * The {@code sensor} command: a node that signs a pollution reading with the sensor's identity
 * and publishes it to {@code pollution_level}, once or at an interval.
 */
package io.rdht.sensor;
