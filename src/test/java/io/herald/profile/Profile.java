package io.herald.profile;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Attaches async-profiler to a running server, samples CPU and allocations for a while and writes
 * {@code target/profile/<name>-cpu.html}, {@code <name>-alloc.html}, the collapsed stacks (with threads) and
 * {@code <name>-summary.txt}. {@code -Dprofile.pid} is required; {@code -Dprofile.seconds} (30),
 * {@code -Dprofile.name} ({@code herald}), {@code -Dprofile.interval} (CPU sampling interval, {@code 1ms}),
 * {@code -Dprofile.alloc} (bytes between allocation samples, {@code 512k}), {@code -Dprofile.top} (20) tune it. {@code -Dprofile.from=<recording.jfr>} without a pid only converts a
 * recording made earlier.
 */
public final class Profile {

    private Profile() {}

    public static void main(String[] args) throws Exception {
        long pid = Long.getLong("profile.pid", 0);
        String from = System.getProperty("profile.from");
        if (pid <= 0 && from != null) {
            convert(Path.of(from).toAbsolutePath(), Integer.getInteger("profile.top", 20));
            return;
        }
        if (pid <= 0) {
            System.err.println("profile.pid is required: the server's process id (mvn -Pprofile … -Dprofile.pid=…)");
            System.exit(2);
        }
        int seconds = Integer.getInteger("profile.seconds", 30);
        String name = System.getProperty("profile.name", "herald");
        String interval = System.getProperty("profile.interval", "1ms");
        String alloc = System.getProperty("profile.alloc", "512k");
        int top = Integer.getInteger("profile.top", 20);
        Path dir = Path.of("target", "profile").toAbsolutePath();
        Files.createDirectories(dir);
        Path library = ProfilerLibrary.unpack(dir.resolve("lib"));
        Path recording = dir.resolve(name + ".jfr");
        Files.deleteIfExists(recording);

        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String start = "start,event=cpu,interval=" + interval + ",alloc=" + alloc + ",file=" + recording;
            vm.loadAgentPath(library.toString(), start);
            System.out.printf(
                    "profiling pid %d for %d s (cpu every %s, alloc every %s)%n", pid, seconds, interval, alloc);
            Thread.sleep(seconds * 1000L);
            vm.loadAgentPath(library.toString(), "stop,file=" + recording);
        } finally {
            vm.detach();
        }
        convert(recording, top);
    }

    /** Writes the graphs and the summary of {@code recording} next to it, named after it. */
    private static void convert(Path recording, int top) throws IOException {
        String name = recording.getFileName().toString().replaceFirst("\\.jfr$", "");
        List<Path> written = Flames.write(recording, recording.getParent(), name, top);
        written.forEach(file -> System.out.println("written " + file));
        System.out.println();
        System.out.println(Files.readString(recording.resolveSibling(name + "-summary.txt")));
    }
}
