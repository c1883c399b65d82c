package dev.eventscope.model;

/**
 * Loads one top-level section of the model file ({@code aggregates:}, and later
 * {@code upcasters:}, {@code schemas:}, {@code projections:}, {@code handlers:}).
 *
 * <p>A section checks its part of the file, reports every problem through the context (each with
 * its location), and adds what it built to the model builder. Register a new section in
 * {@link ModelLoader#SECTIONS}.
 */
public interface ModelSection {

    /** The top-level key of this section. */
    String key();

    /** Loads {@code node} (the section's value) into {@code model}. */
    void load(YamlNode node, ModelContext context, Model.Builder model);
}
