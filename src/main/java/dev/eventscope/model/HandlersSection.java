package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code handlers:} section (DESIGN §6): per handler its {@code kind} ({@code exec},
 * {@code reactor} or {@code plugin}), the event {@code types} it is fed (after upcasting;
 * {@code "*"} for all), optionally {@code aggregateTypes}, {@code retry} and {@code sequencing},
 * and what the kind needs: {@code command} and {@code timeout} (exec), {@code emit} (reactor),
 * {@code class} (plugin).
 */
final class HandlersSection implements ModelSection {

    private static final List<String> COMMON = List.of("kind", "types", "aggregateTypes", "retry", "sequencing");

    /** The keys a reactor's emitted event may have. */
    static final Set<String> EMITTED_KEYS =
            Set.of("eventType", "aggregateType", "aggregateId", "eventVersion", "timestamp", "payload", "metadata");

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String key() {
        return "handlers";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(node, "'handlers' must be a mapping of handler names, got " + node.kind());
            return;
        }
        for (Map.Entry<String, YamlNode> entry : node.fields()) {
            ProcessorModel h = loadHandler(entry.getKey(), entry.getValue(), context);
            if (h != null) {
                if (model.hasProcessor(h.name())) {
                    context.problem(
                            entry.getValue(),
                            "handler " + h.name() + ": a projection has the same name (projections and handlers"
                                    + " share one namespace)");
                } else {
                    model.processor(h);
                }
            }
        }
    }

    private ProcessorModel loadHandler(String name, YamlNode node, ModelContext context) {
        String owner = "handler " + name;
        if (!ProcessorKeys.name(name, node, "handler", context)) {
            return null;
        }
        if (!node.isObject()) {
            context.problem(node, owner + " must be a mapping (kind, types, ...), got " + node.kind());
            return null;
        }
        YamlNode kindNode = node.get("kind");
        String kind = kindNode != null && kindNode.json().isTextual()
                ? kindNode.json().textValue()
                : null;
        List<String> known = new ArrayList<>(COMMON);
        switch (kind == null ? "" : kind) {
            case "exec":
                known.addAll(List.of("command", "timeout"));
                break;
            case "reactor":
                known.add("emit");
                break;
            case "plugin":
                known.add("class");
                break;
            default:
                context.problem(
                        kindNode == null ? node : kindNode,
                        owner + " needs 'kind': exec, reactor or plugin" + (kind == null ? "" : ", got " + kind));
                return null;
        }
        boolean ok = ProcessorKeys.knownKeys(node, known, owner, context);
        YamlNode typesNode = node.get("types");
        Set<String> types = null;
        if (typesNode == null) {
            context.problem(node, owner + " needs 'types': the event types it handles, such as [OrderShipped]");
        } else {
            types = ProcessorKeys.strings(typesNode, "types of " + owner, context);
        }
        Set<String> aggregateTypes = ProcessorKeys.aggregateTypes(node, owner, context);
        boolean external = !kind.equals("reactor");
        RetryPolicy retry =
                ProcessorKeys.retry(node, external ? RetryPolicy.EXTERNAL : RetryPolicy.ONCE, owner, context);
        Sequencing sequencing = ProcessorKeys.sequencing(node, owner, context);
        if (!ok || types == null || aggregateTypes == null || retry == null || sequencing == null) {
            return null;
        }
        var settings = new ProcessorSettings(name, new Subscription(types, aggregateTypes), retry, sequencing);
        switch (kind) {
            case "exec":
                return exec(settings, node, owner, context);
            case "reactor":
                return reactor(settings, node, owner, context);
            default:
                return plugin(settings, node, owner, context);
        }
    }

    private static ExecHandlerModel exec(
            ProcessorSettings settings, YamlNode node, String owner, ModelContext context) {
        YamlNode commandNode = node.get("command");
        if (commandNode == null) {
            context.problem(node, owner + " needs 'command': the program and its arguments, such as [sh, notify.sh]");
            return null;
        }
        List<String> command = ProcessorKeys.argv(commandNode, "command of " + owner, context);
        Duration timeout = DEFAULT_TIMEOUT;
        YamlNode timeoutNode = node.get("timeout");
        if (timeoutNode != null) {
            timeout = ProcessorKeys.duration(timeoutNode, "timeout of " + owner, false, context);
        }
        if (command == null || timeout == null) {
            return null;
        }
        return new ExecHandlerModel(settings, command, timeout, context.baseDirectory());
    }

    private static ReactorModel reactor(ProcessorSettings settings, YamlNode node, String owner, ModelContext context) {
        YamlNode emitNode = node.get("emit");
        if (emitNode == null) {
            context.problem(node, owner + " needs 'emit': a rule giving the events to append (a list, or null)");
            return null;
        }
        JsltRule emit = context.compile(emitNode, settings.name() + ".emit", JsltRule.Kind.VALUE, JsltRule.EVENT_ONLY);
        if (emit == null) {
            return null;
        }
        String aggregateType =
                settings.subscription().aggregateTypes().stream().findFirst().orElse("Any");
        for (String type : settings.subscription().eventTypes()) {
            dryRun(emit, aggregateType, type.equals(Subscription.ANY_TYPE) ? "AnyEvent" : type, context);
        }
        return new ReactorModel(settings, emit);
    }

    private static PluginHandlerModel plugin(
            ProcessorSettings settings, YamlNode node, String owner, ModelContext context) {
        YamlNode classNode = node.get("class");
        if (classNode == null
                || !classNode.json().isTextual()
                || classNode.json().textValue().isBlank()) {
            context.problem(
                    classNode == null ? node : classNode,
                    owner + " needs 'class': the class name of its dev.eventscope.model.spi.HandlerPlugin");
            return null;
        }
        return new PluginHandlerModel(settings, classNode.json().textValue().trim());
    }

    /** The emit rule must give null, an event or a list of events; each with only the input keys. */
    private static void dryRun(JsltRule rule, String aggregateType, String eventType, ModelContext context) {
        dryRunEmit(rule, DryRun.event(aggregateType, eventType), null, eventType, context);
    }

    /**
     * Runs an emit rule on {@code event} (and {@code state}, null: unbound) and checks what it gives:
     * null, an event or a list of events, each with only the keys an emitted event may have.
     */
    static void dryRunEmit(JsltRule rule, JsonNode event, JsonNode state, String eventType, ModelContext context) {
        JsonNode result;
        try {
            result = rule.apply(event, state);
        } catch (RuleFailure f) {
            if (DryRun.refusedOnPurpose(f)) {
                return;
            }
            context.problem(DryRun.describe(f, eventType));
            return;
        }
        String where = rule.source().at() + ": rule " + rule.source().name();
        if (result.isNull()) {
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        if (result.isArray()) {
            result.forEach(events::add);
        } else {
            events.add(result);
        }
        for (JsonNode e : events) {
            if (!e.isObject()) {
                context.problem(where + " must give a list of events (objects), got " + Json.kind(e)
                        + " in it on a synthetic " + eventType);
                return;
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!EMITTED_KEYS.contains(key)) {
                    context.problem(where + " gives an event with '" + key + "'; an emitted event has eventType,"
                            + " aggregateType, aggregateId and optionally eventVersion, timestamp, payload, metadata"
                            + " (its eventId is derived)");
                }
            }
            for (String required : List.of("eventType", "aggregateType", "aggregateId")) {
                if (!e.has(required)) {
                    context.problem(where + " gives an event without " + required);
                }
            }
        }
    }
}
