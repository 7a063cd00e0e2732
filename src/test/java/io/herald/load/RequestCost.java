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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server CPU per cheap HTTP request, per server: a 404, a static file, a poll with nothing new, readiness,
 * and a publish with a bearer token (docs/performance.md, "Authentication per request"). Each server runs
 * pinned to core 0 with the load client {@code wrk} (Debian's package; not needed by the tests) on core 1;
 * each route is warmed first ({@code cost.warm-requests}, at most {@code cost.warm} seconds), then
 * measured over {@code cost.window} seconds: the JVM's CPU time from /proc divided by the requests wrk
 * completed in it. Several WARs ({@code cost.wars=label:path,…}, each file named herald.war) run one after
 * the other on each server, so that they meet about the same machine. Loopback only, bounded in time.
 *
 * <pre>
 * mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:$(cat target/cp.txt) -Dcost.servers=payara,wildfly,liberty \
 *     -Dcost.wars=before:old/herald.war,after:target/herald.war -Dpayara.microJar=target/payara-micro.jar \
 *     -Dherald.wildfly.home=target/servers/wildfly-39.0.1.Final -Dherald.liberty.home=target/servers/wlp \
 *     io.herald.load.RequestCost
 * </pre>
 */
public final class RequestCost {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private RequestCost() {}

    public static void main(String[] args) throws Exception {
        List<String[]> wars = Arrays.stream(System.getProperty("cost.wars", "after:target/herald.war")
                        .split(","))
                .map(war -> war.split(":", 2))
                .toList();
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
        System.out.printf("%-16s %-22s %10s %8s %10s%n", "server", "route", "requests", "non-2xx", "µs CPU/req");
        for (String server : System.getProperty("cost.servers", "payara").split(",")) {
            for (String[] war : wars) {
                try (ServerProcess process =
                        ServerProcess.of(server, Path.of(war[1]), settings, work.resolve(server + "-" + war[0]))) {
                    process.start();
                    long pid = process.jvm().pid();
                    run(List.of("taskset", "-a", "-p", "-c", "0", String.valueOf(pid)));
                    String kind = server + " " + war[0];
                    URI base = process.base();
                    measure(kind, "GET 404", base.resolve("no-such-file"), null, pid);
                    measure(kind, "GET /herald.js", base.resolve("herald.js"), null, pid);
                    measure(kind, "GET /api/poll?wait=0", base.resolve("api/poll?wait=0&cursor=demo:a"), null, pid);
                    measure(kind, "GET /health/ready", process.health(), null, pid);
                    measure(kind, "POST /api/publish", base.resolve("api/publish"), publish, pid);
                }
            }
        }
    }

    private static void measure(String kind, String route, URI url, Path script, long pid) {
        long warmed = 0;
        long deadline = System.nanoTime() + Integer.getInteger("cost.warm", 30) * 1_000_000_000L;
        while (warmed < Integer.getInteger("cost.warm-requests", 20_000) && System.nanoTime() < deadline) {
            warmed += first(REQUESTS, wrk(url, script, 5));
        }
        long before = cpuMicros(pid);
        String output = wrk(url, script, Integer.getInteger("cost.window", 10));
        long cpu = cpuMicros(pid) - before;
        long requests = first(REQUESTS, output);
        System.out.printf(
                Locale.ROOT,
                "%-16s %-22s %10d %8d %10.0f%n",
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
