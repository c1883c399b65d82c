package dev.eventscope.web;

import dev.eventscope.engine.Engine;
import java.util.function.Supplier;

/**
 * Which page answers which path. Each page parses its parameters, makes its engine calls on an
 * engine opened for this request, and renders; the engine is closed when the page is done.
 */
final class Pages {

    private Pages() {}

    static Response get(Console console, Request r, Supplier<Engine> engines) {
        String path = r.path();
        try (Engine engine = engines.get()) {
            switch (path) {
                case "/":
                    return OverviewPage.render(console, r, engine);
                case "/streams":
                    return StreamsPage.render(console, r, engine);
                case "/stream":
                    return StreamPage.render(console, r, engine);
                case "/stream/state":
                    return StreamPage.renderState(console, r, engine);
                case "/events":
                    return EventsPage.render(console, r, engine);
                case "/event":
                    return EventPage.render(console, r, engine);
                case "/trace":
                    return TracePage.render(console, r, engine);
                case "/bisect":
                    return BisectPage.render(console, r, engine);
                case "/whatif":
                    return WhatIfPage.render(console, r, engine);
                case "/dlq":
                    return DeadLetterPages.list(console, r, engine);
                case "/dlq/letter":
                    return DeadLetterPages.letter(console, r, engine);
                case "/sagas":
                    return SagaPages.list(console, r, engine);
                case "/saga":
                    return SagaPages.instance(console, r, engine);
                case "/commands":
                    return CommandPages.types(console, r, engine);
                case "/exec":
                    return CommandPages.decide(console, r, engine);
                case "/lint":
                    return LintPage.render(console, r, engine);
                case "/audit":
                    return AuditPage.render(console, r, engine);
                default:
                    return Layout.notFound(console, "there is no page here");
            }
        }
    }

    /** The write actions; they exist only when the console was started with --allow-writes. */
    static Response post(Console console, Request r, Supplier<Engine> engines) {
        try (Engine engine = engines.get()) {
            switch (r.path()) {
                case "/dlq/retry":
                    return DeadLetterPages.retry(console, r, engine);
                case "/dlq/skip":
                    return DeadLetterPages.skip(console, r, engine);
                default:
                    return Layout.notFound(console, "there is no write action here");
            }
        }
    }
}
