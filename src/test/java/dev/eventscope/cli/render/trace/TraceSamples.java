package dev.eventscope.cli.render.trace;

import static dev.eventscope.trace.TraceStore.id;

import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.TraceStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Traces for the renderer tests, read from real test stores. */
final class TraceSamples {

    private TraceSamples() {}

    /**
     * An order: placed, paid, two items reserved, one shipped a day later; a shipment with a
     * missing cause; a refund in another correlation caused by the payment.
     */
    static Trace order(Path dir) {
        try (TraceStore s = TraceStore.create(dir)) {
            s.event(1, "OrderPlaced")
                    .causedBy("cmd-place-1")
                    .user("cust-1")
                    .at(0)
                    .add();
            s.event(2, "PaymentProcessed").stream("Payment", "pay-1")
                    .causedBy(1)
                    .user("payment-service")
                    .at(60)
                    .add();
            s.event(3, "StockReserved").stream("Inventory", "SKU-1")
                    .causedBy(2)
                    .user("inventory-service")
                    .at(62)
                    .add();
            s.event(4, "StockReserved").stream("Inventory", "SKU-2")
                    .causedBy(2)
                    .user("inventory-service")
                    .at(61)
                    .add();
            s.event(5, "OrderShipped").causedBy(3).user("shipping").at(86_400).add();
            s.event(6, "RefundRequested").stream("Payment", "pay-1")
                    .correlation("req-9")
                    .causedBy(2)
                    .at(90)
                    .add();
            s.event(7, "OrderShipped")
                    .causedBy(id(999))
                    .user("shipping")
                    .at(90_000)
                    .add();
            return s.tracer().trace("req-1", TraceOptions.DEFAULT);
        }
    }

    /** A root, and two events that cause each other with a third below them. */
    static Trace cycle(Path dir) {
        try (TraceStore s = TraceStore.create(dir)) {
            s.event(1, "Start").causedBy("cmd").at(0).add();
            s.event(2, "Ping").causedBy(3).at(10).add();
            s.event(3, "Pong").causedBy(2).at(20).add();
            s.event(4, "Echo").causedBy(3).at(30).add();
            return s.tracer().trace("req-1", TraceOptions.DEFAULT);
        }
    }

    /** Data that must be escaped in every format: quotes, backslashes, markup, a newline, ESC. */
    static final String NASTY_USER = "ev\"il\\user\n<b>#1 & `x` *y* [z] {w} |v| \u001b[31m";

    static final String NASTY_CAUSE = "cmd \"quoted\" #35; <br/> -->";

    static Trace nasty(Path dir) {
        try (TraceStore s = TraceStore.create(dir)) {
            s.event(1, "Placed").stream("Order", "o\"1")
                    .causedBy(NASTY_CAUSE)
                    .user(NASTY_USER)
                    .at(0)
                    .add();
            s.event(2, "Paid").causedBy(1).user("Zoë").at(5).add();
            return s.tracer().trace("req-1", TraceOptions.DEFAULT);
        }
    }

    static String render(Consumer<PrintWriter> renderer) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            renderer.accept(out);
        }
        return text.toString();
    }
}
