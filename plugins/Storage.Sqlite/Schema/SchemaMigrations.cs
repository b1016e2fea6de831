namespace Webhooks.Modular.Storage.Sqlite.Schema;

/// <summary>
/// The schema, as the ordered list of steps that build it. A released step is never edited: change the schema
/// by appending a step, so that every existing database takes the same path to the same shape.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>Every step, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE hooks (
                name        TEXT    NOT NULL PRIMARY KEY,
                definition  TEXT    NOT NULL,
                enabled     INTEGER NOT NULL,
                created_at  INTEGER NOT NULL,
                updated_at  INTEGER NOT NULL
            );

            -- No foreign key to hooks: hooks may come from configuration and never be stored, and an event
            -- must outlive the hook it was sent to.
            CREATE TABLE events (
                id              TEXT    NOT NULL PRIMARY KEY,
                request_id      TEXT    NOT NULL,
                hook_name       TEXT    NOT NULL,
                method          TEXT    NOT NULL,
                path            TEXT    NOT NULL,
                headers         TEXT    NOT NULL,
                query           TEXT    NOT NULL,
                body            BLOB    NOT NULL,
                remote_address  TEXT,
                received_at     INTEGER NOT NULL
            );
            CREATE INDEX events_request_id ON events (request_id);
            CREATE INDEX events_hook_received ON events (hook_name, received_at);

            CREATE TABLE runs (
                id                TEXT    NOT NULL PRIMARY KEY,
                event_id          TEXT    NOT NULL REFERENCES events (id),
                request_id        TEXT    NOT NULL,
                hook_name         TEXT    NOT NULL,
                action_type       TEXT    NOT NULL,
                input             TEXT    NOT NULL,
                status            TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
                attempt           INTEGER NOT NULL,
                max_attempts      INTEGER NOT NULL,
                created_at        INTEGER NOT NULL,
                available_at      INTEGER NOT NULL,
                started_at        INTEGER,
                finished_at       INTEGER,
                exit_code         INTEGER,
                output            TEXT,
                error             TEXT,
                lease_owner       TEXT,
                lease_expires_at  INTEGER
            );
            -- Claiming looks only at runs waiting to be taken and at runs whose lease may have expired;
            -- partial indexes keep finished runs, the bulk of the table, out of both.
            CREATE INDEX runs_queued ON runs (available_at, created_at) WHERE status = 'queued';
            CREATE INDEX runs_leased ON runs (lease_expires_at) WHERE status = 'running';
            CREATE INDEX runs_event_id ON runs (event_id);
            CREATE INDEX runs_request_id ON runs (request_id);

            CREATE TABLE idempotency_keys (
                scope       TEXT    NOT NULL,
                key         TEXT    NOT NULL,
                event_id    TEXT    NOT NULL REFERENCES events (id),
                run_ids     TEXT    NOT NULL,
                created_at  INTEGER NOT NULL,
                expires_at  INTEGER NOT NULL,
                PRIMARY KEY (scope, key)
            );
            CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
            """),
        new(2, "bearer tokens", """
            -- Only the keyed hash of a token is kept; the hash is unique so that one token opens one scope.
            CREATE TABLE auth_tokens (
                id            TEXT    NOT NULL PRIMARY KEY,
                scope         TEXT    NOT NULL,
                hash          BLOB    NOT NULL UNIQUE,
                prefix        TEXT    NOT NULL,
                created_at    INTEGER NOT NULL,
                expires_at    INTEGER,
                last_used_at  INTEGER,
                created_by    TEXT
            );
            CREATE INDEX auth_tokens_scope ON auth_tokens (scope, created_at);
            """),
        new(3, "run details and runs by hook", """
            -- Structured detail an action reports with its outcome (such as each step of a DAG).
            ALTER TABLE runs ADD COLUMN details TEXT;
            CREATE INDEX runs_hook_created ON runs (hook_name, created_at);
            """),
        new(4, "users", """
            -- Users of the management APIs. A name is unique regardless of case: normalized_username holds it
            -- upper-cased (invariant culture, so not only ASCII), which SQLite's NOCASE would not do.
            CREATE TABLE users (
                id                   TEXT    NOT NULL PRIMARY KEY,
                username             TEXT    NOT NULL,
                normalized_username  TEXT    NOT NULL UNIQUE,
                password_hash        TEXT    NOT NULL,
                role                 TEXT    NOT NULL,
                created_at           INTEGER NOT NULL,
                updated_at           INTEGER NOT NULL
            );
            """),
        new(5, "event subjects", """
            -- The event-bus subject an event was published under (event.webhook.{name}, run.completed, ...).
            ALTER TABLE events ADD COLUMN subject TEXT;
            CREATE INDEX events_subject_received ON events (subject, received_at);
            """),
        new(6, "token expiry index", """
            -- Housekeeping deletes expired tokens (old sessions) in small batches.
            CREATE INDEX auth_tokens_expires_at ON auth_tokens (expires_at) WHERE expires_at IS NOT NULL;
            """),
        new(7, "outbound delivery", """
            -- Where events go. event_types, secrets ([{protected, expiresAt}]), headers and retry are JSON;
            -- secrets hold only encrypted text.
            CREATE TABLE destinations (
                id               TEXT    NOT NULL PRIMARY KEY,
                owner            TEXT    NOT NULL,
                url              TEXT    NOT NULL,
                method           TEXT    NOT NULL,
                event_types      TEXT    NOT NULL,
                hook_name        TEXT,
                description      TEXT,
                is_active        INTEGER NOT NULL,
                disabled_reason  TEXT,
                channel          TEXT    NOT NULL,
                format           TEXT    NOT NULL,
                signing          TEXT    NOT NULL,
                secrets          TEXT    NOT NULL,
                headers          TEXT    NOT NULL,
                credential_id    TEXT,
                template         TEXT,
                retry            TEXT    NOT NULL,
                created_at       INTEGER NOT NULL,
                updated_at       INTEGER NOT NULL,
                failing_since    INTEGER
            );
            CREATE INDEX destinations_owner_created ON destinations (owner, created_at);

            -- The outbox: one row per event and destination, written in the transaction that stores the event.
            -- lease_token rises with every claim and fences a worker that lost its lease.
            CREATE TABLE deliveries (
                id                TEXT    NOT NULL PRIMARY KEY,
                destination_id    TEXT    NOT NULL REFERENCES destinations (id),
                event_id          TEXT    NOT NULL REFERENCES events (id),
                event_type        TEXT    NOT NULL,
                content_type      TEXT    NOT NULL,
                body              BLOB    NOT NULL,
                status            TEXT    NOT NULL CHECK (status IN ('pending', 'success', 'failed')),
                attempts          INTEGER NOT NULL,
                retries           INTEGER NOT NULL,
                next_attempt_at   INTEGER NOT NULL,
                lease_token       INTEGER NOT NULL,
                lease_owner       TEXT,
                lease_expires_at  INTEGER,
                created_at        INTEGER NOT NULL,
                completed_at      INTEGER,
                last_status_code  INTEGER,
                last_error        TEXT
            );
            -- Claiming seeks each active destination's oldest due pending deliveries; the partial index keeps
            -- finished deliveries, the bulk of the table, out of it, and a backlog of one destination is never
            -- walked past its first few rows.
            CREATE INDEX deliveries_pending ON deliveries (destination_id, next_attempt_at, id) WHERE status = 'pending';
            CREATE INDEX deliveries_destination_created ON deliveries (destination_id, created_at, id);

            CREATE TABLE delivery_attempts (
                delivery_id       TEXT    NOT NULL REFERENCES deliveries (id),
                attempt           INTEGER NOT NULL,
                started_at        INTEGER NOT NULL,
                duration_ms       INTEGER NOT NULL,
                status_code       INTEGER,
                response_excerpt  TEXT,
                error             TEXT,
                PRIMARY KEY (delivery_id, attempt)
            );

            -- Outbound credentials; protected_data is encrypted by the caller. No foreign key from destinations:
            -- whether a credential in use may be deleted is the credential manager's decision.
            CREATE TABLE credentials (
                id              TEXT    NOT NULL PRIMARY KEY,
                name            TEXT    NOT NULL,
                type            TEXT    NOT NULL,
                protected_data  TEXT    NOT NULL,
                hint            TEXT    NOT NULL,
                created_at      INTEGER NOT NULL
            );
            """),
        new(8, "idempotency fingerprints", """
            -- What a key was first given with, so that a repeat of that request can be answered again (the first
            -- request's id and a SHA-256 of its method and body) and another request reusing the key refused.
            -- Keys stored before this step have neither; the host then reads them from the key's event.
            ALTER TABLE idempotency_keys ADD COLUMN request_id TEXT;
            ALTER TABLE idempotency_keys ADD COLUMN fingerprint BLOB;
            """),
        new(9, "run numbers", """
            -- Each run gets a number that people and integer-typed receivers (Dograh's workflow_run_id) can use.
            -- Existing runs are numbered in creation order; run_numbers holds the last number given, so that a
            -- number is never given twice, even after the run that had it is purged.
            ALTER TABLE runs ADD COLUMN number INTEGER;
            UPDATE runs SET number = ordered.n
            FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM runs) AS ordered
            WHERE runs.id = ordered.id;
            CREATE UNIQUE INDEX runs_number ON runs (number);
            CREATE TABLE run_numbers (
                id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                last  INTEGER NOT NULL
            );
            INSERT INTO run_numbers (id, last) SELECT 1, COALESCE(MAX(number), 0) FROM runs;
            """),
        new(10, "management queries", """
            -- The management API lists events, runs and deliveries newest first across hooks and destinations,
            -- and an event's deliveries; each page is one range scan of these.
            CREATE INDEX events_received ON events (received_at, id);
            CREATE INDEX runs_created ON runs (created_at, id);
            CREATE INDEX deliveries_created ON deliveries (created_at, id);
            CREATE INDEX deliveries_event_id ON deliveries (event_id);
            """),
        new(11, "retention indexes", """
            -- Retention purges (StoreHousekeeping) delete the oldest finished rows a small batch at a time: the
            -- partial indexes hold only finished runs and deliveries, so a batch seeks its rows rather than
            -- walking the queue. An event goes only once nothing refers to it; the event_id indexes make that
            -- check a seek (events_received and deliveries_event_id come from the management queries' step).
            CREATE INDEX runs_finished ON runs (created_at) WHERE status IN ('succeeded', 'failed');
            CREATE INDEX deliveries_finished ON deliveries (created_at) WHERE status IN ('success', 'failed');
            CREATE INDEX idempotency_keys_event_id ON idempotency_keys (event_id);
            """),
        new(12, "event feed", """
            -- The order events were committed in, for relays (the NATS bus) that read "every event after the last
            -- one I sent". One writer commits in insert order, so an AUTOINCREMENT number, given by a trigger so that
            -- no insert can forget it, is that order and is never reused. Existing events are numbered first, oldest
            -- first. feed_cursors holds each relay's last position.
            CREATE TABLE event_feed (
                seq       INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                event_id  TEXT    NOT NULL
            );
            INSERT INTO event_feed (event_id) SELECT id FROM events ORDER BY received_at, id;
            CREATE TRIGGER events_to_feed AFTER INSERT ON events BEGIN
                INSERT INTO event_feed (event_id) VALUES (NEW.id);
            END;
            CREATE TABLE feed_cursors (
                name      TEXT    NOT NULL PRIMARY KEY,
                epoch     INTEGER NOT NULL,
                seq       INTEGER NOT NULL
            );
            """),
        new(13, "run re-runs", """
            -- A run queued again by an operator (POST /api/v1/runs/{id}/rerun) is a new run linked to the one it
            -- repeats; an original's detail lists its re-runs through the partial index (most runs are no re-run).
            ALTER TABLE runs ADD COLUMN rerun_of TEXT;
            CREATE INDEX runs_rerun_of ON runs (rerun_of) WHERE rerun_of IS NOT NULL;
            """),
    ];
}
