package io.promptwatch.reports.export;

import io.promptwatch.tracking.entity.Execution;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Appends each chunk to the export file as one gzip member ({@link RecordEncoder}) and forces it to
 * disk before the chunk commits. Its checkpoint is the file's length after the chunk: a restart cuts
 * the file back to it, dropping whatever a chunk that did not commit had appended, and goes on from
 * there, so each record is in the file once however often the job stops. Memory holds one chunk.
 */
@Named("exportWriter")
@Dependent
public class ExportWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String format;

    private FileChannel file;
    private RecordEncoder.Format encoding;
    private long length;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        encoding = RecordEncoder.Format.of(format == null || format.isBlank() ? "csv" : format);
        Path directory = ExportFiles.directory(ConfigProvider.getConfig());
        Files.createDirectories(directory);
        Path partial = ExportFiles.partial(directory, job.getInstanceId(), encoding);
        file = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (checkpoint == null) {
            file.truncate(0);
            length = 0;
            append(RecordEncoder.header(encoding));
        } else {
            length = (Long) checkpoint;
            file.truncate(length);
        }
    }

    @Override
    public void writeItems(List<Object> items) throws IOException {
        @SuppressWarnings("unchecked")
        List<Execution> records = (List<Execution>) (List<?>) items;
        append(RecordEncoder.member(records, encoding));
    }

    private void append(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            length += file.write(buffer, length);
        }
        file.force(false);
    }

    @Override
    public Serializable checkpointInfo() {
        return length;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
