package dev.eventscope.decide;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.replay.WhatIf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.ZoneId;
import java.util.List;

/**
 * Decides the commands of {@code whatif --command FILE --after EVENT_ID}: the command in the file,
 * issued at the time of the event it follows unless it gives its own, against the edited
 * history of the what-if's aggregate up to that point; the other aggregates it reads as the store
 * had them at that event's position. It must target the what-if's aggregate.
 */
public final class WhatIfCommands implements WhatIf.Decisions {

    private final TimeMachine machine;
    private final Decider decider;
    private final ZoneId zone;

    public WhatIfCommands(TimeMachine machine, EventJson.ReadOptions readOptions) {
        this.machine = machine;
        this.decider = new Decider(machine.model(), readOptions);
        this.zone = readOptions.zone();
    }

    @Override
    public Decided decide(Edit.Command edit, StreamId stream, List<RecordedEvent> history, RecordedEvent after) {
        Command command = read(edit).at(after.timestamp());
        EventSource edited = EventSource.of(history, machine.source().transform());
        ResolvedCut atEvent = machine.resolve(new Cut.UpToPosition(after.position()));
        StateReader states = s -> {
            if (s.equals(stream)) {
                return TimeMachine.stateOf(
                        edited,
                        s,
                        machine.model().aggregate(s.aggregateType()),
                        new ResolvedCut(Cut.LATEST, after.position()));
            }
            return TimeMachine.stateOf(machine.source(), s, machine.model().aggregate(s.aggregateType()), atEvent);
        };
        dev.eventscope.decide.Decided d = decider.decide(command, states);
        if (!d.target().equals(stream)) {
            throw new InvalidInputException(
                    edit.file() + ": the command " + command.commandType() + " targets " + d.target() + ", not "
                            + stream,
                    "what-if edits change one stream; give a command for " + stream);
        }
        return new Decided(command.commandType(), command.commandId(), d.events(), d.reason());
    }

    private Command read(Edit.Command edit) {
        JsonNode json;
        try {
            byte[] bytes = Files.readAllBytes(edit.file());
            json = Json.parse(bytes, 0, bytes.length);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("command file " + edit.file() + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(
                    edit.file() + " is not a JSON command: " + e.getMessage().split("\n")[0],
                    "give one command as a JSON object: {\"commandType\": T, \"payload\": {...}}");
        }
        try {
            return Command.read(json, null, zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    edit.file() + ": " + e.getMessage(),
                    "give one command as a JSON object: {\"commandType\": T, \"payload\": {...}}");
        }
    }
}
