package dev.eventscope.model;

/**
 * A handler written in Java: the {@link dev.eventscope.model.spi.HandlerPlugin} whose class is
 * {@code className}, found in the jars given with {@code --plugin}.
 */
public record PluginHandlerModel(ProcessorSettings settings, String className) implements ProcessorModel {

    @Override
    public String kind() {
        return "plugin";
    }

    @Override
    public boolean external() {
        return true;
    }
}
