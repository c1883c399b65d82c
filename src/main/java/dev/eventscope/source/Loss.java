package dev.eventscope.source;

/**
 * The ways a source event can differ from what its store held, each counted in the import summary.
 * Each one is documented (README, "Importing from other event stores"), so a reader of the
 * imported log knows what the summary's counts mean.
 */
public enum Loss {
    /** The payload was valid JSON but not an object: kept under {@code $value}. */
    PAYLOAD_NOT_AN_OBJECT("payload not a JSON object, kept under $value"),
    /** The payload was XML (Axon's XStream serializer): kept as text under {@code $xml}. */
    PAYLOAD_XML("XML payload kept as text under $xml"),
    /** YAML with no faithful JSON form (an alias, an unknown tag on a scalar): kept under {@code $yaml}. */
    PAYLOAD_YAML_KEPT("YAML payload kept as text under $yaml"),
    /** A Ruby object tag became a JSON object with the class under {@code $ruby}. */
    RUBY_OBJECT("Ruby object tag kept under $ruby"),
    /** Bytes that are no UTF-8 text (Marten's bdata, a binary serializer): kept as Base64. */
    PAYLOAD_BINARY("binary payload kept as Base64 under $base64"),
    /** Text that is neither JSON, XML nor YAML: kept under {@code $text}. */
    PAYLOAD_TEXT("text payload kept under $text"),
    /** The source has no event id (or not a UUID): one derived from stream and version. */
    DERIVED_ID("event id derived from stream and version"),
    /** The store's schema version was no positive number: 1, the original kept in importedFrom. */
    VERSION_NOT_A_NUMBER("schema version not a number, imported as 1"),
    /** The event was also linked into other streams (RubyEventStore): only the first is kept. */
    LINKED_STREAMS("links to further streams kept only in importedFrom"),
    /** Metadata that was not JSON (XStream XML, YAML) and could not be converted whole. */
    METADATA_KEPT_AS_TEXT("metadata kept as text under $text");

    private final String description;

    Loss(String description) {
        this.description = description;
    }

    /** What the summary line says about events with this loss. */
    public String description() {
        return description;
    }
}
