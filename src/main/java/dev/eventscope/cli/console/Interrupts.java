package dev.eventscope.cli.console;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM for commands that run long and write as they go ({@code process},
 * {@code dlq retry}, {@code project rebuild}): the first signal asks the command to stop after the
 * transaction in progress, so it ends cleanly with exit 130 and the store unlocked; a second one
 * ends the process at once (still safe: an unfinished transaction is rolled back by SQLite).
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported) by reflection; where it is missing, the
 * JVM's default applies (the process ends at once, equally safe).
 */
public final class Interrupts {

    private static final AtomicInteger SIGNALS = new AtomicInteger();
    private static boolean installed;

    private Interrupts() {}

    /** Installs the handlers (once) and returns whether a stop has been asked for. */
    public static synchronized BooleanSupplier install() {
        if (!installed) {
            installed = true;
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                Object handler = Proxy.newProxyInstance(
                        Interrupts.class.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                            if (method.getName().equals("handle")) {
                                received();
                                return null;
                            }
                            if (method.getName().equals("equals")) {
                                return proxy == args[0];
                            }
                            if (method.getName().equals("hashCode")) {
                                return System.identityHashCode(proxy);
                            }
                            return "Interrupts";
                        });
                Method handle = signal.getMethod("handle", signal, handlerType);
                for (String name : List.of("INT", "TERM")) {
                    try {
                        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // the signal is ignored or taken (a background job): the default applies
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // no sun.misc.Signal on this JVM: the default applies
            }
        }
        return Interrupts::requested;
    }

    /** Whether a stop has been asked for. */
    public static boolean requested() {
        return SIGNALS.get() > 0;
    }

    private static void received() {
        if (SIGNALS.incrementAndGet() > 1) {
            Thread exit = new Thread(() -> System.exit(ExitCodes.INTERRUPTED), "second-signal");
            exit.setDaemon(true);
            exit.start();
        }
    }
}
