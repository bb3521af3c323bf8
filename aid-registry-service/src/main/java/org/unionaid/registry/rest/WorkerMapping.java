package org.unionaid.registry.rest;

import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.ProposedChanges;
import org.unionaid.registry.rest.WorkerDtos.AccidentInput;
import org.unionaid.registry.rest.WorkerDtos.HouseholdInput;
import org.unionaid.registry.rest.WorkerDtos.NewWorker;
import org.unionaid.registry.rest.WorkerDtos.WorkerPatch;
import org.unionaid.registry.rest.WorkerDtos.NewCheck;
import org.unionaid.registry.service.CheckEntry;
import org.unionaid.registry.service.FileChanges;
import org.unionaid.registry.service.FileEntry;

/** The API's requests as the service's types, at the resource edge: what is stored never depends on an API record. */
public final class WorkerMapping {

    private WorkerMapping() {
    }

    public static FileEntry entry(NewWorker w) {
        return new FileEntry(w.name(), w.idNumber(), w.phone(), w.stationCode(), w.enterpriseId(), w.migrantWorker(),
                w.labourRelationSince(), household(w.household()), w.mainCause(), w.otherCauses(), accident(w.accident()),
                w.temporary());
    }

    public static FileChanges changes(WorkerPatch p) {
        return new FileChanges(p.name(), p.phone(), p.stationCode(), p.enterpriseId(), p.migrantWorker(),
                p.labourRelationSince(), household(p.household()), p.mainCause(), p.otherCauses(), accident(p.accident()));
    }

    public static CheckEntry check(NewCheck c) {
        return new CheckEntry(c.step(), c.passed(), c.consentSigned(), c.noticeStart(), c.noticeEnd(), c.objection(), c.note());
    }

    public static ProposedChanges proposed(ChangeRequestDtos.Changes c) {
        return new ProposedChanges(household(c.household()), accident(c.accident()), c.mainCause(), c.otherCauses(),
                c.stationCode());
    }

    public static HouseholdEntry household(HouseholdInput h) {
        if (h == null) {
            return null;
        }
        return new HouseholdEntry(h.members() == null ? null : h.members().stream()
                .map(m -> new HouseholdEntry.Member(m.id(), m.relation(), m.name(), m.birthDate(), m.student(), m.school(),
                        m.grade(), m.ill(), m.disabled())).toList(),
                h.yearlyIncome(), h.rigidCosts());
    }

    public static AccidentRecord accident(AccidentInput a) {
        return a == null ? null : new AccidentRecord(a.date(), a.kind(), a.description());
    }
}
