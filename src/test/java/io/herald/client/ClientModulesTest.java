package io.herald.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The browser client's ES modules as the WAR serves them: every relative import names a module that
 * exists, and no module imports itself through others (a cycle leaves one side's exports undefined
 * while the other evaluates, depending on which module a page imports first).
 */
class ClientModulesTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Pattern IMPORT =
            Pattern.compile("^\\s*(?:import|export)\\s[^;]*?from\\s+'\\./([^']+)'", Pattern.MULTILINE);

    @Test
    void everyImportNamesAServedModule() throws IOException {
        Map<String, List<String>> graph = imports();
        for (Map.Entry<String, List<String>> module : graph.entrySet()) {
            for (String target : module.getValue()) {
                assertTrue(graph.containsKey(target), module.getKey() + " imports " + target + ", which is not served");
            }
        }
    }

    @Test
    void modulesImportEachOtherWithoutACycle() throws IOException {
        Map<String, List<String>> graph = imports();
        List<String> cycles = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        for (String start : graph.keySet()) {
            walk(graph, start, new ArrayList<>(), finished, cycles);
        }
        assertEquals(List.of(), cycles, "import cycles between the client's modules");
    }

    @Test
    void failureIsALeafModule() throws IOException {
        assertEquals(List.of(), imports().get("herald-failure.js"));
    }

    /** Depth-first: an import back into the current path is a cycle. */
    private static void walk(
            Map<String, List<String>> graph,
            String module,
            List<String> path,
            Set<String> finished,
            List<String> cycles) {
        int back = path.indexOf(module);
        if (back >= 0) {
            cycles.add(String.join(" -> ", path.subList(back, path.size())) + " -> " + module);
            return;
        }
        if (finished.contains(module)) {
            return;
        }
        path.add(module);
        for (String next : graph.getOrDefault(module, List.of())) {
            walk(graph, next, path, finished, cycles);
        }
        path.remove(path.size() - 1);
        finished.add(module);
    }

    private static Map<String, List<String>> imports() throws IOException {
        Map<String, List<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.list(WEBAPP)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".js"))::iterator) {
                List<String> targets = new ArrayList<>();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    targets.add(m.group(1));
                }
                graph.put(file.getFileName().toString(), targets);
            }
        }
        assertTrue(graph.containsKey("herald.js"), "the client modules are found");
        return graph;
    }
}
