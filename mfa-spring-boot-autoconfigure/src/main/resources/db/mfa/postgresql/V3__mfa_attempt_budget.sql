-- An ephemeral token is bound to the count of codes its authenticator had accepted when the
-- token was issued: the next accepted code spends it, in the update that accepts the code,
-- so the token needs no row of its own.
alter table mfa_authenticator add column accepted_codes bigint not null default 0;

drop table mfa_ephemeral_token;
