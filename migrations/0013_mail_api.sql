-- Mail may also go out through an HTTP mail API (the Workers deployment has no SMTP).
alter table mail_outbox drop constraint mail_outbox_delivered_via_check;
alter table mail_outbox add constraint mail_outbox_delivered_via_check
  check (delivered_via in ('smtp', 'api', 'outbox'));
