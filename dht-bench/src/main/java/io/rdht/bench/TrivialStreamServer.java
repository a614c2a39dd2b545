package io.rdht.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code bin/bench-http --floor}'s third server: the least a server can do for the benchmark's
 * client, to measure what the client itself costs. {@code GET} of any path opens a stream (200,
 * chunked, held open); {@code POST} of any path takes {@code {"data":"..."}} and writes it as one
 * line of JSON to every stream, one buffer shared by all, then answers 200. Plain Netty, four NIO
 * event loops (as many as rdht's node has), no DHT, no journal, no limits: a tool, bound to
 * 127.0.0.1 only, that runs until killed.
 */
public final class TrivialStreamServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrivialStreamServer() {}

    /** Serves on 127.0.0.1, port {@code args[0]}. */
    public static void main(String... args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        ChannelGroup streams = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new Requests(streams));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel()
                .closeFuture()
                .sync();
    }

    private static final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ChannelGroup streams;

        Requests(ChannelGroup streams) {
            this.streams = streams;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            if (request.method().equals(HttpMethod.POST)) {
                JsonNode data = JSON.readTree((java.io.InputStream) new ByteBufInputStream(request.content()))
                        .get("data");
                ByteBuf line = Unpooled.directBuffer()
                        .writeBytes(("{\"data\":\"" + data.asText() + "\"}\n").getBytes(StandardCharsets.UTF_8));
                streams.writeAndFlush(new DefaultHttpContent(line));
                DefaultFullHttpResponse ok = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer("{}\n".getBytes()));
                ok.headers().set(HttpHeaderNames.CONTENT_LENGTH, 3);
                ctx.writeAndFlush(ok);
                return;
            }
            DefaultHttpResponse open = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            open.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            ctx.writeAndFlush(open).addListener((ChannelFutureListener) f -> streams.add(f.channel()));
        }
    }
}
