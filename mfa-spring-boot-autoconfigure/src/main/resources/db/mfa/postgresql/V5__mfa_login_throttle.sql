-- The throttle of the password step (mfa.login.throttle): the failed passwords of each account
-- and each client address, until the end of their window. The key is a keyed hash: the table
-- holds no username and no address.
create table mfa_login_throttle (
    throttle_key varchar(80) primary key,
    failures integer not null,
    expires_at timestamp(6) with time zone not null
);

create index ix_mfa_login_throttle_expires on mfa_login_throttle (expires_at);
