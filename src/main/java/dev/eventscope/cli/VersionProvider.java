package dev.eventscope.cli;

import picocli.CommandLine;

/**
 * The tool's version and the commit it was built from, as {@code scripts/build-info} recorded them
 * in {@link BuildInfo} at build time (constants: nothing is read when the version is printed).
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** How many hex digits of the commit hash are printed: enough to be unique for a long time. */
    static final int COMMIT_DIGITS = 12;

    @Override
    public String[] getVersion() {
        return new String[] {line(BuildInfo.VERSION, BuildInfo.COMMIT, BuildInfo.COMMIT_DATE, BuildInfo.MODIFIED)};
    }

    /**
     * {@code eventscope VERSION (commit HASH, DATE)}, with {@code , with local changes} when tracked
     * files differed from the commit, or {@code (commit unknown)} for a build made without git's
     * knowledge (a copy of the sources without {@code .git}).
     */
    static String line(String version, String commit, String date, boolean modified) {
        StringBuilder b = new StringBuilder("eventscope ").append(version).append(" (commit ");
        if (commit.isEmpty()) {
            return b.append("unknown)").toString();
        }
        b.append(commit, 0, Math.min(COMMIT_DIGITS, commit.length()));
        if (!date.isEmpty()) {
            b.append(", ").append(date);
        }
        if (modified) {
            b.append(", with local changes");
        }
        return b.append(')').toString();
    }
}
