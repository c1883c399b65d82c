package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.model.spi.AggregatePlugin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Loads the model file ({@code eventscope.yaml}) and plugins into a validated {@link Model}.
 *
 * <p>Each top-level key of the file is one section, loaded by its {@link ModelSection}; a key no
 * section knows is an error naming it. Every problem of every section is collected and reported
 * together (exit 65), each with its file, line and column. After the sections load, the upcaster
 * chain is assembled and checked for gaps ({@link ChainCheck}), and every reducer is dry-run on a
 * synthetic event ({@link DryRun}).
 */
public final class ModelLoader {

    /** The sections a model file may have. Later capabilities add theirs here. */
    static final List<ModelSection> SECTIONS = List.of(
            new AggregatesSection(),
            new UpcastersSection(),
            new SchemasSection(),
            new ProjectionsSection(),
            new HandlersSection(),
            new CommandsSection(),
            new SagasSection());

    private ModelLoader() {}

    /**
     * Loads {@code file} and adds the aggregates of {@code plugins}.
     *
     * @throws NotFoundException when the file does not exist
     * @throws InvalidInputException listing every problem of the model
     */
    public static Model load(Path file, List<AggregatePlugin> plugins) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(
                    "model file " + file + " does not exist",
                    "pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml here");
        } catch (IOException e) {
            throw new InvalidInputException("model file " + file + " cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("model file " + file + " is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, base, plugins);
    }

    /** Loads model text; {@code name} is how messages name it. */
    public static Model parse(String name, String text, Path baseDirectory, List<AggregatePlugin> plugins) {
        YamlDocument doc = YamlDocument.parse(name, text);
        ModelContext context = new ModelContext(name, baseDirectory);
        Model.Builder builder = Model.builder(name);
        YamlNode root = doc.root();
        if (!root.isObject()) {
            context.problem(
                    root, "the model must be a mapping with sections such as 'aggregates:', got " + root.kind());
        } else {
            for (Map.Entry<String, YamlNode> entry : root.fields()) {
                ModelSection section = section(entry.getKey());
                if (section == null) {
                    context.problem(
                            entry.getValue(),
                            "unknown section '" + entry.getKey() + "' (this version knows: " + known() + ")");
                } else {
                    section.load(entry.getValue(), context, builder);
                }
            }
        }
        addPlugins(plugins, context, builder);
        SagasSection.checkNames(builder, context);
        ChainCheck.assemble(builder, context);
        Model model = builder.build();
        dryRun(model, context);
        CommandsSection.check(model, context);
        if (!context.problems().isEmpty()) {
            int n = context.problems().size();
            throw new InvalidInputException(
                    "the model " + name + " does not load: " + n + (n == 1 ? " problem" : " problems"),
                    context.problems(),
                    "fix the model file at the lines shown");
        }
        return model;
    }

    /** A model made of plugins only (no model file). */
    public static Model ofPlugins(List<AggregatePlugin> plugins) {
        List<String> names = new ArrayList<>();
        for (AggregatePlugin p : plugins) {
            names.add(p.getClass().getName());
        }
        return parse("plugins " + String.join(", ", names), "{}", Path.of(""), plugins);
    }

    private static ModelSection section(String key) {
        for (ModelSection s : SECTIONS) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    private static String known() {
        return String.join(", ", SECTIONS.stream().map(ModelSection::key).toList());
    }

    private static void addPlugins(List<AggregatePlugin> plugins, ModelContext context, Model.Builder builder) {
        for (AggregatePlugin p : plugins) {
            String where = "plugin " + p.getClass().getName();
            String type;
            JsonNode initial;
            try {
                type = p.aggregateType();
                initial = p.initialState();
            } catch (RuntimeException e) {
                context.problem(where + ": failed to describe its aggregate: " + e);
                continue;
            }
            if (type == null || type.isBlank()) {
                context.problem(where + ": aggregateType() must name an aggregate type");
                continue;
            }
            if (builder.hasAggregate(type)) {
                context.problem(where + ": aggregate " + type + " is already defined (in the model file or another"
                        + " plugin); define it in one place");
                continue;
            }
            if (initial == null || !initial.isObject()) {
                context.problem(where + ": initialState() of " + type + " must be an object");
                continue;
            }
            builder.aggregate(new AggregateModel(
                    type, initial, false, Map.of(), new PluginReducer(p), OptionalInt.empty(), where));
        }
    }

    private static void dryRun(Model model, ModelContext context) {
        for (AggregateModel a : model.aggregates().values()) {
            for (Map.Entry<String, Reducer> r : a.reducers().entrySet()) {
                dryRun(a, r.getKey(), r.getValue(), context);
            }
            if (a.fallback() != null) {
                dryRun(a, "AnyOtherEvent", a.fallback(), context);
            }
        }
    }

    private static void dryRun(AggregateModel a, String eventType, Reducer reducer, ModelContext context) {
        try {
            reducer.reduce(a.initial(), DryRun.event(a.type(), eventType));
        } catch (RuleFailure f) {
            context.problem(DryRun.describe(f, eventType));
        }
    }
}
