/**
 * The simulator: thousands of rdht nodes in one JVM on a simulated internet (latency, loss,
 * churn, crashes) in virtual time, with probes of lookups, values and listens, and the report
 * ({@code bin/simulate}) with its tables, CSV and plots.
 *
 * <p>Nullness: no parameter or return value is null unless its documentation says when it is.
 */
package io.rdht.sim;
