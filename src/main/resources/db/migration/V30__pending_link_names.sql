-- The Discord name of the member who ran /link, so the callback page can say whose link it
-- completes: a login link forwarded to someone else then names the wrong person at a glance.
ALTER TABLE pending_links ADD COLUMN discord_name VARCHAR(100) NOT NULL DEFAULT '';
