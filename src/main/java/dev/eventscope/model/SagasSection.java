package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code sagas:} section (ADR 0180): per saga its {@code association}, {@code start} and
 * {@code end} event types, optionally {@code endWhen}, {@code initial} state, {@code step} and
 * {@code stuckAfter}, the rules {@code on} each event type ({@code state}, {@code emit}, {@code set},
 * {@code cancel}) and its {@code deadlines} ({@code after}, {@code emit}).
 *
 * <p>Besides the shape, it refuses what can never work, each at its place in the file: an
 * association for an event type the saga does not take, or one that reads a field no event has
 * (it never matches); an event type the saga takes with no association (it could never join an
 * instance); a deadline without a duration, one that is never set, and a set or cancel of an
 * undefined one. Every rule is compiled and run once on a synthetic event.
 */
final class SagasSection implements ModelSection {

    private static final List<String> KEYS =
            List.of("association", "start", "end", "endWhen", "initial", "step", "stuckAfter", "on", "deadlines");
    private static final List<String> RULE_KEYS = List.of("state", "emit", "set", "cancel");
    private static final List<String> DEADLINE_KEYS = List.of("after", "emit");

    /** The fields every event has, at the top level of its JSON shape. */
    static final Set<String> EVENT_FIELDS = Set.of(
            "eventId",
            "eventType",
            "aggregateId",
            "aggregateType",
            "eventVersion",
            "timestamp",
            "payload",
            "metadata",
            "position",
            "streamVersion",
            "recordedAt");

    /** A path into the event written without the leading dot: {@code payload.orderId}. */
    private static final Pattern BARE_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** A path into the event: {@code .payload.orderId}. */
    private static final Pattern PATH = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private static final Set<String> METADATA_NAMES = Set.of("correlationId", "causationId", "userId");

    @Override
    public String key() {
        return "sagas";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(node, "'sagas' must be a mapping of saga names, got " + node.kind());
            return;
        }
        for (Map.Entry<String, YamlNode> entry : node.fields()) {
            SagaModel saga = loadSaga(entry.getKey(), entry.getValue(), context);
            if (saga != null) {
                model.saga(saga);
            }
        }
    }

    /**
     * Sagas share one namespace with projections and handlers ({@code process NAME} runs any of
     * them): run once every section is loaded, whatever their order in the file.
     */
    static void checkNames(Model.Builder model, ModelContext context) {
        for (SagaModel saga : model.sagas().values()) {
            if (model.hasProcessor(saga.name())) {
                context.problem(saga.at() + ": saga " + saga.name() + ": a projection or handler has the same name"
                        + " (sagas, projections and handlers share one namespace: 'evs process NAME')");
            }
        }
    }

    private SagaModel loadSaga(String name, YamlNode node, ModelContext context) {
        String owner = "saga " + name;
        if (!ProcessorKeys.name(name, node, "saga", context)) {
            return null;
        }
        if (!node.isObject()) {
            context.problem(node, owner + " must be a mapping (association, start, end, on, ...), got " + node.kind());
            return null;
        }
        int before = context.problems().size();
        ProcessorKeys.knownKeys(node, KEYS, owner, context);

        Set<String> start = types(node, "start", true, owner, context);
        Set<String> end = types(node, "end", false, owner, context);
        JsonNode initial = initial(node, owner, context);
        Duration stuckAfter = SagaModel.DEFAULT_STUCK_AFTER;
        YamlNode stuckNode = node.get("stuckAfter");
        if (stuckNode != null) {
            stuckAfter = ProcessorKeys.duration(stuckNode, "stuckAfter of " + owner, true, context);
        }
        Set<String> defined = new LinkedHashSet<>();
        Map<String, SagaModel.Deadline> deadlines = deadlines(node, name, owner, defined, context);
        Map<String, Reducer> reducers = new LinkedHashMap<>();
        Map<String, SagaModel.Rule> rules = new LinkedHashMap<>();
        Map<String, YamlNode> typeNodes = new LinkedHashMap<>();
        Set<String> setSomewhere = new LinkedHashSet<>();
        YamlNode on = node.get("on");
        if (on != null) {
            if (!on.isObject()) {
                context.problem(
                        on, "'on' of " + owner + " must be a mapping of event types to rules, got " + on.kind());
            } else {
                for (Map.Entry<String, YamlNode> e : on.fields()) {
                    typeNodes.putIfAbsent(e.getKey(), e.getValue());
                    rule(name, e.getKey(), e.getValue(), defined, reducers, rules, setSomewhere, context);
                }
            }
        }
        remember(node.get("start"), start, typeNodes);
        remember(node.get("end"), end, typeNodes);
        for (String d : defined) {
            if (!setSomewhere.contains(d)) {
                context.problem(
                        node.get("deadlines").get(d),
                        "deadline " + d + " of " + owner + " is never set: name it under 'set:' of a rule in 'on:'");
            }
        }
        JsltRule endWhen = null;
        YamlNode endWhenNode = node.get("endWhen");
        if (endWhenNode != null) {
            endWhen =
                    context.compile(endWhenNode, name + ".endWhen", JsltRule.Kind.PREDICATE, JsltRule.EVENT_AND_STATE);
        }
        JsltRule step = null;
        YamlNode stepNode = node.get("step");
        if (stepNode != null) {
            step = context.compile(stepNode, name + ".step", JsltRule.Kind.VALUE, Set.of("state"));
        }
        Set<String> taken = new LinkedHashSet<>(typeNodes.keySet());
        SagaModel.Association association = association(node, name, owner, taken, typeNodes, context);
        if (context.problems().size() > before || start == null || end == null || initial == null) {
            return null;
        }
        AggregateModel state = new AggregateModel(
                "saga " + name, initial, false, reducers, null, OptionalInt.empty(), context.fileName());
        SagaModel saga = new SagaModel(
                name, association, start, end, endWhen, state, step, stuckAfter, rules, deadlines, node.at());
        dryRun(saga, context);
        return context.problems().size() > before ? null : saga;
    }

    private static void remember(YamlNode list, Set<String> types, Map<String, YamlNode> typeNodes) {
        if (list == null || types == null) {
            return;
        }
        for (YamlNode e : list.elements()) {
            if (e.json().isTextual()) {
                typeNodes.putIfAbsent(e.json().textValue(), e);
            }
        }
    }

    private static Set<String> types(YamlNode node, String key, boolean required, String owner, ModelContext context) {
        YamlNode list = node.get(key);
        if (list == null) {
            if (required) {
                context.problem(
                        node,
                        owner + " needs '" + key + "': the event types that start an instance, such as"
                                + " [OrderPlaced]");
                return null;
            }
            return Set.of();
        }
        return ProcessorKeys.strings(list, key + " of " + owner, context);
    }

    private static JsonNode initial(YamlNode node, String owner, ModelContext context) {
        YamlNode initialNode = node.get("initial");
        if (initialNode == null) {
            return Json.object();
        }
        if (!initialNode.isObject()) {
            context.problem(
                    initialNode,
                    "initial state of " + owner + " must be a mapping (an object), got " + initialNode.kind());
            return null;
        }
        return initialNode.json();
    }

    /** The deadlines that load; {@code defined} gets the name of every one defined, loaded or not. */
    private static Map<String, SagaModel.Deadline> deadlines(
            YamlNode node, String saga, String owner, Set<String> defined, ModelContext context) {
        Map<String, SagaModel.Deadline> out = new LinkedHashMap<>();
        YamlNode section = node.get("deadlines");
        if (section == null) {
            return out;
        }
        if (!section.isObject()) {
            context.problem(
                    section, "'deadlines' of " + owner + " must be a mapping of deadline names, got " + section.kind());
            return out;
        }
        for (Map.Entry<String, YamlNode> e : section.fields()) {
            String name = e.getKey();
            YamlNode d = e.getValue();
            defined.add(name);
            String what = "deadline " + name + " of " + owner;
            if (!d.isObject()) {
                context.problem(d, what + " must be a mapping {after: 30m, emit: '...'}, got " + d.kind());
                continue;
            }
            ProcessorKeys.knownKeys(d, DEADLINE_KEYS, what, context);
            YamlNode afterNode = d.get("after");
            Duration after = null;
            if (afterNode == null) {
                context.problem(d, what + " has no duration: say when it passes with after, such as after: 30m");
            } else {
                after = ProcessorKeys.duration(afterNode, "after of " + what, false, context);
            }
            JsltRule emit = null;
            YamlNode emitNode = d.get("emit");
            if (emitNode != null) {
                emit = context.compile(
                        emitNode, saga + ".deadlines." + name + ".emit", JsltRule.Kind.VALUE, JsltRule.EVENT_AND_STATE);
            }
            if (after != null) {
                out.put(name, new SagaModel.Deadline(name, after, emit));
            }
        }
        return out;
    }

    private static void rule(
            String saga,
            String type,
            YamlNode node,
            Set<String> deadlines,
            Map<String, Reducer> reducers,
            Map<String, SagaModel.Rule> rules,
            Set<String> setSomewhere,
            ModelContext context) {
        String what = "rule " + saga + ".on." + type;
        if (!node.isObject()) {
            context.problem(node, what + " must be a mapping (state, emit, set, cancel), got " + node.kind());
            return;
        }
        ProcessorKeys.knownKeys(node, RULE_KEYS, what, context);
        YamlNode stateNode = node.get("state");
        if (stateNode != null) {
            JsltRule r = context.compile(
                    stateNode, saga + ".on." + type + ".state", JsltRule.Kind.REDUCER, JsltRule.EVENT_AND_STATE);
            if (r != null) {
                reducers.put(type, Reducer.of(r));
            }
        }
        JsltRule emit = null;
        YamlNode emitNode = node.get("emit");
        if (emitNode != null) {
            emit = context.compile(
                    emitNode, saga + ".on." + type + ".emit", JsltRule.Kind.VALUE, JsltRule.EVENT_AND_STATE);
        }
        List<String> set = deadlineNames(node.get("set"), "set of " + what, deadlines, context);
        List<String> cancel = deadlineNames(node.get("cancel"), "cancel of " + what, deadlines, context);
        setSomewhere.addAll(set);
        rules.put(type, new SagaModel.Rule(type, emit, set, cancel));
    }

    private static List<String> deadlineNames(YamlNode node, String what, Set<String> deadlines, ModelContext context) {
        if (node == null) {
            return List.of();
        }
        Set<String> names = ProcessorKeys.strings(node, what, context);
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode e : node.elements()) {
            String name = e.json().textValue();
            if (!deadlines.contains(name)) {
                context.problem(
                        e,
                        what + " names the deadline " + name + ", which is not defined"
                                + (deadlines.isEmpty()
                                        ? " (define it under 'deadlines:' with after: DURATION)"
                                        : " (the saga has " + String.join(", ", deadlines) + ")"));
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static SagaModel.Association association(
            YamlNode node,
            String saga,
            String owner,
            Set<String> taken,
            Map<String, YamlNode> typeNodes,
            ModelContext context) {
        YamlNode assoc = node.get("association");
        if (assoc == null) {
            context.problem(
                    node,
                    owner + " needs 'association': how an event names its instance, such as .payload.orderId, or one"
                            + " expression per event type");
            return null;
        }
        Map<String, JsltRule> byType = new LinkedHashMap<>();
        JsltRule fallback = null;
        if (assoc.json().isTextual()) {
            fallback = expression(assoc, saga + ".association", context);
        } else if (assoc.isObject()) {
            for (Map.Entry<String, YamlNode> e : assoc.fields()) {
                String type = e.getKey();
                if (!type.equals(Subscription.ANY_TYPE) && !taken.contains(type)) {
                    context.problem(
                            e.getValue(),
                            "the association for " + type + " never matches: " + owner + " takes no " + type
                                    + " events (it takes " + String.join(", ", taken) + ")");
                    continue;
                }
                JsltRule r = expression(e.getValue(), saga + ".association." + type, context);
                if (r != null && type.equals(Subscription.ANY_TYPE)) {
                    fallback = r;
                } else if (r != null) {
                    byType.put(type, r);
                }
            }
        } else {
            context.problem(
                    assoc,
                    "association of " + owner + " must be an expression (a string) or a mapping of event types to"
                            + " expressions, got " + assoc.kind());
            return null;
        }
        if (fallback == null && !assoc.json().isTextual()) {
            for (String type : taken) {
                if (!byType.containsKey(type) && assoc.get(type) == null) {
                    context.problem(
                            typeNodes.get(type),
                            owner + " takes " + type + " but has no association for it, so a " + type + " could"
                                    + " never join an instance: add " + type + " (or \"*\") under 'association:'");
                }
            }
        }
        return new SagaModel.Association(byType, fallback);
    }

    /**
     * An association expression; a bare path such as {@code payload.orderId} is read from the event
     * ({@code correlationId}, {@code causationId} and {@code userId} from its metadata). A path to a
     * field no event has never matches.
     */
    private static JsltRule expression(YamlNode node, String ruleName, ModelContext context) {
        JsonNode value = node.json();
        if (!value.isTextual() || value.textValue().isBlank()) {
            context.problem(node, "association " + ruleName + " must be an expression in a string, got " + node.kind());
            return null;
        }
        String text = value.textValue().strip();
        if (BARE_PATH.matcher(text).matches()) {
            text = METADATA_NAMES.contains(text) ? ".metadata." + text : "." + text;
        }
        var path = PATH.matcher(text);
        if (path.matches() && !EVENT_FIELDS.contains(path.group(1))) {
            context.problem(
                    node,
                    "the association " + value.textValue() + " never matches: an event has no field " + path.group(1)
                            + " (it has eventId, eventType, aggregateType, aggregateId, timestamp, payload, metadata,"
                            + " ...)");
            return null;
        }
        try {
            return JsltRule.compile(text, RuleSource.of(node, ruleName), JsltRule.Kind.VALUE, JsltRule.EVENT_ONLY);
        } catch (dev.eventscope.error.InvalidInputException e) {
            e.problems().forEach(context::problem);
            return null;
        }
    }

    /**
     * Runs every rule once on a synthetic event of each type it is for (empty payload): a rule that
     * compiles but cannot work fails at load, located, rather than half-way through a run.
     */
    private static void dryRun(SagaModel saga, ModelContext context) {
        for (String type : saga.eventTypes()) {
            JsonNode event = DryRun.event("Any", type);
            JsltRule assoc = saga.association().forType(type);
            if (assoc != null) {
                try {
                    JsonNode key = assoc.apply(event, null);
                    if (!key.isNull() && !key.isTextual() && !key.isNumber()) {
                        context.problem(assoc.source().at() + ": association "
                                + assoc.source().name() + " gives "
                                + Json.kind(key) + " on a synthetic " + type + "; it must give a string or a number"
                                + " (the instance id), or null");
                    }
                } catch (RuleFailure f) {
                    if (!DryRun.refusedOnPurpose(f)) {
                        context.problem(DryRun.describe(f, type));
                    }
                }
            }
            JsonNode state = saga.state().initial();
            Reducer reducer = saga.state().reducerFor(type);
            if (reducer != null) {
                try {
                    state = reducer.reduce(state, event);
                } catch (RuleFailure f) {
                    if (!DryRun.refusedOnPurpose(f)) {
                        context.problem(DryRun.describe(f, type));
                    }
                    continue;
                }
            }
            SagaModel.Rule rule = saga.ruleFor(type);
            if (rule != null && rule.emit() != null) {
                HandlersSection.dryRunEmit(rule.emit(), event, state, type, context);
            }
            if (saga.endWhen() != null) {
                try {
                    saga.endWhen().apply(event, state);
                } catch (RuleFailure f) {
                    if (!DryRun.refusedOnPurpose(f)) {
                        context.problem(DryRun.describe(f, type));
                    }
                }
            }
            if (saga.step() != null) {
                try {
                    saga.step().apply(state, state);
                } catch (RuleFailure f) {
                    if (!DryRun.refusedOnPurpose(f)) {
                        context.problem(DryRun.describe(f, type));
                    }
                }
            }
        }
        for (SagaModel.Deadline d : saga.deadlines().values()) {
            if (d.emit() != null) {
                String setter = saga.start().iterator().next();
                HandlersSection.dryRunEmit(
                        d.emit(), DryRun.event("Any", setter), saga.state().initial(), setter, context);
            }
        }
    }
}
