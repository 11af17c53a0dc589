ALTER TABLE widgets ADD COLUMN colour text;
-- Several statements and a dollar-quoted body with semicolons in one script.
CREATE FUNCTION widget_label(w widgets) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN w.name || ' (' || coalesce(w.colour, 'plain') || ')';
END;
$$;
