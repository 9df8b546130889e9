"""The plan file: SQLAlchemy models, connection rules, migrations, backup and lock."""
