package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.HouseholdMember;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The member pairs of a merge, stored when it is made (table file_merge_member): each member of the merged file and
 * the survivor's member of the same person. Members carry no ID number of their own, so a person is its name and
 * birth date, matched once here; a member with no match, or with more than one, is not paired. A later correction of
 * a name does not undo a pair: disbursement counts a student's aid once by them.
 */
@ApplicationScoped
public class MergeMembers {

    private final EntityManager em;
    private final HouseholdSeal households;

    MergeMembers(EntityManager em, HouseholdSeal households) {
        this.em = em;
        this.households = households;
    }

    /**
     * Pairs {@code from}'s members with the survivor's, and re-points the pairs of the files merged into {@code from}
     * before: a pair through {@code from}'s member stays, and members it leaves unpaired are matched to the survivor's.
     */
    void pair(HardshipFile from, List<HardshipFile> repointed, HardshipFile survivor) {
        List<HouseholdMember> into = households.open(survivor).members();
        Map<Integer, Integer> fromPairs = match(households.open(from).members(), into);
        store(from.id, survivor.id, fromPairs);
        for (HardshipFile earlier : repointed) {
            Map<Integer, Integer> pairs = new TreeMap<>();
            stored(earlier.id).forEach((member, viaFrom) -> {
                if (fromPairs.containsKey(viaFrom)) {
                    pairs.put(member, fromPairs.get(viaFrom));
                }
            });
            match(households.open(earlier).members(), into).forEach(pairs::putIfAbsent);
            em.createNativeQuery("DELETE FROM file_merge_member WHERE file_id = :file").setParameter("file", earlier.id)
                    .executeUpdate();
            store(earlier.id, survivor.id, pairs);
        }
    }

    private void store(long file, long survivor, Map<Integer, Integer> pairs) {
        pairs.forEach((member, intoMember) -> em.createNativeQuery("INSERT INTO file_merge_member"
                        + " (file_id, member_id, into_file_id, into_member_id) VALUES (:file, :member, :into, :intoMember)")
                .setParameter("file", file).setParameter("member", member).setParameter("into", survivor)
                .setParameter("intoMember", intoMember).executeUpdate());
    }

    private Map<Integer, Integer> stored(long file) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT member_id, into_member_id FROM file_merge_member WHERE file_id = :file")
                .setParameter("file", file).getResultList();
        Map<Integer, Integer> pairs = new TreeMap<>();
        rows.forEach(r -> pairs.put(((Number) r[0]).intValue(), ((Number) r[1]).intValue()));
        return pairs;
    }

    /** Each member of {@code from} with the one member of {@code into} of the same name and birth date. */
    static Map<Integer, Integer> match(List<HouseholdMember> from, List<HouseholdMember> into) {
        Map<Integer, Integer> pairs = new TreeMap<>();
        for (HouseholdMember m : from) {
            List<HouseholdMember> same = into.stream().filter(s -> samePerson(m, s)).toList();
            if (same.size() == 1) {
                pairs.put(m.id(), same.get(0).id());
            }
        }
        return pairs;
    }

    private static boolean samePerson(HouseholdMember a, HouseholdMember b) {
        return a.name() != null && a.name().strip().equals(b.name() == null ? null : b.name().strip())
                && Objects.equals(a.birthDate(), b.birthDate());
    }
}
