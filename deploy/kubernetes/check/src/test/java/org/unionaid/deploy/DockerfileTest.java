package org.unionaid.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each service's src/main/docker/Dockerfile.jvm builds the image the manifests run. */
class DockerfileTest {

    static List<String> modules() {
        return Project.MODULES;
    }

    @ParameterizedTest(name = "{0}: JVM image, unprivileged user, its own port")
    @MethodSource("modules")
    void theJvmDockerfileRunsTheFastJarAsAnUnprivilegedUserOnTheServicePort(String module) throws IOException {
        ServiceConfig config = ServiceConfig.read(Project.ROOT, module);
        String dockerfile = Files.readString(config.dockerfile());

        String from = single(dockerfile, "(?m)^FROM\\s+(\\S+)");
        String firstPart = from.contains("/") ? from.substring(0, from.indexOf('/')) : "";
        assertFalse(firstPart.contains(".") || firstPart.contains(":") || firstPart.equals("localhost"),
                "the base image must be named without a registry host: " + from);
        assertTrue(from.matches("[a-z0-9./_-]+:17[a-z0-9._-]*"), "a Java 17 runtime image with a tag: " + from);

        String user = single(dockerfile, "(?m)^USER\\s+(\\S+)");
        int uid = Integer.parseInt(user.split(":")[0]);
        assertTrue(uid > 0, "USER must be a numeric, non-root user: " + user);
        Map<String, Object> pod = Yaml.map(Project.render("base").get("Deployment", config.applicationName()), "spec.template.spec");
        assertEquals(uid, Yaml.at(pod, "securityContext.runAsUser").orElse(null), "the Deployment runs the image's user");

        assertEquals(String.valueOf(config.httpPort()), single(dockerfile, "(?m)^EXPOSE\\s+(\\d+)"));
        assertTrue(dockerfile.contains("COPY target/quarkus-app/lib/") && dockerfile.contains("target/quarkus-app/quarkus/"),
                "copies the fast-jar layout from target/quarkus-app");
        assertTrue(single(dockerfile, "(?m)^ENTRYPOINT\\s+(.+)$").contains("exec java"),
                "java must replace the shell so it receives SIGTERM and shuts down gracefully");
    }

    private static String single(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        String value = m.group(1);
        assertFalse(m.find(), "more than one match for " + regex);
        return value;
    }
}
