package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.Calibration;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Calibration of every prompt with an active version (SPEC §4): predicted against observed quality
 * per version. One prompt's is {@link PromptCalibrationResource}, under the prompt.
 */
@Path("calibration")
@RequestScoped
@RolesAllowed(Role.VIEWER_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class CalibrationResource {

    static final String WINDOW = "window: ISO-8601 duration, PT1M … P30D (default promptwatch.alerting.calibration.window, PT24H)";

    public record Bounds(double wellCalibrated, double minorDrift) {
    }

    public record VersionView(String promptId, String version, String versionStatus, Double predictedQuality,
                              Double observedQuality, Double delta, String status, Double drift, long samples, String warning) {
        static VersionView of(Calibration.VersionCalibration c) {
            return new VersionView(c.promptId(), c.version(), c.versionStatus(), c.predictedQuality(), c.observedQuality(),
                    c.delta(), c.status() == null ? null : c.status().label(), c.drift(), c.samples(), c.warning());
        }
    }

    public record CalibrationView(String window, Instant from, Instant to, Bounds bounds, List<VersionView> versions) {
        static CalibrationView of(Calibration.Answer a) {
            return new CalibrationView(a.window().toString(), a.from(), a.to(), new Bounds(a.wellCalibratedBound(), a.minorDriftBound()),
                    a.versions().stream().map(VersionView::of).toList());
        }
    }

    @EJB
    Calibration calibration;

    @GET
    @Operation(summary = "Per version of every prompt with an active version: baseline predictedQuality against the average "
            + "qualityScore observed over the window ending now, delta (observed − predicted), status well_calibrated / "
            + "minor_drift / significant_drift by |delta| against the bounds, drift (|delta| in units of the well-calibrated "
            + "bound, what the calibration_drift rule compares), samples; no status and a warning without a baseline or scores. "
            + WINDOW)
    public CalibrationView all(@QueryParam("window") String window) {
        return CalibrationView.of(calibration.ofAllPrompts(window));
    }
}
