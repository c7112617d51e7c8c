create table app_note (id bigint primary key, text varchar(255) not null);
