-- A public deployment's login page names the member by display name and username, and its
-- Continue button binds the pending login to one browser: browser_hash is the SHA-256 (hex) of a
-- random nonce kept in that browser's cookie, NULL until Continue is pressed. The callback, on
-- whichever instance serves it, completes only for the browser whose cookie hashes to it.
ALTER TABLE pending_links ADD COLUMN discord_handle VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE pending_links ADD COLUMN browser_hash VARCHAR(64);
