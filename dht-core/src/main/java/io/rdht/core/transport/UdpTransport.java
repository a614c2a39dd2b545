package io.rdht.core.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.netty.udp.UdpServer;

/**
 * Real UDP through Reactor Netty. Nodes share one set of event loops; each node gets one loop of
 * its own, on which its datagrams arrive and its state lives, so hundreds of nodes fit in one JVM
 * without a thread each.
 *
 * <p>Implementation note: Reactor Netty takes two round-robin slots per UDP bind, which puts every
 * node on the same loop when the loop count is even; so each bind is given its loop explicitly.
 */
public final class UdpTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
    private static final UdpTransport SHARED = new UdpTransport(
            LoopResources.create("rdht-udp", Math.max(1, Runtime.getRuntime().availableProcessors()), true));

    private final EventLoopGroup loops;

    /**
     * Keeps the socket open when one datagram could not be delivered: an ICMP "port unreachable"
     * for one we sent to a dead peer, or a send the kernel refused (a full buffer, a firewall rule).
     * Reactor Netty would otherwise end the inbound stream and close the socket, and the node would
     * go deaf. A datagram lost this way is handled as any loss: by the request's timeout.
     */
    @ChannelHandler.Sharable
    private static final class DatagramErrors extends ChannelInboundHandlerAdapter {
        static final DatagramErrors INSTANCE = new DatagramErrors();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                log.debug("a datagram was lost: {}", cause.toString());
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }

    private UdpTransport(LoopResources resources) {
        this.loops = resources.onServer(true);
    }

    /**
     * Socket receive buffer asked of the kernel (capped by {@code net.core.rmem_max}): room for a
     * whole reply of 256 KiB in fragments, about 215 datagrams, which the default of about 200 KB
     * holds only some 90 of when the event loop is busy.
     */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    /**
     * Most datagrams read from one socket in one turn of its event loop, before the loop runs its
     * tasks, the requests' re-send timers among them. Netty's default, 16, let a loop that had
     * stalled (a collection, a busy CPU) find its timers due with the replies they waited for still
     * unread in the socket, and re-send those requests for nothing: under load half the re-sends
     * were such (docs/BENCHMARKS.md, "Re-sends after a stall"). 256 drains such a backlog in a turn
     * or two while keeping one socket from holding a shared loop for long (a few milliseconds).
     */
    static final int MAX_DATAGRAMS_PER_READ = 256;

    /** The transport shared by every node of this JVM, on daemon event-loop threads. */
    public static UdpTransport shared() {
        return SHARED;
    }

    @Override
    public Mono<Endpoint> bind(InetSocketAddress address, DatagramReceiver receiver) {
        EventLoop loop = loops.next();
        return UdpServer.create()
                .runOn(loop)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .option(ChannelOption.MAX_MESSAGES_PER_READ, MAX_DATAGRAMS_PER_READ)
                .bindAddress(() -> address)
                .doOnChannelInit(
                        (observer, channel, remote) -> channel.pipeline().addFirst(DatagramErrors.INSTANCE))
                .handle((in, out) -> in.receiveObject()
                        .doOnNext(o -> {
                            if (o instanceof DatagramPacket p) {
                                // the packet's buffer is released after this call: copy it out
                                receiver.onDatagram(ByteBufUtil.getBytes(p.content()), p.sender());
                            }
                        })
                        .then())
                .bind()
                .map(connection -> new UdpEndpoint(connection, loop));
    }

    /**
     * A bound socket whose sends are flushed once per turn of its event loop: the datagrams one
     * task writes (a lookup's parallel requests, a put to K storers) leave in one system call
     * where the native transport can batch them.
     */
    private static final class UdpEndpoint implements Endpoint {
        private final Connection connection;
        private final EventLoop loop;
        private final Runnable flush = this::flush;
        private boolean flushPending;

        UdpEndpoint(Connection connection, EventLoop loop) {
            this.connection = connection;
            this.loop = loop;
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) connection.channel().localAddress();
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) {
            DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(datagram), to);
            if (!loop.inEventLoop()) {
                connection.channel().writeAndFlush(packet, connection.channel().voidPromise());
                return;
            }
            connection.channel().write(packet, connection.channel().voidPromise());
            if (!flushPending) {
                flushPending = true;
                loop.execute(flush);
            }
        }

        private void flush() {
            flushPending = false;
            connection.channel().flush();
        }

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delayMillis) {
            var future = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        }

        @Override
        public Mono<Void> close() {
            return Mono.defer(() -> {
                connection.dispose();
                return connection.onDispose();
            });
        }
    }
}
