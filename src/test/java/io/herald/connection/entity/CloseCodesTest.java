package io.herald.connection.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The close codes a client reads (docs/protocol.md §11) are the server's, and the range of each code
 * alone says whether to reconnect: the table's "Reconnect?" column agrees with the range rule for
 * every code, so a client that follows the ranges needs no list of exceptions.
 */
class CloseCodesTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| (\\d{4}) \\| `([a-z_]+)` \\|.*\\| ([^|]+) \\|$", Pattern.MULTILINE);

    @Test
    void everyCloseIsDocumentedWithItsReason() throws IOException {
        Map<Integer, String> documented = new TreeMap<>();
        for (Row row : table().values()) {
            documented.put(row.code(), row.reason());
        }
        Map<Integer, String> server = new TreeMap<>();
        for (Close close : Close.values()) {
            server.put(close.code(), close.reason());
        }
        assertEquals(server, documented);
    }

    @Test
    void theCodeRangeSaysWhetherToReconnect() throws IOException {
        for (Row row : table().values()) {
            boolean byRange = row.code() >= 4000 && row.code() < 4500;
            assertEquals(
                    byRange,
                    row.reconnect().startsWith("yes"),
                    row.code() + " " + row.reason() + ": the documented answer is '" + row.reconnect() + "'");
            assertTrue(
                    byRange || row.code() >= 4500 && row.code() <= 4999 || row.code() == 1009,
                    row.code() + " is outside the documented ranges");
        }
    }

    private record Row(int code, String reason, String reconnect) {}

    private static Map<Integer, Row> table() throws IOException {
        String protocol = Files.readString(Path.of("docs/protocol.md"));
        String section = protocol.substring(protocol.indexOf("## 11. Close codes"), protocol.indexOf("## 12."));
        Map<Integer, Row> rows = new TreeMap<>();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            int code = Integer.parseInt(m.group(1));
            rows.put(code, new Row(code, m.group(2), m.group(3).replace("*", "").trim()));
        }
        assertTrue(rows.size() >= Close.values().length, "the §11 table is found");
        return rows;
    }
}
