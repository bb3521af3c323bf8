package org.unionaid.documents;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The store a service's settings choose: {@code local} (a folder) or {@code s3} (object storage). */
public final class DocumentStores {

    private DocumentStores() {
    }

    /**
     * {@code local} needs {@code folder}, {@code s3} needs {@code s3}; anything else, or a missing part,
     * is an {@link IllegalStateException} that names the setting (DOCUMENTS_STORE, DOCUMENTS_FOLDER, S3_*),
     * so a service fails at start rather than at its first upload.
     */
    public static DocumentStore open(String store, Optional<Path> folder, Optional<S3Settings> s3) {
        String choice = store == null ? "" : store.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "local" -> new LocalFolderStore(folder.orElseThrow(
                    () -> new IllegalStateException("DOCUMENTS_FOLDER is not set (DOCUMENTS_STORE=local)")));
            case "s3" -> S3Store.connect(s3.orElseThrow(
                    () -> new IllegalStateException("S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY and S3_SECRET_KEY are needed (DOCUMENTS_STORE=s3)")));
            default -> throw new IllegalStateException("DOCUMENTS_STORE must be local or s3");
        };
    }
}
