package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.client.Registry;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.MemberIndex;
import org.unionaid.disbursement.crypto.SealedColumns;
import org.unionaid.disbursement.domain.PaidBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.Arrays;

/**
 * Enrolment of mutual-aid members (职工医疗互助) by an enterprise's union for a year: one write for one member or a
 * whole file of them. Each line is checked on its own (ID number with its check character, name, premium: the plan's
 * when none is given); the lines that pass go in with two set-based statements, members by the blind index of the ID
 * number (number and name sealed), then enrolments, where UNIQUE (member_id, year) decides what is already enrolled.
 * Enrolments take the feed's lock (7005) to their commit, so the enrolment feed's seq is visible in order.
 */
@ApplicationScoped
public class Enrolments {

    static final long FEED_LOCK = 7_005L;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    private static final Set<String> PAYERS = Arrays.stream(PaidBy.values()).map(Enum::name).collect(Collectors.toSet());

    /**
     * A member to enrol as sent (a JSON body or a CSV line: checked here, the same way for both); {@code line} is its
     * line in a file (1 for a single enrolment); premium empty or null: the plan's.
     */
    public record Line(int line, String idNumber, String name, String premium, String paidBy) {
        @Override
        public String toString() {
            return "Line[" + line + "]";
        }
    }

    public enum Outcome { ENROLLED, ALREADY_ENROLLED, REFUSED }

    /** What became of a line; {@code idNumber} masked, {@code problem} and {@code detail}'s arguments when REFUSED. */
    public record Result(int line, Outcome result, Long enrolmentId, String idNumber, Violation refusal) {
    }

    private record Accepted(Line line, String idNumber, String indexHex, BigDecimal premium, PaidBy paidBy) {
    }

    private final EntityManager em;
    private final Registry registry;
    private final MemberIndex index;
    private final DetailsCipher cipher;
    private final Caller caller;
    private final MutualAidPlans plans;
    private final StationScope scope;

    Enrolments(EntityManager em, Registry registry, MemberIndex index, DetailsCipher cipher, Caller caller, MutualAidPlans plans,
               StationScope scope) {
        this.scope = scope;
        this.em = em;
        this.registry = registry;
        this.index = index;
        this.cipher = cipher;
        this.caller = caller;
        this.plans = plans;
    }

    /** Outside any transaction: the enterprise must be one the registry knows (closed ones too: the union pays for them). */
    @Transactional(Transactional.TxType.NEVER)
    public void checkEnterprise(long enterpriseId) {
        if (registry.enterprise(enterpriseId).isEmpty()) {
            throw new ProblemException(422, "unknown-enterprise", List.of(Violation.keyed("enterpriseId", "unknown-enterprise")),
                    Map.of(), enterpriseId);
        }
    }

    /** One member: 201 with the enrolment; 422 naming the field; 409 already-enrolled. */
    @Transactional
    public long enrolOne(long enterpriseId, int year, Line line) {
        Result result = enrol(enterpriseId, year, List.of(line)).get(0);
        return switch (result.result()) {
            case ENROLLED -> result.enrolmentId();
            case ALREADY_ENROLLED -> throw ProblemException.conflict("already-enrolled", year);
            case REFUSED -> throw new ProblemException(422, "invalid-enrolment", List.of(result.refusal()), Map.of(),
                    result.refusal().field());
        };
    }

    /** Every line's result, in the order of the lines; what passes is applied, the rest refused line by line. */
    @Transactional
    public List<Result> enrol(long enterpriseId, int year, List<Line> lines) {
        Optional<BigDecimal> planPremium = plans.current(year).map(MutualAidPlans.PlanView::premium);
        List<Result> results = new ArrayList<>(lines.size());
        List<Accepted> accepted = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Line line : lines) {
            String id = IdNumbers.normalise(line.idNumber());
            Violation refusal = refusal(line, planPremium);
            if (refusal != null) {
                results.add(new Result(line.line(), Outcome.REFUSED, null, IdNumbers.isValid(id) ? IdNumbers.mask(id) : null, refusal));
                continue;
            }
            String hex = HexFormat.of().formatHex(index.of(id));
            if (seen.putIfAbsent(hex, line.line()) != null) {
                // The same member twice in one file: the first line enrols, the others find it enrolled.
                results.add(new Result(line.line(), Outcome.ALREADY_ENROLLED, null, IdNumbers.mask(id), null));
                continue;
            }
            accepted.add(new Accepted(line, id, hex, premium(line).orElseGet(planPremium::orElseThrow),
                    PaidBy.valueOf(line.paidBy().trim())));
            results.add(null);
        }
        Map<String, Long> enrolled = insert(enterpriseId, year, accepted);
        int next = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                Accepted a = accepted.get(next++);
                Long enrolment = enrolled.get(a.indexHex());
                results.set(i, new Result(a.line().line(), enrolment == null ? Outcome.ALREADY_ENROLLED : Outcome.ENROLLED,
                        enrolment, IdNumbers.mask(a.idNumber()), null));
            }
        }
        return results;
    }

    /** Why a line cannot be enrolled (the field and what it must be), or null. */
    private static Violation refusal(Line line, Optional<BigDecimal> planPremium) {
        if (!IdNumbers.isValid(line.idNumber())) {
            return Violation.keyed("idNumber", "id-number");
        }
        String name = line.name() == null ? "" : line.name().trim();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Violation.keyed("name", "member-name");
        }
        if ("=+-@".indexOf(name.charAt(0)) >= 0) {
            // The name reaches the bank file's CSV: a leading = + - @ would be a formula in a spreadsheet.
            return Violation.keyed("name", "name-formula");
        }
        if (line.paidBy() == null || !PAYERS.contains(line.paidBy().trim())) {
            return Violation.keyed("paidBy", "paid-by");
        }
        String premium = line.premium() == null ? "" : line.premium().trim();
        if (premium.isEmpty() && planPremium.isEmpty()) {
            return Violation.keyed("premium", "premium-no-plan");
        }
        if (!premium.isEmpty() && (!AMOUNT.matcher(premium).matches() || new BigDecimal(premium).signum() <= 0)) {
            return Violation.keyed("premium", "positive-amount");
        }
        return null;
    }

    /** The line's premium (checked by {@link #refusal}), empty when the plan's applies. */
    private static Optional<BigDecimal> premium(Line line) {
        String premium = line.premium() == null ? "" : line.premium().trim();
        return premium.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(premium).setScale(2));
    }

    /** Members by their index (new ones sealed), then enrolments; the enrolment ids made, by index (hex). */
    private Map<String, Long> insert(long enterpriseId, int year, List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return Map.of();
        }
        String me = caller.subject();
        // A clerk's enrolments belong to his station (clerks read and change only theirs); city-wide staff's to none.
        String station = caller.station().orElse(null);
        String path = station == null ? null : scope.pathOf(station);
        if (StationScope.NOTHING.equals(path)) {
            throw new ProblemException(403, "station-unknown");
        }
        Instant now = Instant.now();
        int n = accepted.size();
        String[] indexes = new String[n];
        String[] numbers = new String[n];
        String[] names = new String[n];
        BigDecimal[] premiums = new BigDecimal[n];
        String[] payers = new String[n];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            Accepted a = accepted.get(i);
            indexes[i] = a.indexHex();
            numbers[i] = hex.formatHex(cipher.seal(a.idNumber().getBytes(StandardCharsets.UTF_8), SealedColumns.MEMBER_ID_NUMBER));
            names[i] = hex.formatHex(cipher.seal(a.line().name().trim().getBytes(StandardCharsets.UTF_8), SealedColumns.MEMBER_NAME));
            premiums[i] = a.premium();
            payers[i] = a.paidBy().name();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, FEED_LOCK);
                lock.execute();
            }
            try (PreparedStatement members = c.prepareStatement("""
                    INSERT INTO mutual_aid_member (id, id_number_index, id_number, name, created_at)
                    SELECT nextval('mutual_aid_member_seq'), decode(t.i, 'hex'), decode(t.n, 'hex'), decode(t.m, 'hex'), ?
                      FROM unnest(?::text[], ?::text[], ?::text[]) AS t(i, n, m)
                    ON CONFLICT (id_number_index) DO NOTHING""")) {
                members.setTimestamp(1, Timestamp.from(now));
                members.setArray(2, c.createArrayOf("text", indexes));
                members.setArray(3, c.createArrayOf("text", numbers));
                members.setArray(4, c.createArrayOf("text", names));
                members.executeUpdate();
            }
            Map<String, Long> made = new HashMap<>();
            try (PreparedStatement enrolments = c.prepareStatement("""
                    INSERT INTO mutual_aid_enrolment (id, seq, member_id, enterprise_id, year, premium, paid_by, enrolled_at, enrolled_by,
                                                      station_code, station_path)
                    SELECT nextval('mutual_aid_enrolment_seq'), nextval('mutual_aid_enrolment_feed_seq'), m.id, ?, ?, t.p, t.b, ?, ?, ?, ?
                      FROM unnest(?::text[], ?::numeric[], ?::text[]) WITH ORDINALITY AS t(i, p, b, o)
                      JOIN mutual_aid_member m ON m.id_number_index = decode(t.i, 'hex')
                     ORDER BY t.o
                    ON CONFLICT (member_id, year) DO NOTHING
                    RETURNING id, encode((SELECT id_number_index FROM mutual_aid_member WHERE id = member_id), 'hex')""")) {
                enrolments.setLong(1, enterpriseId);
                enrolments.setInt(2, year);
                enrolments.setTimestamp(3, Timestamp.from(now));
                enrolments.setString(4, me);
                enrolments.setString(5, station);
                enrolments.setString(6, path);
                enrolments.setArray(7, c.createArrayOf("text", indexes));
                enrolments.setArray(8, c.createArrayOf("numeric", premiums));
                enrolments.setArray(9, c.createArrayOf("text", payers));
                try (ResultSet rows = enrolments.executeQuery()) {
                    while (rows.next()) {
                        made.put(rows.getString(2), rows.getLong(1));
                    }
                }
            }
            return made;
        });
    }
}
