package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdMember;
import org.unionaid.registry.service.view.MergedFile;
import org.unionaid.registry.service.view.MergedFile.MemberPair;

import java.util.List;
import java.util.Objects;

/**
 * The files merged into a file, as its view shows them: each with its members paired to the survivor's members of
 * the same person. Members carry no ID number of their own, so a person is its name and birth date, matched in
 * memory from the opened households; a member with no match, or with more than one, is not listed.
 */
@ApplicationScoped
public class MergedFiles {

    private final HouseholdSeal households;

    MergedFiles(HouseholdSeal households) {
        this.households = households;
    }

    /** The files whose {@code mergedInto} is {@code survivor}, in id order. */
    public static List<HardshipFile> into(long survivor) {
        return HardshipFile.list("mergedInto = ?1 order by id", survivor);
    }

    public List<MergedFile> of(HardshipFile survivor, Household survivorHousehold) {
        List<HardshipFile> merged = into(survivor.id);
        if (merged.isEmpty()) {
            return List.of();
        }
        return merged.stream().map(f -> new MergedFile(f.id,
                pairs(households.open(f).members(), survivorHousehold.members()))).toList();
    }

    static List<MemberPair> pairs(List<HouseholdMember> from, List<HouseholdMember> into) {
        return from.stream().flatMap(m -> {
            List<HouseholdMember> same = into.stream().filter(s -> samePerson(m, s)).toList();
            return same.size() == 1 ? java.util.stream.Stream.of(new MemberPair(m.id(), same.get(0).id()))
                    : java.util.stream.Stream.empty();
        }).toList();
    }

    private static boolean samePerson(HouseholdMember a, HouseholdMember b) {
        return a.name() != null && a.name().strip().equals(b.name() == null ? null : b.name().strip())
                && Objects.equals(a.birthDate(), b.birthDate());
    }
}
