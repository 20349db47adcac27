package org.imscore.server.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the REST API on Netty's HTTP codec. Requests are aggregated (1 MiB at most) and
 * handed to {@link SubscriberApi} on a small executor group, because provisioning blocks on JDBC
 * and must not stall the event loop.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final int MAX_BODY = 1 << 20;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final EventExecutorGroup blocking;
  private final Channel channel;
  private final InetSocketAddress address;

  private ApiServer(
      EventLoopGroup boss, EventLoopGroup workers, EventExecutorGroup blocking, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.blocking = blocking;
    this.channel = channel;
    this.address = (InetSocketAddress) channel.localAddress();
  }

  /**
   * Binds the API; port 0 takes a free port ({@link #address()} tells which).
   *
   * @throws UncheckedIOException when the address cannot be bound (taken, not local)
   */
  public static ApiServer start(InetSocketAddress bind, SubscriberApi api) {
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup(1);
    EventExecutorGroup blocking = new DefaultEventExecutorGroup(4);
    ChannelFuture bound =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_BODY))
                        .addLast(blocking, new Handler(api));
                  }
                })
            .bind(bind)
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      blocking.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new UncheckedIOException(
          new IOException(
              "cannot listen on " + bind.getHostString() + ":" + bind.getPort() + ": "
                  + bound.cause().getMessage(),
              bound.cause()));
    }
    ApiServer server = new ApiServer(boss, workers, blocking, bound.channel());
    log.info("REST API listening on {}", server.url());
    return server;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The base URL clients use, e.g. http://127.0.0.1:8080. */
  public String url() {
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    blocking.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    log.info("REST API stopped");
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final SubscriberApi api;

    Handler(SubscriberApi api) {
      this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      ApiResponse answer;
      if (!request.decoderResult().isSuccess()) {
        answer = new ApiResponse(400, "{\"error\":\"malformed HTTP request\"}", null);
      } else {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        answer =
            api.handle(
                request.method().name(),
                uri.path(),
                uri.parameters(),
                request.content().toString(StandardCharsets.UTF_8));
      }
      log.info("{} {} -> {}", request.method(), request.uri(), answer.status());
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(answer.status()),
              answer.body() == null
                  ? Unpooled.EMPTY_BUFFER
                  : Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
      if (answer.body() != null) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      }
      if (answer.location() != null) {
        response.headers().set(HttpHeaderNames.LOCATION, answer.location());
      }
      HttpUtil.setContentLength(response, response.content().readableBytes());
      boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
      HttpUtil.setKeepAlive(response, keepAlive);
      var future = ctx.writeAndFlush(response);
      if (!keepAlive) {
        future.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("REST API connection failed", cause);
      ctx.close();
    }
  }
}
