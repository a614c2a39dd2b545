package io.rdht.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The benchmark's thin client: N HTTP streams of values on one URL, one connection each, spread
 * over loopback source addresses (127.0.0.1, .2, ...: {@value #STREAMS_PER_ADDRESS} each, under
 * servers' per-address limits), all read by one thread with one selector, as a C client on epoll
 * would: no HTTP library, no JSON parser, no copy of a value but its data field. Each line of a
 * body ({@code data: } lines of server-sent events, or OpenDHT's one JSON value per line) that
 * holds a {@link PutStamp} counts once per stream, and its put→event latency is recorded, timed
 * when the read that completed the line returned.
 */
final class EventStreams implements AutoCloseable {

    /** Streams opened from one source address. */
    static final int STREAMS_PER_ADDRESS = 50;

    /** The first word of a put's data that the client does not count. */
    static final String WARM_UP = "warmup";

    private final Recorder latency = new Recorder(3);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final ByteBuffer input = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread reader;
    private volatile boolean closing;
    private long now;

    /** One stream's connection: its request, its response taken apart, the puts it has seen. */
    private final class Stream implements ResponseLines.Sink {
        final ByteBuffer request;
        final ResponseLines response = new ResponseLines(this);
        final BitSet seen = new BitSet();
        boolean answered;
        boolean ok;

        Stream(ByteBuffer request) {
            this.request = request;
        }

        @Override
        public void status(int code) {
            answered = true;
            ok = code == 200;
            (ok ? open : failed).incrementAndGet();
        }

        @Override
        public void line(byte[] line, int length) {
            PutStamp put = PutStamp.in(line, length);
            if (put == null) {
                return;
            }
            if (seen.get(put.number())) {
                duplicates.incrementAndGet();
                return;
            }
            seen.set(put.number());
            delivered.incrementAndGet();
            latency.recordValue(Math.max(0, now - put.nanos()));
        }
    }

    /** Opens {@code n} streams of {@code host:port} {@code path}. */
    EventStreams(String host, int port, String path, int n) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nAccept: text/event-stream, application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            selector = Selector.open();
            for (int i = 0; i < n; i++) {
                SocketChannel c = SocketChannel.open();
                channels.add(c);
                c.configureBlocking(false);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.bind(new InetSocketAddress("127.0.0." + (1 + i / STREAMS_PER_ADDRESS), 0));
                c.connect(new InetSocketAddress(host, port));
                c.register(selector, SelectionKey.OP_CONNECT, new Stream(ByteBuffer.wrap(request)));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not open " + n + " streams of " + host + ":" + port, e);
        }
        reader = new Thread(this::readAll, "event-streams");
        reader.setDaemon(true);
        reader.start();
    }

    /** Streams the server answered with 200. */
    int open() {
        return open.get();
    }

    /** Streams refused or broken. */
    int failed() {
        return failed.get();
    }

    /** Values received once per stream, and again (should be none). */
    int delivered() {
        return delivered.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    /** The latencies recorded since the last call, in nanoseconds. */
    Histogram latencies() {
        return latency.getIntervalHistogram();
    }

    /** The CPU time the reading thread has used so far, user space and kernel apart. */
    ProcessCpu readerCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = threads.getThreadCpuTime(reader.threadId());
        long user = threads.getThreadUserTime(reader.threadId());
        return total < 0 || user < 0 ? ProcessCpu.UNKNOWN : new ProcessCpu(user, total - user);
    }

    private void readAll() {
        while (!closing) {
            try {
                selector.select(100);
            } catch (IOException e) {
                return;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Stream s = (Stream) key.attachment();
                try {
                    if (key.isConnectable()) {
                        connected(key, s);
                    } else if (key.isWritable()) {
                        sendRequest(key, s);
                    } else if (key.isReadable()) {
                        read(key, s);
                    }
                } catch (IOException | IllegalStateException e) {
                    broken(key, s);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void connected(SelectionKey key, Stream s) throws IOException {
        ((SocketChannel) key.channel()).finishConnect();
        key.interestOps(SelectionKey.OP_WRITE);
        sendRequest(key, s);
    }

    private void sendRequest(SelectionKey key, Stream s) throws IOException {
        ((SocketChannel) key.channel()).write(s.request);
        if (!s.request.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void read(SelectionKey key, Stream s) throws IOException {
        input.clear();
        int n = ((SocketChannel) key.channel()).read(input);
        now = System.nanoTime();
        if (n < 0) {
            broken(key, s);
            return;
        }
        input.flip();
        s.response.read(input);
        if (s.response.done()) {
            broken(key, s);
        }
    }

    /** A stream the server ended or broke: counted as failed, unless its answer was already a refusal. */
    private void broken(SelectionKey key, Stream s) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing more to do
        }
        if (!closing && (s.ok || !s.answered)) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void close() {
        closing = true;
        if (selector != null) {
            selector.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SocketChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the client is done with it either way
            }
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // as above
        }
    }
}
