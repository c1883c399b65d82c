package dev.eventscope.cli;

import picocli.CommandLine;

/** The tool's version, from the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"eventscope " + (v == null ? "dev" : v)};
    }
}
