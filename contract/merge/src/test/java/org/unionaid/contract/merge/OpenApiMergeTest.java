package org.unionaid.contract.merge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.unionaid.contract.merge.OpenApiMerge.Merged;
import org.unionaid.contract.merge.OpenApiMerge.Source;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiMergeTest {

    private static JsonObject ref(String schema) {
        return new JsonObject().put("$ref", "#/components/schemas/" + schema);
    }

    private static JsonObject operation(String id, String schema) {
        return new JsonObject().put("operationId", id).put("tags", new JsonArray().add("t"))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")
                        .put("content", new JsonObject().put("application/json", new JsonObject().put("schema", ref(schema))))));
    }

    private static JsonObject document(JsonObject paths, JsonObject schemas) {
        return new JsonObject().put("openapi", "3.1.0").put("paths", paths)
                .put("tags", new JsonArray().add(new JsonObject().put("name", "t")))
                .put("components", new JsonObject().put("schemas", schemas)
                        .put("securitySchemes", new JsonObject().put("SecurityScheme", new JsonObject().put("type", "http"))));
    }

    @Test
    void keepsTwoServicesDifferentSchemasOfOneNameApartAndPointsEachOperationAtItsOwn() {
        JsonObject decisionA = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("outcome", new JsonObject().put("type", "string")));
        JsonObject decisionB = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("approved", new JsonObject().put("type", "boolean")));
        JsonObject holderB = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("decision", ref("Decision")));
        JsonObject registry = document(new JsonObject().put("/api/v1/workers/{id}/decision",
                new JsonObject().put("post", operation("decideFile", "Decision"))), new JsonObject().put("Decision", decisionA)
                .put("Problem", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("status", new JsonObject().put("type", "integer")))));
        JsonObject disbursement = document(new JsonObject()
                        .put("/api/v1/applications/{id}/decision", new JsonObject().put("post", operation("decideApplication", "Holder")))
                        .put("/api/v1/feed/payouts", new JsonObject().put("get", operation("readPayoutFeed", "FeedItem"))),
                new JsonObject().put("Decision", decisionB).put("Holder", holderB)
                        .put("FeedItem", new JsonObject().put("type", "object")));

        Merged merged = OpenApiMerge.merge(List.of(new Source("registry", registry), new Source("disbursement", disbursement)),
                List.of(), "https://aid.example.org");

        JsonObject schemas = merged.document().getJsonObject("components").getJsonObject("schemas");
        assertEquals(decisionA, schemas.getJsonObject("Decision"));
        assertEquals(decisionB, schemas.getJsonObject("DisbursementDecision"));
        assertEquals("#/components/schemas/DisbursementDecision",
                schemas.getJsonObject("Holder").getJsonObject("properties").getJsonObject("decision").getString("$ref"));
        assertEquals(List.of("disbursement schemas Decision -> DisbursementDecision"), merged.renamed());
        assertNull(schemas.getValue("FeedItem"), "the feed's item: no path the gateway serves reaches it");
        assertFalse(merged.document().getJsonObject("paths").containsKey("/api/v1/feed/payouts"));
        assertEquals("https://aid.example.org",
                merged.document().getJsonArray("servers").getJsonObject(0).getString("url"));
        assertTrue(merged.conflicts().isEmpty());
        JsonObject answers = merged.document().getJsonObject("paths").getJsonObject("/api/v1/applications/{id}/decision")
                .getJsonObject("post").getJsonObject("responses");
        assertEquals("#/components/schemas/Problem", answers.getJsonObject("504").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"),
                "the gateway's own 502 and 504 are problems on every operation");
        assertTrue(answers.containsKey("502"));
        assertEquals(registry.getJsonObject("components").getJsonObject("schemas").getJsonObject("Decision"), decisionA,
                "the sources are not changed");
    }

    @Test
    void reportsAnOperationIdTwoServicesUse() {
        JsonObject a = document(new JsonObject().put("/api/v1/a", new JsonObject().put("get", operation("list", "A"))),
                new JsonObject().put("A", new JsonObject().put("type", "string")));
        JsonObject b = document(new JsonObject().put("/api/v1/b", new JsonObject().put("get", operation("list", "A"))),
                new JsonObject().put("A", new JsonObject().put("type", "string")));

        Merged merged = OpenApiMerge.merge(List.of(new Source("registry", a), new Source("reporting", b)), List.of("disbursement"), "/");

        assertEquals(List.of("operationId list of reporting GET /api/v1/b is taken by registry GET /api/v1/a"), merged.conflicts());
        assertEquals(new JsonArray().add("disbursement"), merged.document().getJsonArray("x-unavailable"));
        assertTrue(merged.renamed().isEmpty(), "the same definition twice is one component");
    }
}
