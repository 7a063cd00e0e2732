package io.herald.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top frames of collapsed stacks ({@code thread;frame;…;leaf count}, the root first): samples per thread,
 * the frames the samples were taken in (self), and the frames on the stack (total, each frame counted once per
 * stack). A text that can be pasted into docs/performance.md.
 */
record TopFrames(long samples, Map<String, Long> threads, Map<String, Long> self, Map<String, Long> total) {

    static TopFrames of(List<String> collapsed) {
        long samples = 0;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        for (String line : collapsed) {
            int space = line.lastIndexOf(' ');
            if (space <= 0 || !line.substring(space + 1).trim().matches("\\d+")) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            for (int i = 0; i < frames.length; i++) {
                frames[i] = frame(frames[i]);
            }
            int first = 0;
            if (frames[0].startsWith("[") && frames[0].endsWith("]")) {
                threads.merge(threadName(frames[0]), count, Long::sum);
                first = 1;
            }
            if (first >= frames.length) {
                continue;
            }
            samples += count;
            self.merge(frames[frames.length - 1], count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = first; i < frames.length; i++) {
                if (seen.add(frames[i])) {
                    total.merge(frames[i], count, Long::sum);
                }
            }
        }
        return new TopFrames(samples, threads, self, total);
    }

    /**
     * {@code [http-thread-pool::http-listener(12) tid=123]} → {@code http-thread-pool::http-listener(N)}: the
     * threads of one pool add up to one line.
     */
    private static String threadName(String frame) {
        String name = frame.substring(1, frame.length() - 1);
        int tid = name.lastIndexOf(" tid=");
        return (tid < 0 ? name : name.substring(0, tid)).replaceAll("(?<=[-(#])\\d+", "N");
    }

    /**
     * {@code java/util/HashMap.get_[j]} → {@code java.util.HashMap.get}: the converter marks how a frame ran
     * (interpreted, C1, C2, inlined, kernel); one method counts as one frame whatever its tier.
     */
    private static String frame(String frame) {
        if (frame.startsWith("[")) {
            return frame;
        }
        String name = frame.replaceFirst("_\\[[a-z0-9]\\]$", "");
        return name.contains("(") || name.contains(" ") ? name : name.replace('/', '.');
    }

    String describe(String event, int top) {
        StringBuilder text = new StringBuilder();
        text.append("== ").append(event).append(": ").append(samples).append(" samples\n");
        section(text, "threads", threads, top);
        section(text, "self (the frame the sample was taken in)", self, top);
        section(text, "total (on the stack)", total, top);
        Map<String, Long> herald = new HashMap<>();
        total.forEach((frame, count) -> {
            if (frame.startsWith("io.herald.")) {
                herald.put(frame, count);
            }
        });
        section(text, "Herald's own frames (total)", herald, top);
        return text.toString();
    }

    private void section(StringBuilder text, String title, Map<String, Long> counts, int top) {
        if (counts.isEmpty()) {
            return;
        }
        text.append("-- ").append(title).append('\n');
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> text.append(String.format(
                        "%6.2f %%  %s%n", samples == 0 ? 0 : 100.0 * e.getValue() / samples, e.getKey())));
    }
}
