-- Search and browse support for things: a weighted full-text document (title and tags weigh more than the
-- description) kept by the database itself, and indexes for the public listings.
-- The 'simple' configuration: things are in many languages, so no single stemmer is right for all of them.

CREATE FUNCTION things_search_document(title text, description text, tags text[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, description), 'B')
$$;

ALTER TABLE things
    ADD COLUMN search tsvector GENERATED ALWAYS AS (things_search_document(title, description, tags)) STORED;

CREATE INDEX things_search_idx ON things USING gin (search);

-- Public listings never show hidden or deleted things.
CREATE INDEX things_listed_idx ON things (category, language, created_at DESC) WHERE status = 'active' AND NOT hidden;
CREATE INDEX things_listed_created_idx ON things (created_at DESC) WHERE status = 'active' AND NOT hidden;
