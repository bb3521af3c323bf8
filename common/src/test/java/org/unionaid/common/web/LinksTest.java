package org.unionaid.common.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinksTest {

    @Test
    void startsEveryLinkWithTheConfiguredPublicBaseUrl() {
        System.setProperty("union-aid.public-base-url", "https://aid.example.org/");
        try {
            assertEquals("https://aid.example.org/api/v1/workers/12", Links.to("/api/v1/workers/12", null));
            assertEquals("https://aid.example.org/api/v1/workers?limit=2&cursor=x",
                    Links.to("/api/v1/workers", "limit=2&cursor=x"));
        } finally {
            System.clearProperty("union-aid.public-base-url");
        }
    }
}
