package io.rdht.core.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
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

    private static final UdpTransport SHARED = new UdpTransport(
            LoopResources.create("rdht-udp", Math.max(1, Runtime.getRuntime().availableProcessors()), true));

    private final EventLoopGroup loops;

    private UdpTransport(LoopResources resources) {
        this.loops = resources.onServer(true);
    }

    /** The transport shared by every node of this JVM, on daemon event-loop threads. */
    public static UdpTransport shared() {
        return SHARED;
    }

    @Override
    public Mono<Endpoint> bind(InetSocketAddress address, DatagramReceiver receiver) {
        EventLoop loop = loops.next();
        return UdpServer.create()
                .runOn(loop)
                .bindAddress(() -> address)
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

    private record UdpEndpoint(Connection connection, EventLoop loop) implements Endpoint {

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) connection.channel().localAddress();
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) {
            connection.channel().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to),
                    connection.channel().voidPromise());
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
