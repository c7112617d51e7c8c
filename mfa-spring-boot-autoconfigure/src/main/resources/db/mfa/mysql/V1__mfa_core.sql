create table mfa_authenticator (
    id bigint auto_increment primary key,
    user_id varchar(255) not null,
    type varchar(32) not null,
    secret_key_id varchar(32) not null,
    secret_ciphertext varchar(512) not null,
    last_used_step bigint,
    failed_attempts integer not null default 0,
    locked_until datetime(6),
    created_at datetime(6) not null,
    enabled_at datetime(6) not null,
    last_used_at datetime(6),
    constraint uk_mfa_authenticator_user_type unique (user_id, type)
) engine = InnoDB;

create table mfa_recovery_code (
    id bigint auto_increment primary key,
    authenticator_id bigint not null,
    key_id varchar(32) not null,
    code_ciphertext varchar(255) not null,
    created_at datetime(6) not null,
    used_at datetime(6),
    constraint fk_mfa_recovery_code_authenticator foreign key (authenticator_id)
        references mfa_authenticator (id) on delete cascade
) engine = InnoDB;

create index ix_mfa_recovery_code_authenticator on mfa_recovery_code (authenticator_id);

create table mfa_ephemeral_token (
    id varchar(64) primary key,
    user_id varchar(255) not null,
    expires_at datetime(6) not null,
    failed_attempts integer not null default 0,
    spent_at datetime(6)
) engine = InnoDB;

create index ix_mfa_ephemeral_token_expires on mfa_ephemeral_token (expires_at);
