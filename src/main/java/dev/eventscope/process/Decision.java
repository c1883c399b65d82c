package dev.eventscope.process;

/** What is to be recorded for one unit. */
sealed interface Decision permits Decision.Apply, Decision.Letter, Decision.Park {

    Unit unit();

    /** The handler worked: write its effects. */
    record Apply(Unit unit, Effects effects) implements Decision {}

    /** Every attempt failed: dead-letter the event. */
    record Letter(Unit unit, Outcome.Failed failure) implements Decision {}

    /** An earlier event of the aggregate is dead-lettered: park this one behind it, unattempted. */
    record Park(Unit unit) implements Decision {}
}
