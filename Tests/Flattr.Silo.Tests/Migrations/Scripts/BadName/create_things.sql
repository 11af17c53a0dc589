CREATE TABLE things (id bigint);
