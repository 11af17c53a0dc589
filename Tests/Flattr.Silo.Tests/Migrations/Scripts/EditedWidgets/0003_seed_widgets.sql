INSERT INTO widgets (id, name, colour) VALUES (1, 'sprocket', 'blue');
