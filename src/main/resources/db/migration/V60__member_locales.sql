-- The language of each member's Discord client as their last interaction reported it (a Discord
-- locale such as 'de' or 'pt-BR'), so messages sent with no interaction at hand (the expiry
-- reminder, the DM after a login finished in the browser) are in it. Not tied to a link: a member
-- who has not linked yet has one too. Forgetting a member (/unlink) deletes it with the rest.
CREATE TABLE member_locales (
    discord_user_id VARCHAR(32) NOT NULL PRIMARY KEY,
    locale          VARCHAR(35) NOT NULL
);
