package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bank loop of the demo city, through the services' APIs (their own ports, as the other bulk calls):
 * every open file that got bank transfers has its holder's account (PUT .../bank-account); a few bank transfers of
 * past years bounced (reversals with the bank's reference); this year's Mid-Autumn visits were paid by bank
 * transfer: a first bank file came back with two lines FAILED (accounts closed), those two accounts were corrected
 * and paid again, and they are in the second bank file with ten more: EXPORTED, its payouts SENT, waiting for the
 * bank's result. The result the bank will send is written beside it, ready to post.
 */
final class BankStory {

    static final String PROJECT = "FESTIVAL_WARMTH";
    private static final String FINANCE = "demo-finance-he";
    private static final String REVIEWER = "demo-reviewer-zhou";
    private static final String[] BANKS = {"中国工商银行福州分行", "中国建设银行福州分行", "中国农业银行福州分行",
            "福建海峡银行", "福州农村商业银行"};
    private static final int FIRST_FILE = 10;
    private static final int SECOND_FILE_NEW = 10;
    private static final int BOUNCES = 3;

    /** What it left: person-times paid minus bounced, the bank file waiting for its result, and that result. */
    record Result(int personTimes, long sentFile, int sentCount, Path resultFile) {
    }

    private final Api api;
    private final String registry;
    private final String disbursement;
    private final City.Station[] leaves;
    private final HardshipFiles generator;
    private final FileIndex files;
    private final Set<Long> bankTransferFiles;
    private final LocalDate today;
    private final long seed;
    private final int threads;
    private final Map<Long, Integer> indexOf = new HashMap<>();

    BankStory(Api api, String registry, String disbursement, List<City.Station> stations, HardshipFiles generator,
              FileIndex files, Set<Long> bankTransferFiles, LocalDate today, long seed, int threads) {
        this.api = api;
        this.registry = registry;
        this.disbursement = disbursement;
        this.leaves = City.leaves(stations).toArray(City.Station[]::new);
        this.generator = generator;
        this.files = files;
        this.bankTransferFiles = bankTransferFiles;
        this.today = today;
        this.seed = seed;
        this.threads = threads;
        for (int i = 0; i < files.ids.length; i++) {
            if (files.ids[i] != 0) {
                indexOf.put(files.ids[i], i);
            }
        }
    }

    Result run(Connection db, Path out) throws Exception {
        List<Integer> open = accounts();
        say("bank accounts set on %,d open files that get bank transfers (closed files keep none)", open.size());
        bounces(db);
        int year = today.getYear();
        String campaign = year + "年中秋送温暖";
        String reference = "ZQ" + year;
        List<Integer> candidates = spread(open, 40);

        // The first file: ten transfers, two bounce at once (accounts closed); the other eight are PAID.
        List<Long> firstApplications = approve(candidates, FIRST_FILE, campaign);
        List<Long> firstPayouts = issue(firstApplications, reference);
        long first = export(firstPayouts);
        List<String[]> lines = lines(first);
        List<Long> failed = new ArrayList<>();
        StringBuilder answer = new StringBuilder("reference,status,amount,message\r\n");
        for (int n = 0; n < lines.size(); n++) {
            boolean fails = n == 3 || n == 7;
            String[] line = lines.get(n);
            answer.append(line[0]).append(fails ? ",FAILED," : ",SUCCESS,").append(line[4]).append(fails ? ",账户已销户" : ",")
                    .append("\r\n");
            if (fails) {
                failed.add(Long.parseLong(line[0].substring(line[0].indexOf('/') + 1)));
            }
        }
        JsonNode imported = Api.expect(api.sendBytes(url(disbursement, "/api/v1/bank-files/" + first + "/results"),
                answer.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", "finance", FINANCE),
                "post the first bank file's result");
        say("bank file %d: %d transfers sent, the bank's result applied: %d PAID, %d FAILED (%s)", first, lines.size(),
                lines.size() - failed.size(), failed.size(), imported.path("fileStatus").asText());

        // The two households give their new accounts; paid again with ten more in the second file, which stays SENT.
        for (long application : failed) {
            JsonNode a = api.call("GET", url(disbursement, "/api/v1/applications/" + application), null, "finance");
            long file = a.path("workerId").asLong();
            putAccount(file, indexOf.get(file), 1);
        }
        List<Long> secondApplications = new ArrayList<>(failed);
        secondApplications.addAll(approve(candidates.subList(FIRST_FILE + 2, candidates.size()), SECOND_FILE_NEW, campaign));
        long second = export(issue(secondApplications, reference));
        List<String[]> sent = lines(second);
        StringBuilder result = new StringBuilder("reference,status,amount,message\r\n");
        for (int n = 0; n < sent.size(); n++) {
            boolean fails = n == sent.size() - 1;
            result.append(sent.get(n)[0]).append(fails ? ",FAILED," : ",SUCCESS,").append(sent.get(n)[4])
                    .append(fails ? ",户名与账号不符" : ",").append("\r\n");
        }
        Files.createDirectories(out);
        Path resultFile = out.resolve("bank-result-" + second + ".csv");
        Files.writeString(resultFile, result, StandardCharsets.UTF_8);
        say("bank file %d: %d transfers SENT (2 paid again after FAILED), waiting for the bank's result; the result to post: %s",
                second, sent.size(), resultFile);
        return new Result(lines.size() - failed.size() - BOUNCES, second, sent.size(), resultFile);
    }

    /** PUT the account of each open file that got a bank transfer; the indexes of those files. */
    private List<Integer> accounts() throws Exception {
        List<Integer> open = new ArrayList<>();
        long day = today.toEpochDay();
        for (int i = 0; i < files.ids.length; i++) {
            if (files.ids[i] != 0 && files.exitDay[i] > day && files.activatedDay[i] < day
                    && bankTransferFiles.contains(files.ids[i])) {
                open.add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i : open) {
                done.add(pool.submit(() -> putAccount(files.ids[i], i, 0)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return open;
    }

    /** The holder's account; {@code change} 1 is the corrected one after a FAILED transfer. */
    private void putAccount(long file, int index, int change) {
        String name = (String) generator.spec(index).item().get("name");
        long digits = Math.floorMod(seed * 1_000_003L + index * 7_919L + change * 104_729L, 10_000_000_000_000L);
        api.call("PUT", url(registry, "/api/v1/workers/" + file + "/bank-account"), Map.of(
                "bankName", BANKS[(index + change) % BANKS.length], "accountNumber", "622202" + String.format("%013d", digits),
                "accountName", name), "reviewer");
    }

    /** A few bank transfers of the last two years came back later: reversed with the bank's reference. */
    private void bounces(Connection db) throws SQLException {
        List<long[]> picked = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT p.id, p.year FROM payout p JOIN application a ON a.id = p.application_id
                 WHERE p.reference LIKE ? AND p.channel = 'BANK_TRANSFER' AND p.status = 'PAID'
                   AND a.beneficiary = 'HOUSEHOLD' AND p.year IN (?, ?) AND p.project_code = 'LIVING_RELIEF'
                 ORDER BY p.id LIMIT ?""")) {
            s.setString(1, PayoutWriter.REFERENCE_PREFIX + "%");
            s.setInt(2, today.getYear() - 2);
            s.setInt(3, today.getYear() - 1);
            s.setInt(4, BOUNCES);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    picked.add(new long[] {r.getLong(1), r.getLong(2)});
                }
            }
        }
        if (picked.size() != BOUNCES) {
            throw new IllegalStateException("found " + picked.size() + " past bank transfers to bounce, not " + BOUNCES);
        }
        for (long[] p : picked) {
            api.call("POST", url(disbursement, "/api/v1/payouts/" + p[0] + "/reversal"), Map.of(
                    "reason", "银行退票：收款账户已冻结", "reference", "ICBC-RT-" + p[1] + "-" + String.format("%06d", p[0])), "finance");
        }
        say("%d bank transfers of %d-%d bounced later: reversed with the bank's reference", BOUNCES, today.getYear() - 2,
                today.getYear() - 1);
    }

    /** Applied for by the file's station clerk and approved, {@code count} of them; a file a rule refuses is skipped. */
    private List<Long> approve(List<Integer> candidates, int count, String campaign) {
        List<Long> approved = new ArrayList<>();
        for (int k = 0; k < candidates.size() && approved.size() < count; k++) {
            int i = candidates.get(k);
            String station = leaves[files.station[i]].code();
            String amount = BigDecimal.valueOf(100 + 50L * (k % 3)).setScale(2).toPlainString();
            Api.Answer applied = api.send("POST", url(disbursement, "/api/v1/applications"), Map.of("projectCode", PROJECT,
                    "workerId", files.ids[i], "requestedAmount", amount, "details", Map.of("campaign", campaign)),
                    "clerk", station, "demo-clerk-" + station);
            if (!applied.ok()) {
                continue;
            }
            long id = applied.body().path("id").asLong();
            Api.expect(api.send("POST", url(disbursement, "/api/v1/applications/" + id + "/decision"), Map.of("approve", true,
                    "amount", amount, "reason", "中秋慰问"), "reviewer", null, REVIEWER), "decide");
            approved.add(id);
        }
        if (approved.size() != count) {
            throw new IllegalStateException("only " + approved.size() + " Mid-Autumn visits could be approved, not " + count);
        }
        return approved;
    }

    /** Paid by bank transfer in one batch: each payout ISSUED. */
    private List<Long> issue(List<Long> applications, String reference) {
        JsonNode batch = Api.expect(api.send("POST", url(disbursement, "/api/v1/payout-batches"), Map.of("projectCode", PROJECT,
                "channel", "BANK_TRANSFER", "reference", reference, "applicationIds", applications), "finance", null, FINANCE),
                "pay by bank transfer");
        List<Long> payouts = new ArrayList<>();
        for (JsonNode item : batch.path("items")) {
            if (!"ISSUED".equals(item.path("payoutStatus").asText())) {
                throw new IllegalStateException("a bank transfer was not ISSUED: " + item);
            }
            payouts.add(item.path("payoutId").asLong());
        }
        return payouts;
    }

    private long export(List<Long> payouts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projectCode", PROJECT);
        body.put("payoutIds", payouts);
        return Api.expect(api.send("POST", url(disbursement, "/api/v1/bank-files"), body, "finance", null, FINANCE),
                "export a bank file").path("id").asLong();
    }

    /** The payout lines of a bank file's content as downloaded: reference, name, account, bank, amount. */
    private List<String[]> lines(long bankFile) {
        String text = new String(api.download(url(disbursement, "/api/v1/bank-files/" + bankFile + "/content"), "finance", FINANCE),
                StandardCharsets.UTF_8);
        List<String[]> lines = new ArrayList<>();
        String[] all = text.split("\r\n");
        for (int n = 1; n < all.length - 1; n++) {
            // names and banks of the demo have no comma or quote: a plain split reads the CSV
            lines.add(all[n].split(",", -1));
        }
        return lines;
    }

    /** Every step-th of the open files, so the visits spread over the city. */
    private static List<Integer> spread(List<Integer> open, int count) {
        if (open.size() < count) {
            throw new IllegalStateException("only " + open.size() + " open files with a bank account");
        }
        List<Integer> picked = new ArrayList<>();
        int step = open.size() / count;
        for (int k = 0; k < count; k++) {
            picked.add(open.get(k * step));
        }
        return picked;
    }

    private static String url(String base, String path) {
        return base + path;
    }

    private static void say(String format, Object... args) {
        System.out.println("        " + String.format(format, args));
    }
}
