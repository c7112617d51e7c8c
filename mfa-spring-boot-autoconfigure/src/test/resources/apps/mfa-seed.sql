insert into mfa_ephemeral_token (id, user_id, expires_at) values ('seeded', 'alice', timestamp with time zone '2099-01-01 00:00:00+00');
