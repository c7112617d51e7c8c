-- mfa.recovery-codes.storage=hashed keeps a recovery code as a keyed hash with a salt of its
-- own, under the id that the code starts with: the id finds the one row an attempt can match,
-- and nothing in the row reads back as the code. Encrypted rows keep their ciphertext and
-- have no id.
alter table mfa_recovery_code modify code_ciphertext varchar(255) null;
alter table mfa_recovery_code
    add column code_id varchar(8),
    add column code_salt varchar(32),
    add column code_hash varchar(64),
    add constraint ck_mfa_recovery_code_stored
        check (code_ciphertext is not null or (code_id is not null and code_salt is not null and code_hash is not null));

create unique index uk_mfa_recovery_code_code_id on mfa_recovery_code (authenticator_id, code_id);
