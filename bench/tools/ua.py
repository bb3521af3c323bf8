#!/usr/bin/env python3
"""Bench helper (standard library only): seeds the local run through its public API and fills
the databases at scale by SQL; measures the payout-to-report lag; assembles results.

    ua.py seed FILES               stations, 低保, budgets and FILES files via the API (active by SQL)
    ua.py clone-files TOTAL        registry: copies the seeded files by SQL until TOTAL files exist
    ua.py payouts TOTAL            disbursement: historical payouts (+ applications, feed rows) by SQL up to TOTAL
    ua.py ids N FILE               N random file ids, one a line (for wrk scripts)
    ua.py lag SECONDS OUT          pays one payout every 0.5 s and times how long reporting takes to apply it
    ua.py wait-feed TIMEOUT        waits until reporting has read the whole payout feed; prints the rate

Environment: TOKEN_SH (deploy/local/token.sh of the run), PSQL (psql binary), PGPORT (5432),
REGISTRY (http://127.0.0.1:8081), DISBURSEMENT (…8082), REPORTING (…8083).
"""
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse

PSQL = os.environ.get("PSQL", "/usr/lib/postgresql/15/bin/psql")
PGPORT = os.environ.get("PGPORT", "5432")
REGISTRY = os.environ.get("REGISTRY", "http://127.0.0.1:8081")
DISBURSEMENT = os.environ.get("DISBURSEMENT", "http://127.0.0.1:8082")
REPORTING = os.environ.get("REPORTING", "http://127.0.0.1:8083")
YEAR = int(os.environ.get("BENCH_YEAR", time.strftime("%Y")))

_tokens = {}


def token(role, station=None):
    key = (role, station)
    if key not in _tokens:
        args = [os.environ.get("TOKEN_SH", os.environ.get("BENCH_HOME", "/tmp/union-aid-bench") + "/deploy/local/token.sh"), role] + ([station] if station else []) + ["--user", "bench-" + role, "--ttl", "86400"]
        _tokens[key] = subprocess.check_output(args, text=True).strip()
    return _tokens[key]


class Client:
    """One keep-alive HTTP connection."""

    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def call(self, method, path, body=None, tok=None, headers=None):
        h = {"Accept": "application/json"}
        if tok:
            h["Authorization"] = "Bearer " + tok
        if body is not None:
            h["Content-Type"] = "application/json"
            body = json.dumps(body)
        h.update(headers or {})
        for attempt in range(3):
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                return r.status, (json.loads(data) if data and data[:1] in (b"{", b"[") else data)
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise


def psql(db, sql, quiet=True):
    env = dict(os.environ, PGPASSWORD=db)
    out = subprocess.run([PSQL, "-h", "127.0.0.1", "-p", PGPORT, "-U", db, "-d", db, "-v", "ON_ERROR_STOP=1",
                          "-At", "-c", sql], env=env, text=True, capture_output=True)
    if out.returncode != 0:
        sys.exit("psql %s failed: %s" % (db, out.stderr))
    return out.stdout.strip()


WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECKS = "10X98765432"


def id_number(n):
    """A valid GB 11643 number, distinct for each n below 13 M (area 110105, born 1960-1999)."""
    d = n // 1000
    birth = "%04d%02d%02d" % (1960 + d // 336, 1 + (d // 28) % 12, 1 + d % 28)
    body = "110105" + birth + "%03d" % (n % 1000)
    s = sum(int(c) * w for c, w in zip(body, WEIGHTS))
    return body + CHECKS[s % 11]


STATIONS = [("C01", None, "CITY")] + [("C01-D%02d" % d, "C01", "DISTRICT") for d in range(1, 5)] + \
    [("C01-D%02d-S%02d" % (d, s), "C01-D%02d" % d, "STREET") for d in range(1, 5) for s in range(1, 5)]
STREETS = [s[0] for s in STATIONS if s[2] == "STREET"]
CAUSES = ["ILLNESS", "DISABILITY", "CHILD_EDUCATION", "UNEMPLOYMENT", "ENTERPRISE_SHUTDOWN", "OTHER"]


def seed(files):
    reg = Client(REGISTRY)
    admin = token("admin")
    for code, parent, level in STATIONS:
        st, body = reg.call("POST", "/api/v1/stations", {"code": code, "name": "Bench " + code, "parentCode": parent,
                                                         "level": level}, admin)
        if st not in (201, 409):
            sys.exit("station %s: %s %s" % (code, st, body))
    for year in range(2016, YEAR + 2):
        st, body = reg.call("PUT", "/api/v1/settings/minimum-living-standard/%d" % year, {"monthlyAmount": "930.00"}, admin)
        if st != 200:
            sys.exit("minimum living standard %d: %s %s" % (year, st, body))
    dis = Client(DISBURSEMENT)
    for project in ("LIVING_RELIEF", "SERIOUS_ILLNESS"):
        st, body = dis.call("PUT", "/api/v1/projects/%s/budgets/%d" % (project, YEAR), {"amount": "900000000.00"},
                            token("finance"))
        if st not in (200, 201):
            sys.exit("budget %s: %s %s" % (project, st, body))
    have = int(psql("registry", "select count(*) from hardship_file"))
    start = int(psql("registry", "select coalesce(max(substr(name, 7)::int), 0) + 1 from hardship_file "
                                 "where name like 'Bench %'"))
    todo = max(0, files - have)
    print("seed: %d files present, creating %d through POST /api/v1/workers" % (have, todo))
    errors = []

    def work(lo, hi):
        c = Client(REGISTRY)
        tok = token("clerk", "C01")
        for n in range(lo, hi):
            st, body = c.call("POST", "/api/v1/workers", {
                "name": "Bench %07d" % n, "idNumber": id_number(n), "phone": "13800000000",
                "stationCode": STREETS[n % len(STREETS)], "migrantWorker": False,
                "household": {"members": [], "yearlyIncome": "%d.00" % (n % 7 * 1000), "rigidCosts": "0.00"},
                "mainCause": CAUSES[n % len(CAUSES)], "otherCauses": []}, tok)
            if st != 201:
                errors.append((n, st, body))
                if len(errors) > 5:
                    return

    t0 = time.time()
    threads = [threading.Thread(target=work, args=(start + i * todo // 8, start + (i + 1) * todo // 8)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    if errors:
        sys.exit("seed errors: %s" % errors[:3])
    print("seed: %d files in %.1f s" % (todo, time.time() - t0))
    # The checks before activation (home visit, 5-day public notice) are not what is measured here.
    psql("registry", "update hardship_file set status = 'ACTIVE', activated_at = now(), next_review_due = current_date + 365 "
                     "where status = 'PENDING' and name like 'Bench %'")


def clone_files(total):
    have = int(psql("registry", "select count(*) from hardship_file"))
    if have >= total:
        print("clone-files: %d files already" % have)
        return
    n = total - have
    t0 = time.time()
    # Copies of the API-made files (same encrypted household, which the key still opens), each
    # with its own id from the sequence and its own random blind index; status ACTIVE.
    step = 200000
    done = 0
    while done < n:
        k = min(step, n - done)
        psql("registry", """
            insert into hardship_file (id, name, id_number_enc, id_number_hash, id_number_masked, birth_year, sex, phone_enc,
                station_code, station_path, enterprise_id, migrant_worker, labour_relation_since, household_size,
                household_enc, category, main_cause, other_causes, status, created_at, created_by, updated_at,
                activated_at, next_review_due, version)
            select nextval('hardship_file_seq'), 'Clone ' || g, t.id_number_enc, decode(md5(random()::text || g) || md5(g::text), 'hex'),
                t.id_number_masked, t.birth_year, t.sex, t.phone_enc, t.station_code, t.station_path, t.enterprise_id,
                t.migrant_worker, t.labour_relation_since, t.household_size, t.household_enc, t.category, t.main_cause,
                t.other_causes, 'ACTIVE', t.created_at, 'bench', now(), now(), current_date + 365, 0
            from generate_series(1, %d) g
            join lateral (select * from hardship_file where name like 'Bench %%' order by id offset (g %% 100) limit 1) t on true
        """ % k)
        done += k
        print("clone-files: %d / %d (%.0f s)" % (done, n, time.time() - t0), flush=True)
    psql("registry", "analyze hardship_file")


def payouts(total):
    """Historical payouts by SQL into disbursement: application (PAID), payout and a payout_feed row
    each, spread over 2016..last year, 2 projects, entering the feed in date order (as paid, so a
    replay reads the history month after month; each call's chunks of 250 000 run through the years); workers are the files, each with one of 16 streets,
    6 causes and 2 categories on all its payouts."""
    have = int(psql("disbursement", "select count(*) from payout"))
    if have >= total:
        print("payouts: %d already" % have)
        return
    ids = psql("registry", "select min(id), max(id) from hardship_file").split("|")
    lo, hi = int(ids[0]), int(ids[1])
    years = list(range(2016, YEAR))
    for p in ("LIVING_RELIEF", "SERIOUS_ILLNESS"):
        for y in years:
            psql("disbursement", "insert into budget (project_code, year, allocated) values ('%s', %d, 0) "
                                 "on conflict do nothing" % (p, y))
    n = total - have
    step = 250000
    done = 0
    t0 = time.time()
    streets = "array[%s]" % ",".join("'%s'" % s for s in STREETS)
    causes = "array[%s]" % ",".join("'%s'" % c for c in CAUSES)
    while done < n:
        k = min(step, n - done)
        psql("disbursement", """
            create temp table g as
            select nextval('application_seq') as app, nextval('payout_seq') as pid,
                   (random() * 1000000000)::bigint % ({span}) + {lo} as worker,
                   2016 + (random() * {ny})::int % {ny} as yr, 1 + (random() * 364)::int as doy,
                   case when random() < 0.7 then 'LIVING_RELIEF' else 'SERIOUS_ILLNESS' end as project,
                   (100 + (random() * 4900)::int)::numeric(14,2) as amount
            from generate_series(1, {k});
            -- A household's station, main cause and category are its file's, the same on each of its
            -- payouts (derived from the worker id), as in real data; dates and projects vary.
            alter table g add column st text, add column cause text, add column category text;
            update g set st = ({streets})[(1 + worker % 16)::int], cause = ({causes})[(1 + (worker / 16) % 6)::int],
                         category = case when worker % 10 < 6 then 'DEEP' else 'RELATIVE' end;
            insert into application (id, project_code, year, beneficiary, worker_id, station_code, station_path, category,
                main_cause, requested_amount, amount, status, submitted_by, submitted_at, decided_by, decided_at)
            select app, project, yr, 'HOUSEHOLD', worker, st, '/C01/' || substr(st, 1, 7) || '/' || st || '/', category, cause,
                amount, amount, 'PAID', 'bench-clerk', make_date(yr, 1, 1) + doy - 1, 'bench-reviewer', make_date(yr, 1, 1) + doy - 1
            from g;
            insert into payout (id, application_id, project_code, year, amount, channel, reference, status, paid_at, paid_by)
            select pid, app, project, yr, amount, 'BANK_TRANSFER', 'bench-' || pid, 'PAID', make_date(yr, 1, 1) + doy, 'bench-finance'
            from g;
            insert into payout_feed (entry_id, payload, created_at)
            select -pid, jsonb_build_object('entryId', -pid, 'kind', 'PAYOUT', 'payoutId', pid, 'applicationId', app,
                   'projectCode', project, 'beneficiary', 'HOUSEHOLD', 'workerId', worker, 'stationCode', st,
                   'enterpriseId', null, 'category', category, 'mainCause', cause, 'amount', amount::text,
                   'occurredOn', (make_date(yr, 1, 1) + doy)::text,
                   'occurredAt', to_char(make_date(yr, 1, 1) + doy, 'YYYY-MM-DD') || 'T03:00:00Z'), now()
            from g order by yr, doy, pid;
            update budget b set allocated = b.allocated + s.a, paid = b.paid + s.a
            from (select project, yr, sum(amount) a from g group by 1, 2) s where b.project_code = s.project and b.year = s.yr;
        """.format(k=k, lo=lo, span=hi - lo + 1, ny=len(years), streets=streets, causes=causes))
        done += k
        print("payouts: %d / %d (%.0f s)" % (done, n, time.time() - t0), flush=True)


def file_ids(n, path):
    rows = psql("registry", "select id from hardship_file order by random() limit %d" % n).split()
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")


def feed_positions():
    dis = psql("disbursement", "select coalesce(max(seq), 0) from payout_feed")
    rep = psql("reporting", "select last_seq from feed_position where feed = 'payouts'")
    return int(dis), int(rep)


def wait_feed(timeout):
    t0 = time.time()
    head, start = feed_positions()
    while True:
        head, pos = feed_positions()
        if pos >= head:
            break
        if time.time() - t0 > timeout:
            print(json.dumps({"caughtUp": False, "head": head, "position": pos, "seconds": time.time() - t0}))
            return
        time.sleep(2)
    dt = time.time() - t0
    applied = int(psql("reporting", "select count(*) from payout"))
    print(json.dumps({"caughtUp": True, "head": head, "appliedFrom": start, "seconds": round(dt, 1),
                      "rowsPerSecond": round((head - start) / dt, 1) if dt > 0 else None, "reportingPayouts": applied}))


def lag(seconds, out):
    """Pays one payout every 0.5 s (submit, decide, pay) and polls reporting's feed position
    (the reporting DB row written in the same transaction as the applied figures) every 20 ms."""
    workers = psql("registry", "select id from hardship_file where name like 'Bench %' and category = 'DEEP' "
                               "order by id limit 200").split()
    c = Client(DISBURSEMENT)
    clerk, reviewer, finance = token("clerk", "C01"), token("reviewer"), token("finance")
    env = dict(os.environ, PGPASSWORD="reporting")
    poller = subprocess.Popen([PSQL, "-h", "127.0.0.1", "-p", PGPORT, "-U", "reporting", "-d", "reporting", "-At", "-q"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1)

    def position():
        poller.stdin.write("select last_seq from feed_position where feed = 'payouts';\n")
        return int(poller.stdout.readline())

    lags, failures = [], 0
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        i += 1
        w = workers[i % len(workers)]
        st, app = c.call("POST", "/api/v1/applications", {"projectCode": "LIVING_RELIEF", "workerId": int(w),
                                                          "year": YEAR, "requestedAmount": "1.00"}, clerk)
        if st != 201:
            failures += 1
            continue
        st, _ = c.call("POST", "/api/v1/applications/%d/decision" % app["id"], {"approve": True, "amount": "1.00"}, reviewer)
        if st != 200:
            failures += 1
            continue
        st, pay = c.call("POST", "/api/v1/payouts", {"applicationId": app["id"], "channel": "BANK_TRANSFER",
                                                     "reference": "lag-%d" % app["id"]}, finance)
        t_paid = time.time()
        if st != 201:
            failures += 1
            continue
        # The feed's head right after the 201 covers this payout's row (committed before the answer):
        # an upper bound on its seq, read through the primary key (a search of the payload by
        # payout id scans the whole feed: seconds at 5 M rows, which counted as lag in one run).
        seq = int(psql("disbursement", "select max(seq) from payout_feed"))
        while position() < seq:
            if time.time() - t_paid > 60:
                break
            time.sleep(0.02)
        lags.append(time.time() - t_paid)
        time.sleep(max(0.0, 0.5 - (time.time() - t_paid)))
    poller.stdin.close()
    lags.sort()
    res = {"samples": len(lags), "failures": failures,
           "p50": round(lags[len(lags) // 2], 3) if lags else None,
           "p99": round(lags[min(len(lags) - 1, int(len(lags) * 0.99))], 3) if lags else None,
           "max": round(lags[-1], 3) if lags else None}
    with open(out, "w") as f:
        json.dump(res, f)
    print(json.dumps(res))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "seed":
        seed(int(sys.argv[2]))
    elif cmd == "clone-files":
        clone_files(int(sys.argv[2]))
    elif cmd == "payouts":
        payouts(int(sys.argv[2]))
    elif cmd == "ids":
        file_ids(int(sys.argv[2]), sys.argv[3])
    elif cmd == "lag":
        lag(float(sys.argv[2]), sys.argv[3])
    elif cmd == "wait-feed":
        wait_feed(float(sys.argv[2]))
    else:
        sys.exit(__doc__)
