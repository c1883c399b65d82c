package dev.eventscope.model;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.schema.EventSchema;
import dev.eventscope.schema.EventValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's rules, loaded and validated: the aggregates with their reducers, and the transform
 * every event goes through on its way from the store (identity until upcasters are defined).
 *
 * <p>Immutable once built. Sections of the model file fill a {@link Builder}; a section added by a
 * later capability adds its part to the builder and an accessor here.
 */
public final class Model {

    private final String name;
    private final Map<String, AggregateModel> aggregates;
    private final EventTransform transform;
    private final UpcasterChain upcasters;
    private final EventValidator validator;
    private final Map<String, ProcessorModel> processors;
    private final Map<String, SagaModel> sagas;
    private final Map<String, CommandModel> commands;

    private Model(Builder b) {
        this.name = b.name;
        this.aggregates = Collections.unmodifiableMap(new LinkedHashMap<>(b.aggregates));
        this.upcasters = b.chain != null ? b.chain : new UpcasterChain(List.of(), Map.of());
        this.transform = b.chain != null && !b.chain.isIdentity() ? b.chain : b.transform;
        this.validator = b.validator.build();
        this.sagas = Collections.unmodifiableMap(new LinkedHashMap<>(b.sagas));
        this.processors = Collections.unmodifiableMap(new LinkedHashMap<>(b.processors));
        this.commands = Collections.unmodifiableMap(new LinkedHashMap<>(b.commands));
    }

    /** How messages name the model: its file, or the plugins it came from. */
    public String name() {
        return name;
    }

    /** The aggregates, in the order the model lists them. */
    public Map<String, AggregateModel> aggregates() {
        return aggregates;
    }

    public Optional<AggregateModel> find(String aggregateType) {
        return Optional.ofNullable(aggregates.get(aggregateType));
    }

    /**
     * The rules of {@code aggregateType}.
     *
     * @throws NotFoundException naming the aggregate types the model has
     */
    public AggregateModel aggregate(String aggregateType) {
        AggregateModel a = aggregates.get(aggregateType);
        if (a == null) {
            throw new NotFoundException(
                    "the model " + name + " has no aggregate '" + aggregateType + "'",
                    aggregates.isEmpty()
                            ? "add it under 'aggregates:' in the model file"
                            : "it has " + String.join(", ", aggregates.keySet()) + "; add " + aggregateType
                                    + " under 'aggregates:'");
        }
        return a;
    }

    /** What every stored event goes through before a consumer sees it (upcasters). */
    public EventTransform transform() {
        return transform;
    }

    /** The upcaster chain (empty when the model has no upcasters). */
    public UpcasterChain upcasters() {
        return upcasters;
    }

    /** The JSON Schemas of the model's {@code schemas:} section, by event type and version. */
    public EventValidator validator() {
        return validator;
    }

    /** The projections and handlers, by name, in the order the model lists them. */
    public Map<String, ProcessorModel> processors() {
        return processors;
    }

    /**
     * The projection or handler {@code name} (one namespace).
     *
     * @throws NotFoundException naming the ones the model has
     */
    public ProcessorModel processor(String processorName) {
        ProcessorModel p = processors.get(processorName);
        if (p == null) {
            throw new NotFoundException(
                    "the model " + name + " has no projection or handler '" + processorName + "'",
                    processors.isEmpty()
                            ? "define it under 'projections:' or 'handlers:' in the model file"
                            : "it has " + String.join(", ", processors.keySet()));
        }
        return p;
    }

    /**
     * The projection {@code name}.
     *
     * @throws NotFoundException when there is none by that name
     * @throws UsageException when {@code name} is a handler
     */
    public ProjectionModel projection(String projectionName) {
        ProcessorModel p = processor(projectionName);
        if (!(p instanceof ProjectionModel projection)) {
            throw new UsageException(
                    projectionName + " is a handler (" + p.kind() + "), not a projection",
                    "only projections have read-model tables; run handlers with 'evs process " + projectionName + "'");
        }
        return projection;
    }

    /** The command types of the {@code commands:} section, in the order the model lists them. */
    public Map<String, CommandModel> commands() {
        return commands;
    }

    /**
     * The command type {@code commandType}.
     *
     * @throws NotFoundException naming the command types the model has
     */
    public CommandModel command(String commandType) {
        CommandModel c = commands.get(commandType);
        if (c == null) {
            throw new NotFoundException(
                    "the model " + name + " has no command type '" + commandType + "'",
                    commands.isEmpty()
                            ? "define it under 'commands:' in the model file"
                            : "it has " + String.join(", ", commands.keySet()));
        }
        return c;
    }

    /** The sagas of the {@code sagas:} section, by name, in the order the model lists them (ADR 0180). */
    public Map<String, SagaModel> sagas() {
        return sagas;
    }

    /**
     * The saga {@code name}.
     *
     * @throws NotFoundException naming the sagas the model has
     */
    public SagaModel saga(String sagaName) {
        SagaModel s = sagas.get(sagaName);
        if (s == null) {
            throw new NotFoundException(
                    "the model " + name + " has no saga '" + sagaName + "'",
                    sagas.isEmpty()
                            ? "define it under 'sagas:' in the model file"
                            : "it has " + String.join(", ", sagas.keySet()));
        }
        return s;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects the parts of a model while its sections load. */
    public static final class Builder {
        private final String name;
        private final Map<String, AggregateModel> aggregates = new LinkedHashMap<>();
        private EventTransform transform = EventTransform.IDENTITY;
        private final List<Upcaster> upcasters = new ArrayList<>();
        private final EventValidator.Builder validator = EventValidator.builder();
        /** Where each schema is defined, by type and version, for load-time messages. */
        private final Map<String, Map<Integer, String>> schemaLocations = new LinkedHashMap<>();

        private UpcasterChain chain;
        private final Map<String, ProcessorModel> processors = new LinkedHashMap<>();
        private final Map<String, SagaModel> sagas = new LinkedHashMap<>();
        private final Map<String, CommandModel> commands = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public boolean hasAggregate(String type) {
            return aggregates.containsKey(type);
        }

        public Builder aggregate(AggregateModel aggregate) {
            aggregates.put(aggregate.type(), aggregate);
            return this;
        }

        public boolean hasProcessor(String processorName) {
            return processors.containsKey(processorName);
        }

        /** Adds a projection or handler (the caller checks the name is free). */
        public Builder processor(ProcessorModel processor) {
            processors.put(processor.name(), processor);
            return this;
        }

        /** Adds a command type (the commands section). */
        public Builder command(CommandModel command) {
            commands.put(command.type(), command);
            return this;
        }

        /** Adds a saga (the sagas section). */
        public Builder saga(SagaModel saga) {
            sagas.put(saga.name(), saga);
            return this;
        }

        Map<String, SagaModel> sagas() {
            return sagas;
        }

        /** Sets the transform (the upcasting section's chain). */
        public Builder transform(EventTransform newTransform) {
            this.transform = newTransform;
            return this;
        }

        /** Adds one upcaster step (the upcasters section). */
        public Builder upcaster(Upcaster step) {
            upcasters.add(step);
            return this;
        }

        List<Upcaster> upcasters() {
            return upcasters;
        }

        /** Adds the schema of {@code type} v{@code version}, defined at {@code at} (the schemas section). */
        public Builder schema(String type, int version, EventSchema schema, String at) {
            validator.add(type, version, schema);
            schemaLocations.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(version, at);
            return this;
        }

        Map<String, Map<Integer, String>> schemaLocations() {
            return schemaLocations;
        }

        /** Sets the assembled upcaster chain (by the loader, once every section is loaded). */
        Builder chain(UpcasterChain assembled) {
            this.chain = assembled;
            return this;
        }

        public Model build() {
            return new Model(this);
        }
    }
}
