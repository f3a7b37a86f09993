package io.promptwatch.reports.export;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/** The export job's last step: the finished file loses its {@code .part} and becomes downloadable. */
@Named("publishExport")
@Dependent
public class PublishExport extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(PublishExport.class.getName());

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String format;

    @Override
    public String process() throws IOException {
        RecordEncoder.Format encoding = RecordEncoder.Format.of(format == null || format.isBlank() ? "csv" : format);
        Path directory = ExportFiles.directory(ConfigProvider.getConfig());
        Path finished = ExportFiles.finished(directory, job.getInstanceId(), encoding);
        Path partial = ExportFiles.partial(directory, job.getInstanceId(), encoding);
        if (Files.exists(partial)) {
            Files.move(partial, finished, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        long bytes = Files.size(finished);
        LOG.info(() -> "Export " + finished + " published (" + bytes + " bytes)");
        job.setExitStatus(finished.getFileName().toString());
        return finished.getFileName().toString();
    }
}
