package io.herald.connection.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
 * The container sends with the platform class loader as context loader (so that Payara's per-send
 * context capture has no class path to scan), and Herald's own code never sees it.
 */
@DisplayName("WebSocketTransport")
class WebSocketTransportTest {

    private final ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final List<ClassLoader> duringSend = new ArrayList<>();
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
    void theContainerSendsWithThePlatformLoader() {
        transport().send("{}", error -> { });

        assertEquals(List.of(ClassLoader.getPlatformClassLoader()), duringSend);
        assertSame(application, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aCompletionInsideTheSendRunsHeraldCodeWithTheApplicationLoader() {
        AtomicReference<ClassLoader> inCallback = new AtomicReference<>();

        transport().send("{}", error -> inCallback.set(Thread.currentThread().getContextClassLoader()));

        assertSame(application, inCallback.get());
        assertSame(application, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aLaterCompletionOnAContainerThreadLeavesThatThreadAsItWas() {
        completeInline = false;
        AtomicReference<ClassLoader> inCallback = new AtomicReference<>();
        transport().send("{}", error -> inCallback.set(Thread.currentThread().getContextClassLoader()));
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

        transport().send("{}", error -> {
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
        transport().send("{}", failure::set);
        java.io.IOException broken = new java.io.IOException("broken pipe");

        pending.get().onResult(new SendResult(broken));

        assertSame(broken, failure.get());
        completeInline = true;
        failure.set(null);
        transport().send("{}", failure::set);
        assertNull(failure.get());
    }

    /** A container stand-in: records the context loader at the moment of sending. */
    private WebSocketTransport transport() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        duringSend.add(Thread.currentThread().getContextClassLoader());
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
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getAsyncRemote") ? async : null);
        return new WebSocketTransport(session);
    }
}
