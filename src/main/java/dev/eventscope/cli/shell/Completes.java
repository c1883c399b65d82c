package dev.eventscope.cli.shell;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option or positional parameter whose values the shell completes from the store (or
 * model): {@code @Completes(LiveValues.Kind.AGGREGATE_ID) @Parameters String id;}. Options named
 * {@code --aggregate-id}, {@code --aggregate-type}, {@code --type}, {@code --handler} and {@code --saga} need no
 * mark: {@link LiveValues#kindOf} knows them by name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Completes {
    LiveValues.Kind value();
}
