-- A member's Spotify link: one row per Discord user. Times are epoch milliseconds (UTC).
CREATE TABLE links (
    discord_user_id   VARCHAR(32)  NOT NULL PRIMARY KEY,
    spotify_user_id   VARCHAR(255) NOT NULL,
    spotify_name      VARCHAR(255) NOT NULL,
    access_token      TEXT         NOT NULL,
    refresh_token     TEXT         NOT NULL,
    access_expires_at BIGINT       NOT NULL,
    linked_at         BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL
);

-- OAuth states of /link runs not yet completed. Only a hash of the state is kept, so the table
-- cannot be used to finish someone else's link.
CREATE TABLE pending_links (
    state_hash      VARCHAR(64) NOT NULL PRIMARY KEY,
    discord_user_id VARCHAR(32) NOT NULL,
    code_verifier   VARCHAR(128) NOT NULL,
    expires_at      BIGINT      NOT NULL
);

CREATE INDEX pending_links_user ON pending_links (discord_user_id);
CREATE INDEX pending_links_expiry ON pending_links (expires_at);
