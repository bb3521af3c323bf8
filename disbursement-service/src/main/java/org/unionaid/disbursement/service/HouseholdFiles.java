package org.unionaid.disbursement.service;

import org.unionaid.disbursement.client.RegistryDtos.MemberPair;
import org.unionaid.disbursement.client.RegistryDtos.MergedFile;
import org.unionaid.disbursement.client.RegistryDtos.WorkerFile;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.OncePer;
import org.unionaid.disbursement.domain.Project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The files whose applications count for one household in the rules: the file decided on and the files a reviewer
 * merged into it, as the registry's {@code mergedFrom} says at decision time. A registry without merges (or a file
 * without any) gives the file alone, so every rule counts exactly as before.
 */
record HouseholdFiles(long workerId, List<MergedFile> merged) {

    /** The (file, once key) pairs an earlier application must match to be the same once-per item. */
    record OnceKeys(Long[] workerIds, String[] keys) {
    }

    static HouseholdFiles of(Application a, WorkerFile file) {
        return new HouseholdFiles(a.workerId, file == null ? List.of() : file.merged());
    }

    /** The surviving file first, then the merged ones, each once. */
    Long[] ids() {
        Set<Long> ids = new LinkedHashSet<>();
        ids.add(workerId);
        merged.forEach(m -> ids.add(m.id()));
        return ids.toArray(Long[]::new);
    }

    /**
     * The application's once-per key on each file. A campaign is the same key on any of the files. A student is the
     * member the application names on this file, and on a merged file the member paired with him there, in the same
     * school year; a merged file that pairs no member with him has no key for him.
     */
    OnceKeys onceKeys(Project p, Application a) {
        List<Long> workers = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        workers.add(workerId);
        keys.add(a.onceKey);
        if (p.oncePer == OncePer.CAMPAIGN) {
            for (MergedFile m : merged) {
                workers.add(m.id());
                keys.add(a.onceKey);
            }
        } else if (p.oncePer == OncePer.STUDENT_SCHOOL_YEAR) {
            OptionalLong student = ApplicationDetails.studentMemberId(a.details);
            Object schoolYear = a.details.get("schoolYear");
            for (MergedFile m : merged) {
                for (MemberPair pair : m.pairs()) {
                    if (student.isPresent() && pair.into() == student.getAsLong()) {
                        workers.add(m.id());
                        keys.add(ApplicationDetails.studentKey(pair.from(), schoolYear));
                    }
                }
            }
        }
        return new OnceKeys(workers.toArray(Long[]::new), keys.toArray(String[]::new));
    }

    /** The advisory-lock keys of the household's files, in one order for every decision. */
    String[] lockKeys() {
        return Arrays.stream(ids()).sorted().map(id -> "HOUSEHOLD:" + id).toArray(String[]::new);
    }
}
