CREATE TABLE gadget_parts (id bigint PRIMARY KEY);
INSERT INTO gadget_parts (id) VALUES (1), (1);
