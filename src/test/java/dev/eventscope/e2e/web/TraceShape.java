package dev.eventscope.e2e.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A trace as sets of event boxes ({@code e<position>}), links ({@code e1>e2}) and links on the
 * critical path: read from {@code evs trace -o json}, or from the drawing on a trace page, so a test
 * can compare the two.
 */
record TraceShape(Set<String> nodes, Set<String> edges, Set<String> critical) {

    /** The shape of {@code evs trace ID -o json}'s answer. */
    static TraceShape ofCli(JsonNode trace) {
        TraceShape s = new TraceShape(new HashSet<>(), new HashSet<>(), new HashSet<>());
        for (JsonNode cause : trace.get("causes")) {
            for (JsonNode e : cause.get("events")) {
                s.walk(e, null);
            }
        }
        return s;
    }

    /** The shape of the drawing on the trace page the browser shows. */
    static TraceShape drawn(Browser browser) {
        TraceShape s = new TraceShape(new HashSet<>(), new HashSet<>(), new HashSet<>());
        for (WebElement g : browser.driver().findElements(By.cssSelector("#trace-view svg g.evs-box"))) {
            String id = g.getAttribute("id");
            if (id.startsWith("evs-e")) {
                s.nodes.add(id.substring("evs-".length()));
            }
        }
        for (WebElement p : browser.driver().findElements(By.cssSelector("#trace-view svg path.evs-arrow"))) {
            String edge = p.getAttribute("data-from") + ">" + p.getAttribute("data-to");
            if (edge.startsWith("e")) {
                s.edges.add(edge);
                if (p.getAttribute("class").contains("evs-critical")) {
                    s.critical.add(edge);
                }
            }
        }
        return s;
    }

    private void walk(JsonNode e, String parent) {
        String id = "e" + e.get("position").asLong();
        nodes.add(id);
        if (parent != null) {
            edges.add(parent + ">" + id);
            if (e.path("critical").asBoolean()) {
                critical.add(parent + ">" + id);
            }
        }
        for (JsonNode c : e.path("children")) {
            walk(c, id);
        }
    }
}
