package io.herald.it;

import io.herald.it.support.ServerProcess;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a test class against Herald on the server the run is for ({@code -Dherald.server=payara|wildfly|liberty},
 * set per failsafe execution), so every black-box test runs on all three servers without knowing which.
 * The server is started once per run for each distinct set of settings and stopped when the run ends.
 * A class may declare {@code static List<String> settings()} (system properties, "name=value"); without it,
 * it gets {@link Deployments#TEST_SETTINGS}. A class that declares {@code static boolean asBuilt()} returning true
 * gets the WAR exactly as the build produced it, without the test-only endpoints. Constructors and test methods
 * take a {@link HeraldServer}.
 */
public final class OnServer implements ParameterResolver {

    private static final ExtensionContext.Namespace SERVERS = ExtensionContext.Namespace.create(OnServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HeraldServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<String> settings = settingsOf(context.getRequiredTestClass());
        Path war = asBuilt(context.getRequiredTestClass())
                ? ServerProcess.required("herald.war", "target/herald.war")
                : Deployments.testWar();
        ExtensionContext.Store store = context.getRoot().getStore(SERVERS);
        Running running =
                store.getOrComputeIfAbsent(List.of(war, settings), key -> Running.start(war, settings), Running.class);
        if (running.failure() != null) {
            throw new IllegalStateException(
                    "the server for " + context.getRequiredTestClass().getSimpleName() + " did not start: "
                            + running.failure().getMessage(),
                    running.failure());
        }
        return new HeraldServer(running.process());
    }

    @SuppressWarnings("unchecked")
    private static List<String> settingsOf(Class<?> testClass) {
        try {
            Method method = testClass.getDeclaredMethod("settings");
            method.setAccessible(true);
            return (List<String>) method.invoke(null);
        } catch (NoSuchMethodException e) {
            return Deployments.TEST_SETTINGS;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("settings() of " + testClass.getName() + " failed", e);
        }
    }

    private static boolean asBuilt(Class<?> testClass) {
        try {
            Method method = testClass.getDeclaredMethod("asBuilt");
            method.setAccessible(true);
            return (Boolean) method.invoke(null);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("asBuilt() of " + testClass.getName() + " failed", e);
        }
    }

    /**
     * A started server, closed by JUnit when the run ends (or by the shutdown hook if the JVM dies); or why it
     * did not start, kept so that the other tests of the run fail at once instead of booting it again.
     */
    private record Running(ServerProcess process, RuntimeException failure)
            implements ExtensionContext.Store.CloseableResource {

        private static int started;

        static synchronized Running start(Path war, List<String> settings) {
            String kind = ServerProcess.kind();
            Path work = Path.of("target", "it-servers", kind + "-" + ++started);
            ServerProcess process = ServerProcess.of(kind, war, settings, work);
            try {
                process.start();
                return new Running(process, null);
            } catch (RuntimeException | AssertionError e) {
                process.close();
                return new Running(
                        process, e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
