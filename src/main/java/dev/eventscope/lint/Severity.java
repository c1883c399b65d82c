package dev.eventscope.lint;

/** How bad a lint finding is: only {@link #ERROR} findings make {@code evs lint} exit 1. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used in output ({@code error}, {@code warning}, {@code info}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
