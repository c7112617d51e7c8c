create table mfa_refresh_token (
    id varchar(64) primary key,
    family_id varchar(64) not null,
    user_id varchar(255) not null,
    issued_at datetime(6) not null,
    expires_at datetime(6) not null,
    spent_at datetime(6),
    revoked_at datetime(6)
) engine = InnoDB;

create index ix_mfa_refresh_token_family on mfa_refresh_token (family_id);
create index ix_mfa_refresh_token_user on mfa_refresh_token (user_id);
create index ix_mfa_refresh_token_expires on mfa_refresh_token (expires_at);
