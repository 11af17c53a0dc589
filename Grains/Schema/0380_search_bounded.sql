-- Search that answers quickly however common the words are (ThingSearchSql): creators are found by the words of their names
-- through an index of their own, the typo look-ups become a fallback for when the words match few things, and a word of one
-- or two letters matches only as a whole word (as a prefix it would match most of the things).

-- A creator's name as words ('simple': names are not stemmed), for "maya" finding Maya Lopez's things.
CREATE INDEX users_name_words_idx ON users USING gin (to_tsvector('simple'::regconfig, username || ' ' || display_name));

-- Searches read these indexes far more often than things are registered or renamed: each insert goes straight into the index,
-- not into a pending list that every search would then have to scan until the next vacuum.
ALTER INDEX things_search_idx SET (fastupdate = off);
ALTER INDEX things_title_trgm_idx SET (fastupdate = off);
ALTER INDEX users_name_trgm_idx SET (fastupdate = off);
ALTER INDEX users_name_words_idx SET (fastupdate = off);

-- The forms a typed word is looked for as: itself, and its English, French and German stems.
CREATE FUNCTION things_search_forms(word text) RETURNS SETOF text
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT word
    UNION SELECT unnest(ts_lexize('english_stem'::regdictionary, word))
    UNION SELECT unnest(ts_lexize('french_stem'::regdictionary, word))
    UNION SELECT unnest(ts_lexize('german_stem'::regdictionary, word))
$$;

-- As in 0370, but a word shorter than three letters matches only itself ("a", "de", "im" as prefixes would match most
-- things, and reading that many index entries costs more than any answer is worth).
CREATE OR REPLACE FUNCTION things_search_query(typed text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('simple'::regconfig, coalesce(string_agg(alternatives, ' & '), ''))
    FROM (
        SELECT '(' || string_agg(DISTINCT '''' || replace(replace(form, '\', '\\'), '''', '''''') || ''''
            || CASE WHEN char_length(word) >= 3 THEN ':*' ELSE '' END, ' | ') || ')' AS alternatives
        FROM (
            SELECT word FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, left(typed, 200)))) AS typed_words(word) LIMIT 8
        ) AS words
        CROSS JOIN LATERAL things_search_forms(word) AS forms(form)
        GROUP BY word
    ) AS per_word
$$;

-- A typo that swaps two neighbouring letters ("brids", "teh") keeps few of a short word's trigrams, so pg_trgm's likeness
-- misses it: when the words match few things, the search also tries each typed word with two neighbouring letters swapped,
-- as a whole word, as written or stemmed. Every word still has to match, itself (as in things_search_query) or swapped.
CREATE FUNCTION things_search_swapped_query(typed text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('simple'::regconfig, coalesce(string_agg(alternatives, ' & '), ''))
    FROM (
        SELECT '(' || string_agg(DISTINCT '''' || replace(replace(form, '\', '\\'), '''', '''''') || ''''
            || CASE WHEN typed_as_is AND char_length(word) >= 3 THEN ':*' ELSE '' END, ' | ') || ')' AS alternatives
        FROM (
            SELECT word FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, left(typed, 200)))) AS typed_words(word) LIMIT 8
        ) AS words
        CROSS JOIN LATERAL (
            SELECT word, true
            UNION SELECT left(word, i - 1) || substr(word, i + 1, 1) || substr(word, i, 1) || substr(word, i + 2), false
            FROM generate_series(1, char_length(word) - 1) AS i
        ) AS variants(variant, typed_as_is)
        CROSS JOIN LATERAL things_search_forms(variant) AS forms(form)
        GROUP BY word
    ) AS per_word
$$;
