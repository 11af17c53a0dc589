-- Months and budgets: the calendar money is settled by, and what each giver means to spend per month.
-- A month is always the first day of the month (UTC).

CREATE TABLE months (
    month      date        PRIMARY KEY CONSTRAINT months_first_day CHECK (extract(day FROM month) = 1),
    status     text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settling', 'settled')),
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Settlement snapshots balances; two months settling at once would each spend the same balance.
CREATE UNIQUE INDEX months_one_settling ON months ((true)) WHERE status = 'settling';

-- A month only moves forward (open -> settling -> settled) and is never forgotten.
CREATE FUNCTION months_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'months are never deleted (month %)', OLD.month
            USING ERRCODE = 'check_violation', CONSTRAINT = 'months_forward_only';
    END IF;
    IF NEW.month <> OLD.month
       OR array_position(ARRAY['open', 'settling', 'settled'], NEW.status)
          < array_position(ARRAY['open', 'settling', 'settled'], OLD.status) THEN
        RAISE EXCEPTION 'month % cannot go from % back to %', OLD.month, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'months_forward_only';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER months_forward_only BEFORE UPDATE OR DELETE ON months
    FOR EACH ROW EXECUTE FUNCTION months_forward_only();

-- Budget of month M = the row with the greatest effective_month <= M; amount 0 means "paused".
-- The allowed range (2 EUR to 100 EUR by default) is configuration, checked by the application.
CREATE TABLE budgets (
    user_id         bigint      NOT NULL REFERENCES users (id),
    effective_month date        NOT NULL CONSTRAINT budgets_first_day CHECK (extract(day FROM effective_month) = 1),
    amount_cents    bigint      NOT NULL CONSTRAINT budgets_amount_not_negative CHECK (amount_cents >= 0),
    set_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, effective_month)
);
