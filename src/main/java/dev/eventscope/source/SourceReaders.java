package dev.eventscope.source;

/** Makes the reader for a source's kind. */
public final class SourceReaders {

    private SourceReaders() {}

    /**
     * The reader for {@code options.kind()}; {@code sql} sources need their mapping file and are
     * made by {@link SqlMapping#reader}.
     */
    public static SourceReader create(SourceOptions options) {
        switch (options.kind()) {
            case EMMETT:
                return new EmmettReader(options);
            case MESSAGEDB:
                return new MessageDbReader(options);
            case AXON:
                return new AxonReader(options);
            case MARTEN:
                return new MartenReader(options);
            case RES:
                return new ResReader(options);
            case EVENTSOURCING:
                return new EventsourcingReader(options);
            default:
                throw new IllegalArgumentException(
                        options.kind().cliName() + " sources are read through a mapping file");
        }
    }
}
