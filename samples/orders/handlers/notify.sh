#!/bin/sh
# An exec handler for the orders sample (handler "notify" in eventscope.yaml): "sends" an order
# confirmation for each OrderPlaced by appending a line to an outbox file.
#
# Eventscope runs it in the model file's directory, once per event: the event (after upcasting) as
# one line of JSON on standard input, and EVENTSCOPE_EVENT_ID, EVENTSCOPE_POSITION and
# EVENTSCOPE_HANDLER in the environment. Exit 0 means handled; anything else is a failure, and what
# it wrote to standard error becomes the dead letter's error.
#
# A confirmation needs the order total, which stored OrderPlaced v1 events do not have: the
# model's upcaster v1 -> v2 adds totalAmount. Without it they fail and are dead-lettered; put it
# back and 'evs dlq retry --all' resolves them.
set -eu

outbox="${NOTIFY_OUTBOX:-${TMPDIR:-/tmp}/eventscope-notify.log}"
event=$(cat)

case "$event" in
  *'"totalAmount":'*) ;;
  *)
    echo "OrderPlaced $EVENTSCOPE_EVENT_ID has no totalAmount (schema v1?): cannot confirm the order" >&2
    exit 1
    ;;
esac

# delivery is at least once: the eventId is the idempotency key
if [ -f "$outbox" ] && grep -q "^$EVENTSCOPE_EVENT_ID " "$outbox"; then
  exit 0
fi
order=$(printf '%s\n' "$event" | sed -n 's/.*"aggregateId":"\([^"]*\)".*/\1/p')
total=$(printf '%s\n' "$event" | sed -n 's/.*"totalAmount":\([0-9.]*\).*/\1/p')
printf '%s %s %s\n' "$EVENTSCOPE_EVENT_ID" "$order" "$total" >> "$outbox"
