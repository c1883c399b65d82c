package dev.eventscope.bench.hello;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Yardstick 4: the smallest useful picocli program, started like Eventscope (same launcher, same
 * JVM flags, its own class-data archive). What {@code evs --help}, {@code --version} and one
 * {@code append} cost beyond this is Eventscope's own start-up.
 */
@Command(name = "hello", mixinStandardHelpOptions = true, version = "hello 1.0", description = "Says hello.")
public final class Hello implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Who to greet.")
    String name = "world";

    @Override
    public Integer call() {
        System.out.println("hello " + name);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Hello()).execute(args));
    }
}
