package io.herald.connection.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A write is one text message with the frames separated by a newline. The container sends with the
 * platform class loader as context loader (so that Payara's per-send context capture has no class path
 * to scan), and Herald's own code never sees it.
 */
@DisplayName("WebSocketTransport")
class WebSocketTransportTest {

    private static final List<Frame> FRAME = List.of(new Frame("{}"));

    private final ClassLoader application =
            new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final List<ClassLoader> duringSend = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final AtomicReference<SendHandler> pending = new AtomicReference<>();
    private ClassLoader before;
    private boolean completeInline = true;
    private RuntimeException refuse;

    @BeforeEach
    void runAsTheApplication() {
        before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(application);
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(before);
    }

    @Test
    void aWriteOfOneFrameSendsItsTextAsItIs() {
        transport().write(List.of(new Frame("{\"type\":\"ping\"}")), error -> {});

        assertEquals(List.of("{\"type\":\"ping\"}"), texts);
    }

    @Test
    void aWriteOfSeveralFramesIsOneTextMessageWithTheFramesSeparatedByANewline() {
        Frame publication = new Frame(
                "{\"type\":\"publication\",\"offset\":3}", new ChannelName("news", "a"), new Position(3, "E"));

        transport().write(List.of(new Frame("{\"type\":\"pong\"}"), publication, new Frame("{}")), error -> {});

        assertEquals(List.of("{\"type\":\"pong\"}\n{\"type\":\"publication\",\"offset\":3}\n{}"), texts);
    }

    @Test
    void theContainerSendsWithThePlatformLoader() {
        transport().write(FRAME, error -> {});

        assertEquals(List.of(ClassLoader.getPlatformClassLoader()), duringSend);
        assertSame(application, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aCompletionInsideTheSendRunsHeraldCodeWithTheApplicationLoader() {
        AtomicReference<ClassLoader> inCallback = new AtomicReference<>();

        transport().write(FRAME, error -> inCallback.set(Thread.currentThread().getContextClassLoader()));

        assertSame(application, inCallback.get());
        assertSame(application, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aLaterCompletionOnAContainerThreadLeavesThatThreadAsItWas() {
        completeInline = false;
        AtomicReference<ClassLoader> inCallback = new AtomicReference<>();
        transport().write(FRAME, error -> inCallback.set(Thread.currentThread().getContextClassLoader()));
        ClassLoader container = new URLClassLoader(new URL[0], null);
        Thread.currentThread().setContextClassLoader(container);

        pending.get().onResult(new SendResult());

        assertSame(application, inCallback.get());
        assertSame(container, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aRefusedSendReportsTheFailureWithTheApplicationLoader() {
        refuse = new IllegalStateException("closed");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<ClassLoader> inCallback = new AtomicReference<>();

        transport().write(FRAME, error -> {
            failure.set(error);
            inCallback.set(Thread.currentThread().getContextClassLoader());
        });

        assertSame(refuse, failure.get());
        assertSame(application, inCallback.get());
    }

    @Test
    void aFailedWriteIsReported() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        completeInline = false;
        transport().write(FRAME, failure::set);
        java.io.IOException broken = new java.io.IOException("broken pipe");

        pending.get().onResult(new SendResult(broken));

        assertSame(broken, failure.get());
        completeInline = true;
        failure.set(null);
        transport().write(FRAME, failure::set);
        assertNull(failure.get());
    }

    /** A container stand-in: records the context loader at the moment of sending. */
    private WebSocketTransport transport() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        duringSend.add(Thread.currentThread().getContextClassLoader());
                        texts.add((String) args[0]);
                        if (refuse != null) {
                            throw refuse;
                        }
                        SendHandler handler = (SendHandler) args[1];
                        if (completeInline) {
                            handler.onResult(new SendResult());
                        } else {
                            pending.set(handler);
                        }
                    }
                    return null;
                });
        Session session = (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getAsyncRemote") ? async : null);
        return new WebSocketTransport(session);
    }
}
