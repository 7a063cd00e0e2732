package io.herald.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Herald process seen through Linux's /proc: CPU time and resident memory. Only meaningful when
 * the server runs on this machine; without a pid every reading is zero and the report says "n/a".
 */
final class ServerProcess {

    /** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux we run on (getconf CLK_TCK). */
    private static final long TICKS_PER_SECOND = Long.getLong("load.clk-tck", 100);

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    boolean known() {
        return pid > 0;
    }

    /** User plus system CPU time of the whole process so far, in microseconds. */
    long cpuMicros() {
        if (!known()) {
            return 0;
        }
        String stat = read("stat");
        // the command name may contain spaces: fields are counted after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /** Resident set size in KiB (VmRSS). */
    long rssKiB() {
        return status("VmRSS:");
    }

    long threads() {
        return status("Threads:");
    }

    private long status(String field) {
        if (!known()) {
            return 0;
        }
        for (String line : read("status").split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file + ": " + e.getMessage(), e);
        }
    }
}
