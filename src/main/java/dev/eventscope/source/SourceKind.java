package dev.eventscope.source;

import dev.eventscope.error.UsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The other event stores {@code import --from KIND} reads, by the name the command line uses. */
public enum SourceKind {
    MARTEN("marten", true, false),
    EMMETT("emmett", true, true),
    MESSAGEDB("messagedb", true, false),
    AXON("axon", true, false),
    EVENTSOURCING("eventsourcing", true, true),
    RES("res", true, true),
    SQL("sql", true, true);

    private final String cliName;
    private final boolean postgres;
    private final boolean sqlite;

    SourceKind(String cliName, boolean postgres, boolean sqlite) {
        this.cliName = cliName;
        this.postgres = postgres;
        this.sqlite = sqlite;
    }

    /** The name on the command line and in the {@code importedFrom} metadata. */
    public String cliName() {
        return cliName;
    }

    /** Whether this store keeps its events in {@code dialect}. */
    public boolean supports(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? postgres : sqlite;
    }

    /** Every kind's name, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(SourceKind::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The kind named {@code name}.
     *
     * @throws UsageException listing the kinds when there is none of that name
     */
    public static SourceKind parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (SourceKind k : values()) {
            if (k.cliName.equals(wanted)) {
                return k;
            }
        }
        throw new UsageException(
                "unknown source kind '" + dev.eventscope.event.Text.printable(String.valueOf(name), 40) + "'",
                "--from takes one of: " + names());
    }
}
