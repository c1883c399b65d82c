package dev.eventscope.store.sqlite;

/** The tool's version as recorded in a new store. */
final class Version {

    private Version() {}

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
