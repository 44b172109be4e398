-- The development outbox shows a mail only to the secretariat of the table it concerns (and to its
-- recipient), so each kept mail records that table. Mails kept before this migration have none.

alter table mail_outbox add column table_id uuid references tables (id) on delete cascade;
create index mail_outbox_table_idx on mail_outbox (table_id, created_at desc);
create index mail_outbox_to_idx on mail_outbox (to_address, created_at desc);
