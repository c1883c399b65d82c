package dev.eventscope.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the end-to-end tests start the jar: the flags {@code scripts/evs} uses for short commands
 * (C1, the serial collector, JVM messages on stderr only), the SQLite library extracted once, and
 * a class-data archive of the jar recorded once per test run. Hundreds of short JVMs start in the
 * suite; sharing the loaded classes is what keeps it within its time budget on two cores.
 */
public final class Jvm {

    private static Path archive;
    private static boolean archiveTried;

    private Jvm() {}

    /** {@code java} with the start-up flags, up to (not including) {@code -jar}. */
    public static List<String> java(boolean shortCommand) {
        List<String> command = base(shortCommand);
        // as the launcher: no JVM line may reach stdout, where tests compare every byte
        command.add("-Xlog:all=error:stderr");
        Path cds = archive();
        if (cds != null) {
            command.add("-XX:SharedArchiveFile=" + cds);
        }
        return command;
    }

    /** {@code java} with the flags both the runs and the recording of the archive use. */
    private static List<String> base(boolean shortCommand) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (shortCommand) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-UsePerfData");
        command.add("-Xlog:disable");
        command.add("-Deventscope.native.dir=" + nativeDir());
        return command;
    }

    /** The directory the SQLite library is extracted to, once for the whole suite. */
    static Path nativeDir() {
        Path dir = Evs.jar().getParent().resolve("e2e-native");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * The archive of this jar's classes, recorded by one training run (the launcher's, see
     * ClassDataTraining) the first time it is needed; null when it cannot be made, and then every
     * JVM simply loads its classes from the jar.
     */
    private static synchronized Path archive() {
        if (archiveTried) {
            return archive;
        }
        archiveTried = true;
        Path jar = Evs.jar();
        try {
            Path target = jar.getParent()
                    .resolve("e2e-cds-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
            if (!Files.isRegularFile(target)) {
                Path tmp = jar.getParent()
                        .resolve("e2e-cds-" + ProcessHandle.current().pid() + ".tmp");
                List<String> record = base(true);
                record.add("-XX:ArchiveClassesAtExit=" + tmp);
                record.add("-Deventscope.cds.training=true");
                record.add("-jar");
                record.add(jar.toString());
                record.add("--version");
                Process p = new ProcessBuilder(record)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return null;
                }
                if (!Files.isRegularFile(tmp)) {
                    return null;
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            archive = target;
        } catch (IOException e) {
            archive = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            archive = null;
        }
        return archive;
    }
}
