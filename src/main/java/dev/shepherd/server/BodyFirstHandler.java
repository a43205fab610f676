package dev.shepherd.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole body of a {@code POST} to one path before the servlets see it, without holding a
 * thread while it arrives, within {@link HttpLimits}: a body that is too large (413), idle, too
 * slow or late (408), or one more than may be read at once (503) is refused before any thread waits
 * for it. The servlet then reads the body from memory. Other requests pass straight through.
 *
 * <p>Why: until its signature is checked, a request to {@code /slack/events} is anyone's; read with
 * blocking I/O, a hundred connections that trickle their bodies held every request thread.
 */
final class BodyFirstHandler extends Handler.Wrapper {
  private static final Logger log = LoggerFactory.getLogger(BodyFirstHandler.class);

  private final String path;
  private final HttpLimits limits;
  private final Semaphore reads;

  BodyFirstHandler(Handler next, String path, HttpLimits limits) {
    super(next);
    this.path = path;
    this.limits = limits;
    this.reads = new Semaphore(limits.maxUnverifiedReads());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!HttpMethod.POST.is(request.getMethod())
        || !path.equals(Request.getPathInContext(request))) {
      return super.handle(request, response, callback);
    }
    if (request.getLength() > limits.maxBodyBytes()) {
      refuse(response, callback, 413, tooLarge());
      return true;
    }
    if (!reads.tryAcquire()) {
      log.warn(
          "refused a request to {} from {}: {} bodies are being read already",
          path,
          Request.getRemoteAddr(request),
          limits.maxUnverifiedReads());
      refuse(response, callback, 503, "too many requests at once; retry shortly");
      return true;
    }
    new Loader(request, response, callback).start();
    return true;
  }

  private String tooLarge() {
    return "request body too large (over " + limits.maxBodyBytes() + " bytes)";
  }

  private static void refuse(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** One body being read: chunk by chunk as they arrive, each copied and released. */
  private final class Loader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long started = NanoTime.now();
    private EndPoint endPoint;
    private long idleTimeoutBefore;
    private Scheduler.Task deadline;

    Loader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void start() {
      endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
      idleTimeoutBefore = endPoint.getIdleTimeout();
      endPoint.setIdleTimeout(limits.bodyIdleTimeout().toMillis());
      deadline =
          request
              .getComponents()
              .getScheduler()
              .schedule(
                  () -> fail(408, "request body not sent in time"),
                  limits.bodyDeadline().toMillis(),
                  TimeUnit.MILLISECONDS);
      run();
    }

    /** Reads what has arrived; demands more, or hands the whole body on. */
    @Override
    public void run() {
      while (!finished.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          if (tooSlow()) {
            fail(408, "request body sent too slowly");
          } else {
            request.demand(this);
          }
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          boolean timeout = chunk.getFailure() instanceof TimeoutException;
          chunk.release();
          fail(
              timeout ? 408 : 400,
              timeout
                  ? "request body not sent in time"
                  : "request body ended early or could not be read");
          return;
        }
        boolean last = chunk.isLast();
        ByteBuffer bytes = chunk.getByteBuffer();
        if (body.size() + bytes.remaining() > limits.maxBodyBytes()) {
          chunk.release();
          fail(413, tooLarge());
          return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        body.write(copy, 0, copy.length);
        chunk.release();
        if (last) {
          handOn();
          return;
        }
      }
    }

    private boolean tooSlow() {
      long elapsed = NanoTime.since(started);
      return elapsed > limits.rateGrace().toNanos()
          && body.size() * 1_000_000_000L / elapsed < limits.minBodyBytesPerSecond();
    }

    private boolean finish() {
      if (!finished.compareAndSet(false, true)) {
        return false;
      }
      deadline.cancel();
      endPoint.setIdleTimeout(idleTimeoutBefore);
      reads.release();
      return true;
    }

    private void fail(int status, String message) {
      if (finish()) {
        log.warn(
            "refused a request to {} from {}: {}", path, Request.getRemoteAddr(request), message);
        refuse(response, callback, status, message);
      }
    }

    private void handOn() {
      if (!finish()) {
        return;
      }
      try {
        if (!BodyFirstHandler.super.handle(
            new ReadBody(request, body.toByteArray()), response, callback)) {
          refuse(response, callback, 404, "not found");
        }
      } catch (Throwable e) {
        log.error("the request to {} failed", path, e);
        callback.failed(e);
      }
    }
  }

  /** A request whose body has been read already: handed out again from memory. */
  private static final class ReadBody extends Request.Wrapper {
    private Content.Chunk body;

    ReadBody(Request request, byte[] bytes) {
      super(request);
      this.body = Content.Chunk.from(ByteBuffer.wrap(bytes), true);
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk next = body;
      body = Content.Chunk.EOF;
      return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
