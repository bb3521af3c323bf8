package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.FileReview;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.service.view.ReviewViews.ReviewView;

/** A yearly review's household sealed and opened, and the review as an answer shows it (values opened). */
@ApplicationScoped
public class ReviewViews {

    private final PersonalDataCipher cipher;
    private final HouseholdSeal households;

    ReviewViews(PersonalDataCipher cipher, HouseholdSeal households) {
        this.cipher = cipher;
        this.households = households;
    }

    public byte[] seal(Household reviewed) {
        return households.seal(reviewed, SealedColumns.REVIEW_HOUSEHOLD);
    }

    public Household open(FileReview review) {
        return households.open(review.householdEnc, SealedColumns.REVIEW_HOUSEHOLD);
    }

    public ReviewView view(FileReview r, HardshipFile file) {
        Household h = open(r);
        return new ReviewView(r.id, r.fileId, r.status, r.outcome, r.category, h.perCapitaMonthlyIncome(),
                FileViews.householdValue(h), file.exitProposed, file.nextReviewDue, r.filedBy, r.filedAt, r.decidedBy,
                r.decidedAt, cipher.openText(r.decisionReasonEnc, SealedColumns.REVIEW_DECISION_REASON));
    }
}
