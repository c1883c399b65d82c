package dev.eventscope.model;

/** Whether a dead letter holds back the later events of its aggregate for the same handler. */
public enum Sequencing {
    /** once an event of an aggregate is dead-lettered, later events of it are parked behind it */
    AGGREGATE,
    /** every event is attempted on its own */
    NONE
}
