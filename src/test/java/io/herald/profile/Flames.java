package io.herald.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/** Turns one recording into the flame graphs, collapsed stacks and the summary of the top frames. */
final class Flames {

    private Flames() {}

    static List<Path> write(Path recording, Path dir, String name, int top) throws IOException {
        List<Path> written = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (String event : List.of("cpu", "alloc")) {
            Path html = dir.resolve(name + "-" + event + ".html");
            JfrToFlame.convert(
                    recording.toString(), html.toString(), new Arguments("--" + event, "--title", name + " " + event));
            Path collapsed = dir.resolve(name + "-" + event + ".collapsed");
            JfrToFlame.convert(
                    recording.toString(),
                    collapsed.toString(),
                    new Arguments("--" + event, "--threads", "--output", "collapsed"));
            written.add(html);
            written.add(collapsed);
            summary.append(TopFrames.of(Files.readAllLines(collapsed)).describe(event, top))
                    .append('\n');
        }
        Path text = dir.resolve(name + "-summary.txt");
        Files.writeString(text, summary);
        written.add(text);
        return written;
    }
}
