package dev.eventscope.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Axon's metadata as its default XStream serializer writes it, turned into a JSON object:
 * {@code <meta-data><entry><string>key</string><string>value</string></entry>…</meta-data>}.
 * Values of the simple types XStream writes by name ({@code string}, {@code long}, {@code int},
 * {@code short}, {@code byte}, {@code double}, {@code float}, {@code big-decimal}, {@code boolean},
 * {@code null}) convert; any other entry makes the whole metadata unconvertible ({@link #convert}
 * returns null) and the caller keeps the text. External entities and DTDs are refused.
 */
final class XStreamMetaData {

    private static final XMLInputFactory FACTORY = createFactory();

    private XStreamMetaData() {}

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // the JDK's own factory supports it; another one has DTDs off already
        }
        return f;
    }

    /** The metadata as JSON, or null when it is not XStream's simple metadata map. */
    static ObjectNode convert(String xml) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
            try {
                nextElement(r);
                if (!r.getLocalName().equals("meta-data")) {
                    return null;
                }
                ObjectNode out = Json.object();
                while (nextElement(r)) {
                    if (!r.getLocalName().equals("entry")) {
                        return null;
                    }
                    if (!nextElement(r) || !r.getLocalName().equals("string")) {
                        return null;
                    }
                    String key = r.getElementText();
                    if (!nextElement(r)) {
                        return null;
                    }
                    String type = r.getLocalName();
                    String text = r.getElementText();
                    if (!put(out, key, type, text)) {
                        return null;
                    }
                    // the </entry>
                    while (r.hasNext() && r.next() != XMLStreamConstants.END_ELEMENT) {
                        if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
                            return null;
                        }
                    }
                }
                return out;
            } finally {
                r.close();
            }
        } catch (XMLStreamException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean put(ObjectNode out, String key, String type, String text) {
        if (out.has(key)) {
            return false;
        }
        switch (type) {
            case "string":
                out.put(key, text);
                return true;
            case "long":
            case "int":
            case "short":
            case "byte":
                out.put(key, new BigInteger(text.strip()));
                return true;
            case "double":
            case "float":
            case "big-decimal":
                out.put(key, new BigDecimal(text.strip()));
                return true;
            case "boolean":
                out.put(key, Boolean.parseBoolean(text.strip()));
                return true;
            case "null":
                out.putNull(key);
                return true;
            default:
                return false;
        }
    }

    /** Moves to the next start element; false at the end of the enclosing element or document. */
    private static boolean nextElement(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }
}
