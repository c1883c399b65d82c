package dev.eventscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.decide.Command;
import dev.eventscope.decide.Decider;
import dev.eventscope.decide.Executor;
import dev.eventscope.decide.Outcome;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.ingest.EventInput;
import dev.eventscope.ingest.EventParts;
import dev.eventscope.model.CommandModel;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.AppendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Commands through the model's deciders ({@code exec}): each command decided against its target
 * aggregate's state and appended with that state's version as the expected version, or (a dry run,
 * a decision at a cut) decided without writing anything. States come from the one fold ({@link
 * FoldService}), appends go through {@link EventService}. Needs a model. Reached through {@link
 * Engine#commands()}; one thread at a time, as its engine.
 */
public final class CommandService {

    /** How many events one command id may have caused for the already-executed check to list. */
    private static final int CAUSED_LIMIT = 10_000;

    private final Workspace workspace;
    private final FoldService folds;
    private final EventService events;

    CommandService(Workspace workspace, FoldService folds, EventService events) {
        this.workspace = workspace;
        this.folds = folds;
        this.events = events;
    }

    /**
     * A command type of the model, as a front end lists it: the aggregate type it targets, the rule
     * that finds the target's id in the command, the other states its decision reads, the text of
     * its {@code decide} rule, and where the model file defines it ({@code file:line:column}).
     */
    public record CommandType(
            String type, String aggregateType, String aggregateId, List<ReadType> reads, String decide, String at) {
        public CommandType {
            reads = List.copyOf(reads);
        }
    }

    /** One more state a decision reads: the variable it is bound to, its aggregate type, the rule for its id. */
    public record ReadType(String name, String aggregateType, String aggregateId) {}

    /**
     * The model's command types, by name (none when it has no {@code commands:} section).
     *
     * @throws dev.eventscope.error.EventscopeException when there is no model or it does not load
     */
    public List<CommandType> types() {
        List<CommandType> out = new ArrayList<>();
        for (CommandModel c : workspace.model().commands().values()) {
            List<ReadType> reads = new ArrayList<>();
            for (CommandModel.Read r : c.reads().values()) {
                reads.add(new ReadType(
                        r.name(), r.aggregateType(), r.aggregateId().text()));
            }
            out.add(new CommandType(
                    c.type(),
                    c.aggregateType(),
                    c.aggregateId().text(),
                    reads,
                    c.decide().text(),
                    c.at()));
        }
        out.sort(java.util.Comparator.comparing(CommandType::type));
        return out;
    }

    /**
     * The commands of a JSON document: one command object or an array of them, each read with
     * {@code commandType} as its type when it names none.
     *
     * @throws InvalidInputException naming every invalid command
     */
    public List<Command> read(JsonNode document, String commandType, String source) {
        List<JsonNode> items = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(items::add);
        } else {
            items.add(document);
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(source + " holds an empty array: no command to run");
        }
        List<Command> commands = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                commands.add(Command.read(
                        items.get(i), commandType, workspace.settings().zone()));
            } catch (IllegalArgumentException e) {
                problems.add((items.size() == 1 ? "" : "command " + (i + 1) + ": ") + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    items.size() == 1
                            ? "the command in " + source + " is not valid"
                            : problems.size() + " of " + items.size() + " commands in " + source
                                    + " are not valid; nothing was run",
                    EventInput.limit(problems, problems.size()),
                    "a command is {\"commandType\": T, \"commandId\": ID, \"timestamp\": TIME, \"payload\": {...},"
                            + " \"metadata\": {...}}, every field but the payload optional");
        }
        return commands;
    }

    /**
     * One command given flag by flag, as {@code exec}'s options give it: its type, its id, when it
     * was issued, its payload as the bytes of a JSON document, and the correlationId and userId its
     * events carry (each null when not given).
     */
    public record CommandParts(
            String commandType,
            String commandId,
            String timestamp,
            EventParts.Document payload,
            String correlationId,
            String userId) {}

    /**
     * The command that {@code parts} describe, read as the same command given in a file.
     *
     * @throws InvalidInputException when the payload is not a JSON document or the command is not valid
     */
    public List<Command> read(CommandParts parts) {
        ObjectNode json = Json.object();
        json.put("commandType", parts.commandType());
        if (parts.commandId() != null) {
            json.put("commandId", parts.commandId());
        }
        if (parts.timestamp() != null) {
            json.put("timestamp", parts.timestamp());
        }
        json.set("payload", parts.payload() == null ? Json.object() : EventInput.document(parts.payload()));
        ObjectNode metadata = json.putObject("metadata");
        if (parts.correlationId() != null) {
            metadata.put("correlationId", parts.correlationId());
        }
        if (parts.userId() != null) {
            metadata.put("userId", parts.userId());
        }
        return read(json, parts.commandType(), "the command line");
    }

    /**
     * An exec run: the commands, in order; the cut to decide at (latest: the store's head); whether
     * to write nothing ({@code dryRun}; a cut other than the latest never writes); how many times a
     * command that conflicts with another writer is decided again.
     */
    public record ExecOptions(List<Command> commands, CutSpec cut, boolean dryRun, int retries, boolean asIssued) {
        public ExecOptions {
            commands = List.copyOf(commands);
            cut = cut == null ? CutSpec.LATEST : cut;
            if (retries < 0) {
                throw new UsageException("--retry must be 0 or more, got " + retries);
            }
            if (asIssued && cut.at() != null) {
                throw new UsageException(
                        "--as-issued decides each command at its own time, so it takes no --at",
                        "leave out --at; --as-of or --position bound what the store had recorded");
            }
        }

        public ExecOptions(List<Command> commands, CutSpec cut, boolean dryRun, int retries) {
            this(commands, cut, dryRun, retries, false);
        }

        /** Whether this run appends: at the head, not a dry run, not as issued. */
        public boolean writes() {
            return !dryRun && !asIssued && cut.equals(CutSpec.LATEST);
        }
    }

    /**
     * Runs the commands, handing each one's outcome to {@code sink} as it is known; stops after
     * the first rejection (as issued: decides every command). Commands without a time take the cut's (its --at, else its --as-of),
     * else now. As issued, each command is decided against the events that happened up to a
     * microsecond before its own timestamp (within the cut's --as-of or --position).
     *
     * @throws dev.eventscope.error.ConflictException when a command still conflicts after its retries
     * @throws InvalidInputException when a rule fails or decides events that are invalid or break
     *     their schema (nothing of that command is written)
     */
    public List<Outcome> exec(ExecOptions o, Consumer<Outcome> sink) {
        return exec(o, sink, a -> {});
    }

    /**
     * An append about to be made by a live run: the events decided for {@code stream}, appended
     * only if its version is still {@code expectedVersion}, the one they were decided against.
     */
    public record Appending(String commandId, StreamId stream, long expectedVersion, int events) {}

    /**
     * {@link #exec(ExecOptions, Consumer)}, telling {@code appending} of every append before it is
     * tried (after the decision, so another writer may still change the stream in between).
     */
    public List<Outcome> exec(ExecOptions o, Consumer<Outcome> sink, Consumer<Appending> appending) {
        Instant now = Times.nowMicros();
        Cut cut = o.cut().cut(workspace.settings().zone(), now);
        Instant time = now;
        if (cut instanceof Cut.At at) {
            time = at.validTime();
        } else if (cut instanceof Cut.AsOf asOf) {
            time = asOf.recordTime();
        }
        boolean write = o.writes();
        Decider decider = new Decider(workspace.model(), workspace.settings().readOptions());
        // the store must exist to decide against it: exec creates no store
        workspace.readStore();
        SnapshotUse snapshots = write ? SnapshotUse.READ_AND_WRITE : SnapshotUse.READ_ONLY;
        EventValidator validator = workspace.validator(false);
        Executor.Store store = new Executor.Store() {
            @Override
            public Executor.Pinned pin() {
                return pinned(folds.pin(o.cut(), snapshots));
            }

            @Override
            public Executor.Pinned pinBefore(Instant issued) {
                CutSpec before = new CutSpec(
                        Times.format(issued.minusNanos(1_000)),
                        o.cut().asOf(),
                        null,
                        o.cut().position());
                return pinned(folds.pin(before, snapshots));
            }

            @Override
            public List<RecordedEvent> causedBy(String commandId, StreamId stream, ResolvedCut at) {
                List<RecordedEvent> caused = new ArrayList<>();
                for (RecordedEvent e : workspace.readStore().links().causedBy(List.of(commandId), CAUSED_LIMIT)) {
                    if (e.stream().equals(stream) && at.recorded(e) && at.happened(e)) {
                        caused.add(e);
                    }
                }
                return caused;
            }

            @Override
            public AppendResult append(List<NewEvent> decided, ExpectedVersion expected) {
                if (expected instanceof ExpectedVersion.Exactly exactly && !decided.isEmpty()) {
                    NewEvent first = decided.get(0);
                    appending.accept(
                            new Appending(first.causationId(), first.stream(), exactly.version(), decided.size()));
                }
                return events.append(new EventService.AppendOptions(decided, expected, false));
            }

            @Override
            public void check(String command, List<NewEvent> decided) {
                checkSchemas(validator, command, decided);
            }
        };
        return new Executor(decider, store, new Executor.Options(write, o.retries(), time, o.asIssued()))
                .run(o.commands(), sink);
    }

    private static Executor.Pinned pinned(FoldService.Pin pin) {
        return new Executor.Pinned() {
            @Override
            public ResolvedCut cut() {
                return pin.cut();
            }

            @Override
            public AggregateState state(StreamId stream) {
                return pin.state(stream);
            }
        };
    }

    /** The decided events against the model's JSON Schemas, as an append checks them. */
    private static void checkSchemas(EventValidator validator, String command, List<NewEvent> decided) {
        List<String> problems = new ArrayList<>();
        for (NewEvent e : decided) {
            for (String v : validator.violations(e.eventType(), e.eventVersion(), e.payload())) {
                problems.add(e.eventType() + " v" + e.eventVersion() + ": " + v);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "the events decided for " + command + " do not match the schemas of their event types; nothing was"
                            + " written",
                    EventInput.limit(problems, problems.size()),
                    "fix the decide rule, or the command's payload it copies");
        }
    }
}
