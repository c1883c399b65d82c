package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.source.SqlMapping;
import java.nio.charset.StandardCharsets;

/**
 * The mapping file of {@code import --from sql} (table or query, order column, fields): read and
 * checked by the core, or refused with every problem at its file:line:column. Reading a source
 * table through a mapping is {@link SqlImportFuzzTest}.
 */
class SqlMappingFuzzTest {

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "table: ",
        "query: SELECT ",
        "order: ",
        "fields:",
        "  eventId: ",
        "  eventType: ",
        "  aggregateType: ",
        "  aggregateId: ",
        "  timestamp: ",
        "  payload: ",
        "  metadata: ",
        "{value: ",
        "meta.trace.id"
    })
    void mapping(byte[] yaml) {
        try {
            SqlMapping.parse("mapping.yaml", new String(yaml, StandardCharsets.UTF_8));
        } catch (EventscopeException refused) {
            Core.requireDocumented(refused);
        }
    }
}
