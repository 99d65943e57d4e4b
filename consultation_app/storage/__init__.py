"""The only package that speaks SQL: connection, pragmas, migrations, queries."""
