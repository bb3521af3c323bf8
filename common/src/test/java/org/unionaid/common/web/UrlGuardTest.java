package org.unionaid.common.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlGuardTest {

    @Test
    void passesPlainAndWellEncodedPathsAndQueries() {
        assertTrue(UrlGuard.clean("/api/v1/workers/12"));
        assertTrue(UrlGuard.clean("status=ACTIVE&name=%E7%8E%8B%E8%8A%B3&x=a+b"));
        assertTrue(UrlGuard.clean(null));
        assertTrue(UrlGuard.clean(""));
    }

    @Test
    void refusesNulControlCharactersAndBrokenEncodings() {
        assertFalse(UrlGuard.clean("/api/v1/workers/1%00"));
        assertFalse(UrlGuard.clean("from=2020%00"));
        assertFalse(UrlGuard.clean("a=%0d%0aSet-Cookie:x"));
        assertFalse(UrlGuard.clean("a=%zz"));
        assertFalse(UrlGuard.clean("a=%4"));
        assertFalse(UrlGuard.clean("a=%C0%AF"));
        assertFalse(UrlGuard.clean("a=%ED%A0%80"));
        assertFalse(UrlGuard.clean("a=%FF"));
    }
}
