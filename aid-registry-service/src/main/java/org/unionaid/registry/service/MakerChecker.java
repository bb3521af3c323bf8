package org.unionaid.registry.service;

import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;

/** Separation of duties, written once: whoever made a file or a request does not decide it (403 maker-checker). */
public final class MakerChecker {

    private MakerChecker() {
    }

    public static void require(String maker, Caller checker) {
        if (maker.equals(checker.subject())) {
            throw new ProblemException(403, "maker-checker");
        }
    }
}
