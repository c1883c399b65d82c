package dev.eventscope.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sections over the events table: totals, rates, lag, event types, payloads. */
final class Sections {

    private Sections() {}

    static final StatsSection TOTALS = new StatsSection() {
        @Override
        public String name() {
            return "totals";
        }

        @Override
        public StatsFigures collect(StatsContext c) {
            ReadStatistics.Totals t = c.store().statistics().totals();
            ObjectNode o = Json.object();
            o.put("events", t.events());
            o.put("streams", t.streams());
            o.put("aggregateTypes", t.aggregateTypes());
            o.put("eventTypes", t.eventTypes());
            o.put("headPosition", t.headPosition());
            putTime(o, "firstRecordedAt", t.firstRecordedAt());
            putTime(o, "lastRecordedAt", t.lastRecordedAt());
            putTime(o, "firstTimestamp", t.firstTimestamp());
            putTime(o, "lastTimestamp", t.lastTimestamp());
            List<Metric> m = new ArrayList<>();
            m.add(Metric.of("eventscope_events", "Events in the store.", Metric.Type.GAUGE, t.events()));
            m.add(Metric.of(
                    "eventscope_streams", "Streams (aggregates) in the store.", Metric.Type.GAUGE, t.streams()));
            m.add(Metric.of(
                    "eventscope_head_position",
                    "Global position of the last event.",
                    Metric.Type.GAUGE,
                    t.headPosition()));
            if (t.lastRecordedAt() != null) {
                m.add(Metric.of(
                        "eventscope_last_recorded_timestamp_seconds",
                        "Record time of the last event, in seconds since the epoch.",
                        Metric.Type.GAUGE,
                        epochSeconds(t.lastRecordedAt())));
            }
            return new StatsFigures(name(), "Totals", o, m);
        }
    };

    /** Minutes of per-minute counts kept for sparklines. */
    static final int RECENT_MINUTES = 60;

    static final StatsSection RATES = new StatsSection() {
        @Override
        public String name() {
            return "rates";
        }

        @Override
        public StatsFigures collect(StatsContext c) {
            ReadStatistics s = c.store().statistics();
            Instant now = c.now();
            long minute = s.recordedPerBucket(now, Duration.ofMinutes(1), 1)[0];
            long hour = s.recordedPerBucket(now, Duration.ofHours(1), 1)[0];
            long day = s.recordedPerBucket(now, Duration.ofDays(1), 1)[0];
            long[] recent = s.recordedPerBucket(now, Duration.ofMinutes(1), RECENT_MINUTES);
            ObjectNode o = Json.object();
            o.put("lastMinutePerSecond", rate(minute, 60));
            o.put("lastHourPerSecond", rate(hour, 3_600));
            o.put("lastDayPerSecond", rate(day, 86_400));
            o.put("lastMinuteEvents", minute);
            o.put("lastHourEvents", hour);
            o.put("lastDayEvents", day);
            var peak = s.busiestMinute();
            ObjectNode p = o.putObject("peakMinute");
            if (peak.isPresent()) {
                p.put("start", Times.format(peak.get().start()));
                p.put("events", peak.get().events());
                p.put("perSecond", rate(peak.get().events(), 60));
            }
            ArrayNode r = o.putArray("perMinuteLastHour");
            for (long n : recent) {
                r.add(n);
            }
            List<Metric> m = new ArrayList<>();
            m.add(new Metric(
                    "eventscope_events_per_second",
                    "Events recorded per second, averaged over the window (by record time).",
                    Metric.Type.GAUGE,
                    List.of(
                            new Metric.Sample(Map.of("window", "1m"), rate(minute, 60)),
                            new Metric.Sample(Map.of("window", "1h"), rate(hour, 3_600)),
                            new Metric.Sample(Map.of("window", "1d"), rate(day, 86_400)))));
            m.add(Metric.of(
                    "eventscope_peak_events_per_minute",
                    "Events recorded in the busiest minute so far.",
                    Metric.Type.GAUGE,
                    peak.map(ReadStatistics.Minute::events).orElse(0L)));
            return new StatsFigures(name(), "Rates (by record time)", o, m);
        }
    };

    static final StatsSection LAG = new StatsSection() {
        @Override
        public String name() {
            return "lag";
        }

        @Override
        public boolean heavy() {
            return true;
        }

        @Override
        public StatsFigures collect(StatsContext c) {
            ReadStatistics s = c.store().statistics();
            ReadStatistics.Lag all = s.lag(null);
            ReadStatistics.Lag hour = s.lag(c.now().minus(Duration.ofHours(1)));
            ObjectNode o = Json.object();
            o.set("all", lag(all));
            o.set("lastHour", lag(hour));
            List<Metric.Sample> samples = new ArrayList<>();
            samples.add(new Metric.Sample(Map.of("window", "all", "quantile", "0.5"), seconds(all.median())));
            samples.add(new Metric.Sample(Map.of("window", "all", "quantile", "0.99"), seconds(all.p99())));
            if (hour.events() > 0) {
                samples.add(new Metric.Sample(Map.of("window", "1h", "quantile", "0.5"), seconds(hour.median())));
                samples.add(new Metric.Sample(Map.of("window", "1h", "quantile", "0.99"), seconds(hour.p99())));
            }
            Metric m = new Metric(
                    "eventscope_ingestion_lag_seconds",
                    "Record time minus valid time (timestamp) of events: nearest-rank quantiles.",
                    Metric.Type.GAUGE,
                    samples);
            return new StatsFigures(name(), "Ingestion lag (record time - timestamp)", o, List.of(m));
        }

        private ObjectNode lag(ReadStatistics.Lag l) {
            ObjectNode o = Json.object();
            o.put("events", l.events());
            o.put("medianSeconds", seconds(l.median()));
            o.put("p99Seconds", seconds(l.p99()));
            o.put("maxSeconds", seconds(l.max()));
            return o;
        }
    };

    static final StatsSection EVENT_TYPES = new StatsSection() {
        @Override
        public String name() {
            return "eventTypes";
        }

        @Override
        public boolean heavy() {
            return true;
        }

        @Override
        public StatsFigures collect(StatsContext c) {
            ArrayNode a = Json.mapper().createArrayNode();
            List<Metric.Sample> events = new ArrayList<>();
            List<Metric.Sample> bytes = new ArrayList<>();
            List<Metric.Sample> max = new ArrayList<>();
            for (ReadStatistics.TypeFigures t : c.store().statistics().eventTypes()) {
                ObjectNode o = a.addObject();
                o.put("eventType", t.eventType());
                o.put("events", t.events());
                o.put("payloadBytes", t.payloadBytes());
                o.put("averagePayloadBytes", t.events() == 0 ? 0 : Math.round((double) t.payloadBytes() / t.events()));
                o.put("maxPayloadBytes", t.maxPayloadBytes());
                Map<String, String> label = Map.of("event_type", t.eventType());
                events.add(new Metric.Sample(label, t.events()));
                bytes.add(new Metric.Sample(label, t.payloadBytes()));
                max.add(new Metric.Sample(label, t.maxPayloadBytes()));
            }
            ObjectNode o = Json.object();
            o.set("types", a);
            List<Metric> m = List.of(
                    new Metric("eventscope_event_type_events", "Events of each event type.", Metric.Type.GAUGE, events),
                    new Metric(
                            "eventscope_event_type_payload_bytes",
                            "Payload bytes (UTF-8 JSON) of each event type.",
                            Metric.Type.GAUGE,
                            bytes),
                    new Metric(
                            "eventscope_event_type_max_payload_bytes",
                            "The largest payload of each event type, in bytes.",
                            Metric.Type.GAUGE,
                            max));
            return new StatsFigures(name(), "Event types", o, m);
        }
    };

    /** How many of the largest payloads are listed. */
    static final int LARGEST = 5;

    static final StatsSection LARGEST_PAYLOADS = new StatsSection() {
        @Override
        public String name() {
            return "largestPayloads";
        }

        @Override
        public boolean heavy() {
            return true;
        }

        @Override
        public StatsFigures collect(StatsContext c) {
            ArrayNode a = Json.mapper().createArrayNode();
            double largest = 0;
            for (ReadStatistics.PayloadSize p : c.store().statistics().largestPayloads(LARGEST)) {
                ObjectNode o = a.addObject();
                o.put("position", p.position());
                o.put("eventType", p.eventType());
                o.put("aggregateType", p.stream().aggregateType());
                o.put("aggregateId", p.stream().aggregateId());
                o.put("payloadBytes", p.bytes());
                largest = Math.max(largest, p.bytes());
            }
            ObjectNode o = Json.object();
            o.set("events", a);
            Metric m = Metric.of(
                    "eventscope_largest_payload_bytes",
                    "The largest payload in the store, in bytes.",
                    Metric.Type.GAUGE,
                    largest);
            return new StatsFigures(name(), "Largest payloads", o, List.of(m));
        }
    };

    static double rate(long events, long seconds) {
        return Math.round(events * 1000.0 / seconds) / 1000.0;
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static void putTime(ObjectNode o, String key, Instant t) {
        if (t == null) {
            o.putNull(key);
        } else {
            o.put(key, Times.format(t));
        }
    }
}
