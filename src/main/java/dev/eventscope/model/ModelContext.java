package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@link ModelSection} gets while it loads: a place to report problems (so that one load
 * reports all of them), the directory relative paths in the model are resolved against, and rule
 * compilation with the problems located in the file.
 */
public final class ModelContext {

    private final String fileName;
    private final Path baseDirectory;
    private final List<String> problems = new ArrayList<>();

    ModelContext(String fileName, Path baseDirectory) {
        this.fileName = fileName;
        this.baseDirectory = baseDirectory;
    }

    /** How messages name the model file. */
    public String fileName() {
        return fileName;
    }

    /** The directory of the model file: relative paths in it are relative to this. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** Reports a problem at {@code node}. */
    public void problem(YamlNode node, String message) {
        problems.add(node.at() + ": " + message);
    }

    /** Reports a problem already carrying its location. */
    public void problem(String locatedMessage) {
        problems.add(locatedMessage);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Compiles the rule written as the string {@code node}, or reports why it cannot be (then
     * returns null).
     */
    public JsltRule compile(YamlNode node, String ruleName, JsltRule.Kind kind, Set<String> variables) {
        JsonNode value = node.json();
        if (!value.isTextual() || value.textValue().isBlank()) {
            problem(node, "rule " + ruleName + " must be a JSLT expression in a string, got " + node.kind());
            return null;
        }
        try {
            return JsltRule.compile(value.textValue(), RuleSource.of(node, ruleName), kind, variables);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
