package org.unionaid.reporting;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.unionaid.reporting.feed.Rebuild;

/**
 * The service, or (first argument {@code rebuild}) the command that rebuilds the derived figures and exits:
 * {@code java -jar quarkus-run.jar rebuild}. The command reads no feed (polling off) and serves on a port of its own
 * (none taken from the service beside it); exit 0 when the job is done, 1 when it stopped (run it again: it resumes),
 * 2 when another runner holds the job, 64 for an unknown command.
 */
@QuarkusMain
public class ReportingMain implements QuarkusApplication {

    static final String REBUILD = "rebuild";

    @Inject
    Rebuild rebuild;

    public static void main(String... args) {
        if (args.length > 0 && REBUILD.equals(args[0])) {
            System.setProperty("union-aid.feeds.poll-interval", "off");
            System.setProperty("quarkus.http.port", "0");
        }
        Quarkus.run(ReportingMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (args.length != 1 || !REBUILD.equals(args[0])) {
            Log.errorf("Unknown command %s; the one command is: rebuild", String.join(" ", args));
            return 64;
        }
        try {
            rebuild.run();
            return 0;
        } catch (Rebuild.AlreadyRunning e) {
            Log.error("Another rebuild runner holds the job; nothing done");
            return 2;
        } catch (RuntimeException e) {
            Log.errorf("Rebuild stopped (%s: %s); run it again to resume at its position", e.getClass().getSimpleName(),
                    e.getMessage());
            return 1;
        }
    }
}
