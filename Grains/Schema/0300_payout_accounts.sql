-- Creators' payouts: where the money goes (one payout account per user, IBAN and holder), and the provider's lifecycle
-- requested -> sent -> paid | failed. A payout keeps the IBAN and holder it was sent to, whatever the account says later.

CREATE TABLE payout_accounts (
    user_id     bigint      PRIMARY KEY REFERENCES users (id),
    -- Normalised (upper case, no spaces); the application checks the country's length and the ISO 13616 checksum.
    iban        text        NOT NULL CONSTRAINT payout_accounts_iban_shape CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    holder_name text        NOT NULL CONSTRAINT payout_accounts_holder_length CHECK (length(holder_name) BETWEEN 1 AND 140),
    updated_at  timestamptz NOT NULL
);

ALTER TABLE payouts
    ADD COLUMN iban        text        NULL CONSTRAINT payouts_iban_shape CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    ADD COLUMN holder_name text        NULL CONSTRAINT payouts_holder_length CHECK (length(holder_name) BETWEEN 1 AND 140),
    ADD COLUMN sent_at     timestamptz NULL;

ALTER TABLE payouts DROP CONSTRAINT payouts_status_check;
ALTER TABLE payouts ADD CONSTRAINT payouts_status_check CHECK (status IN ('requested', 'sent', 'paid', 'failed'));
ALTER TABLE payouts DROP CONSTRAINT payouts_completed_iff_final;
ALTER TABLE payouts ADD CONSTRAINT payouts_completed_iff_final CHECK ((status IN ('requested', 'sent')) = (completed_at IS NULL));
ALTER TABLE payouts ADD CONSTRAINT payouts_sent_at_when_sent CHECK (status <> 'sent' OR sent_at IS NOT NULL);

-- requested -> sent | paid | failed, sent -> paid | failed; nothing else about a payout ever changes but sent_at on sending.
CREATE OR REPLACE FUNCTION payouts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR NOT ((OLD.status = 'requested' AND NEW.status IN ('sent', 'paid', 'failed'))
               OR (OLD.status = 'sent' AND NEW.status IN ('paid', 'failed')))
       OR NEW.id <> OLD.id OR NEW.user_id <> OLD.user_id OR NEW.amount_cents <> OLD.amount_cents
       OR NEW.requested_at <> OLD.requested_at
       OR NEW.iban IS DISTINCT FROM OLD.iban OR NEW.holder_name IS DISTINCT FROM OLD.holder_name
       OR (OLD.sent_at IS NOT NULL AND NEW.sent_at IS DISTINCT FROM OLD.sent_at) THEN
        RAISE EXCEPTION 'payout % can only move from requested to sent, paid or failed, or from sent to paid or failed', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payouts_guard';
    END IF;
    RETURN NEW;
END
$$;
