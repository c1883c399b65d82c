package dev.eventscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.decide.Command;
import dev.eventscope.decide.Decided;
import dev.eventscope.decide.Outcome;
import dev.eventscope.engine.CommandService;
import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands: the model's command types ({@code /commands}: the aggregate each targets, how its id is
 * found, what else the decision reads, the {@code decide} rule) and a form that decides one command
 * ({@code /exec}, the answer of {@code evs exec --dry-run}, at the head or at a cut): accepted with
 * the events it would append, or rejected with the decider's reason. The console never executes a
 * command: {@code exec} records nothing for a rejection, so a rejection is seen by deciding.
 */
final class CommandPages {

    /** The longest payload the form takes (as a command line would). */
    static final int MAX_PAYLOAD = 64 * 1024;

    private CommandPages() {}

    static Response types(Console console, Request r, Engine engine) {
        Html h = new Html(32_768);
        if (!engine.hasModel()) {
            h.add("<p class=\"r-muted\">No model (eventscope.yaml): no command types.</p>");
            return Layout.page(console, "Commands", "/commands", -1, h);
        }
        List<CommandService.CommandType> types = engine.commands().types();
        if (types.isEmpty()) {
            h.add("<p class=\"r-muted\">The model has no <code>commands:</code> section: no command types.</p>");
            return Layout.page(console, "Commands", "/commands", -1, h);
        }
        h.add(
                "<p>{} command type{} in the model. A command is decided against the state of its target"
                        + " aggregate (and the states it reads) by its <code>decide</code> rule: new events, or a"
                        + " rejection with a reason. <a href=\"/exec\">Decide one</a> (the console writes nothing).</p>",
                types.size(),
                types.size() == 1 ? "" : "s");
        h.add("<div class=\"scroll\"><table class=\"list\" id=\"command-types\"><thead><tr><th scope=\"col\">type</th>"
                + "<th scope=\"col\">targets</th><th scope=\"col\">its id</th><th scope=\"col\">reads</th>"
                + "<th scope=\"col\">decide</th><th scope=\"col\">defined at</th></tr></thead><tbody>");
        for (CommandService.CommandType t : types) {
            Html reads = new Html();
            for (CommandService.ReadType read : t.reads()) {
                reads.add(
                        "<div><code>${}</code> {} <code>{}</code></div>",
                        read.name(),
                        read.aggregateType(),
                        Html.clip(read.aggregateId(), Html.CELL));
            }
            h.add(
                    "<tr><td><a class=\"r-type\" href=\"{}\">{}</a></td><td>{}</td><td><code>{}</code></td><td>{}</td>"
                            + "<td><details><summary>rule</summary><pre class=\"rule\">{}</pre></details></td>"
                            + "<td class=\"r-muted\">{}</td></tr>",
                    Url.of("/exec").param("type", t.type()),
                    t.type(),
                    t.aggregateType(),
                    Html.clip(t.aggregateId(), Html.CELL),
                    reads.safe(),
                    t.decide(),
                    t.at());
        }
        h.add("</tbody></table></div>");
        return Layout.page(console, "Commands", "/commands", -1, h);
    }

    static Response decide(Console console, Request r, Engine engine) {
        String type = r.one("type");
        String payload = r.raw("payload");
        String commandId = r.one("commandId");
        String timestamp = r.one("timestamp");
        List<String> types = engine.hasModel()
                ? engine.commands().types().stream()
                        .map(CommandService.CommandType::type)
                        .toList()
                : List.of();
        Html h = new Html(32_768);
        h.add(
                "<form class=\"filters exec\" method=\"get\" action=\"/exec\">"
                        + "<label>command type <select name=\"type\" required>{}</select></label>"
                        + "<label class=\"wide\">payload (JSON) <textarea name=\"payload\" rows=\"4\" required"
                        + " placeholder=\"{&quot;orderId&quot;: &quot;order-0007&quot;}\">{}</textarea></label>"
                        + "<label>command id <input name=\"commandId\" value=\"{}\" autocomplete=\"off\""
                        + " placeholder=\"a new UUID\"></label>"
                        + "<label>issued at <input name=\"timestamp\" value=\"{}\" placeholder=\"the cut's time, else now\"></label>"
                        + "<label>at <input name=\"at\" value=\"{}\" placeholder=\"valid time\"></label>"
                        + "<label>as of <input name=\"asOf\" value=\"{}\" placeholder=\"record time\"></label>"
                        + "<label>position <input name=\"position\" value=\"{}\" inputmode=\"numeric\" size=\"7\"></label>"
                        + "<button type=\"submit\">Decide</button></form>"
                        + "<p class=\"r-muted\">Decides the command against the state at the cut (the head when none) and"
                        + " shows what <code>evs exec --dry-run</code> shows: nothing is written.</p>",
                typeOptions(types, type),
                payload,
                commandId,
                timestamp,
                r.one("at"),
                r.one("asOf"),
                r.one("position"));
        int status = 200;
        if (type != null && payload != null) {
            try {
                Outcome o = decideOne(engine, r, type, payload, commandId, timestamp);
                outcome(h, o);
            } catch (EventscopeException e) {
                // the form stays, with the message where the answer would be, and the status of its kind
                status = Layout.status(e.failure());
                h.add("<section id=\"exec-result\"><p class=\"r-error\" role=\"alert\">{}</p>", e.getMessage());
                e.hint().ifPresent(hint -> h.add("<p class=\"hint\">hint: {}</p>", hint));
                h.add("</section>");
            }
            List<String> words = new ArrayList<>(List.of("evs", "exec", type, "--payload", payload.strip()));
            option(words, "--command-id", commandId);
            option(words, "--timestamp", timestamp);
            option(words, "--at", r.one("at"));
            option(words, "--as-of", r.one("asOf"));
            option(words, "--position", r.one("position"));
            if (r.one("at") == null && r.one("asOf") == null && r.one("position") == null) {
                words.add("--dry-run");
            }
            List<String> quoted = new ArrayList<>();
            for (String w : words) {
                quoted.add(Shell.quote(w));
            }
            h.add(
                    "<p class=\"r-muted\" id=\"exec-command\">The same in a terminal: <code>{}</code></p>",
                    String.join(" ", quoted));
        }
        Response page = Layout.page(console, "Decide a command", "/commands", -1, h);
        return status == 200 ? page : new Response(status, page.contentType(), page.body(), page.headers());
    }

    private static Outcome decideOne(
            Engine engine, Request r, String type, String payload, String commandId, String timestamp) {
        if (payload.length() > MAX_PAYLOAD) {
            throw new InvalidInputException(
                    "the payload is longer than " + MAX_PAYLOAD + " characters", "decide a smaller command");
        }
        JsonNode body;
        try {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            body = Json.parse(bytes, 0, bytes.length);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage()
                    : e.getMessage();
            throw new InvalidInputException(
                    "the payload is not valid JSON: " + reason,
                    "give a JSON object, e.g. {\"orderId\": \"order-0007\"}");
        }
        ObjectNode doc = Json.object();
        doc.put("commandType", type);
        if (commandId != null) {
            doc.put("commandId", commandId);
        }
        if (timestamp != null) {
            doc.put("timestamp", timestamp);
        }
        doc.set("payload", body);
        List<Command> commands = engine.commands().read(doc, type, "the form");
        CutSpec cut = new CutSpec(r.one("at"), r.one("asOf"), null, r.number("position"));
        List<Outcome> outcomes =
                engine.commands().exec(new CommandService.ExecOptions(commands, cut, true, 0), o -> {});
        return outcomes.get(0);
    }

    private static void outcome(Html h, Outcome o) {
        String cls;
        String word;
        switch (o.status()) {
            case REJECTED:
                cls = "r-error";
                word = "rejected";
                break;
            case ALREADY_EXECUTED:
                cls = "r-warning";
                word = "already executed: its events are stored";
                break;
            default:
                cls = "r-added";
                word = "accepted";
        }
        h.add(
                "<section id=\"exec-result\" aria-labelledby=\"outcome-h\"><h2 id=\"outcome-h\" class=\"{}\">{}</h2>",
                cls,
                word);
        h.add("<dl class=\"figures wide\" id=\"exec-figures\">");
        Bits.row(
                h,
                "command",
                new Html()
                        .add(
                                "<span class=\"r-type\">{}</span> <code>{}</code>",
                                o.command().commandType(),
                                o.command().commandId())
                        .safe());
        Bits.row(h, "target", Bits.stream(o.target()));
        Bits.row(h, "decided at version", o.version());
        Bits.row(
                h,
                "cut",
                new Html().add("<code>{}</code>", o.cut().asOptions().strip()).safe());
        if (!o.reads().isEmpty()) {
            Html reads = new Html();
            for (Decided.Read read : o.reads()) {
                reads.add(
                        "<div><code>${}</code> {} v{}</div>",
                        read.name(),
                        Bits.stream(read.state().stream()),
                        read.state().version());
            }
            Bits.row(h, "reading", reads.safe());
        }
        if (o.reason() != null) {
            Bits.row(
                    h,
                    "reason",
                    new Html()
                            .add("<span class=\"r-error\" id=\"exec-reason\">{}</span>", o.reason())
                            .safe());
        }
        h.add("</dl>");
        JsonNode json = o.json();
        JsonNode events = json.path("events");
        if (events.size() > 0) {
            h.add(
                    "<h3>{}</h3><div id=\"exec-events\">",
                    o.status() == Outcome.Status.ALREADY_EXECUTED
                            ? "The events it caused"
                            : "The events it would append");
            for (JsonNode e : events) {
                h.add("{}", JsonHtml.block(e, 4_000));
            }
            h.add("</div>");
        }
        h.add(
                "<details><summary>As <code>evs exec -o json</code> prints it</summary><div id=\"exec-json\">{}</div>"
                        + "</details></section>",
                JsonHtml.block(json, 4_000));
    }

    private static Html.Safe typeOptions(List<String> types, String chosen) {
        Html h = new Html();
        if (types.isEmpty()) {
            h.add("<option value=\"\">(the model has no command types)</option>");
        }
        for (String t : types) {
            h.add("<option{}>{}</option>", t.equals(chosen) ? new Html.Safe(" selected") : null, t);
        }
        return h.safe();
    }

    private static void option(List<String> words, String name, String value) {
        if (value != null) {
            words.add(name);
            words.add(value);
        }
    }
}
