package dev.eventscope.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Programs of the machine that some end-to-end tests drive (a terminal, the sqlite3 CLI, a browser).
 * A test that needs one fails without it, naming the Debian package to install: {@code .ci/run}
 * installs them on CI, so a missing program is a setup error, never a reason to skip.
 */
public final class HostPrograms {

    private HostPrograms() {}

    /**
     * The first of {@code names} that is an executable on the {@code PATH}, as an absolute path.
     *
     * @param debianPackage the package that provides it, for the failure message
     * @throws AssertionError when none is there
     */
    public static String require(String debianPackage, String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toAbsolutePath().toString();
                }
            }
        }
        throw new AssertionError(String.join(" or ", List.of(names)) + " is not on the PATH: this test needs it;"
                + " install the Debian package " + debianPackage + " (.ci/run installs it when absent)");
    }
}
