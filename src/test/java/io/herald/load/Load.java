package io.herald.load;

import java.nio.file.Path;

/**
 * The load tool's entry point: runs one scenario against a running Herald and reports.
 * {@code mvn -Pload test-compile exec:java -Dload.scenario=fanout -Dload.pid=<server pid> …}
 * (docs/performance.md). Exits 0 when the scenario passed its checks, 1 when not, 2 on a usage error.
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystem();
        ServerProcess server = new ServerProcess(settings.pid());
        System.out.printf("scenario %s against %s (server pid %s)%n", settings.scenario(), settings.url(),
                server.known() ? settings.pid() : "not given: no server CPU or memory figures");
        Report report = switch (settings.scenario()) {
            case "connect" -> Connect.run(settings, server);
            case "fanout" -> Fanout.run(settings, server);
            case "max-rate" -> MaxRate.run(settings, server);
            case "storm" -> Storm.run(settings, server);
            case "mixed" -> Mixed.run(settings, server);
            case "fanout-sse" -> HttpFanout.run(settings, server, "sse");
            case "fanout-longpoll" -> HttpFanout.run(settings, server, "longpoll");
            case "fanout-poll" -> HttpFanout.run(settings, server, "poll");
            default -> null;
        };
        if (report == null) {
            System.err.println("unknown load.scenario '" + settings.scenario()
                    + "': one of connect, fanout, max-rate, storm, mixed, fanout-sse, fanout-longpoll, fanout-poll");
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
