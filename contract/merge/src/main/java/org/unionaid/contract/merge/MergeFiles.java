package org.unionaid.contract.merge;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's merge: {@code MergeFiles <out.json> <server> <name>=<openapi.json>...} writes the
 * document the gateway would serve for the services' stored documents (the contract module runs
 * it before generating a client from it).
 */
public final class MergeFiles {

    private MergeFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: MergeFiles <out.json> <server> <name>=<openapi.json>...");
        }
        List<OpenApiMerge.Source> sources = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] named = args[i].split("=", 2);
            sources.add(new OpenApiMerge.Source(named[0], read(Path.of(named[1]))));
        }
        OpenApiMerge.Merged merged = OpenApiMerge.merge(sources, List.of(), args[1]);
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, merged.document().encodePrettily(), StandardCharsets.UTF_8);
    }

    /** A service's stored document; missing when the service was built without common's OpenAPI settings. */
    public static JsonObject read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: the service stores its OpenAPI document there when it is "
                    + "packaged (quarkus.smallrye-openapi.store-schema-directory in common); build it first");
        }
        return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    }
}
