package dev.eventscope.ingest;

import java.io.IOException;

/**
 * Where an import's records come from: NDJSON lines ({@link LineReader}) or the elements of a JSON
 * array ({@link JsonArrayReader}). Each record is numbered from 1, so messages and derived event
 * ids can name it.
 */
public interface RecordReader extends AutoCloseable {

    /** The next record (the same object, refilled), or null at the end of the input. */
    LineReader.Line next() throws IOException;

    /** Bytes consumed so far (for progress). */
    long bytesRead();

    /** What a record is called in messages: {@code line} or {@code element}. */
    String unit();

    @Override
    void close() throws IOException;
}
