#!/usr/bin/env python3
"""Shares of a JVM's CPU from async-profiler's collapsed stacks (bench/profile.sh).

    stacks.py FILE                      the usual suspects, inclusive, and the top frames by own time
    stacks.py FILE --callers FRAME [N]  who calls FRAME (N frames up)
    stacks.py FILE --callees FRAME [N]  what FRAME spends its time in (N frames down)
    stacks.py FILE --owners             exclusive shares: each sample to the innermost of OWNERS on its stack

Inclusive share: the samples with the frame anywhere on the stack, over all samples.
"""
import collections
import sys

SUSPECTS = [
    ("REST handlers (quarkus-rest)", "resteasy/reactive/server/handlers"),
    ("security (auth, roles)", "io/quarkus/security"),
    ("JWT", "smallrye/jwt"),
    ("Hibernate ORM", "org/hibernate"),
    ("JDBC (pgjdbc)", "org/postgresql"),
    ("connection pool (Agroal)", "io/agroal"),
    ("Jackson", "jackson"),
    ("Micrometer", "micrometer"),
    ("AES-GCM open", "SealedValues.open"),
    ("Vert.x web router", "io/vertx/ext/web"),
    ("Vert.x HTTP proxy", "httpproxy"),
    ("event loop: reading sockets", "processSelectedKeys"),
    ("event loop: tasks from other threads", "runAllTasks"),
    ("worker threads parked", "PoolThreadNode.park"),
    ("socket write (write)", "__GI_write"),
    ("socket write (writev)", "writev"),
    ("socket read", "__GI_read"),
    ("waking a thread (futex)", "pthread_cond_signal"),
    ("JIT compiler", "Compiler"),
    ("GC", "G1"),
]


# The parts of a proxied request in the gateway, for --owners (innermost match wins).
OWNERS = [
    "NioEventLoop.run", "processSelectedKey", "Http1xServerConnection.handleMessage", "Http1xClientConnection.handleMessage",
    "RouterImpl.handle", "RoutingContextImplBase.iterateNext", "DuplicatedContext", "RequestIdHandler", "RequestGuard.handle",
    "CorsHandler.handle", "ApiRoutes", "TokenVerifier", "RateLimiter", "MDC", "ReverseProxy", "ProxiedRequest",
    "ForwardingInterceptor", "ProxiedResponse.send", "HttpUtils.dateHeader", "ParseUtils.formatHttpDate", "LoopProxies",
    "HttpClientImpl", "SimpleConnectionPool", "Http1xClientConnection$StreamImpl", "PipeImpl", "Http1xServerResponse",
    "HttpClientRequestImpl", "HttpClientResponseImpl", "micrometer", "HttpObjectDecoder", "HttpObjectEncoder", "flush0",
    "runAllTasks", "EPoll.wait", "epoll_wait", "write0", "writev0", "read0", "G1", "Compile",
]


def owners(stacks, total):
    shares = collections.Counter()
    for frames, n in stacks:
        owner = next((m for f in reversed(frames) for m in OWNERS if m in f), "(other)")
        shares[owner] += n
    for owner, n in shares.most_common(30):
        print("%5.1f%%  %s" % (100.0 * n / total, owner))


def read(path):
    stacks, total = [], 0
    for line in open(path):
        line = line.rstrip()
        if not line:
            continue
        frames, count = line.rsplit(" ", 1)
        stacks.append((frames.split(";"), int(count)))
        total += int(count)
    return stacks, total


def short(frame, width=70):
    return frame.split("/")[-1][:width]


def main():
    stacks, total = read(sys.argv[1])
    if not total:
        sys.exit("no samples")
    mode = sys.argv[2] if len(sys.argv) > 2 else None
    if mode == "--owners":
        owners(stacks, total)
        return
    if mode in ("--callers", "--callees"):
        target, depth = sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5
        paths = collections.Counter()
        for frames, n in stacks:
            at = [i for i, f in enumerate(frames) if target in f]
            if not at:
                continue
            if mode == "--callers":
                i = at[-1]
                paths[" < ".join(short(f) for f in reversed(frames[max(0, i - depth):i + 1]))] += n
            else:
                i = at[0]
                paths[" > ".join(short(f) for f in frames[i:i + depth + 1])] += n
        for path, n in paths.most_common(15):
            print("%5.1f%%  %s" % (100.0 * n / total, path))
        return
    print("%d samples (1 ms of CPU each)" % total)
    for label, needle in SUSPECTS:
        n = sum(c for frames, c in stacks if any(needle in f for f in frames))
        if n:
            print("%5.1f%%  %s" % (100.0 * n / total, label))
    own = collections.Counter()
    for frames, n in stacks:
        own[frames[-1]] += n
    print("-- top frames by own time")
    for frame, n in own.most_common(15):
        print("%5.1f%%  %s" % (100.0 * n / total, frame[:120]))


if __name__ == "__main__":
    main()
