package dev.eventscope.web;

import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.Failure;

/**
 * The frame of every page: the document head (the stylesheet and the one script, both from the
 * jar), a skip link, the navigation, the page's title and body; and the error pages. Pages that
 * show the head ({@code live}) mark their live parts with {@code data-live} and carry the head
 * position they were drawn at, so the script knows when to fetch them again.
 */
final class Layout {

    /** The sections of the navigation: path, label. */
    static final String[][] NAV = {
        {"/", "Overview"},
        {"/streams", "Streams"},
        {"/events", "Events"},
        {"/trace", "Trace"},
        {"/bisect", "Bisect"},
        {"/whatif", "What if"},
        {"/dlq", "Dead letters"},
        {"/lint", "Lint"},
        {"/audit", "Audit"},
        {"/sagas", "Sagas"},
        {"/commands", "Commands"}
    };

    private Layout() {}

    /**
     * A whole page.
     *
     * @param section the navigation entry to mark as current (its path)
     * @param head the head position the page was drawn at, or -1 when the page is not live
     */
    static Response page(Console console, String title, String section, long head, Html body) {
        return page(console, title, section, head, null, body);
    }

    /**
     * A whole live page that also shows dead letters: {@code letters} is the queue's mark it was
     * drawn at ({@link HeadWatch#mark}), so a letter parked, retried or skipped by another process
     * (which appends nothing) updates it too.
     */
    static Response page(Console console, String title, String section, long head, String letters, Html body) {
        Html h = new Html(body.length() + 4096);
        h.add(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<meta name=\"referrer\" content=\"same-origin\">"
                        + "<title>{} · evs ui</title>"
                        + "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
                        + "<link rel=\"stylesheet\" href=\"/assets/console.css\">"
                        + "<script src=\"/assets/console.js\" defer></script>"
                        + "</head>\n",
                title);
        h.add(
                "<body{}{}>",
                head >= 0 ? new Html().add(" data-head=\"{}\"", head).safe() : null,
                letters != null
                        ? new Html().add(" data-letters=\"{}\"", letters).safe()
                        : null);
        h.add("<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
        h.add("<header class=\"top\"><a class=\"brand\" href=\"/\">evs <span>ui</span></a>"
                + "<nav aria-label=\"Sections\"><ul>");
        for (String[] n : NAV) {
            boolean here = n[0].equals(section);
            h.add(
                    "<li><a href=\"{}\"{}>{}</a></li>",
                    n[0],
                    here ? new Html.Safe(" aria-current=\"page\"") : null,
                    n[1]);
        }
        h.add("</ul></nav>");
        if (head >= 0) {
            h.add("<span class=\"live\" id=\"live-state\" role=\"status\" aria-live=\"polite\">live</span>");
        }
        if (console.allowWrites()) {
            h.add("<span class=\"writes\" title=\"started with --allow-writes\">writes on</span>");
        }
        h.add("</header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>{}</h1>\n", title);
        h.text(body);
        h.add("\n</main>\n</body></html>\n");
        return Response.html(200, h.toString());
    }

    /** The page of an error the engine reported: its message and hint, with the status of its kind. */
    static Response error(Console console, EventscopeException e) {
        Html body = new Html();
        body.add("<p class=\"r-error\" role=\"alert\">{}</p>", e.getMessage());
        e.hint().ifPresent(hint -> body.add("<p class=\"hint\">hint: {}</p>", hint));
        body.add("<p><a href=\"/\">Back to the overview</a></p>");
        Response page = page(console, title(e.failure()), "", -1, body);
        return new Response(status(e.failure()), page.contentType(), page.body(), page.headers());
    }

    static Response notFound(Console console, String why) {
        Html body = new Html()
                .add(
                        "<p class=\"r-error\" role=\"alert\">{}</p><p><a href=\"/\">Back to the" + " overview</a></p>",
                        why);
        Response page = page(console, "Not found", "", -1, body);
        return new Response(404, page.contentType(), page.body(), page.headers());
    }

    static Response unauthorized(Console console) {
        Html body = new Html()
                .add("<p class=\"r-error\" role=\"alert\">This console needs its token.</p>"
                        + "<p>Open the address that <code>evs ui</code> printed when it started (it ends in"
                        + " <code>?token=…</code>); the browser then keeps the token in a cookie for this"
                        + " session.</p>");
        Response page = page(console, "Token needed", "", -1, body);
        return new Response(401, page.contentType(), page.body(), page.headers());
    }

    static Response internalError(Console console) {
        Html body = new Html()
                .add("<p class=\"r-error\" role=\"alert\">Internal error: a bug in Eventscope. The terminal that"
                        + " runs <code>evs ui</code> shows what happened.</p><p><a href=\"/\">Back to the"
                        + " overview</a></p>");
        Response page = page(console, "Internal error", "", -1, body);
        return new Response(500, page.contentType(), page.body(), page.headers());
    }

    /** The HTTP status of a failure kind. */
    static int status(Failure f) {
        switch (f) {
            case USAGE:
            case INVALID_INPUT:
                return 400;
            case NOT_FOUND:
                return 404;
            case CONFLICT:
                return 409;
            case BUSY:
                return 503;
            case CHECK_FAILED:
                return 200;
            default:
                return 500;
        }
    }

    private static String title(Failure f) {
        switch (f) {
            case USAGE:
                return "Cannot do that";
            case INVALID_INPUT:
                return "Invalid input";
            case NOT_FOUND:
                return "Not found";
            case CONFLICT:
                return "Conflict";
            case BUSY:
                return "Store busy";
            default:
                return "Error";
        }
    }
}
