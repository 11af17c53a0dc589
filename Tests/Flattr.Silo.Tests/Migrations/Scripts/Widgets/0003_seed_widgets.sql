INSERT INTO widgets (id, name, colour) VALUES (1, 'sprocket', 'red'), (2, 'gear', NULL);
