package dev.eventscope.model;

/**
 * Where a rule's text comes from, so that errors inside the rule (JSLT reports a line and column
 * within the rule) point at the right place in the model file.
 *
 * <p>The mapping is exact for rules written as plain or quoted scalars on one line and for literal
 * blocks ({@code |}); in folded blocks ({@code >}) and in quoted rules with escapes the column is
 * approximate, the line is right.
 *
 * @param file how messages name the file (or the option, for a rule given on the command line)
 * @param name the rule's name, such as {@code Order.OrderPlaced}
 * @param line the line where the rule's value starts (1-based)
 * @param column the column where the rule's value starts (1-based)
 * @param indent for block scalars, the indentation of their content
 */
public record RuleSource(String file, String name, int line, int column, Style style, int indent) {

    /** How the rule's text is written. */
    public enum Style {
        PLAIN,
        QUOTED,
        LITERAL_BLOCK,
        FOLDED_BLOCK,
        /** given on the command line, as the value of {@link RuleSource#file()} */
        ARGUMENT,
        /** supplied by a plugin in code */
        CODE
    }

    /** The source of the rule written as the value {@code node}. */
    public static RuleSource of(YamlNode node, String name) {
        YamlDocument doc = node.document();
        YamlDocument.Mark m = node.mark();
        String text = doc.line(m.line());
        char first = m.column() - 1 < text.length() ? text.charAt(m.column() - 1) : ' ';
        if (first == '|' || first == '>') {
            int indent = 0;
            for (int n = m.line() + 1; n <= doc.lineCount(); n++) {
                String l = doc.line(n);
                if (!l.isBlank()) {
                    indent = l.length() - l.stripLeading().length();
                    break;
                }
            }
            return new RuleSource(
                    doc.name(),
                    name,
                    m.line(),
                    m.column(),
                    first == '|' ? Style.LITERAL_BLOCK : Style.FOLDED_BLOCK,
                    indent);
        }
        Style style = first == '\'' || first == '"' ? Style.QUOTED : Style.PLAIN;
        return new RuleSource(doc.name(), name, m.line(), m.column(), style, 0);
    }

    /** A rule given as the value of a command-line option such as {@code --when}. */
    public static RuleSource argument(String option) {
        return new RuleSource(option, option, 1, 1, Style.ARGUMENT, 0);
    }

    /** A reducer supplied in code by a plugin. */
    public static RuleSource code(String pluginClass, String name) {
        return new RuleSource(pluginClass, name, 0, 0, Style.CODE, 0);
    }

    /** The source name JSLT is given: {@code <file>#<rule>}. */
    public String jsltName() {
        return file + "#" + name;
    }

    /** Where the rule starts, for messages: {@code file:line:column}. */
    public String at() {
        if (style == Style.ARGUMENT || style == Style.CODE) {
            return file;
        }
        return file + ":" + line + ":" + column;
    }

    /**
     * Where position ({@code ruleLine}, {@code ruleColumn}) of the rule's text is in the file, for
     * messages: {@code file:line:column}, or {@code --when, column 7} for an argument.
     */
    public String locate(int ruleLine, int ruleColumn) {
        int l = Math.max(1, ruleLine);
        int c = Math.max(1, ruleColumn);
        switch (style) {
            case ARGUMENT:
                return file + (l > 1 ? ", line " + l : "") + ", column " + c;
            case CODE:
                return file;
            case LITERAL_BLOCK:
            case FOLDED_BLOCK:
                return file + ":" + (line + l) + ":" + (indent + c);
            case QUOTED:
                return file + ":" + (line + l - 1) + ":" + (l == 1 ? column + c : c);
            case PLAIN:
            default:
                return file + ":" + (line + l - 1) + ":" + (l == 1 ? column + c - 1 : c);
        }
    }
}
