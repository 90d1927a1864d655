-- Where each member is in their no-repeat walk through their Liked Songs: the walk is a
-- permutation of [0, total) chosen by seed, and next_position says how much of it was shown.
-- Deleted with the member's link.
CREATE TABLE shuffles (
    discord_user_id VARCHAR(32) NOT NULL PRIMARY KEY
        REFERENCES links (discord_user_id) ON DELETE CASCADE,
    seed            BIGINT      NOT NULL,
    total           INTEGER     NOT NULL,
    next_position   INTEGER     NOT NULL
);
