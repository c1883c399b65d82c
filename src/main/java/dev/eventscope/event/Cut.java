package dev.eventscope.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A point to replay to. Two axes, as in bitemporal databases: valid time ({@code --at}: events
 * whose {@code timestamp} is at or before it) and record time ({@code --as-of}: events the store
 * had recorded by then, or {@code --position}: events up to a global position). A valid-time cut
 * combines with a record-time bound: "what the store knew at as-of about what had happened by
 * at". {@code --version} cuts one stream at a stream version.
 */
public sealed interface Cut permits Cut.Latest, Cut.Version, Cut.UpToPosition, Cut.AsOf, Cut.At {

    /** Everything in the store. */
    Cut LATEST = new Latest();

    /** Everything in the store. */
    record Latest() implements Cut {}

    /** One stream up to and including stream version {@code version} (0: before its first event). */
    record Version(long version) implements Cut {
        public Version {
            if (version < 0) {
                throw new IllegalArgumentException("a stream version is 0 or more, got " + version);
            }
        }
    }

    /** Events up to and including global position {@code position} (0: none). */
    record UpToPosition(long position) implements Cut {
        public UpToPosition {
            if (position < 0) {
                throw new IllegalArgumentException("a position is 0 or more, got " + position);
            }
        }
    }

    /** Events the store had recorded at {@code recordTime}. */
    record AsOf(Instant recordTime) implements Cut {
        public AsOf {
            Objects.requireNonNull(recordTime);
        }
    }

    /**
     * Events whose timestamp is at or before {@code validTime}, among those {@code recordBound}
     * admits ({@link Latest}, {@link AsOf} or {@link UpToPosition}).
     */
    record At(Instant validTime, Cut recordBound) implements Cut {
        public At {
            Objects.requireNonNull(validTime);
            if (!(recordBound instanceof Latest
                    || recordBound instanceof AsOf
                    || recordBound instanceof UpToPosition)) {
                throw new IllegalArgumentException("a valid-time cut combines only with --as-of or --position");
            }
        }
    }

    /** The cut as command-line options, for messages: {@code --at 2024-01-15T10:00:00Z}. */
    default String describe() {
        if (this instanceof Version v) {
            return "--version " + v.version();
        }
        if (this instanceof UpToPosition p) {
            return "--position " + p.position();
        }
        if (this instanceof AsOf a) {
            return "--as-of " + Times.format(a.recordTime());
        }
        if (this instanceof At at) {
            String bound = at.recordBound() instanceof Latest
                    ? ""
                    : " " + at.recordBound().describe();
            return "--at " + Times.format(at.validTime()) + bound;
        }
        return "the latest event";
    }
}
