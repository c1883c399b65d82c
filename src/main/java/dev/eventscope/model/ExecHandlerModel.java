package dev.eventscope.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A handler that runs an external command per event: the event (upcast, in the output shape) on
 * its standard input, {@code EVENTSCOPE_EVENT_ID}, {@code EVENTSCOPE_POSITION} and
 * {@code EVENTSCOPE_HANDLER} in its environment, in the model file's directory. Exit 0 is success;
 * anything else, or running past {@code timeout}, is a failure.
 */
public record ExecHandlerModel(ProcessorSettings settings, List<String> command, Duration timeout, Path directory)
        implements ProcessorModel {

    public ExecHandlerModel {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an exec handler needs a command");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an exec handler needs a positive timeout");
        }
    }

    @Override
    public String kind() {
        return "exec";
    }

    @Override
    public boolean external() {
        return true;
    }
}
