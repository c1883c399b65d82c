/**
 * The {@code evs} process: {@link dev.eventscope.cli.Main} (the root command, its global options and
 * the entry point), the error handler, and the start-up machinery. Nothing depends on this package;
 * commands ({@code cli.command}) see their run through {@code Invocation}, the shell
 * ({@code cli.shell}) runs lines through a {@code LineRunner}, and both print through
 * {@code cli.console} and {@code cli.render}.
 *
 * <h2>Start-up: what each trick buys (ADR 0041, ADR 0044, ADR 0111)</h2>
 *
 * The figures are those of {@code docs/PERFORMANCE.md} ("one {@code append}", "{@code --help}",
 * "{@code --version}", each a ratio to a picocli "hello" jar started by the same launcher). Remove a
 * trick and the figure named beside it falls; {@code bench/run --runs 7 help version append}
 * measures all three.
 *
 * <table>
 * <caption>Start-up tricks</caption>
 * <tr><th>trick</th><th>where</th><th>what it buys</th><th>figure that falls without it</th></tr>
 * <tr><td>quick answers: {@code evs --help} into a pipe and {@code evs --version} answered before
 * picocli's model is built</td><td>{@code Main.main}, {@link dev.eventscope.cli.RootHelp#quick},
 * {@link dev.eventscope.cli.RootHelp#answer}</td><td>no command line, no reflection over any
 * command</td><td>{@code --help} 0.59×, {@code --version} 0.46× (1.32× and 1.09× before)</td></tr>
 * <tr><td>our own root help, laid out from the same annotations</td><td>{@link
 * dev.eventscope.cli.RootHelp}</td><td>picocli's help machinery is not loaded for the root help (57–68
 * ms of 139 lines); the quick answer and {@code evs help} print the same text</td><td>{@code
 * --help}</td></tr>
 * <tr><td>lazy command registration: only the command the arguments name is added to picocli (all of
 * them only for help, a missing or unknown command, {@code shell} and {@code completion})</td><td>{@code
 * Main.COMMANDS}, {@code Main.plan}, {@code Main.commandLine}</td><td>reflection over one command's
 * options instead of 28</td><td>{@code append} 1.36× (about 2–3× the hello jar's model time
 * without)</td></tr>
 * <tr><td>class-data training: typical commands run in-process when the launcher records the
 * archive</td><td>{@link dev.eventscope.cli.ClassDataTraining}, {@code scripts/evs}</td><td>the store,
 * JSON and engine classes are in the archive whatever command ran first</td><td>{@code append} (a
 * third slower after a first {@code --version})</td></tr>
 * <tr><td>picocli compiled from its sources for Java 17</td><td>{@code pom.xml} (unpack and compile
 * {@code picocli-*-sources.jar}, shade filter)</td><td>picocli's classes can be archived (Java 5
 * class files cannot)</td><td>all three</td></tr>
 * <tr><td>{@code -XDstringConcat=inline}</td><td>{@code pom.xml} (compiler arguments)</td><td>no
 * method-handle classes spun at the first use of each concatenation shape (about 30 classes, 25 ms)
 * </td><td>{@code append}</td></tr>
 * <tr><td>engine services made on first use</td><td>{@code engine.Engine}</td><td>a command loads the
 * classes of its own service only</td><td>{@code append}</td></tr>
 * </table>
 *
 * The launcher's share (a native library extracted once, the terminal width measured once, the
 * JVM flags per command word) is in {@code scripts/evs} and ADR 0041.
 */
package dev.eventscope.cli;
