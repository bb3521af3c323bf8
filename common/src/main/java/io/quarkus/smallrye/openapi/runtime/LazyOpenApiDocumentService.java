package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service's OpenAPI document read, parsed and rendered at its first request instead of at start.
 *
 * <p>Quarkus 3.31-3.33 prepares the document eagerly while the application starts (quarkusio/quarkus#54826):
 * it parses the document the build stored and renders it as JSON and as YAML, about 0.3 s of the registry's
 * 2.6 s to ready on two idle cores (bench/README.md, "Start-up"), although no {@code RUNTIME_STARTUP} filter
 * needs it then. Upstream builds it lazily again when there is none (quarkusio/quarkus#55538, after 3.33.2);
 * until the project is on such a version this alternative keeps the start's call and makes it on the first
 * {@link #getDocument}, with the same arguments and class loader, so {@code /q/openapi} answers the same
 * bytes. It lives in Quarkus's package because the method it defers is package-private there; delete it with
 * the upgrade.
 *
 * <p>Built for the prod profile only: a {@code @QuarkusTest}'s class loaders load this class apart from the
 * extension, where the package-private method is not overridden. The packaged services use it, and the
 * end-to-end tests read every service's document through the gateway's merge. {@code union-aid.openapi.lazy=false}
 * prepares the document at start again (bench/run-startup.sh's {@code +eageroa} measures both in one run).
 */
@IfBuildProfile("prod")
@Unremovable
@Alternative
@Priority(1)
@ApplicationScoped
public class LazyOpenApiDocumentService extends OpenApiDocumentService {

    private record Deferred(AutoSecurityFilter autoSecurityFilter, Map<OpenApiFilter.RunStage, List<String>> filters,
            String documentName, ClassLoader classLoader) {
    }

    /** The start's calls, one per document, until the first request makes them. */
    private final List<Deferred> deferred = new ArrayList<>();
    private volatile boolean waiting;

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> filters, String documentName) {
        if (!ConfigProvider.getConfig().getOptionalValue("union-aid.openapi.lazy", Boolean.class).orElse(true)) {
            super.prepareDocument(autoSecurityFilter, filters, documentName);
            return;
        }
        deferred.add(new Deferred(autoSecurityFilter, filters, documentName, Thread.currentThread().getContextClassLoader()));
        waiting = true;
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        if (waiting) {
            prepare();
        }
        return super.getDocument(documentName, format);
    }

    private synchronized void prepare() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            for (Deferred call : deferred) {
                thread.setContextClassLoader(call.classLoader());
                super.prepareDocument(call.autoSecurityFilter(), call.filters(), call.documentName());
            }
        } finally {
            thread.setContextClassLoader(before);
        }
        deferred.clear();
        waiting = false;
    }
}
