package dev.eventscope.spec;

import dev.eventscope.error.StoreIoException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Spec results as JUnit XML (one testsuite per spec file, one testcase per spec, a failure with
 * the differences), the report format CI servers show. Written to a temporary file, then moved into
 * place, so a reader never sees half a report.
 */
public final class JUnitReport {

    private JUnitReport() {}

    public static void write(List<SpecResult> results, Path file) {
        Map<String, List<SpecResult>> byFile = new LinkedHashMap<>();
        for (SpecResult r : results) {
            byFile.computeIfAbsent(r.spec().file(), k -> new java.util.ArrayList<>())
                    .add(r);
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".junit", ".xml");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                w.writeStartDocument("UTF-8", "1.0");
                w.writeCharacters("\n");
                w.writeStartElement("testsuites");
                attributes(w, "evs test", results);
                for (Map.Entry<String, List<SpecResult>> suite : byFile.entrySet()) {
                    w.writeCharacters("\n  ");
                    w.writeStartElement("testsuite");
                    attributes(w, suite.getKey(), suite.getValue());
                    for (SpecResult r : suite.getValue()) {
                        w.writeCharacters("\n    ");
                        w.writeStartElement("testcase");
                        w.writeAttribute("classname", suite.getKey());
                        w.writeAttribute("name", r.spec().name());
                        w.writeAttribute("time", seconds(r.nanos()));
                        if (!r.passed()) {
                            w.writeCharacters("\n      ");
                            w.writeStartElement("failure");
                            w.writeAttribute("message", r.differences().get(0));
                            w.writeAttribute("type", "SpecFailure");
                            w.writeCharacters(r.spec().where() + "\n" + String.join("\n", r.differences()));
                            w.writeEndElement();
                            w.writeCharacters("\n    ");
                        }
                        w.writeEndElement();
                    }
                    w.writeCharacters("\n  ");
                    w.writeEndElement();
                }
                w.writeCharacters("\n");
                w.writeEndElement();
                w.writeCharacters("\n");
                w.writeEndDocument();
                w.close();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | XMLStreamException e) {
            throw new StoreIoException("cannot write the JUnit report " + file + ": " + e.getMessage());
        }
    }

    private static void attributes(XMLStreamWriter w, String name, List<SpecResult> results) throws XMLStreamException {
        long failures = results.stream().filter(r -> !r.passed()).count();
        long nanos = results.stream().mapToLong(SpecResult::nanos).sum();
        w.writeAttribute("name", name);
        w.writeAttribute("tests", Integer.toString(results.size()));
        w.writeAttribute("failures", Long.toString(failures));
        w.writeAttribute("errors", "0");
        w.writeAttribute("time", seconds(nanos));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
