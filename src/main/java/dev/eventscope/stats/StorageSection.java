package dev.eventscope.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The store file and its write-ahead log, in bytes. The WAL grows with writes until a checkpoint
 * folds it back into the file; a WAL that keeps growing means something holds a read open.
 */
final class StorageSection implements StatsSection {

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public StatsFigures collect(StatsContext c) {
        Path file = c.store().file();
        long fileBytes = size(file);
        long walBytes = size(file.resolveSibling(file.getFileName() + "-wal"));
        ObjectNode o = Json.object();
        o.put("path", file.toString());
        o.put("fileBytes", fileBytes);
        o.put("walBytes", walBytes);
        return new StatsFigures(
                name(),
                "Storage",
                o,
                List.of(
                        Metric.of(
                                "eventscope_store_file_bytes", "Size of the store file.", Metric.Type.GAUGE, fileBytes),
                        Metric.of(
                                "eventscope_store_wal_bytes",
                                "Size of the store's write-ahead log (0 when absent).",
                                Metric.Type.GAUGE,
                                walBytes)));
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            // the WAL can vanish between the check and the size when the last connection closes
            return 0;
        }
    }
}
