package io.herald.platform;

import io.herald.problem.boundary.RefusalMapper;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies read as their bytes arrive, without a thread waiting for them (Servlet non-blocking input
 * under a suspended JAX-RS request). A client that sends slowly, or stops, holds a socket and the bytes it
 * sent, never one of the container's request threads, and only for {@code herald.http.body-timeout}.
 */
@ApplicationScoped
public class RequestBodies {

    private static final int READING = 0;
    private static final int HANDLING = 1;
    private static final int ANSWERED = 2;

    /** A megabyte at 100 KB/s; a client sending a byte a second holds a socket (never a thread) this long. */
    @Inject
    @ConfigProperty(name = "herald.http.body-timeout", defaultValue = "PT10S")
    Duration timeout;

    /**
     * Reads the body of {@code request}, suspended as {@code async}, at most {@code maxBytes + 1} bytes (the
     * caller refuses more; a larger {@code Content-Length} is refused at once, 413), then runs {@code handle}
     * with them on a container thread and answers with what it returns or throws. A body not whole within
     * {@code herald.http.body-timeout} is answered 408, one that ends before its length 400; both close the
     * connection, whose remaining bytes are never read. {@code handle} runs outside the request's CDI request
     * scope: what it needs of the request (the caller's identity) is taken before.
     * Security: the body is untrusted; it is only collected, up to the bound, for {@code handle}.
     */
    public void read(HttpServletRequest request, AsyncResponse async, int maxBytes, Function<byte[], Object> handle)
            throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            async.resume(unread(new Refusal(ErrorCode.TOO_LARGE, "the body is larger than " + maxBytes + " bytes")));
            return;
        }
        Reading reading = new Reading(request.getAsyncContext(), request.getInputStream(), async, maxBytes, handle);
        async.setTimeoutHandler(reading::timedOut);
        async.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.getInputStream().setReadListener(reading);
    }

    /** Answers a request whose body was not read whole, closing the connection instead of reading the rest. */
    static Response unread(Refusal refusal) {
        return Response.status(refusal.code().httpStatus())
                .header("Connection", "close")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(RefusalMapper.body(refusal).toString())
                .build();
    }

    /** One body arriving, then handled once: by its handler, or by the refusal of a body that never came whole. */
    private final class Reading implements ReadListener {

        private final AsyncContext context;
        private final ServletInputStream input;
        private final AsyncResponse async;
        private final int maxBytes;
        private final Function<byte[], Object> handle;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private final byte[] chunk = new byte[8192];
        private final AtomicInteger state = new AtomicInteger(READING);

        Reading(
                AsyncContext context,
                ServletInputStream input,
                AsyncResponse async,
                int maxBytes,
                Function<byte[], Object> handle) {
            this.context = context;
            this.input = input;
            this.async = async;
            this.maxBytes = maxBytes;
            this.handle = handle;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (state.get() == READING && input.isReady()) {
                int read = input.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - body.size()));
                if (read < 0) {
                    return;
                }
                body.write(chunk, 0, read);
                if (body.size() > maxBytes) {
                    handle();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            handle();
        }

        /** The body ended before its length (the client closed its side), or the connection failed. */
        @Override
        public void onError(Throwable failure) {
            if (state.compareAndSet(READING, ANSWERED)) {
                async.resume(unread(new Refusal(ErrorCode.MALFORMED, "the body ended before it was complete")));
            }
        }

        void timedOut(AsyncResponse suspended) {
            if (state.compareAndSet(READING, ANSWERED)) {
                suspended.resume(unread(new Refusal(
                        ErrorCode.TIMEOUT, "the body did not arrive within " + timeout.toMillis() + " ms")));
            } else {
                // the body is in and being handled: its handler answers, however long it takes
                suspended.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** On a container thread: a read listener may be called on a thread that must not block (Undertow's I/O). */
        private void handle() {
            if (!state.compareAndSet(READING, HANDLING)) {
                return;
            }
            byte[] bytes = body.toByteArray();
            context.start(() -> {
                Object answer;
                try {
                    answer = handle.apply(bytes);
                } catch (RuntimeException | Error e) {
                    // answered like a failure of a resource method (a refusal mapped, anything else 500)
                    answer = e;
                }
                state.set(ANSWERED);
                if (answer instanceof Throwable failure) {
                    async.resume(failure);
                } else {
                    async.resume(answer);
                }
            });
        }
    }
}
