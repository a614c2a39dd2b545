/**
 * Server-sent events for browsers: {@code GET /{key}/events} streams the events of a node's
 * {@code listen(key)} as {@code text/event-stream}, resumable with {@code Last-Event-ID}.
 *
 * <p>Design. One {@link io.rdht.http.events.KeyJournal} per followed key numbers the events of
 * the node's one listen of that key (ids {@code EPOCH-N}, N counting from 1, EPOCH a random tag
 * of this journal) and keeps the last ones, bounded in count and bytes ({@link
 * io.rdht.http.events.EventLimits}). A new stream first gets the key's current values as {@code
 * added} events without an id, then a {@code sync} event whose id is the journal's head, then
 * every later event with its own id. A stream that resumes with {@code Last-Event-ID: EPOCH-N}
 * gets exactly the events after N, from the journal, then the live ones: nothing lost, nothing
 * repeated. When the id is of another journal (the node restarted, or the key was dropped after
 * its linger time) or older than the journal keeps, the stream starts with a {@code reset} event
 * and then the snapshot, so the client knows to replace what it has. A journal lingers after its
 * last stream closed for {@link io.rdht.http.events.EventLimits#linger()} (default 10 minutes, the
 * default TTL) so that a reconnect finds it.
 *
 * <p>Each stream has its own backlog of events not yet handed to the connection, which takes them
 * only while its channel is writable ({@link
 * io.rdht.http.events.ClientQueue}); past {@link io.rdht.http.events.EventLimits#backlogBytes()}
 * the backlog is dropped and the stream ends with an {@code end} event that says why and which id
 * to resume from, and the connection is closed if the client does not take even that in time.
 *
 * <p>Cost per stream. Once its response's headers are out, a stream's events are written
 * straight to its channel, on the channel's event loop, with no Reactor operators per stream: a
 * key's event is encoded once, into one direct buffer that every stream of the key writes, and
 * reaches them as one task per event loop ({@link io.rdht.http.events.StreamGroups}); one timer
 * writes every stream's keep-alive comment the same way. docs/BENCHMARKS.md has what 1,000
 * streams cost in time and memory.
 */
package io.rdht.http.events;
