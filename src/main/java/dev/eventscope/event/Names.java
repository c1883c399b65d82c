package dev.eventscope.event;

/** Validation of the short names events carry: types, aggregate ids, correlation ids. */
public final class Names {

    private Names() {}

    /**
     * Checks that {@code value} is usable as a name: present, not blank, at most {@code maxLength}
     * characters, without control characters or unpaired surrogates.
     *
     * @throws IllegalArgumentException naming {@code field} and what is wrong
     */
    public static String require(String field, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
        return value;
    }

    /** The reason {@code value} is not a clean name, or null when it is. */
    static String problemWith(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return String.format("contains the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return String.format("contains an unpaired surrogate U+%04X", (int) c);
            }
            if (Character.isLowSurrogate(c)) {
                return String.format("contains an unpaired surrogate U+%04X", (int) c);
            }
        }
        return null;
    }
}
