package io.herald.load;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario's results: printed as a table at the end and written as JSON to target/load/. */
final class Report {

    private final String scenario;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private boolean passed = true;

    Report(String scenario) {
        this.scenario = scenario;
    }

    Report put(String name, Object value) {
        results.put(name, known(value));
        return this;
    }

    /** One line of a stepped scenario (max-rate) or of a series (slow): printed as its own table. */
    void row(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((name, value) -> copy.put(name, known(value)));
        rows.add(copy);
    }

    /** JSON has no NaN: a figure that could not be read (no pid, no metrics) is reported as "n/a". */
    private static Object known(Object value) {
        return value instanceof Double d && d.isNaN() ? "n/a" : value;
    }

    void fail() {
        passed = false;
    }

    boolean passed() {
        return passed;
    }

    void print() {
        System.out.println();
        System.out.println("== " + scenario + (passed ? "" : " (FAILED)"));
        if (!rows.isEmpty()) {
            List<String> columns = new ArrayList<>(rows.get(0).keySet());
            System.out.println("| " + String.join(" | ", columns) + " |");
            System.out.println("|" + "---|".repeat(columns.size()));
            for (Map<String, Object> row : rows) {
                System.out.println("| "
                        + String.join(
                                " | ",
                                columns.stream().map(c -> text(row.get(c))).toList()) + " |");
            }
            System.out.println();
        }
        System.out.println("| result | value |");
        System.out.println("|---|---|");
        results.forEach((name, value) -> System.out.println("| " + name + " | " + text(value) + " |"));
    }

    Path write(Settings settings) throws IOException {
        Path dir = Path.of("target", "load");
        Files.createDirectories(dir);
        Path file = dir.resolve(
                scenario + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("scenario", scenario)
                .add("passed", passed)
                .add(
                        "settings",
                        Json.createObjectBuilder()
                                .add("subscribers", settings.subscribers())
                                .add("rate", settings.rate())
                                .add("seconds", settings.seconds())
                                .add("payload", settings.payload())
                                .add("concurrency", settings.concurrency())
                                .add("serverPid", settings.pid())
                                .add("serverPid2", settings.pid2()))
                .add("results", Json.createObjectBuilder(results));
        var steps = Json.createArrayBuilder();
        rows.forEach(row -> steps.add(Json.createObjectBuilder(row)));
        json.add("steps", steps);
        try (Writer out = Files.newBufferedWriter(file);
                JsonGenerator generator = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                        .createGenerator(out)) {
            generator.write(json.build());
        }
        return file;
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            return String.format("%.1f", d);
        }
        return String.valueOf(value);
    }
}
