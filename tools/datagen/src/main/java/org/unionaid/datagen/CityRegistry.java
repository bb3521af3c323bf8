package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The city's stations, enterprises and 低保, entered through the registry's API as an admin would. */
final class CityRegistry {

    private final Api api;
    private final String registry;
    private final CitySummary.Say out;

    CityRegistry(Api api, String registry, CitySummary.Say out) {
        this.api = api;
        this.registry = registry;
        this.out = out;
    }

    /** The 低保 of every year of the city. */
    void settings() {
        for (int year = City.FIRST_YEAR; year <= City.lastYear(); year++) {
            api.call("PUT", registry + "/api/v1/settings/minimum-living-standard/" + year,
                    Map.of("monthlyAmount", City.minimumLivingStandard(year).toPlainString()), "admin");
        }
        out.say("低保 set for %d..%d", City.FIRST_YEAR, City.lastYear());
    }

    void stations(List<City.Station> stations) {
        for (City.Station s : stations) {
            Map<String, Object> body = new HashMap<>();
            body.put("code", s.code());
            body.put("name", s.name());
            body.put("parentCode", s.parentCode());
            body.put("level", s.level());
            api.call("POST", registry + "/api/v1/stations", body, "admin");
        }
        out.say("%d stations", stations.size());
    }

    /** The enterprises, their registry ids in the same order. */
    long[] enterprises(List<City.Enterprise> enterprises) {
        long[] ids = new long[enterprises.size()];
        for (int e = 0; e < enterprises.size(); e++) {
            City.Enterprise en = enterprises.get(e);
            JsonNode created = api.call("POST", registry + "/api/v1/enterprises", Map.of("name", en.name(),
                    "creditCode", en.creditCode(), "status", en.status(), "keyEnterprise", en.keyEnterprise()), "admin");
            ids[e] = created.path("id").asLong();
        }
        out.say("%d enterprises (%d closed, %d key enterprises)", enterprises.size(),
                enterprises.stream().filter(x -> x.status().equals("CLOSED")).count(),
                enterprises.stream().filter(City.Enterprise::keyEnterprise).count());
        return ids;
    }
}
