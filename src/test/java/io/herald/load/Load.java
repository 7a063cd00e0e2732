package io.herald.load;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The load tool's entry point: runs one scenario against a running Herald and reports.
 * {@code mvn -Pload test-compile exec:java -Dload.scenario=fanout -Dload.pid=<server pid> …}
 * (docs/performance.md). Exits 0 when the scenario passed its checks, 1 when not, 2 on a usage error.
 */
public final class Load {

    private Load() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystem();
        ServerProcess server = new ServerProcess(settings.pid(), settings.pid2());
        String pids = settings.pid() + (settings.pid2() > 0 ? " and " + settings.pid2() : "");
        System.out.printf(
                "scenario %s against %s (server pid %s)%n",
                settings.scenario(),
                settings.nodes().stream().map(Object::toString).collect(Collectors.joining(" and ")),
                server.known() ? pids : "not given: no server CPU or memory figures");
        if (settings.scenario().equals("cross-node") && settings.url2() == null) {
            System.err.println("cross-node needs the second node's URL: -Dload.url2=http://127.0.0.1:<port>/");
            System.exit(2);
        }
        Report report = switch (settings.scenario()) {
            case "connect" -> Connect.run(settings, server);
            case "fanout" -> Fanout.run(settings, server);
            case "max-rate" -> MaxRate.run(settings, server);
            case "storm" -> Storm.run(settings, server);
            case "mixed" -> Mixed.run(settings, server);
            case "fanout-sse" -> HttpFanout.run(settings, server, "sse");
            case "fanout-longpoll" -> HttpFanout.run(settings, server, "longpoll");
            case "fanout-poll" -> HttpFanout.run(settings, server, "poll");
            case "displays" -> Displays.run(settings, server);
            case "slow" -> SlowReaders.run(settings, server);
            case "cross-node" -> CrossNode.run(settings, server);
            case "requests" -> Requests.run(settings, server);
            default -> null;
        };
        if (report == null) {
            System.err.println("unknown load.scenario '" + settings.scenario()
                    + "': one of connect, fanout, max-rate, storm, mixed, fanout-sse, fanout-longpoll, fanout-poll,"
                    + " displays, slow, cross-node, requests");
            System.exit(2);
        }
        report.print();
        Path file = report.write(settings);
        System.out.println("results written to " + file);
        System.out.flush();
        // let the close frames leave (an abrupt end costs the server seconds of cleanup that the next run
        // would measure), then exit: the JDK's WebSocket threads would keep exec:java waiting
        Thread.sleep(2_000);
        System.exit(report.passed() ? 0 : 1);
    }
}
