import type { Database } from "better-sqlite3";

/**
 * Schema migrations, applied in order by `PRAGMA user_version`. Append only: a released
 * migration is never edited, because databases in the field already ran it.
 */
export const MIGRATIONS: ((db: Database) => void)[] = [
  // 1: users, their sessions, processed inbound ids, the conversation log, the outbox, audit.
  (db) =>
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        lang TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        reachable INTEGER NOT NULL DEFAULT 1,
        UNIQUE (channel, address)
      );
      CREATE TABLE sessions (
        user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        flow TEXT,
        node TEXT,
        mode TEXT NOT NULL DEFAULT 'bot',
        idle_deadline INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE inbound (
        channel TEXT NOT NULL,
        message_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (channel, message_id)
      ) WITHOUT ROWID;
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        kind TEXT NOT NULL,
        text TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_user ON messages (user_id, id);
      CREATE TABLE outbox (
        -- AUTOINCREMENT: an id is a message's ref, which staff reply to; never reuse one.
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        sent_at INTEGER,
        failed_at INTEGER,
        error TEXT,
        transient INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX outbox_pending ON outbox (channel, next_attempt_at)
        WHERE sent_at IS NULL AND failed_at IS NULL;
      CREATE INDEX outbox_queue ON outbox (channel, address, id)
        WHERE sent_at IS NULL AND failed_at IS NULL;
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        data TEXT
      );
    `),
  // 2: cases for staff, their history, and attachments.
  (db) =>
    db.exec(`
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ref TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        category TEXT NOT NULL,
        priority TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new',
        user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
        reporter_channel TEXT,
        reporter_address TEXT,
        reporter_lang TEXT,
        flow TEXT,
        answers TEXT NOT NULL,
        personal TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        first_response_at INTEGER,
        resolved_at INTEGER,
        assignee TEXT,
        office TEXT
      );
      CREATE INDEX cases_user ON cases (user_id);
      CREATE INDEX cases_open ON cases (status, priority, created_at);
      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX case_events_case ON case_events (case_id, id);
      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        case_id INTEGER REFERENCES cases (id) ON DELETE CASCADE,
        user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        mime TEXT,
        size INTEGER,
        file_id TEXT,
        path TEXT,
        caption TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX attachments_case ON attachments (case_id);
      ALTER TABLE outbox ADD COLUMN case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL;
    `),
  // 3: the staff desk — channel message ids (to map staff replies), reminders, small settings.
  (db) =>
    db.exec(`
      ALTER TABLE outbox ADD COLUMN channel_message_id TEXT;
      CREATE INDEX outbox_channel_message ON outbox (channel, address, channel_message_id)
        WHERE channel_message_id IS NOT NULL;
      ALTER TABLE cases ADD COLUMN reminded_at INTEGER;
      ALTER TABLE cases ADD COLUMN reminders INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `),
  // 4: WhatsApp: the linked device's auth state (creds and Signal keys), who is who (a person
  // may write from a phone-number JID or a LID), and what we sent (for the library's retries).
  (db) =>
    db.exec(`
      CREATE TABLE wa_auth_creds (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        creds TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE wa_auth_keys (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (type, id)
      ) WITHOUT ROWID;
      CREATE TABLE wa_identities (
        -- AUTOINCREMENT: the id is the person's address (wa:<id>); never give it to someone else.
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lid TEXT UNIQUE,
        pn TEXT UNIQUE,
        reply_jid TEXT NOT NULL,
        push_name TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
      CREATE TABLE wa_sent (
        message_id TEXT PRIMARY KEY,
        address TEXT NOT NULL,
        jid TEXT NOT NULL,
        ref INTEGER,
        message TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX wa_sent_address ON wa_sent (address);
      CREATE INDEX wa_sent_created ON wa_sent (created_at);
    `),
  // 5: the staff web console (one-time sign-in links and sessions, both stored hashed), the web
  // chat's transcript per browser, and anonymous per-day counters of questions asked and answered.
  (db) =>
    db.exec(`
      CREATE TABLE console_links (
        token_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      ) WITHOUT ROWID;
      CREATE TABLE console_sessions (
        id_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        name TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE web_chat (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        address TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX web_chat_address ON web_chat (address, id);
      CREATE TABLE flow_stats (
        day INTEGER NOT NULL,
        flow TEXT NOT NULL,
        node TEXT NOT NULL,
        reached INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        entries INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, flow, node)
      ) WITHOUT ROWID;
    `),
  // 6: outreach sources (events, posters, village groups …) with their entry codes; which source
  // brought a user (deleted with the user); anonymous per-week counters per source. `UMUM` is
  // the general source the `share` flow hands out.
  (db) =>
    db.exec(`
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        held_on TEXT,
        lang TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE TABLE user_sources (
        user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        week INTEGER NOT NULL,
        lang TEXT NOT NULL,
        reached TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE source_counts (
        source_id INTEGER NOT NULL REFERENCES sources (id),
        week INTEGER NOT NULL,
        metric TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source_id, week, metric)
      ) WITHOUT ROWID;
      INSERT INTO sources (code, name, kind, place, lang, created_at, created_by)
        VALUES ('UMUM', 'Umum: pesan berantai dari tokoh masyarakat', 'other', '', 'id', 0, 'system');
    `),
];

/**
 * Brings a database to the latest schema. All pending migrations run in one transaction: an
 * upgrade that skipped releases either completes or, if any step throws, leaves the database at
 * the version it had, data and all.
 */
export function migrate(db: Database, upTo = MIGRATIONS.length): void {
  const start = db.pragma("user_version", { simple: true }) as number;
  if (start > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${start} is newer than this program (${MIGRATIONS.length}); upgrade the program`,
    );
  }
  if (start >= upTo) return;
  db.transaction(() => {
    for (let version = start; version < upTo; version++) {
      const migration = MIGRATIONS[version] as (db: Database) => void;
      migration(db);
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}
