package io.herald.load;

import io.herald.it.support.ServerProcess;
import io.herald.it.support.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server CPU per cheap HTTP request, per server: a 404, a static file, a poll with nothing new, readiness,
 * and a publish with a bearer token (docs/performance.md, "Authentication per request"). Each server runs
 * pinned to core 0 with the load client {@code wrk} (Debian's package; not needed by the tests) on core 1;
 * each route is warmed first, then measured over a window: the JVM's CPU time from /proc divided by the
 * requests wrk completed in it. Loopback only, bounded in time.
 *
 * <pre>
 * mvn -Pload test-compile exec:java -Dexec.mainClass=io.herald.load.RequestCost -Dcost.servers=payara,wildfly,liberty \
 *     -Dherald.war=target/herald.war -Dpayara.microJar=target/payara-micro.jar \
 *     -Dherald.wildfly.home=target/servers/wildfly-39.0.1.Final -Dherald.liberty.home=target/servers/wlp
 * </pre>
 */
public final class RequestCost {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private RequestCost() {}

    public static void main(String[] args) throws Exception {
        Path war = Path.of(System.getProperty("herald.war", "target/herald.war"));
        int warm = Integer.getInteger("cost.warm", 20);
        int window = Integer.getInteger("cost.window", 10);
        TestIssuer issuer = new TestIssuer();
        List<String> settings = new ArrayList<>(List.of(
                "herald.channel.namespaces=demo,news",
                "herald.channel.namespace.demo.anonymous=true",
                "herald.publish.anonymous=false"));
        settings.addAll(issuer.settings());
        String token = issuer.valid("cost-publisher", Duration.ofHours(2), "herald-publisher");
        Path work = Files.createDirectories(Path.of("target", "request-cost"));
        Path publish = work.resolve("publish.lua");
        Files.writeString(
                publish,
                "wrk.method = \"POST\"\nwrk.body = '{\"channel\":\"news:cost\",\"data\":1}'\n"
                        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                        + "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
        System.out.printf("%-8s %-22s %10s %8s %10s%n", "server", "route", "requests", "non-2xx", "µs CPU/req");
        for (String kind : System.getProperty("cost.servers", "payara").split(",")) {
            try (ServerProcess server = ServerProcess.of(kind, war, settings, work.resolve(kind))) {
                server.start();
                long pid = server.jvm().pid();
                run(List.of("taskset", "-a", "-p", "-c", "0", String.valueOf(pid)));
                URI base = server.base();
                measure(kind, "GET 404", base.resolve("no-such-file"), null, pid, warm, window);
                measure(kind, "GET /herald.js", base.resolve("herald.js"), null, pid, warm, window);
                measure(
                        kind,
                        "GET /api/poll?wait=0",
                        base.resolve("api/poll?wait=0&cursor=demo:a"),
                        null,
                        pid,
                        warm,
                        window);
                measure(kind, "GET /health/ready", server.health(), null, pid, warm, window);
                measure(kind, "POST /api/publish", base.resolve("api/publish"), publish, pid, warm, window);
            }
        }
    }

    private static void measure(String kind, String route, URI url, Path script, long pid, int warm, int window) {
        wrk(url, script, warm);
        long before = cpuMicros(pid);
        String output = wrk(url, script, window);
        long cpu = cpuMicros(pid) - before;
        long requests = first(REQUESTS, output);
        System.out.printf(
                Locale.ROOT,
                "%-8s %-22s %10d %8d %10.0f%n",
                kind,
                route,
                requests,
                first(ERRORS, output),
                requests == 0 ? 0.0 : (double) cpu / requests);
    }

    private static String wrk(URI url, Path script, int seconds) {
        List<String> command =
                new ArrayList<>(List.of("taskset", "-c", "1", "wrk", "-t1", "-c8", "-d" + seconds + "s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url.toString());
        return run(command);
    }

    private static long first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** User plus system CPU time of the process, in microseconds (USER_HZ 100). */
    private static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
