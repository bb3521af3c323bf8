-- A plan's cap per claim never exceeds its cap per member and year (issue 18's review): a claim above the yearly cap
-- could never be approved in full. Plans that break it today are none (the API refuses them from now on).
ALTER TABLE mutual_aid_plan ADD CONSTRAINT mutual_aid_plan_claim_within_year
    CHECK (per_claim_cap <= yearly_cap_per_member);
