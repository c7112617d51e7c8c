-- Spring Security's JdbcUserDetailsManager schema (users.ddl), in SQL that H2 and
-- PostgreSQL both accept: varchar instead of H2's varchar_ignorecase.
create table users (
	username varchar(64) not null primary key,
	password varchar(500) not null,
	enabled boolean not null
);

create table authorities (
	username varchar(64) not null,
	authority varchar(50) not null,
	constraint fk_authorities_users foreign key (username) references users (username)
);

create unique index ix_auth_username on authorities (username, authority);
