package io.herald.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the unit tests' line and branch coverage, in total and per component, from JaCoCo's CSV report
 * (run by the build after the unit tests). A report to read, not a gate: untested corners show up here.
 */
public final class CoverageSummary {

    private CoverageSummary() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        if (!Files.exists(csv)) {
            System.out.println("[coverage] no JaCoCo report at " + csv.getFileName() + " (no unit test ran)");
            return;
        }
        Map<String, long[]> components = new TreeMap<>();
        long[] total = new long[4];
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            // GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
            String[] f = line.split(",");
            String component = f[1].equals("io.herald")
                    ? "(root)"
                    : f[1].replace("io.herald.", "").split("\\.")[0];
            long[] counts = components.computeIfAbsent(component, c -> new long[4]);
            long[] row = {Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[5]), Long.parseLong(f[6])};
            for (int i = 0; i < 4; i++) {
                counts[i] += row[i];
                total[i] += row[i];
            }
        }
        System.out.println("[coverage] unit tests, lines and branches covered (target/site/jacoco/index.html):");
        for (Map.Entry<String, long[]> e : components.entrySet()) {
            System.out.println(format(e.getKey(), e.getValue()));
        }
        System.out.println(format("TOTAL", total));
    }

    private static String format(String name, long[] c) {
        return String.format(
                Locale.ROOT,
                "[coverage]   %-12s lines %5.1f %% (%d/%d)   branches %5.1f %% (%d/%d)",
                name,
                percent(c[1], c[0]),
                c[1],
                c[0] + c[1],
                percent(c[3], c[2]),
                c[3],
                c[2] + c[3]);
    }

    private static double percent(long covered, long missed) {
        return covered + missed == 0 ? 100.0 : 100.0 * covered / (covered + missed);
    }
}
