package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.UpcastOut;
import dev.eventscope.engine.UpcastService;
import dev.eventscope.upcast.MigrationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs upcast migrate --to NEW.db}: copy the store with every event upcast. */
@Command(
        name = "migrate",
        description = {
            "Copy every event of the store (--db) into a new store file, upcast to the latest version of its type"
                    + " and checked against its schema: same eventIds, streams, times and order, new positions, a"
                    + " fresh hash chain, and a table migration_positions mapping old positions to new ones.",
            "Stream versions stay the same unless an upcaster splits an event in several or drops one; then the"
                    + " later events of that stream are renumbered. The source is opened read-only and never changed.",
            "The copy is written to NEW.db.migrating beside the target, verified (hash chain, events per stream),"
                    + " then renamed to NEW.db in one atomic step: an interrupted migration leaves no file at NEW.db,"
                    + " and the next run removes what it left. An event that does not upcast or validate stops the"
                    + " migration (exit 65, nothing written); 'evs upcast check' lists them all.",
            "NEW.db must not exist (exit 2) unless --force, which replaces it. Into a PostgreSQL URL the copy is"
                    + " one transaction of a new schema, verified after it commits; a schema that holds a store is"
                    + " refused (exit 2)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs upcast migrate --to migrated.db --dry-run     # what would change",
            "  evs upcast migrate --to migrated.db",
            "  evs upcast migrate --to 'postgresql://app@db.example/events?schema=orders_v2'",
            "  evs --db migrated.db verify",
            "  sqlite3 migrated.db 'select * from migration_positions limit 5'"
        })
public final class UpcastMigrateCommand extends BaseCommand {

    @Option(
            names = "--to",
            paramLabel = "NEW.db",
            required = true,
            description = "The new store file to write, or a postgresql:// URL whose schema holds no store yet.")
    String target;

    @Option(
            names = "--dry-run",
            description = "Read, upcast and validate every event, report what would change," + " and write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Replace NEW.db when it exists.")
    boolean force;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        MigrationReport report = engine().upcasts()
                .migrate(new UpcastService.MigrateOptions(target, force, dryRun, ProgressBars.of(main().quiet())));
        UpcastOut.migration(out(), report, format);
        return 0;
    }
}
