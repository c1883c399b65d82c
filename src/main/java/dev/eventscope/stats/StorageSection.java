package dev.eventscope.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.store.ReadStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the store lives and how much room it takes there, as its adapter reports it (for a store
 * file: the file and its write-ahead log, in bytes).
 */
final class StorageSection implements StatsSection {

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public StatsFigures collect(StatsContext c) {
        ReadStatistics.Storage storage = c.store().statistics().storage();
        ObjectNode o = Json.object();
        o.put(storage.locationKey(), storage.location());
        List<Metric> metrics = new ArrayList<>();
        for (ReadStatistics.Storage.Figure f : storage.figures()) {
            o.put(f.key(), f.bytes());
            metrics.add(Metric.of(f.metric(), f.help(), Metric.Type.GAUGE, f.bytes()));
        }
        return new StatsFigures(name(), "Storage", o, metrics);
    }
}
