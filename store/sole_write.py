"""The mark of a unit's only write, in a statement's text (a comment SQLAlchemy renders with
`prefix_with`): the unit writes nothing else, before or after it. On PostgreSQL such a
statement runs without BEGIN and COMMIT (store/pg_lazy_begin.py); elsewhere it is a comment.
Here, not in pg_lazy_begin, so that marking a statement does not import the PostgreSQL dialect."""

SOLE_WRITE = "/* sole write */"
