package dev.eventscope.web;

import dev.eventscope.engine.DeadLetterService;
import dev.eventscope.engine.Engine;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.process.DeadLetterDetail;
import dev.eventscope.process.RetryReport;
import dev.eventscope.process.RetrySelection;
import dev.eventscope.process.RetryStep;
import dev.eventscope.store.DeadLetter;
import java.util.List;

/**
 * Dead letters: the list ({@code /dlq}, the filters of {@code evs dlq list}), one letter ({@code
 * /dlq/letter?id=N}: the letter, its event as the pipeline gives it now, the letters parked behind
 * it), and, only when the console was started with {@code --allow-writes}, retry and skip as form
 * posts with a CSRF token. Without that option the forms are not drawn and the posts do not exist.
 * The list and a letter are live.
 */
final class DeadLetterPages {

    static final int LIMIT = 500;

    private DeadLetterPages() {}

    static Response list(Console console, Request r, Engine engine) {
        String handler = r.one("handler");
        String type = r.one("type");
        String status = r.one("status");
        // the queue's mark before the list: a change in between shows on the next update
        String mark = HeadWatch.mark(engine.overview().letterChanges());
        List<DeadLetter> letters =
                engine.deadLetters().list(new DeadLetterService.ListOptions(handler, type, status, LIMIT + 1));
        Html h = new Html(16_384);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/dlq\" role=\"search\">"
                        + "<label>handler <input name=\"handler\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>event type <input name=\"type\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>status <select name=\"status\"><option value=\"\">any</option>{}</select></label>"
                        + "<button type=\"submit\">Filter</button></form>",
                handler,
                type,
                statusOptions(status));
        h.add("<div data-live id=\"dlq-list\">");
        if (letters.isEmpty()) {
            h.add(
                    "<p class=\"r-muted\">No dead letters{}.</p>",
                    handler != null || type != null || status != null ? " match" : "");
        } else {
            h.add("<div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\" class=\"num\">id</th><th"
                    + " scope=\"col\">handler</th><th scope=\"col\" class=\"num\">position</th><th scope=\"col\">type</th>"
                    + "<th scope=\"col\">stream</th><th scope=\"col\">status</th><th scope=\"col\" class=\"num\">attempts</th>"
                    + "<th scope=\"col\">error</th><th scope=\"col\">last failed</th></tr></thead><tbody>");
            for (DeadLetter l : letters.subList(0, Math.min(LIMIT, letters.size()))) {
                h.add(
                        "<tr><td class=\"num\"><a href=\"{}\">{}</a></td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td>"
                                + "<td>{}</td><td class=\"num\">{}</td><td class=\"error-text\">{}</td><td>{}</td></tr>",
                        Url.of("/dlq/letter").param("id", l.id()),
                        l.id(),
                        Html.clip(l.handler(), 60),
                        Bits.position(l.position()),
                        Bits.type(l.eventType()),
                        Bits.stream(l.stream()),
                        status(l),
                        l.attempts(),
                        Html.clip(l.error(), Html.CELL),
                        Bits.time(l.lastFailedAt()));
            }
            h.add("</tbody></table></div>");
            if (letters.size() > LIMIT) {
                h.add("<p class=\"r-muted\">The first {} shown; narrow the filter.</p>", LIMIT);
            }
        }
        if (!console.allowWrites()) {
            h.add("<p class=\"r-muted\">Read-only: retry and skip need <code>evs ui --allow-writes</code>.</p>");
        }
        h.add("</div>");
        return Layout.page(console, "Dead letters", "/dlq", engine.overview().headPosition(), mark, h);
    }

    static Response letter(Console console, Request r, Engine engine) {
        long id = id(r);
        String mark = HeadWatch.mark(engine.overview().letterChanges());
        DeadLetterDetail d = engine.deadLetters().show(id);
        DeadLetter l = d.letter();
        Html h = new Html(16_384);
        h.add("<div data-live id=\"dlq-letter\">");
        h.add("<dl class=\"figures wide\">");
        Bits.row(h, "handler", l.handler());
        Bits.row(h, "status", status(l));
        Bits.row(
                h,
                "event",
                new Html()
                        .add("{} {} {}", Bits.position(l.position()), Bits.type(l.eventType()), Bits.stream(l.stream()))
                        .safe());
        Bits.row(h, "eventId", new Html().add("<code>{}</code>", l.eventId()).safe());
        Bits.row(h, "attempts", l.attempts());
        Bits.row(h, "first failed", Bits.time(l.firstFailedAt()));
        Bits.row(h, "last failed", Bits.time(l.lastFailedAt()));
        if (l.blockedBy() != null) {
            Bits.row(
                    h,
                    "parked behind",
                    new Html()
                            .add(
                                    "<a href=\"{}\">letter {}</a>",
                                    Url.of("/dlq/letter").param("id", l.blockedBy()),
                                    l.blockedBy())
                            .safe());
        }
        if (l.resolvedAt() != null) {
            Bits.row(h, "resolved at", Bits.time(l.resolvedAt()));
        }
        if (l.reason() != null) {
            Bits.row(h, "reason", l.reason());
        }
        h.add("</dl><h2>Error</h2><pre class=\"error-text\">{}</pre>", l.error());
        if (l.status() == DeadLetter.Status.PARKED) {
            if (console.allowWrites()) {
                h.add(
                        "<div class=\"actions\"><form method=\"post\" action=\"/dlq/retry\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
                                + "<input type=\"hidden\" name=\"id\" value=\"{}\"><button type=\"submit\" id=\"retry\">Retry</button></form>"
                                + "<form method=\"post\" action=\"/dlq/skip\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
                                + "<input type=\"hidden\" name=\"id\" value=\"{}\"><label>reason <input name=\"reason\" required></label>"
                                + "<button type=\"submit\" id=\"skip\">Skip</button></form></div>",
                        console.csrf(),
                        l.id(),
                        console.csrf(),
                        l.id());
            } else {
                h.add(
                        "<p class=\"r-muted\">Read-only: retry and skip need <code>evs ui --allow-writes</code>"
                                + " (or <code>evs dlq retry {}</code> in a terminal).</p>",
                        l.id());
            }
        }
        h.add("<h2>The event as the pipeline gives it now</h2>");
        if (d.events().isEmpty()) {
            h.add("<p class=\"r-warning\">The upcasters read it as no event.</p>");
        }
        for (RecordedEvent e : d.events()) {
            h.add("{}", JsonHtml.block(EventJson.toNode(e, false), 4_000));
        }
        h.add("<h2>Letters parked behind it</h2>");
        if (d.behind().isEmpty()) {
            h.add("<p class=\"r-muted\">None.</p>");
        } else {
            h.add("<ul class=\"events\">");
            for (DeadLetter b : d.behind()) {
                h.add(
                        "<li><a href=\"{}\">letter {}</a> {} {}</li>",
                        Url.of("/dlq/letter").param("id", b.id()),
                        b.id(),
                        Bits.position(b.position()),
                        Bits.type(b.eventType()));
            }
            h.add("</ul>");
        }
        h.add("</div>");
        return Layout.page(
                console, "Dead letter " + l.id(), "/dlq", engine.overview().headPosition(), mark, h);
    }

    static Response retry(Console console, Request r, Engine engine) {
        long id = id(r);
        RetryReport report = engine.deadLetters()
                .retry(new DeadLetterService.RetryOptions(
                        new RetrySelection(id, false, null, null), false, null, null));
        Html h = new Html();
        h.add(
                "<p id=\"retry-result\">{} resolved, {} still parked.</p><ul class=\"events\">",
                report.resolved(),
                report.stillFailing());
        for (RetryStep s : report.steps()) {
            h.add(
                    "<li><a href=\"{}\">letter {}</a> <span class=\"{}\">{}</span>{}</li>",
                    Url.of("/dlq/letter").param("id", s.letter().id()),
                    s.letter().id(),
                    s.result().stillFailing() ? "r-error" : "r-added",
                    s.result().label(),
                    s.error() == null
                            ? null
                            : new Html()
                                    .add(": <span class=\"error-text\">{}</span>", Html.clip(s.error(), 500))
                                    .safe());
        }
        h.add(
                "</ul><p><a href=\"{}\">Back to letter {}</a> · <a href=\"/dlq\">all dead letters</a></p>",
                Url.of("/dlq/letter").param("id", id),
                id);
        return Layout.page(console, "Retried letter " + id, "/dlq", -1, h);
    }

    static Response skip(Console console, Request r, Engine engine) {
        long id = id(r);
        String reason = r.one("reason");
        if (reason == null) {
            throw new UsageException("a skip needs a reason", "say why the event needs no processing");
        }
        DeadLetter l = engine.deadLetters().skip(id, reason);
        Html h = new Html()
                .add(
                        "<p id=\"skip-result\">Letter {} is {}: {}</p><p><a href=\"{}\">Back to letter {}</a> · <a"
                                + " href=\"/dlq\">all dead letters</a></p>",
                        l.id(),
                        l.status().label(),
                        l.reason(),
                        Url.of("/dlq/letter").param("id", id),
                        id);
        return Layout.page(console, "Skipped letter " + id, "/dlq", -1, h);
    }

    private static long id(Request r) {
        Long id = r.number("id");
        if (id == null) {
            throw new UsageException("which letter? give its id", "see the ids on the Dead letters page");
        }
        return id;
    }

    private static Html.Safe status(DeadLetter l) {
        String cls = l.status() == DeadLetter.Status.PARKED
                ? "r-warning"
                : l.status() == DeadLetter.Status.RESOLVED ? "r-added" : "r-muted";
        return new Html()
                .add("<span class=\"{}\">{}</span>", cls, l.status().label())
                .safe();
    }

    private static Html.Safe statusOptions(String chosen) {
        Html h = new Html();
        for (DeadLetter.Status s : DeadLetter.Status.values()) {
            h.add("<option{}>{}</option>", s.label().equals(chosen) ? new Html.Safe(" selected") : null, s.label());
        }
        return h.safe();
    }
}
