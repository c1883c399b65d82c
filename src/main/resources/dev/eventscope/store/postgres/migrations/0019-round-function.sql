-- SQLite's round(X, DIGITS) of a REAL. PostgreSQL rounds only numeric values to digits; with this,
-- SQL written for a SQLite store (round(sum(total), 2) over a read model) runs unchanged here.
CREATE FUNCTION round(double precision, integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS 'SELECT pg_catalog.round($1::numeric, $2)::double precision'
