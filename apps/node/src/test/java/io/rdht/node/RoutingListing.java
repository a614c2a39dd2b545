package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.bench.ConsoleNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A routing table as the console's {@code lr} prints it ({@link Reports#routing}): buckets, and in
 * each its contacts by address, marked bad or not.
 *
 * @param owner   the address of the node whose table it is
 * @param buckets the buckets, farthest first
 * @param text    the lines as printed
 */
record RoutingListing(String owner, List<List<Contact>> buckets, List<String> text) {

    private static final Pattern HEADER =
            Pattern.compile("^routing table of [0-9a-f]{40}: (\\d+) contacts? in (\\d+) buckets?$");
    private static final Pattern CONTACT = Pattern.compile("^\\s+[0-9a-f]{8}\\s+(\\S+:\\d+)\\s.*$");

    /**
     * One contact line.
     *
     * @param address {@code host:port}
     * @param bad     whether the line ends with {@code bad}: a contact the node no longer hands out
     */
    record Contact(String address, boolean bad) {}

    /** Types {@code lr} into {@code node}'s console and reads the whole listing, waiting at most {@code within}. */
    static RoutingListing of(ConsoleNode node, Duration within) {
        int from = node.mark();
        node.send("lr");
        int at = node.awaitIndex(from, l -> l.startsWith("routing table of "), within);
        String header = node.linesFrom(at).getFirst();
        Matcher m = HEADER.matcher(header);
        assertThat(m.matches()).as("lr's first line: %s", header).isTrue();
        int lines = 1 + Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        List<String> text = node.awaitLines(at, lines, within);
        List<List<Contact>> buckets = new ArrayList<>();
        for (String line : text.subList(1, text.size())) {
            Matcher c = CONTACT.matcher(line);
            if (line.startsWith("bucket ")) {
                buckets.add(new ArrayList<>());
            } else if (c.matches() && !buckets.isEmpty()) {
                buckets.getLast().add(new Contact(c.group(1), line.strip().endsWith(" bad")));
            } else {
                throw new AssertionError("unexpected line in lr's listing: " + line + "\n" + String.join("\n", text));
            }
        }
        return new RoutingListing(node.address(), buckets, text);
    }

    /** Every contact, bucket after bucket. */
    List<Contact> contacts() {
        return buckets.stream().flatMap(List::stream).toList();
    }

    /** The addresses of the contacts not marked bad. */
    List<String> goodAddresses() {
        return contacts().stream().filter(c -> !c.bad()).map(Contact::address).toList();
    }

    /**
     * Asserts that the table has forgotten the nodes at {@code gone}: none of them is a good
     * contact, and none is a contact at all in a bucket that holds a contact still alive; a bucket
     * where nothing else is known may keep them as a last resort (issue 10).
     */
    void assertForgets(Collection<String> gone) {
        String listing = "\n" + String.join("\n", text);
        assertThat(goodAddresses())
                .as(
                        "good contacts in the routing table of %s, which should no longer include"
                                + " the nodes gone at %s:%s",
                        owner, gone, listing)
                .doesNotContainAnyElementsOf(gone);
        for (List<Contact> bucket : buckets) {
            List<String> addresses = bucket.stream().map(Contact::address).toList();
            if (!gone.containsAll(addresses)) {
                assertThat(addresses)
                        .as(
                                "a bucket of the routing table of %s that knows live nodes still lists nodes"
                                        + " that are gone (%s), marked bad instead of dropped:%s",
                                owner, gone, listing)
                        .doesNotContainAnyElementsOf(gone);
            }
        }
    }
}
