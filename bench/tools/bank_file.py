#!/usr/bin/env python3
"""Bank files at scale (bench/run-bank-file.sh), standard library only, on top of ua.py.

    bank_file.py prepare N ROUNDS   N files with bank accounts (PUT through the API), and N ISSUED bank-transfer
                                    payouts of them per round by SQL (application PAYING, budget reserved)
    bank_file.py run N ROUNDS OUT   per round, in alternating order: the service's export of the round's N payouts
                                    and the import of its N-line result, and PostgreSQL doing the same rows with COPY
    bank_file.py report OUT DIR     DIR/bank-file.json and DIR/bank-file.md from the run's JSON

The COPY side, timed by psql's own \\timing (the sum of its statements, no psql start-up):
  export  COPY of the round's N bank-file lines (the same text the service builds: reference, account name, number,
          bank, amount) into a table shaped like them, and COPY out of the export's SELECT of the N payouts
  import  COPY of the N-line result into a table, and one UPDATE of N payouts (a copy of the round's rows, no
          triggers) from it
"""
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ua  # noqa: E402

PROJECT = "LIVING_RELIEF"
BANK = "中国工商银行北京朝阳支行"
WORK = os.environ.get("WORK", "/tmp/union-aid-bench-work")
FAILED_EVERY = 50  # one line in 50 comes back FAILED
# Rounds consume their payouts (ISSUED -> SENT -> PAID): a second run on the same stack prepares and uses rounds after
# the first run's (ROUND_OFFSET=5 for rounds 6..10).
OFFSET = int(os.environ.get("ROUND_OFFSET", "0"))


def account_number(file_id):
    return "6222%015d" % file_id


def files_with_accounts(n):
    return [tuple(r.split("|")) for r in ua.psql("registry", """
        select f.id, f.name from hardship_file f join bank_account b on b.file_id = f.id
         where f.status = 'ACTIVE' order by f.id limit %d""" % n).splitlines() if r]


def prepare(n, rounds):
    if int(ua.psql("registry", "select count(*) from hardship_file")) < n:
        ua.seed(200)
        ua.clone_files(n + 200)
    have = len(files_with_accounts(n))
    if have < n:
        todo = [tuple(r.split("|")) for r in ua.psql("registry", """
            select f.id, f.name from hardship_file f where f.status = 'ACTIVE'
               and not exists (select 1 from bank_account b where b.file_id = f.id) order by f.id limit %d""" % (n - have)).splitlines()]
        print("prepare: %d bank accounts through PUT /api/v1/workers/{id}/bank-account" % len(todo), flush=True)
        errors = []

        def work(part):
            c = ua.Client(ua.REGISTRY)
            tok = ua.token("reviewer")
            for fid, name in part:
                st, body = c.call("PUT", "/api/v1/workers/%s/bank-account" % fid,
                                  {"bankName": BANK, "accountNumber": account_number(int(fid)), "accountName": name}, tok)
                if st != 200:
                    errors.append((fid, st, body))
                    return

        t0 = time.time()
        threads = [threading.Thread(target=work, args=(todo[i::8],)) for i in range(8)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        if errors:
            sys.exit("bank accounts: %s" % errors[:3])
        print("prepare: accounts in %.1f s" % (time.time() - t0), flush=True)
    files = files_with_accounts(n)
    if len(files) < n:
        sys.exit("only %d files with accounts" % len(files))
    lo, hi = files[0][0], files[-1][0]
    ua.psql("disbursement", "insert into budget (project_code, year, allocated) values ('%s', %d, 900000000) "
                            "on conflict do nothing" % (PROJECT, ua.YEAR))
    for r in range(1 + OFFSET, rounds + 1 + OFFSET):
        if ua.psql("disbursement", "select count(*) from payout where reference like 'BF%d-%%'" % r) != "0":
            continue
        # One application (PAYING) and one ISSUED bank transfer per file and round; the money reserved on the budget.
        ua.psql("disbursement", """
            create temp table g as
            select nextval('application_seq') as app, nextval('payout_seq') as pid, f.id as worker,
                   (100 + f.id % 4900)::numeric(14,2) + (f.id % 100) / 100.0 as amount
              from (select unnest(array[{ids}]::bigint[]) as id) f;
            insert into application (id, project_code, year, beneficiary, worker_id, station_code, station_path, category,
                main_cause, requested_amount, amount, status, submitted_by, submitted_at, decided_by, decided_at)
            select app, '{p}', {y}, 'HOUSEHOLD', worker, 'C01-D01-S01', '/C01/C01-D01/C01-D01-S01/', 'DEEP', 'ILLNESS',
                   amount, amount, 'PAYING', 'bench-clerk', now(), 'bench-reviewer', now() from g;
            insert into payout (id, application_id, project_code, year, amount, channel, reference, status, issued_at, issued_by)
            select pid, app, '{p}', {y}, amount, 'BANK_TRANSFER', 'BF{r}-' || pid, 'ISSUED', now(), 'bench-issuer' from g;
            update budget set reserved = reserved + (select sum(amount) from g), updated_at = now()
             where project_code = '{p}' and year = {y};
        """.format(ids=",".join(f[0] for f in files), p=PROJECT, y=ua.YEAR, r=r))
    ua.psql("disbursement", "analyze payout; analyze application")
    ua.psql("disbursement", """
        create table if not exists bench_bank_line (reference text, account_name text, account_number text, bank_name text,
                                                    amount numeric(14,2));
        create table if not exists bench_result (reference text, status text, amount numeric(14,2), message text);
        create table if not exists bench_payout (like payout including defaults);
        create index if not exists bench_payout_reference on bench_payout (reference);""")
    print("prepare: %d files with accounts (ids %s..%s), %d rounds of %d ISSUED payouts" % (n, lo, hi, rounds, n), flush=True)


def round_rows(r):
    rows = ua.psql("disbursement", """
        select p.id, p.reference, p.amount, a.worker_id from payout p join application a on a.id = p.application_id
         where p.reference like 'BF%d-%%' order by p.id""" % r).splitlines()
    return [row.split("|") for row in rows]


def cpu_seconds(pids):
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])
        except OSError:
            pass
    return total / tick


def pids():
    def on(port):
        out = subprocess.run(["ss", "-ltnpH", "sport = :%d" % port], capture_output=True, text=True).stdout
        m = re.search(r"pid=(\d+)", out)
        return [m.group(1)] if m else []
    pg = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split()
    return {"disbursement": on(8082), "registry": on(8081), "postgres": pg}


def settle(limit=120.0):
    """Waits until the services are idle (together below 15 % of a core over 0.5 s, twice in a row, idle being 6-10 %; at most limit seconds): the
    registry and reporting take in the feed items of the round before (last_aided_at, the person counters) for a while
    after an import, and a measurement should not share the cores with that. The seconds waited."""
    procs = pids()
    port = {"reporting": 8083}
    out = subprocess.run(["ss", "-ltnpH", "sport = :%d" % port["reporting"]], capture_output=True, text=True).stdout
    m = re.search(r"pid=(\d+)", out)
    watched = procs["disbursement"] + procs["registry"] + ([m.group(1)] if m else [])
    t0 = time.time()
    quiet = 0
    while quiet < 2 and time.time() - t0 < limit:
        before = cpu_seconds(watched)
        time.sleep(0.5)
        quiet = quiet + 1 if cpu_seconds(watched) - before < 0.075 else 0
    return round(time.time() - t0, 1)


def timed(fn):
    """fn() under CPU accounting of the services and PostgreSQL: (result, wall seconds, cpu seconds by process)."""
    procs = pids()
    before = {k: cpu_seconds(v) for k, v in procs.items()}
    t0 = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t0
    procs_after = pids()  # backends opened meanwhile count from zero
    cpu = {k: round(cpu_seconds(procs_after[k]) - before[k], 3) for k in procs}
    return result, wall, cpu


def psql_timed(sql):
    """Runs sql (one transaction) through psql with \\timing; the sum of its statements' times in seconds."""
    env = dict(os.environ, PGPASSWORD="disbursement")
    out = subprocess.run([ua.PSQL, "-h", "127.0.0.1", "-p", ua.PGPORT, "-U", "disbursement", "-d", "disbursement",
                          "-v", "ON_ERROR_STOP=1", "-q", "-o", "/dev/null"], input="\\timing on\n" + sql, env=env,
                         text=True, capture_output=True)
    if out.returncode != 0:
        sys.exit("psql failed: %s" % out.stderr[-2000:])
    times = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", out.stdout + out.stderr, re.M)]
    return sum(times) / 1000.0, len(times)


def csv_field(value):
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') else value


def run(n, rounds, out_path):
    fin = ua.token("finance")
    names = dict(files_with_accounts(n))
    dis = ua.Client(ua.DISBURSEMENT)
    dis.call("GET", "/api/v1/bank-files?limit=1", tok=fin)
    results = []
    for r in range(1 + OFFSET, rounds + 1 + OFFSET):
        rows = round_rows(r)
        if len(rows) != n:
            sys.exit("round %d: %d payouts prepared, %d wanted (run prepare first)" % (r, len(rows), n))
        if ua.psql("disbursement", "select count(*) from payout where reference like 'BF%d-%%' and status <> 'ISSUED'" % r) != "0":
            sys.exit("round %d: its payouts were used by an earlier run; prepare a fresh database" % r)
        ids = [int(row[0]) for row in rows]
        lines = ["reference,account_name,account_number,bank_name,amount"] + [
            ",".join([row[1], csv_field(names[row[3]]), account_number(int(row[3])), BANK, row[2]]) for row in rows]
        result_lines = ["reference,status,amount,message"] + [
            "%s,%s,%s,%s" % (row[1], "FAILED" if i % FAILED_EVERY == 0 else "SUCCESS", row[2],
                             "账户已销户" if i % FAILED_EVERY == 0 else "") for i, row in enumerate(rows)]
        result_body = ("\n".join(result_lines) + "\n").encode("utf-8")

        def service_export():
            st, body = dis.call("POST", "/api/v1/bank-files", {"projectCode": PROJECT, "payoutIds": ids}, fin)
            if st != 201:
                sys.exit("export: %s %s" % (st, str(body)[:500]))
            return body

        def service_import(file_id):
            dis.conn.request("POST", "/api/v1/bank-files/%d/results" % file_id, body=result_body,
                             headers={"Authorization": "Bearer " + fin, "Accept": "application/json",
                                      "Content-Type": "text/csv; charset=UTF-8"})
            answer = dis.conn.getresponse()
            st, body = answer.status, json.loads(answer.read())
            if st != 200:
                sys.exit("import: %s %s" % (st, str(body)[:500]))
            return body

        def copy_export():
            ua.psql("disbursement", "truncate bench_bank_line")
            return psql_timed("begin;\ncopy bench_bank_line from stdin with (format csv, header true);\n" + "\n".join(lines)
                              + "\n\\.\ncopy (select p.reference, p.amount, p.status, a.worker_id, a.decided_by from payout p"
                              " join application a on a.id = p.application_id where p.id = any ('{%s}'::bigint[]) order by p.id)"
                              " to stdout with (format csv);\ncommit;\n" % ",".join(map(str, ids)))

        def copy_import():
            # bench_payout made again each round: shaped like payout as it is now (its columns, not its indexes).
            ua.psql("disbursement", "truncate bench_result; drop table if exists bench_payout;"
                                    " create table bench_payout (like payout including defaults);"
                                    " create index bench_payout_reference on bench_payout (reference);"
                                    " insert into bench_payout select * from payout"
                                    " where reference like 'BF%d-%%'; analyze bench_payout" % r)
            return psql_timed("begin;\ncopy bench_result from stdin with (format csv, header true);\n"
                              + result_body.decode("utf-8") + "\\.\n"
                              "update bench_payout p set status = case r.status when 'SUCCESS' then 'PAID' else 'FAILED' end,"
                              " paid_at = case r.status when 'SUCCESS' then now() end, failed_at = case r.status when 'FAILED'"
                              " then now() end from bench_result r where p.reference = r.reference and p.amount = r.amount;\n"
                              "commit;\n")

        entry = {"round": r}
        order = ["service", "copy"] if r % 2 else ["copy", "service"]
        for side in order:
            entry.setdefault("settledSeconds", []).append(settle())
            if side == "service":
                created, wall, cpu = timed(service_export)
                entry["serviceExport"] = {"seconds": round(wall, 4), "cpuSeconds": cpu, "count": created["count"]}
                entry["settledSeconds"].append(settle())
                imported, wall, cpu = timed(lambda: service_import(created["id"]))
                entry["serviceImport"] = {"seconds": round(wall, 4), "cpuSeconds": cpu, "applied": imported["applied"]}
                entry["fileId"] = created["id"]
            else:
                (seconds, statements), _, cpu = timed(copy_export)
                entry["copyExport"] = {"seconds": round(seconds, 4), "statements": statements, "cpuSeconds": cpu}
                entry["settledSeconds"].append(settle())
                (seconds, statements), _, cpu = timed(copy_import)
                entry["copyImport"] = {"seconds": round(seconds, 4), "statements": statements, "cpuSeconds": cpu}
        entry["order"] = order
        print(json.dumps(entry), flush=True)
        results.append(entry)
    with open(out_path, "w") as f:
        json.dump({"n": n, "rounds": rounds, "results": results}, f, indent=1)


def report(run_path, out_dir, machine):
    data = json.load(open(run_path))
    rs = data["results"]

    def figures(op):
        svc = [e["service" + op]["seconds"] for e in rs]
        cp = [e["copy" + op]["seconds"] for e in rs]
        ratios = [s / c for s, c in zip(svc, cp)]
        return {"serviceSeconds": {"median": statistics.median(svc), "min": min(svc), "max": max(svc)},
                "copySeconds": {"median": statistics.median(cp), "min": min(cp), "max": max(cp)},
                "ratio": {"median": round(statistics.median(ratios), 2), "min": round(min(ratios), 2),
                          "max": round(max(ratios), 2)},
                "goal": "<= 2", "met": statistics.median(ratios) <= 2}

    summary = {"name": "bank-file", "n": data["n"], "rounds": data["rounds"], "machine": machine,
               "commit": os.environ.get("MEASURED_COMMIT") or subprocess.run(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip(),
               "export": figures("Export"), "import": figures("Import"), "rounds_raw": rs}
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "bank-file.json"), "w") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)

    def ms(x):
        return "%.0f" % (x * 1000)

    md = ["# Bank file of %d payouts: export and result import vs COPY" % data["n"], "",
          "Commit `%s`, %d rounds (sides alternate; the median round counts), %s." % (
              summary["commit"], data["rounds"], machine.get("note", "")), "",
          "| operation | service (ms, median; min-max) | COPY (ms, median; min-max) | ratio median (min-max) | goal | met |",
          "|---|---|---|---|---|---|"]
    for op in ("export", "import"):
        f = summary[op]
        md.append("| %s | %s (%s-%s) | %s (%s-%s) | %.2f (%.2f-%.2f) | <= 2 | %s |" % (
            op, ms(f["serviceSeconds"]["median"]), ms(f["serviceSeconds"]["min"]), ms(f["serviceSeconds"]["max"]),
            ms(f["copySeconds"]["median"]), ms(f["copySeconds"]["min"]), ms(f["copySeconds"]["max"]),
            f["ratio"]["median"], f["ratio"]["min"], f["ratio"]["max"], goal_met(f)))
    md += ["", "CPU seconds per operation (median round; disbursement, registry, PostgreSQL):", ""]
    for key in ("serviceExport", "serviceImport", "copyExport", "copyImport"):
        mid = sorted(rs, key=lambda e: e[key]["seconds"])[len(rs) // 2][key]["cpuSeconds"]
        md.append("- %s: %s" % (key, ", ".join("%s %.2f" % (k, v) for k, v in mid.items())))
    with open(os.path.join(out_dir, "bank-file.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


def goal_met(f):
    return "yes" if f["met"] else "**no**"


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "prepare":
        prepare(int(sys.argv[2]), int(sys.argv[3]))
    elif cmd == "run":
        run(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif cmd == "report":
        report(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]) if len(sys.argv) > 4 else {})
    else:
        sys.exit(__doc__)
