package org.unionaid.reporting.stub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The two sources reporting reads: the registry (stations, workers) and disbursement (payouts). */
public record FeedStubs(FeedStub registry, FeedStub disbursement) {

    /** Marks the test field that receives the stubs. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }
}
