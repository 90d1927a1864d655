-- Which write of a member's link a reader saw: refreshed tokens are written only over the version
-- that was read, so a refresh racing an unlink, a relink or another instance's refresh changes
-- nothing. A new link gets an unpredictable version (never one a stale reader could hold), a
-- refresh the next one. Existing rows start at 0.
ALTER TABLE links ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
