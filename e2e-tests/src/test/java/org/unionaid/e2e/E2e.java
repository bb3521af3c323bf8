package org.unionaid.e2e;

final class E2e {
    static final String ALLOWED_ORIGIN = "https://app.union-aid.test";

    private E2e() {
    }
}
