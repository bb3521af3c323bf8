package org.unionaid.common.security;

/** The roles of the groups claim. */
public final class Roles {
    public static final String CLERK = "clerk";
    public static final String REVIEWER = "reviewer";
    public static final String FINANCE = "finance";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
