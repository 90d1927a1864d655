-- Facts about the store itself. 'key_check' holds a constant encrypted with the tokens' key, so
-- a start with another key fails before anything is read or written with it.
CREATE TABLE store_meta (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    value TEXT        NOT NULL
);

-- The 6-month expiry reminder sent for a link (identified by its linked_at): claimed before the
-- DM goes out, so each link gets exactly one reminder across restarts and instances. Rows only
-- exist for a linked member and go with the link.
CREATE TABLE expiry_reminders (
    discord_user_id VARCHAR(32) NOT NULL PRIMARY KEY
        REFERENCES links (discord_user_id) ON DELETE CASCADE,
    linked_at       BIGINT      NOT NULL,
    sent_at         BIGINT      NOT NULL
);

CREATE INDEX links_linked_at ON links (linked_at);
