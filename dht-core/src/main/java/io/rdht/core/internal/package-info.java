/**
 * The way in for rdht's own modules (apps, simulator, benchmarks, tests) to what the public
 * {@link io.rdht.core.DhtConfig} does not offer: every engine parameter, another transport (the
 * in-memory network), a state store. Not exported by the {@code io.rdht.core} module, so a user on
 * the module path cannot reach it; code on the class path can, and is on its own when it does.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.internal;
