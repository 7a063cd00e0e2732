package io.herald.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Herald processes of a run (one, or one per node) seen through Linux's /proc: CPU time and
 * resident memory, summed over the nodes or per node. Only meaningful when the servers run on this
 * machine; without a pid every reading is zero and the report says "n/a".
 */
final class ServerProcess {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    /** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux we run on (getconf CLK_TCK). */
    private static final long TICKS_PER_SECOND = Long.getLong("load.clk-tck", 100);

    private final long[] pids;

    /** Pids of 0 (not given) are left out. */
    ServerProcess(long... pids) {
        this.pids = Arrays.stream(pids).filter(pid -> pid > 0).toArray();
    }

    boolean known() {
        return pids.length > 0;
    }

    /** How many server processes are watched. */
    int nodes() {
        return pids.length;
    }

    /** User plus system CPU time of all the processes so far, in microseconds. */
    long cpuMicros() {
        long total = 0;
        for (int node = 0; node < pids.length; node++) {
            total += cpuMicros(node);
        }
        return total;
    }

    /** User plus system CPU time of the {@code node}th process so far, in microseconds. */
    long cpuMicros(int node) {
        String stat = read(pids[node], "stat");
        // the command name may contain spaces: fields are counted after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /** Resident set size in KiB (VmRSS), of all the processes. */
    long rssKiB() {
        return status("VmRSS:");
    }

    long threads() {
        return status("Threads:");
    }

    /**
     * The live heap in KiB of all the processes: a full collection ({@code jcmd GC.run}), then the used
     * heap ({@code GC.heap_info}). It pauses the servers: call it between measuring windows only.
     * -1 when jcmd could not tell.
     */
    long liveHeapKiB() throws InterruptedException {
        long total = 0;
        for (long pid : pids) {
            jcmd(pid, "GC.run");
            Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            if (!used.find()) {
                return -1;
            }
            total += Long.parseLong(used.group(1));
        }
        return total;
    }

    private static String jcmd(long pid, String command) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            return "";
        }
    }

    private long status(String field) {
        long total = 0;
        for (long pid : pids) {
            for (String line : read(pid, "status").split("\n")) {
                if (line.startsWith(field)) {
                    total +=
                            Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        }
        return total;
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file + ": " + e.getMessage(), e);
        }
    }
}
