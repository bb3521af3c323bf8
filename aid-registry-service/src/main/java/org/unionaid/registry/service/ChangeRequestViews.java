package org.unionaid.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.ChangeRequest;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.ProposedChanges;
import org.unionaid.registry.service.view.ChangeRequestViews.ChangeRequestView;
import org.unionaid.registry.service.view.ChangeRequestViews.ProposedHousehold;
import org.unionaid.registry.service.view.ChangeRequestViews.ProposedView;
import org.unionaid.registry.service.view.WorkerViews.Member;

/** A change request's proposed values sealed and opened, and the request as an answer shows it. */
@ApplicationScoped
public class ChangeRequestViews {

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;

    ChangeRequestViews(PersonalDataCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    public byte[] seal(ProposedChanges changes) {
        try {
            return cipher.sealText(json.writeValueAsString(changes), SealedColumns.CHANGE_REQUEST_CHANGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Proposed changes are not serialisable", e);
        }
    }

    public ProposedChanges open(ChangeRequest request) {
        try {
            return json.readValue(cipher.openText(request.changesEnc, SealedColumns.CHANGE_REQUEST_CHANGES),
                    ProposedChanges.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Proposed changes are unreadable", e);
        }
    }

    /** With its values and reasons opened: single reads of a role that sees the file's personal data. */
    public ChangeRequestView full(ChangeRequest r) {
        return view(r, proposed(open(r)), cipher.openText(r.reasonEnc, SealedColumns.CHANGE_REQUEST_REASON),
                cipher.openText(r.decisionReasonEnc, SealedColumns.CHANGE_REQUEST_DECISION_REASON));
    }

    /** The names of the fields only: list rows decrypt nothing. */
    public ChangeRequestView row(ChangeRequest r) {
        return view(r, null, null, null);
    }

    private static ChangeRequestView view(ChangeRequest r, ProposedView changes, String reason, String decisionReason) {
        return new ChangeRequestView(r.id, r.fileId, r.status, r.changedFieldList(), changes, reason, r.baseVersion,
                r.requestedBy, r.requestedAt, r.decidedBy, r.decidedAt, decisionReason);
    }

    private static ProposedView proposed(ProposedChanges c) {
        HouseholdEntry h = c.household();
        ProposedHousehold household = h == null ? null : new ProposedHousehold(1 + h.members().size(), h.yearlyIncome(),
                h.rigidCosts(), h.members().stream().map(m -> new Member(m.id(), m.relation(), m.name(), m.birthDate(),
                m.student(), m.school(), m.grade(), m.ill(), m.disabled())).toList());
        return new ProposedView(household, FileViews.accident(c.accident()), c.mainCause(), c.otherCauses(),
                c.stationCode());
    }
}
