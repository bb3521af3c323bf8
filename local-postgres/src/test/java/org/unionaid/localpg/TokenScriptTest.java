package org.unionaid.localpg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** deploy/local/token.sh makes tokens the services accept: RS256 with the local key and the agreed claims. */
class TokenScriptTest {

    private static final Path LOCAL = Path.of("..", "deploy", "local").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void needsBashAndOpenssl() throws Exception {
        assumeTrue(run("bash", "-c", "command -v openssl").status() == 0, "openssl is not installed");
    }

    @Test
    void signsAClerkTokenWithTheLocalKeyAndTheStationClaim() throws Exception {
        Result result = token("clerk", "C01-D02", "--user", "alice", "--ttl", "120");
        assertEquals(0, result.status(), result.error());
        String[] parts = result.output().trim().split("\\.");
        assertEquals(3, parts.length);
        assertTrue(verifies(parts[0] + "." + parts[1], parts[2]), "signature checks out with dev-public.pem");
        String otherClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"union-aid-local\",\"groups\":[\"admin\"]}".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifies(parts[0] + "." + otherClaims, parts[2]), "the signature covers the claims");

        JsonNode header = decode(parts[0]);
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("union-aid-local", header.get("kid").asText());
        JsonNode claims = decode(parts[1]);
        assertEquals("union-aid-local", claims.get("iss").asText());
        assertEquals("alice", claims.get("sub").asText());
        assertEquals("alice", claims.get("upn").asText());
        assertEquals("[\"clerk\"]", claims.get("groups").toString());
        assertEquals("C01-D02", claims.get("station").asText());
        assertEquals(120, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void namesTheSubjectAfterTheRoleAndLivesAnHourByDefault() throws Exception {
        Result result = token("analyst");
        assertEquals(0, result.status(), result.error());
        JsonNode claims = decode(result.output().trim().split("\\.")[1]);
        assertEquals("local-analyst", claims.get("sub").asText());
        assertFalse(claims.has("station"));
        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void refusesUnknownRolesClerksWithoutStationAndValuesThatWouldBreakTheJson() throws Exception {
        assertRefused(token("boss"), "unknown role");
        assertRefused(token("clerk"), "STATION_CODE");
        assertRefused(token("admin", "--user", "a\"b"), "bad NAME");
        assertRefused(token("clerk", "C01\"}"), "bad STATION_CODE");
        assertRefused(token("admin", "--ttl", "0"), "bad --ttl");
        assertRefused(token("admin", "--ttl", "86401"), "above 86400 seconds");
    }

    @Test
    void signsAServiceTokenWithTheServicesOwnKeyAndIssuerNeverTheUserKey() throws Exception {
        Result result = token("service");
        assertEquals(0, result.status(), result.error());
        String[] parts = result.output().trim().split("\\.");
        assertTrue(verifies(parts[0] + "." + parts[1], parts[2], "keys/service-public.pem"));
        assertFalse(verifies(parts[0] + "." + parts[1], parts[2], "keys/dev-public.pem"));
        assertEquals("union-aid-service", decode(parts[1]).get("iss").asText());
        assertEquals("union-aid-service", decode(parts[0]).get("kid").asText());
        String admin = token("admin").output().trim();
        String[] adminParts = admin.split("\\.");
        assertFalse(verifies(adminParts[0] + "." + adminParts[1], adminParts[2], "keys/service-public.pem"));
    }

    private static void assertRefused(Result result, String message) {
        assertEquals(2, result.status());
        assertTrue(result.output().isEmpty(), "prints no token");
        assertTrue(result.error().contains(message), result.error());
    }

    private static boolean verifies(String signed, String signature) throws Exception {
        return verifies(signed, signature, "keys/dev-public.pem");
    }

    private static boolean verifies(String signed, String signature, String publicKey) throws Exception {
        String pem = Files.readString(LOCAL.resolve(publicKey))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(signature));
    }

    private static JsonNode decode(String part) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }

    private static Result token(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LOCAL.resolve("token.sh").toString()));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output, error);
    }

    private record Result(int status, String output, String error) {
    }
}
