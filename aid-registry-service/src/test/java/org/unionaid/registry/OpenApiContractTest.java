package org.unionaid.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.testsupport.TestTokens.bearer;

/**
 * The registry's part of the contract frontends generate their clients from (issue 16): every operation named
 * (stable camelCase operationIds), its answers typed, lists as {items, nextCursor} of a named item, the limits the
 * validation enforces, and the examples the service really takes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private JsonNode document;

    @BeforeEach
    void readTheDocument() throws Exception {
        document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
    }

    /** Every operation as "METHOD path" with its node. */
    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head").contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    private JsonNode schema(String name) {
        JsonNode schema = document.at("/components/schemas/" + name);
        assertFalse(schema.isMissingNode(), "no schema " + name);
        return schema;
    }

    private static String refName(JsonNode schema) {
        return schema.path("$ref").asText("").replace("#/components/schemas/", "");
    }

    @Test
    void everyOperationHasAStableCamelCaseIdASummaryAndADescribedTag() {
        Map<String, JsonNode> operations = operations();
        assertTrue(operations.size() >= 43, "operations: " + operations.size());
        Set<String> ids = new HashSet<>();
        Set<String> described = new HashSet<>();
        document.get("tags").forEach(tag -> {
            if (!tag.path("description").asText("").isBlank()) {
                described.add(tag.get("name").asText());
            }
        });
        List<String> wrong = new ArrayList<>();
        operations.forEach((name, op) -> {
            String id = op.path("operationId").asText("");
            if (!id.matches("^[a-z][A-Za-z0-9]+$") || !ids.add(id)) {
                wrong.add(name + ": operationId '" + id + "'");
            }
            if (op.path("summary").asText("").isBlank()) {
                wrong.add(name + ": no summary");
            }
            if (op.path("tags").isEmpty() || !described.containsAll(JSON.convertValue(op.get("tags"), List.class))) {
                wrong.add(name + ": tags " + op.path("tags") + " not all described");
            }
        });
        assertEquals(List.of(), wrong);
        // the names frontends' generated clients call: renaming one breaks them
        assertTrue(ids.containsAll(Set.of("createWorker", "listWorkers", "getWorker", "updateWorker", "transitionWorker",
                "lookupWorkers", "importWorkers", "mergeWorkers", "decideChangeRequest", "decideYearlyReview",
                "lookupBankAccounts", "readWorkerFeed", "readStationFeed")), ids.toString());
    }

    @Test
    void everySuccessfulJsonAnswerIsANamedTypeWithProperties() {
        List<String> untyped = new ArrayList<>();
        operations().forEach((name, op) -> op.get("responses").fields().forEachRemaining(answer -> {
            if (!answer.getKey().startsWith("2")) {
                return;
            }
            JsonNode content = answer.getValue().path("content");
            assertFalse(content.isEmpty(), name + " " + answer.getKey() + " declares no content");
            content.fields().forEachRemaining(media -> {
                JsonNode schema = media.getValue().path("schema");
                if (media.getKey().contains("json")) {
                    String ref = refName(schema);
                    if (ref.isEmpty() || !schema(ref).path("properties").isObject()) {
                        untyped.add(name + " " + answer.getKey() + " " + media.getKey() + ": " + schema);
                    }
                } else if (!"binary".equals(schema.path("format").asText())) {
                    untyped.add(name + " " + media.getKey() + " is not declared as bytes: " + schema);
                }
            });
        }));
        assertEquals(List.of(), untyped);
    }

    @Test
    void noSchemaHasAFreeObjectWhereTheShapeIsKnown() {
        List<String> free = new ArrayList<>();
        document.at("/components/schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fields().forEachRemaining(property -> {
                    JsonNode p = property.getValue();
                    boolean typed = p.has("$ref") || p.has("enum") || p.has("additionalProperties")
                            || (p.has("type") && !"object".equals(p.get("type").asText())) || p.has("properties");
                    boolean anyValueOnPurpose = schema.getKey().equals("FieldChange");
                    if (!typed && !anyValueOnPurpose) {
                        free.add(schema.getKey() + "." + property.getKey() + ": " + p);
                    }
                    if (p.has("$ref") && "array".equals(p.path("type").asText())) {
                        free.add(schema.getKey() + "." + property.getKey() + " is an array and a $ref: " + p);
                    }
                }));
        assertEquals(List.of(), free);
        assertEquals("#/components/schemas/FieldChange",
                schema("HistoryEntry").at("/properties/changes/additionalProperties/$ref").asText());
        assertEquals("#/components/schemas/FieldChange",
                schema("EnterpriseEvent").at("/properties/changes/additionalProperties/$ref").asText());
    }

    @Test
    void listsAnswerItemsOfANamedTypeAndANextCursorAndTakeALimitUpTo200() {
        Set<String> lists = new TreeSet<>();
        operations().forEach((name, op) -> {
            JsonNode limit = null;
            for (JsonNode parameter : op.path("parameters")) {
                if ("limit".equals(parameter.get("name").asText())) {
                    limit = parameter;
                }
            }
            if (limit == null || name.contains("/feed/")) {
                return;
            }
            lists.add(name);
            assertEquals("integer", limit.at("/schema/type").asText(), name);
            assertEquals(1, limit.at("/schema/minimum").asInt(), name);
            assertEquals(200, limit.at("/schema/maximum").asInt(), name);
            JsonNode page = schema(refName(op.at("/responses/200/content/application~1json/schema")));
            assertEquals("array", page.at("/properties/items/type").asText(), name);
            assertFalse(refName(page.at("/properties/items/items")).isEmpty(), name + " items are not a named type");
            assertEquals("string", page.at("/properties/nextCursor/type").asText(), name);
        });
        assertTrue(lists.containsAll(Set.of("GET /api/v1/workers", "GET /api/v1/workers/{id}/history",
                "GET /api/v1/workers/{id}/access-log", "GET /api/v1/enterprises", "GET /api/v1/stations",
                "GET /api/v1/change-requests", "GET /api/v1/reviews", "GET /api/v1/workers/{id}/documents")), lists.toString());
        assertEquals("#/components/schemas/WorkerSummary",
                schema("PageWorkerSummary").at("/properties/items/items/$ref").asText());
    }

    @Test
    void theBodiesStateTheLimitsTheValidationEnforces() {
        JsonNode worker = schema("NewWorker").get("properties");
        assertEquals(50, worker.at("/name/maxLength").asInt());
        assertEquals("^[0-9]{17}[0-9Xx]$", worker.at("/idNumber/pattern").asText());
        assertEquals(18, worker.at("/idNumber/maxLength").asInt());
        assertEquals(32, worker.at("/stationCode/maxLength").asInt());
        assertEquals(7, worker.at("/otherCauses/maxItems").asInt());
        assertEquals(List.of("name", "idNumber", "stationCode", "household", "mainCause"),
                JSON.convertValue(schema("NewWorker").get("required"), List.class));
        JsonNode household = schema("HouseholdInput").get("properties");
        assertEquals("string", household.at("/yearlyIncome/type").asText(), "money travels as a decimal string");
        assertEquals("^[0-9]{1,12}(\\.[0-9]{1,2})?$", household.at("/yearlyIncome/pattern").asText());
        assertEquals(29, household.at("/members/maxItems").asInt());
        assertEquals(50, schema("MemberInput").at("/properties/name/maxLength").asInt());
        assertEquals(500, schema("Transition").at("/properties/reason/maxLength").asInt());
        assertEquals(500, schema("Merge").at("/properties/reason/maxLength").asInt());
        assertEquals(1000, schema("Review").at("/properties/note/maxLength").asInt());
        assertEquals(1000, schema("ImportBatch").at("/properties/items/maxItems").asInt());
        assertEquals(1000, schema("BankAccountLookup").at("/properties/workerIds/maxItems").asInt());
        assertEquals(30, schema("BankAccountInput").at("/properties/accountNumber/maxLength").asInt());
        assertEquals(200, schema("NewEnterprise").at("/properties/name/maxLength").asInt());
        assertEquals(18, schema("NewEnterprise").at("/properties/creditCode/maxLength").asInt());
        assertEquals("[A-Za-z0-9_-]{1,32}", schema("NewStation").at("/properties/code/pattern").asText());
        JsonNode year = document.at("/paths/~1api~1v1~1settings~1minimum-living-standard~1{year}/put/parameters/0/schema");
        assertEquals(2000, year.get("minimum").asInt());
        assertEquals(2200, year.get("maximum").asInt());
        // answers give money as strings, as Jackson writes them
        assertEquals("string", schema("WorkerView").at("/properties/perCapitaMonthlyIncome/type").asText());
        assertEquals("string", schema("HouseholdView").at("/properties/yearlyIncome/type").asText());
        assertEquals("string", schema("StandardView").at("/properties/monthlyAmount/type").asText());
    }

    @Test
    void theExampleOfANewFileIsOneTheRegistryEnters() throws Exception {
        JsonNode example = document.at("/paths/~1api~1v1~1workers/post/requestBody/content/application~1json/examples/file/value");
        assertTrue(example.isObject(), "createWorker has no example");
        Fixtures.Tree stations = Fixtures.stations();
        ObjectNode body = example.deepCopy();
        body.put("stationCode", stations.community());
        Fixtures.create(stations.community(), JSON.writeValueAsString(body)).statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body("idNumber", org.hamcrest.Matchers.equalTo("**************002X"))
                .body("household.size", org.hamcrest.Matchers.equalTo(3));
    }

    @Test
    void theFeedsAnswerWhatTheirSchemasName() throws Exception {
        Fixtures.Tree stations = Fixtures.stations();
        Fixtures.pendingFile(stations.community(), Fixtures.idNumber(true));
        for (String feed : List.of("workers", "stations")) {
            JsonNode page = JSON.readTree(given().header("Authorization", bearer("service"))
                    .queryParam("after", 0).queryParam("limit", 1000).get("/api/v1/feed/" + feed)
                    .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
            String pageSchema = refName(document.at("/paths/~1api~1v1~1feed~1" + feed + "/get/responses/200/content/application~1json/schema"));
            Set<String> declared = new TreeSet<>();
            schema(pageSchema).get("properties").fieldNames().forEachRemaining(declared::add);
            Set<String> given = new TreeSet<>();
            page.fieldNames().forEachRemaining(given::add);
            assertEquals(declared, given, feed);
            Set<String> itemDeclared = new TreeSet<>();
            schema(refName(schema(pageSchema).at("/properties/items/items"))).get("properties").fieldNames()
                    .forEachRemaining(itemDeclared::add);
            JsonNode last = page.get("items").get(page.get("items").size() - 1);
            Set<String> itemGiven = new TreeSet<>();
            last.fieldNames().forEachRemaining(itemGiven::add);
            assertEquals(itemDeclared, itemGiven, feed + " item");
        }
    }
}
