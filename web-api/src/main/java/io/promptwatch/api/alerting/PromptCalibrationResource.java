package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.Calibration;
import io.promptwatch.api.alerting.CalibrationResource.CalibrationView;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * One prompt's calibration, beside the prompt's other resources but owned by alerting. A root
 * resource of its own does not take requests from {@code PromptsResource}: JAX-RS (3.1 §3.7.2) sorts the
 * root paths matching a request by their literal characters, longest first, so
 * {@code prompts/{id}/calibration} wins exactly the requests it matches and {@code prompts} keeps all others.
 */
@Path("prompts/{id}/calibration")
@RequestScoped
@RolesAllowed(Role.VIEWER_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class PromptCalibrationResource {

    @EJB
    Calibration calibration;

    @GET
    @Operation(summary = "Per version of one prompt: baseline predictedQuality against the average qualityScore observed over "
            + "the window ending now, delta, status, drift and samples, as GET /calibration; 404 for an unknown prompt. "
            + CalibrationResource.WINDOW)
    public CalibrationView ofPrompt(@PathParam("id") String id, @QueryParam("window") String window) {
        return CalibrationView.of(calibration.ofPrompt(id, window));
    }
}
