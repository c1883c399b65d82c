package dev.eventscope.store;

import dev.eventscope.event.StreamId;

/** How many events a stream has, and its version: what the stream index alone tells. */
public record StreamCount(StreamId stream, long events, long version) {}
