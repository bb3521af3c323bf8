package org.unionaid.datagen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The loader's command line (see {@link DataGen}). */
record Options(long files, long payouts, boolean city, long seed, String registry, String disbursement,
               String gateway, String dbUrl, String dbUser, String dbPassword, String tokenCommand,
               boolean story, int waitSeconds, int importBatch, int threads, java.nio.file.Path out) {

    static Options parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--")
                    && !args[i].equals("--no-story")) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                flags.add(args[i]);
            }
        }
        String scale = o.getOrDefault("scale", "city");
        long files = Plan.CITY_FILES;
        long payouts = -1;
        if (!scale.equals("city")) {
            String[] parts = scale.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--scale is 'city' or FILES,PAYOUTS (e.g. 100000,500000)");
            }
            files = Long.parseLong(parts[0].trim());
            payouts = Long.parseLong(parts[1].trim());
        }
        String tokenCommand = o.get("token-cmd");
        if (tokenCommand == null) {
            throw new IllegalArgumentException("--token-cmd (deploy/local/token.sh) is needed");
        }
        String registry = o.getOrDefault("registry-url", "http://localhost:8081");
        String disbursement = o.getOrDefault("disbursement-url", "http://localhost:8082");
        String dbUrl = o.getOrDefault("db-url", "jdbc:postgresql://localhost:5432/disbursement");
        return new Options(files, payouts, scale.equals("city"), Long.parseLong(o.getOrDefault("seed", "20160101")),
                registry, disbursement, o.getOrDefault("gateway-url", "http://localhost:8080"),
                dbUrl, o.getOrDefault("db-user", "disbursement"), o.getOrDefault("db-password", "disbursement"),
                tokenCommand, !flags.contains("--no-story"), Integer.parseInt(o.getOrDefault("wait-seconds", "90")),
                Integer.parseInt(o.getOrDefault("import-batch", "500")), Integer.parseInt(o.getOrDefault("threads", "2")),
                java.nio.file.Path.of(o.getOrDefault("out", ".")));
    }
}
