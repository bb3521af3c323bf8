package org.unionaid.documents;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store a service's configuration names, read through {@code setting} (MicroProfile Config's
 * {@code getOptionalValue}, say): {@code union-aid.documents.store} (local or s3, default local), {@code .folder},
 * {@code .s3.endpoint}, {@code .s3.region} (default us-east-1), {@code .s3.bucket}, {@code .s3.access-key},
 * {@code .s3.secret-key}; the services map them to DOCUMENTS_STORE, DOCUMENTS_FOLDER and S3_*. One reading for
 * every service, so they cannot drift apart.
 */
public final class DocumentSettings {

    public static final String PREFIX = "union-aid.documents.";

    private DocumentSettings() {
    }

    /** {@link DocumentStores#open} with what the settings say; a missing one is named at start. */
    public static DocumentStore open(Function<String, Optional<String>> setting) {
        String store = value(setting, "store").orElse("local");
        Optional<S3Settings> s3 = value(setting, "s3.endpoint").map(endpoint -> new S3Settings(URI.create(endpoint),
                value(setting, "s3.region").orElse("us-east-1"), value(setting, "s3.bucket").orElse(null),
                value(setting, "s3.access-key").orElse(null), value(setting, "s3.secret-key").orElse(null)));
        return DocumentStores.open(store, value(setting, "folder").map(Path::of), s3);
    }

    private static Optional<String> value(Function<String, Optional<String>> setting, String name) {
        return setting.apply(PREFIX + name).map(String::trim).filter(v -> !v.isEmpty());
    }
}
