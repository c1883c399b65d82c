package dev.eventscope.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a page answers: a status, a content type, the body, and any headers of its own. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    Response {
        headers = Map.copyOf(headers);
    }

    static Response html(int status, String html) {
        return new Response(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response text(int status, String text) {
        return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A redirect after a form (303: the browser follows it with GET). */
    static Response seeOther(String location) {
        return new Response(303, TEXT, new byte[0], Map.of("Location", location));
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }
}
