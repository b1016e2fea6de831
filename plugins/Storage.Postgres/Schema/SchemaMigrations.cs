namespace Webhooks.Modular.Storage.Postgres.Schema;

/// <summary>
/// The schema, as the ordered list of steps that build it. A released step is never edited: change the schema by
/// appending a step, so that every existing database takes the same path to the same shape.
/// </summary>
/// <remarks>
/// Identifiers and names are <c>COLLATE "C"</c>: they sort byte by byte, as in SQLite and as the code sorts them
/// (ordinal), whatever the database's locale. Times are <c>timestamptz</c> in whole milliseconds.
/// </remarks>
internal static class SchemaMigrations
{
    /// <summary>Every step, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE hooks (
                name        text        COLLATE "C" NOT NULL PRIMARY KEY,
                definition  text        NOT NULL,
                enabled     boolean     NOT NULL,
                created_at  timestamptz NOT NULL,
                updated_at  timestamptz NOT NULL
            );

            -- No foreign key to hooks: hooks may come from configuration and never be stored, and an event must
            -- outlive the hook it was sent to. Headers and query are json (not jsonb) so that they read back in
            -- the order and form they were received.
            CREATE TABLE events (
                id              uuid        NOT NULL PRIMARY KEY,
                request_id      text        COLLATE "C" NOT NULL,
                hook_name       text        COLLATE "C" NOT NULL,
                method          text        NOT NULL,
                path            text        NOT NULL,
                headers         json        NOT NULL,
                query           json        NOT NULL,
                body            bytea       NOT NULL,
                remote_address  text,
                received_at     timestamptz NOT NULL,
                subject         text        COLLATE "C"
            );
            CREATE INDEX events_received ON events (received_at, id);
            CREATE INDEX events_subject_received ON events (subject, received_at, id);
            CREATE INDEX events_hook_received ON events (hook_name, received_at);
            CREATE INDEX events_request_id ON events (request_id);

            CREATE TABLE runs (
                id                text        COLLATE "C" NOT NULL PRIMARY KEY,
                event_id          uuid        NOT NULL REFERENCES events (id),
                request_id        text        COLLATE "C" NOT NULL,
                hook_name         text        COLLATE "C" NOT NULL,
                action_type       text        NOT NULL,
                input             text        NOT NULL,
                status            text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
                attempt           integer     NOT NULL,
                max_attempts      integer     NOT NULL CHECK (max_attempts >= 1),
                created_at        timestamptz NOT NULL,
                available_at      timestamptz NOT NULL,
                started_at        timestamptz,
                finished_at       timestamptz,
                exit_code         integer,
                output            text,
                error             text,
                details           text,
                lease_owner       text,
                lease_expires_at  timestamptz
            );
            -- Claiming looks only at runs waiting to be taken and at runs whose lease may have expired; partial
            -- indexes keep finished runs, the bulk of the table, out of both.
            CREATE INDEX runs_queued ON runs (available_at, created_at, id) WHERE status = 'queued';
            CREATE INDEX runs_leased ON runs (lease_expires_at) WHERE status = 'running';
            CREATE INDEX runs_event_id ON runs (event_id);
            CREATE INDEX runs_request_id ON runs (request_id);
            CREATE INDEX runs_hook_created ON runs (hook_name, created_at, id);

            -- The primary key is what makes a key accepted once across every host. The foreign key is checked at
            -- commit, because the key is written first (so that a duplicate waits on, and then sees, the first).
            CREATE TABLE idempotency_keys (
                scope       text        COLLATE "C" NOT NULL,
                key         text        COLLATE "C" NOT NULL,
                event_id    uuid        NOT NULL REFERENCES events (id) DEFERRABLE INITIALLY DEFERRED,
                run_ids     text[]      NOT NULL,
                created_at  timestamptz NOT NULL,
                expires_at  timestamptz NOT NULL,
                PRIMARY KEY (scope, key)
            );
            CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

            -- Only the keyed hash of a token is kept; the hash is unique so that one token opens one scope.
            CREATE TABLE auth_tokens (
                id            text        COLLATE "C" NOT NULL PRIMARY KEY,
                scope         text        COLLATE "C" NOT NULL,
                hash          bytea       NOT NULL UNIQUE,
                prefix        text        NOT NULL,
                created_at    timestamptz NOT NULL,
                expires_at    timestamptz,
                last_used_at  timestamptz,
                created_by    text
            );
            CREATE INDEX auth_tokens_scope ON auth_tokens (scope, created_at);
            CREATE INDEX auth_tokens_expires_at ON auth_tokens (expires_at) WHERE expires_at IS NOT NULL;

            -- A name is unique regardless of case: normalized_username holds it composed and upper-cased
            -- (invariant culture) by the code, so the rule does not depend on the database's locale.
            CREATE TABLE users (
                id                   text        COLLATE "C" NOT NULL PRIMARY KEY,
                username             text        NOT NULL,
                normalized_username  text        COLLATE "C" NOT NULL UNIQUE,
                password_hash        text        NOT NULL,
                role                 text        NOT NULL,
                created_at           timestamptz NOT NULL,
                updated_at           timestamptz NOT NULL
            );

            -- Where events go. secrets ([{protected, expiresAt}]), headers and retry are JSON; secrets hold only
            -- encrypted text.
            CREATE TABLE destinations (
                id               text        COLLATE "C" NOT NULL PRIMARY KEY,
                owner            text        COLLATE "C" NOT NULL,
                url              text        NOT NULL,
                method           text        NOT NULL,
                event_types      text[]      NOT NULL,
                hook_name        text        COLLATE "C",
                description      text,
                is_active        boolean     NOT NULL,
                disabled_reason  text,
                channel          text        NOT NULL,
                format           text        NOT NULL,
                signing          text        NOT NULL,
                secrets          jsonb       NOT NULL,
                headers          jsonb       NOT NULL,
                credential_id    text,
                template         text,
                retry            jsonb       NOT NULL,
                created_at       timestamptz NOT NULL,
                updated_at       timestamptz NOT NULL,
                failing_since    timestamptz
            );
            CREATE INDEX destinations_owner_created ON destinations (owner, created_at, id);

            -- The outbox: one row per event and destination, written in the transaction that stores the event.
            -- lease_token rises with every claim and fences a worker that lost its lease. Deleting a destination
            -- deletes its deliveries; the cascade also catches one committed while the deletion waited.
            CREATE TABLE deliveries (
                id                text        COLLATE "C" NOT NULL PRIMARY KEY,
                destination_id    text        COLLATE "C" NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
                event_id          uuid        NOT NULL REFERENCES events (id),
                event_type        text        NOT NULL,
                content_type      text        NOT NULL,
                body              bytea       NOT NULL,
                status            text        NOT NULL CHECK (status IN ('pending', 'success', 'failed')),
                attempts          integer     NOT NULL,
                retries           integer     NOT NULL,
                next_attempt_at   timestamptz NOT NULL,
                lease_token       bigint      NOT NULL,
                lease_owner       text,
                lease_expires_at  timestamptz,
                created_at        timestamptz NOT NULL,
                completed_at      timestamptz,
                last_status_code  integer,
                last_error        text
            );
            -- Claiming seeks each active destination's oldest due pending deliveries; the partial index keeps
            -- finished deliveries, the bulk of the table, out of it, and a backlog of one destination is never
            -- walked past its first few rows.
            CREATE INDEX deliveries_pending ON deliveries (destination_id, next_attempt_at, id) WHERE status = 'pending';
            CREATE INDEX deliveries_destination_created ON deliveries (destination_id, created_at, id);

            CREATE TABLE delivery_attempts (
                delivery_id       text        COLLATE "C" NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
                attempt           integer     NOT NULL,
                started_at        timestamptz NOT NULL,
                duration_ms       bigint      NOT NULL,
                status_code       integer,
                response_excerpt  text,
                error             text,
                PRIMARY KEY (delivery_id, attempt)
            );

            -- Outbound credentials; protected_data is encrypted by the caller. No foreign key from destinations:
            -- whether a credential in use may be deleted is the credential manager's decision.
            CREATE TABLE credentials (
                id              text        COLLATE "C" NOT NULL PRIMARY KEY,
                name            text        NOT NULL,
                type            text        NOT NULL,
                protected_data  text        NOT NULL,
                hint            text        NOT NULL,
                created_at      timestamptz NOT NULL
            );
            """),
        new(2, "idempotency fingerprints", """
            -- What a key was first given with, so that a repeat of that request can be answered again (the first
            -- request's id and a SHA-256 of its method and body) and another request reusing the key refused.
            -- Keys stored before this step have neither; the host then reads them from the key's event.
            ALTER TABLE idempotency_keys ADD COLUMN request_id text;
            ALTER TABLE idempotency_keys ADD COLUMN fingerprint bytea;
            """),
        new(3, "run numbers", """
            -- Each run gets a number that people and integer-typed receivers (Dograh's workflow_run_id) can use.
            -- Existing runs are numbered in creation order. New runs take the sequence's next value as the column's
            -- default, so every host (and a host still running the previous version, once this commits) numbers
            -- them from one counter. CACHE 1: a host never holds a range of numbers back, so a later insert gets a
            -- larger number whichever host makes it. Numbers of rolled-back inserts are not reused (gaps).
            ALTER TABLE runs ADD COLUMN number bigint;
            UPDATE runs SET number = ordered.n
            FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM runs) AS ordered
            WHERE runs.id = ordered.id;
            CREATE SEQUENCE run_numbers AS bigint CACHE 1 OWNED BY runs.number;
            SELECT setval('run_numbers', (SELECT COALESCE(MAX(number), 0) + 1 FROM runs), false);
            ALTER TABLE runs
                ALTER COLUMN number SET DEFAULT nextval('run_numbers'),
                ALTER COLUMN number SET NOT NULL;
            CREATE UNIQUE INDEX runs_number ON runs (number);
            """),
        new(4, "management queries", """
            -- The management API lists runs and deliveries newest first across hooks and destinations, and an
            -- event's deliveries; each page is one range scan of these (events_received exists since 1).
            CREATE INDEX runs_created ON runs (created_at, id);
            CREATE INDEX deliveries_created ON deliveries (created_at, id);
            CREATE INDEX deliveries_event_id ON deliveries (event_id);
            """),
        new(5, "retention indexes", """
            -- Retention purges (StoreHousekeeping) delete the oldest finished rows a small batch at a time: the
            -- partial indexes hold only finished runs and deliveries, so a batch seeks its rows rather than
            -- walking the queue. An event goes only once nothing refers to it; the event_id indexes make that
            -- check a seek (events_received and deliveries_event_id come from the management queries' step).
            CREATE INDEX runs_finished ON runs (created_at) WHERE status IN ('succeeded', 'failed');
            CREATE INDEX deliveries_finished ON deliveries (created_at) WHERE status IN ('success', 'failed');
            CREATE INDEX idempotency_keys_event_id ON idempotency_keys (event_id);
            """),
        new(6, "event feed", """
            -- The order relays (the NATS bus) read events in. Several hosts commit at once and a sequence number is
            -- taken before its transaction commits, so "after the last number I read" could skip a slower commit.
            -- Each event also records its transaction id: every transaction below pg_snapshot_xmin has finished, so
            -- rows ordered by (transaction, sequence) and read only below that horizon never gain a row behind a
            -- position already read. Existing events take this step's transaction id. feed_cursors holds each
            -- relay's last position.
            ALTER TABLE events
                ADD COLUMN feed_tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
                ADD COLUMN feed_seq bigserial NOT NULL;
            CREATE INDEX events_feed ON events (feed_tx, feed_seq);
            CREATE TABLE feed_cursors (
                name   text   COLLATE "C" NOT NULL PRIMARY KEY,
                epoch  bigint NOT NULL,
                seq    bigint NOT NULL
            );
            """),
        new(7, "run re-runs", """
            -- A run queued again by an operator (POST /api/v1/runs/{id}/rerun) is a new run linked to the one it
            -- repeats; an original's detail lists its re-runs through the partial index (most runs are no re-run).
            ALTER TABLE runs ADD COLUMN rerun_of text COLLATE "C";
            CREATE INDEX runs_rerun_of ON runs (rerun_of) WHERE rerun_of IS NOT NULL;
            """),
    ];
}
