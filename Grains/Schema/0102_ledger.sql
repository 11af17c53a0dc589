-- The double-entry, append-only ledger. Sign convention: a user account's balance is what Flattr owes
-- that user (never negative). Deposit D with fee F: clearing -D, fees +F, user +(D-F). Settlement of a
-- giver spending S: user -S, each clicked thing's owner +share (or charity +S). Payout P: user -P, payouts +P.

CREATE TABLE accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text   NOT NULL CHECK (kind IN ('user', 'clearing', 'fees', 'charity', 'payouts')),
    user_id       bigint NULL UNIQUE REFERENCES users (id),
    balance_cents bigint NOT NULL DEFAULT 0,
    CONSTRAINT accounts_user_iff_kind_user CHECK ((kind = 'user') = (user_id IS NOT NULL)),
    CONSTRAINT accounts_user_balance_not_negative CHECK (kind <> 'user' OR balance_cents >= 0)
);

CREATE UNIQUE INDEX accounts_one_per_system_kind ON accounts (kind) WHERE kind <> 'user';

INSERT INTO accounts (kind) VALUES ('clearing'), ('fees'), ('charity'), ('payouts');
INSERT INTO accounts (kind, user_id) SELECT 'user', id FROM users ORDER BY id;

-- Every user has exactly one account from the moment they exist.
CREATE FUNCTION users_open_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO accounts (kind, user_id) SELECT 'user', id FROM new_users ORDER BY id;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_open_account AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION users_open_account();

CREATE TABLE ledger_transactions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('deposit', 'settlement', 'charity', 'payout', 'payout_reversal')),
    idempotency_key text        NOT NULL CONSTRAINT ledger_transactions_idempotency_key UNIQUE
                                CHECK (length(idempotency_key) BETWEEN 1 AND 300),
    month           date        NULL CHECK (extract(day FROM month) = 1),
    -- The user the transaction is about (depositor, giver, payee): statements are read by it.
    user_id         bigint      NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ledger_transactions_user_month_idx ON ledger_transactions (user_id, month);

CREATE TABLE ledger_entries (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id bigint NOT NULL REFERENCES ledger_transactions (id),
    account_id     bigint NOT NULL REFERENCES accounts (id),
    amount_cents   bigint NOT NULL CONSTRAINT ledger_entries_amount_not_zero CHECK (amount_cents <> 0),
    -- The thing a settlement share pays for (creators' statements per thing).
    thing_id       bigint NULL
);

CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id);

-- All of a transaction's entries are inserted by one statement; the statement must balance each of its
-- transactions. The same trigger moves the stored balances, locking accounts in id order (no deadlocks);
-- the user balance CHECK then refuses any overdraft.
CREATE FUNCTION ledger_entries_post() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced bigint;
BEGIN
    SELECT transaction_id INTO unbalanced
    FROM new_entries GROUP BY transaction_id HAVING sum(amount_cents) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not sum to zero', unbalanced
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transaction_balanced';
    END IF;
    PERFORM 1 FROM accounts WHERE id IN (SELECT DISTINCT account_id FROM new_entries) ORDER BY id FOR NO KEY UPDATE;
    UPDATE accounts a SET balance_cents = a.balance_cents + d.delta
    FROM (SELECT account_id, sum(amount_cents) AS delta FROM new_entries GROUP BY account_id) d
    WHERE a.id = d.account_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER ledger_entries_post AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_post();

-- Append-only: corrections are new, reversing transactions.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed: the ledger is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_append_only';
END
$$;

CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- A balance only moves through the ledger (the posting trigger runs one trigger level down).
CREATE FUNCTION accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'accounts are never deleted'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_guard';
    END IF;
    IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.user_id IS DISTINCT FROM OLD.user_id
       OR (NEW.balance_cents <> OLD.balance_cents AND pg_trigger_depth() < 2) THEN
        RAISE EXCEPTION 'account % changes only through ledger entries', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_guard';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER accounts_guard BEFORE UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION accounts_guard();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Verified deposits from payment providers, exactly once per (provider, provider key).
CREATE TABLE deposits (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider       text        NOT NULL CHECK (provider ~ '^[a-z0-9_.-]{1,40}$'),
    provider_key   text        NOT NULL CHECK (length(provider_key) BETWEEN 1 AND 200),
    user_id        bigint      NOT NULL REFERENCES users (id),
    amount_cents   bigint      NOT NULL CONSTRAINT deposits_amount_positive CHECK (amount_cents > 0),
    fee_cents      bigint      NOT NULL CONSTRAINT deposits_fee_in_range CHECK (fee_cents >= 0 AND fee_cents < amount_cents),
    transaction_id bigint      NOT NULL UNIQUE REFERENCES ledger_transactions (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deposits_provider_key UNIQUE (provider, provider_key)
);

CREATE INDEX deposits_user_idx ON deposits (user_id);

CREATE TRIGGER deposits_append_only BEFORE UPDATE OR DELETE ON deposits
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Payouts: the request moves the money (transaction 'payout:<id>'); a failure is reversed by a new
-- transaction ('payout:<id>:reversal'). Status only moves requested -> paid | failed.
CREATE TABLE payouts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id),
    amount_cents   bigint      NOT NULL CONSTRAINT payouts_amount_positive CHECK (amount_cents > 0),
    status         text        NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'paid', 'failed')),
    failure_reason text        NULL CHECK (length(failure_reason) <= 500),
    requested_at   timestamptz NOT NULL,
    completed_at   timestamptz NULL,
    CONSTRAINT payouts_completed_iff_final CHECK ((status = 'requested') = (completed_at IS NULL))
);

CREATE INDEX payouts_user_idx ON payouts (user_id);

CREATE FUNCTION payouts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.status <> 'requested' OR NEW.status = 'requested'
       OR NEW.id <> OLD.id OR NEW.user_id <> OLD.user_id OR NEW.amount_cents <> OLD.amount_cents
       OR NEW.requested_at <> OLD.requested_at THEN
        RAISE EXCEPTION 'payout % can only move from requested to paid or failed', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payouts_guard';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER payouts_guard BEFORE UPDATE OR DELETE ON payouts FOR EACH ROW EXECUTE FUNCTION payouts_guard();
