-- How a person wants notification mails: each one at once ('immediate', as before), or one digest a day
-- at 07:00 Amsterdam time ('daily'). A notification row records when it went out by mail: a daily
-- reader's rows wait (mailed_at null) until the digest takes them, all in one transaction, so a row is
-- never mailed twice nor lost.

alter table users add column mail_frequency text not null default 'immediate'
  check (mail_frequency in ('immediate', 'daily'));
-- The moment the person's last digest went out: at most one per day.
alter table users add column last_digest_at timestamptz;

alter table notifications add column mailed_at timestamptz;
-- Every notification so far went out by mail at once.
update notifications set mailed_at = created_at;
create index notifications_unmailed_idx on notifications (user_id, id) where mailed_at is null;
