package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.service.view.MergedFile;
import org.unionaid.registry.service.view.MergedFile.MemberPair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merges a file's view shows: the files merged into it, each with its members paired to the survivor's members
 * of the same person as they were stored when the merge was made ({@link MergeMembers}; no household is opened on
 * read). A caller with a station scope sees only the merged files in his scope, and {@code mergedInto} only when the
 * survivor is in it; reviewers and services see every merge.
 */
@ApplicationScoped
public class MergedFiles {

    private final EntityManager em;
    private final StationScope scope;

    MergedFiles(EntityManager em, StationScope scope) {
        this.em = em;
        this.scope = scope;
    }

    /** The files whose {@code mergedInto} is {@code survivor}, in id order. */
    public static List<HardshipFile> into(long survivor) {
        return HardshipFile.list("mergedInto = ?1 order by id", survivor);
    }

    public List<MergedFile> of(HardshipFile survivor) {
        if (!survivor.anyMergedInto) {
            return List.of();
        }
        List<HardshipFile> merged = into(survivor.id).stream().filter(f -> scope.covers(f.stationPath)).toList();
        if (merged.isEmpty()) {
            return List.of();
        }
        Map<Long, List<MemberPair>> pairs = new LinkedHashMap<>();
        merged.forEach(f -> pairs.put(f.id, new ArrayList<>()));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT file_id, member_id, into_member_id FROM file_merge_member"
                + " WHERE into_file_id = :survivor ORDER BY file_id, member_id").setParameter("survivor", survivor.id)
                .getResultList();
        for (Object[] row : rows) {
            List<MemberPair> shown = pairs.get(((Number) row[0]).longValue());
            if (shown != null) {
                shown.add(new MemberPair(((Number) row[1]).intValue(), ((Number) row[2]).intValue()));
            }
        }
        return pairs.entrySet().stream().map(e -> new MergedFile(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** The file {@code merged} is merged into, if the caller may see that file (otherwise none is named). */
    public Long mergedInto(HardshipFile merged) {
        if (merged.mergedInto == null || scope.prefix().isEmpty()) {
            return merged.mergedInto;
        }
        HardshipFile survivor = HardshipFile.findById(merged.mergedInto);
        return survivor != null && scope.covers(survivor.stationPath) ? merged.mergedInto : null;
    }
}
