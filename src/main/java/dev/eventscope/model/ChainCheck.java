package dev.eventscope.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles the upcaster chain once every section has loaded, and reports its gaps.
 *
 * <p>The versions the model knows of an event type are the {@code from} and {@code to} of its
 * steps, the versions it has schemas for, and the versions other types' steps rename into it.
 * When a type has more than one known version, every version from the lowest to the highest
 * needs its step: {@code v1} and {@code v3} without a {@code v2->v3} step is a gap. Chains cannot
 * loop: every step goes exactly one version forward, also when it renames.
 */
final class ChainCheck {

    private ChainCheck() {}

    static void assemble(Model.Builder builder, ModelContext context) {
        // version -> where it is mentioned, per type
        Map<String, TreeMap<Integer, String>> known = new TreeMap<>();
        Map<String, Map<Integer, Upcaster>> steps = new HashMap<>();
        for (Upcaster u : builder.upcasters()) {
            steps.computeIfAbsent(u.type(), t -> new HashMap<>()).put(u.from(), u);
            mention(known, u.type(), u.from(), u.at());
            mention(known, u.type(), u.to(), u.at());
            for (String renamed : u.renameTo()) {
                mention(known, renamed, u.to(), u.at());
            }
        }
        builder.schemaLocations().forEach((type, versions) -> versions.forEach((v, at) -> mention(known, type, v, at)));
        Map<String, Integer> latest = new HashMap<>();
        List<String> gaps = new ArrayList<>();
        known.forEach((type, versions) -> {
            latest.put(type, versions.lastKey());
            if (versions.size() < 2) {
                return;
            }
            Map<Integer, Upcaster> own = steps.getOrDefault(type, Map.of());
            for (int v = versions.firstKey(); v < versions.lastKey(); v++) {
                if (!own.containsKey(v)) {
                    Map.Entry<Integer, String> after = versions.higherEntry(v);
                    gaps.add(after.getValue() + ": " + type + " has versions " + describe(versions)
                            + " but no upcaster from v" + v + " to v" + (v + 1) + " (add {type: " + type + ", from: "
                            + v + ", to: " + (v + 1) + ", transform: '...'})");
                }
            }
        });
        gaps.forEach(context::problem);
        if (!builder.upcasters().isEmpty() || !latest.isEmpty()) {
            builder.chain(new UpcasterChain(builder.upcasters(), latest));
        }
    }

    private static void mention(Map<String, TreeMap<Integer, String>> known, String type, int version, String at) {
        known.computeIfAbsent(type, t -> new TreeMap<>()).putIfAbsent(version, at);
    }

    private static String describe(TreeMap<Integer, String> versions) {
        List<String> v = new ArrayList<>();
        versions.keySet().forEach(n -> v.add("v" + n));
        return String.join(", ", v);
    }
}
