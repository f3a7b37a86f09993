package io.promptwatch.api;

import io.promptwatch.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.Config;

/**
 * The one bound on request bodies, for every endpoint: {@value #DEFAULT_SETTING} bytes, or the
 * setting a method's {@link BodyLimit} names. A body whose {@code Content-Length} is over the limit
 * is refused before anything reads it; a body without one (chunked) is counted while it is read,
 * by whatever reads it (JSON-B, a {@code String} parameter, the ingest parser), and refused at the
 * first byte past the limit, so no request holds more than the limit in memory. Either way the
 * answer is 413 problem+json on {@code body} naming the limit and its setting.
 *
 * <p>The refusal is thrown from inside the entity stream, where readers wrap what they catch
 * (Parsson, Yasson, the JSON-B provider); {@code ProblemMappers.MalformedBodies} takes it back out
 * of the wrapping, so it reaches the client as this refusal and not as a malformed body.
 * The check runs after the role check and the rate limit: a caller that may not make the request at
 * all learns nothing about sizes.
 */
@Provider
public class BodyLimitFeature implements DynamicFeature {

    /** The limit of every endpoint without a {@link BodyLimit} of its own. */
    public static final String DEFAULT_SETTING = "promptwatch.api.max-body-bytes";

    @Inject
    Config config;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        BodyLimit declared = resource.getResourceMethod().getAnnotation(BodyLimit.class);
        if (declared == null) {
            declared = resource.getResourceClass().getAnnotation(BodyLimit.class);
        }
        String setting = declared == null ? DEFAULT_SETTING : declared.value();
        context.register(new SizeFilter(config.getValue(setting, Long.class), setting));
    }

    /** The refusal of a body over {@code limit} bytes, the value of {@code setting}. */
    public static ProblemException tooLarge(long limit, String setting) {
        return new ProblemException(413, "Payload too large", "the body is larger than " + limit + " bytes (" + setting + ")",
                "body");
    }

    /**
     * The length a {@code Content-Length} header declares; -1 when there is none or it is not a
     * number (the container has answered such a request before it gets here), {@code Long.MAX_VALUE}
     * for a number beyond a long.
     */
    static long declaredLength(String header) {
        if (header == null || header.isBlank() || !header.strip().chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Priority(Priorities.AUTHORIZATION + 20)
    static final class SizeFilter implements ContainerRequestFilter {
        private final long limit;
        private final String setting;

        SizeFilter(long limit, String setting) {
            this.limit = limit;
            this.setting = setting;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) > limit) {
                throw tooLarge(limit, setting);
            }
            request.setEntityStream(new Bounded(request.getEntityStream(), limit, setting));
        }
    }

    /**
     * A body stream that refuses to give more than {@code limit} bytes. No mark/reset: a reader
     * that wants to look ahead (Jersey checking for an empty entity) wraps it in a pushback stream,
     * so every byte passes here once and is counted once.
     */
    static final class Bounded extends InputStream {
        private final InputStream in;
        private final long limit;
        private final String setting;
        private long count;

        Bounded(InputStream in, long limit, String setting) {
            this.in = in;
            this.limit = limit;
            this.setting = setting;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit, setting);
            }
        }
    }
}
