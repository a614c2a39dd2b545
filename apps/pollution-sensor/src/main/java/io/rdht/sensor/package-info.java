/**
 * The {@code sensor} command: a node that signs a pollution reading with the sensor's identity
 * and publishes it to {@code pollution_level}, once or at an interval.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.sensor;
