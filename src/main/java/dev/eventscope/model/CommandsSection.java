package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code commands:} section: per command type the {@code aggregateType} it targets, an {@code
 * aggregateId} rule that finds the target's id in the command, optional {@code reads} (more
 * aggregates whose states the decision sees, each bound to a variable), and a {@code decide} rule
 * from {@code $command} and {@code $state} to new events or a rejection ({@link Decision}).
 *
 * <pre>
 * commands:
 *   ShipOrder:
 *     aggregateType: Order
 *     aggregateId: '.payload.orderId'
 *     reads:
 *       payment: {aggregateType: Payment, aggregateId: 'replace($command.payload.orderId, "^order-", "pay-")'}
 *     decide: |
 *       if ($state.status == "CANCELLED") {"rejected": "the order is cancelled"}
 *       else [{"eventType": "OrderShipped", "payload": {"carrier": .payload.carrier}}]
 * </pre>
 *
 * <p>Rules are compiled with the model's checks (no {@code now()} or {@code random()}, no unknown
 * variable); once every section is loaded, {@link #check} makes sure the aggregate types exist and
 * dry-runs each rule on a synthetic command against the initial states, so a rule returning the
 * wrong shape fails at load with its location.
 */
final class CommandsSection implements ModelSection {

    private static final List<String> KEYS = List.of("aggregateType", "aggregateId", "reads", "decide");
    private static final List<String> READ_KEYS = List.of("aggregateType", "aggregateId");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public String key() {
        return "commands";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(node, "'commands' must be a mapping of command types, got " + node.kind());
            return;
        }
        for (Map.Entry<String, YamlNode> entry : node.fields()) {
            CommandModel c = loadCommand(entry.getKey(), entry.getValue(), context);
            if (c != null) {
                model.command(c);
            }
        }
    }

    private static CommandModel loadCommand(String type, YamlNode node, ModelContext context) {
        String owner = "command " + type;
        if (type.isBlank() || type.length() > NewEvent.MAX_TYPE_LENGTH || hasControl(type)) {
            context.problem(node, "a command type must be a name of 1 to 256 characters without control characters");
            return null;
        }
        if (!node.isObject()) {
            context.problem(
                    node, owner + " must be a mapping (aggregateType, aggregateId, decide), got " + node.kind());
            return null;
        }
        boolean ok = ProcessorKeys.knownKeys(node, KEYS, owner, context);
        String aggregateType = text(node, "aggregateType", owner, context);
        JsltRule id = rule(node, "aggregateId", type + ".aggregateId", Set.of(CommandModel.COMMAND), owner, context);
        Map<String, CommandModel.Read> reads = reads(node.get("reads"), type, owner, context);
        Set<String> variables = new HashSet<>(Set.of(CommandModel.COMMAND, CommandModel.STATE));
        if (reads != null) {
            variables.addAll(reads.keySet());
        }
        JsltRule decide = rule(node, "decide", type + ".decide", variables, owner, context);
        if (!ok || aggregateType == null || id == null || reads == null || decide == null) {
            return null;
        }
        return new CommandModel(
                type,
                aggregateType,
                id,
                reads,
                decide,
                node.get("aggregateType").at());
    }

    private static Map<String, CommandModel.Read> reads(
            YamlNode node, String type, String owner, ModelContext context) {
        Map<String, CommandModel.Read> reads = new LinkedHashMap<>();
        if (node == null) {
            return reads;
        }
        if (!node.isObject()) {
            context.problem(
                    node,
                    "reads of " + owner + " must be a mapping of variable names to {aggregateType, aggregateId},"
                            + " got " + node.kind());
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, YamlNode> r : node.fields()) {
            String name = r.getKey();
            String readOwner = "read " + name + " of " + owner;
            if (!VARIABLE.matcher(name).matches() || CommandModel.RESERVED.contains(name)) {
                context.problem(
                        r.getValue(),
                        readOwner + ": the name becomes the variable $" + name + ", so it must be letters, digits"
                                + " and _ (not starting with a digit) and none of "
                                + String.join(", ", CommandModel.RESERVED));
                ok = false;
                continue;
            }
            YamlNode read = r.getValue();
            if (!read.isObject()) {
                context.problem(
                        read, readOwner + " must be a mapping (aggregateType, aggregateId), got " + read.kind());
                ok = false;
                continue;
            }
            boolean keys = ProcessorKeys.knownKeys(read, READ_KEYS, readOwner, context);
            String aggregateType = text(read, "aggregateType", readOwner, context);
            JsltRule id = rule(
                    read,
                    "aggregateId",
                    type + ".reads." + name + ".aggregateId",
                    Set.of(CommandModel.COMMAND, CommandModel.STATE),
                    readOwner,
                    context);
            if (!keys || aggregateType == null || id == null) {
                ok = false;
                continue;
            }
            reads.put(
                    name,
                    new CommandModel.Read(
                            name, aggregateType, id, read.get("aggregateType").at()));
        }
        return ok ? reads : null;
    }

    /**
     * The checks that need the whole model, run by the loader once every section is loaded: the
     * aggregate types exist, and each rule, dry-run on a synthetic command (empty payload) against
     * the initial states, neither fails nor returns the wrong shape.
     */
    static void check(Model model, ModelContext context) {
        for (CommandModel c : model.commands().values()) {
            boolean known = aggregate(model, c.aggregateType(), c.at(), "command " + c.type(), context);
            for (CommandModel.Read r : c.reads().values()) {
                known &= aggregate(
                        model, r.aggregateType(), r.at(), "read " + r.name() + " of command " + c.type(), context);
            }
            if (known) {
                dryRun(model, c, context);
            }
        }
    }

    private static boolean aggregate(Model model, String type, String at, String owner, ModelContext context) {
        if (model.find(type).isPresent()) {
            return true;
        }
        context.problem(at + ": " + owner + " targets the aggregate type " + type + ", which the model does not"
                + " define"
                + (model.aggregates().isEmpty()
                        ? " (add it under 'aggregates:')"
                        : " (it has " + String.join(", ", model.aggregates().keySet()) + ")"));
        return false;
    }

    private static void dryRun(Model model, CommandModel c, ModelContext context) {
        JsonNode payload = Json.object();
        JsonNode metadata = Json.object();
        String time = "1970-01-01T00:00:00Z";
        JsonNode bare = CommandModel.tree("dry-run", c.type(), null, null, time, payload, metadata);
        JsonNode id = run(c.aggregateId(), bare, Map.of(CommandModel.COMMAND, bare), context);
        if (id != null && !id.isNull() && !id.isTextual()) {
            context.problem(c.aggregateId().source().at() + ": rule "
                    + c.aggregateId().source().name() + " must give the aggregate id as a string, got " + Json.kind(id)
                    + " on a synthetic command");
        }
        AggregateModel target = model.aggregate(c.aggregateType());
        JsonNode command =
                CommandModel.tree("dry-run", c.type(), c.aggregateType(), "dry-run", time, payload, metadata);
        Map<String, JsonNode> variables = new HashMap<>();
        variables.put(CommandModel.COMMAND, command);
        variables.put(CommandModel.STATE, target.initial());
        for (CommandModel.Read r : c.reads().values()) {
            run(
                    r.aggregateId(),
                    command,
                    Map.of(CommandModel.COMMAND, command, CommandModel.STATE, target.initial()),
                    context);
            variables.put(r.name(), model.aggregate(r.aggregateType()).initial());
        }
        JsonNode result = run(c.decide(), command, variables, context);
        if (result == null) {
            return;
        }
        String where =
                c.decide().source().at() + ": rule " + c.decide().source().name();
        Decision decision;
        try {
            decision = Decision.read(result);
        } catch (IllegalArgumentException e) {
            context.problem(where + " " + e.getMessage() + " (on a synthetic " + c.type()
                    + " with an empty payload, against the initial state)");
            return;
        }
        if (decision instanceof Decision.Accepted accepted && target.strict()) {
            for (JsonNode e : accepted.events()) {
                String type = e.get("eventType").textValue();
                if (target.reducerFor(type) == null) {
                    context.problem(where + " decides a " + type + " event, which the strict aggregate " + target.type()
                            + " has no reducer for");
                }
            }
        }
    }

    /** The rule's result on the synthetic command, or null when it failed (reported) or refused it on purpose. */
    private static JsonNode run(JsltRule rule, JsonNode input, Map<String, JsonNode> variables, ModelContext context) {
        try {
            return rule.applyWith(input, variables);
        } catch (RuleFailure f) {
            if (!DryRun.refusedOnPurpose(f)) {
                context.problem(f.location() + ": rule " + f.source().name()
                        + " fails on a synthetic command (empty payload): " + f.getMessage());
            }
            return null;
        }
    }

    private static JsltRule rule(
            YamlNode node, String key, String ruleName, Set<String> variables, String owner, ModelContext context) {
        YamlNode value = node.get(key);
        if (value == null) {
            context.problem(node, owner + " needs '" + key + "': a JSLT rule");
            return null;
        }
        return context.compile(value, ruleName, JsltRule.Kind.VALUE, variables);
    }

    private static String text(YamlNode node, String key, String owner, ModelContext context) {
        YamlNode value = node.get(key);
        if (value == null) {
            context.problem(node, owner + " needs '" + key + "'");
            return null;
        }
        if (!value.json().isTextual() || value.json().textValue().isBlank()) {
            context.problem(value, key + " of " + owner + " must be a name, got " + value.kind());
            return null;
        }
        return value.json().textValue();
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
