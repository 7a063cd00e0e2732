package io.herald.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * async-profiler's native library, taken out of the {@code tools.profiler:async-profiler} jar on the test class
 * path: the agent is a shared object and must be a file for the target JVM to load it.
 */
final class ProfilerLibrary {

    private ProfilerLibrary() {}

    static Path unpack(Path dir) throws IOException {
        String platform = platform();
        String entry = platform + "/libasyncProfiler.so";
        Files.createDirectories(dir);
        Path file = dir.resolve("libasyncProfiler-" + platform + ".so");
        try (InputStream in = one.profiler.AsyncProfiler.class.getResourceAsStream("/" + entry)) {
            if (in == null) {
                throw new IOException("the async-profiler jar has no " + entry);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (os.contains("mac")) {
            return "macos";
        }
        if (!os.contains("linux")) {
            throw new IllegalStateException("async-profiler runs on Linux and macOS only, not " + os);
        }
        return arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : "linux-x64";
    }
}
