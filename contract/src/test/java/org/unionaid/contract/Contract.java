package org.unionaid.contract;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonObject;
import org.unionaid.contract.merge.MergeFiles;
import org.unionaid.contract.merge.OpenApiMerge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The merged document the build wrote (target/openapi/union-aid.json), as JSON and as the parser reads it. */
final class Contract {

    static final List<String> SERVICES = List.of("registry", "disbursement", "reporting");
    private static final List<String> FOLDERS = List.of("aid-registry-service", "disbursement-service", "reporting-service");

    private static JsonObject json;
    private static SwaggerParseResult parsed;

    private Contract() {
    }

    static Path document() {
        return Path.of(System.getProperty("contract.document", "target/openapi/union-aid.json"));
    }

    static synchronized JsonObject json() {
        if (json == null) {
            try {
                json = new JsonObject(Files.readString(document(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }

    /** The swagger parser's reading, references resolved as a generator resolves them. */
    static synchronized SwaggerParseResult parsed() {
        if (parsed == null) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            parsed = new OpenAPIParser().readContents(json().encode(), null, options);
        }
        return parsed;
    }

    static OpenAPI model() {
        return parsed().getOpenAPI();
    }

    /** The merge of the services' stored documents, again, for what it reports beside the document. */
    static OpenApiMerge.Merged merge() throws IOException {
        Path root = Path.of(System.getProperty("contract.root", ".."));
        List<OpenApiMerge.Source> sources = new java.util.ArrayList<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            sources.add(new OpenApiMerge.Source(SERVICES.get(i),
                    MergeFiles.read(root.resolve(FOLDERS.get(i)).resolve("target/openapi/openapi.json"))));
        }
        return OpenApiMerge.merge(sources, List.of(), "http://localhost:8080");
    }
}
